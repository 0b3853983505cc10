import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachBackend } from '../../../test/backends.ts';
import { createTicket, withDefaultConfiguration } from '../../../test/factories.ts';
import { givePersonalData, person } from '../../../test/personal-data.ts';
import { type BlobStore, createBlobStore } from '../../storage/blob-store.ts';
import { cliActor, recordAudit } from '../audit/record-audit.ts';
import { recordFailure } from '../sessions/login-throttle.ts';
import { erasePerson } from './erase-person.ts';
import { exportPerson } from './export-person.ts';
import { findPerson } from './find-person.ts';
import { findBlobTraces, findTraces } from './find-traces.ts';
import { parsePersonQuery } from './person-query.ts';

describe('parsePersonQuery', () => {
  it('recognises addresses and trims terms', () => {
    expect(parsePersonQuery('  Jean.Dupont@Example.ORG ')).toEqual({
      kind: 'email',
      term: 'jean.dupont@example.org',
    });
    expect(parsePersonQuery("  O'Brien   Zoé ")).toEqual({ kind: 'text', term: "O'Brien Zoé" });
    expect(parsePersonQuery('"weird"@[127.0.0.1]').kind).toBe('email');
  });
  it('refuses empty, short, huge, control characters and non-strings', () => {
    for (const bad of [
      '',
      '  a ',
      'x'.repeat(321),
      'ab\u0000cd',
      'ab\u0007cd',
      42,
      null,
      {},
      ['a'],
    ])
      expect(() => parsePersonQuery(bad)).toThrow(
        expect.objectContaining({ code: 'invalid_input' }),
      );
  });
});

describeEachBackend('a person: find, export, erase', (ctx) => {
  let blobs: BlobStore;
  let mailboxes: Record<string, string>;
  beforeAll(async () => {
    blobs = createBlobStore(path.join(await mkdtemp(path.join(os.tmpdir(), 'guichet-pp-')), 'b'));
    mailboxes = await withDefaultConfiguration(ctx.db);
  });

  const ticketOf = (slug: string, at = new Date('2024-03-01T10:00:00Z')) =>
    createTicket(ctx.db, { mailboxId: mailboxes[slug] ?? '', createdAt: at, status: 'closed' });

  it('finds a person by address, name and phone, with the reasons', async () => {
    const who = person('find');
    const own = await ticketOf('demandeurs');
    await givePersonalData(ctx.db, blobs, own, who);
    const byEmail = await findPerson(ctx.db, parsePersonQuery(who.email.toUpperCase()));
    expect(byEmail.contacts.map((c) => c.email)).toEqual([who.email]);
    expect(byEmail.tickets.map((t) => t.id)).toEqual([own]);
    expect(byEmail.tickets[0]?.reasons).toEqual(
      expect.arrayContaining(['address', 'author', 'body', 'contact', 'import']),
    );
    expect(byEmail.elsewhere.outbox).toBe(1);
    const byName = await findPerson(ctx.db, parsePersonQuery(who.name.toLowerCase()));
    expect(byName.tickets.map((t) => t.id)).toEqual([own]);
    expect(byName.tickets[0]?.reasons).toEqual(
      expect.arrayContaining(['attachment', 'subject', 'contact']),
    );
    const byPhone = await findPerson(ctx.db, parsePersonQuery(who.phone.replace(/ /g, '.')));
    expect(byPhone.contacts.map((c) => c.email)).toEqual([who.email]);
    // SQL-ish and wildcard terms are plain text
    for (const odd of ["' or 1=1 --", '%%%', '___', "x'); drop table tickets; --", '\\\\%'])
      expect((await findPerson(ctx.db, parsePersonQuery(odd))).tickets).toEqual([]);
    expect(
      await ctx.db.selectFrom('tickets').select('id').where('id', '=', own).execute(),
    ).toHaveLength(1);
  });

  it('exports the person as one zip of JSON and attachments, sensitive numbers masked', async () => {
    const who = person('export');
    const own = await ticketOf('partenaires');
    await givePersonalData(ctx.db, blobs, own, who);
    await ctx.db
      .updateTable('messages')
      .set({ body_text: `NIR 2 69 05 49 588 157 80 de ${who.name}` })
      .where('ticket_id', '=', own)
      .where('kind', '=', 'customer')
      .where('author_contact_id', 'is', null)
      .execute();
    const result = await exportPerson(ctx.db, blobs, parsePersonQuery(who.email), {
      requestedBy: 'la personne, courrier du 3 mars',
      actor: cliActor,
    });
    expect(result.tickets).toBe(1);
    expect(result.attachments).toBe(1);
    const zip = await JSZip.loadAsync(result.zip);
    const names = Object.keys(zip.files).filter((n) => !zip.files[n]?.dir);
    expect(names).toHaveLength(2);
    const json = JSON.parse((await zip.file('person.json')?.async('string')) ?? '{}');
    expect(json.contacts[0].email).toBe(who.email);
    const messages = json.tickets[0].messages;
    expect(messages.map((m: { bodyText: string }) => m.bodyText).join('\n')).toContain(who.phone);
    const masked = messages.find((m: { sensitiveKinds: string[] }) => m.sensitiveKinds.length > 0);
    expect(masked.sensitiveKinds).toEqual(['nir']);
    expect(masked.bodyText).not.toContain('588 157');
    const attachment = names.find((n) => n.startsWith('attachments/'));
    expect(await zip.file(attachment ?? '')?.async('string')).toContain(who.email);
    const request = await ctx.db
      .selectFrom('privacy_requests')
      .select(['kind', 'requested_by', 'summary'])
      .where('kind', '=', 'export')
      .executeTakeFirstOrThrow();
    expect(request.requested_by).toBe('la personne, courrier du 3 mars');
    expect(JSON.stringify(request)).not.toContain(who.email);
  });

  it('erases every copy: nothing left in any column of any table, nor in the file store', async () => {
    const who = person('erase');
    const other = person('other');
    const own = [await ticketOf('demandeurs'), await ticketOf('partenaires')];
    for (const id of own) await givePersonalData(ctx.db, blobs, id, who);
    // someone else's ticket copying and quoting them, with a raw mail naming them
    const theirs = await ticketOf('demandeurs', new Date());
    await givePersonalData(ctx.db, blobs, theirs, other);
    const quoted = await blobs.put(
      Buffer.from(`Cc: ${who.email.toUpperCase()}\r\n\r\nvoir ${who.email}`),
    );
    await ctx.db
      .updateTable('messages')
      .set({
        cc_addresses: [who.email],
        body_text: `Voir aussi ${who.email}.`,
        raw_sha256: quoted.sha256,
      })
      .where('ticket_id', '=', theirs)
      .where('from_address', '=', other.email)
      .execute();
    // a failed login with their address, throttling, an audit detail, a dead letter
    await recordAudit(ctx.db, { action: 'auth.login_failed', actorLabel: who.email });
    await recordAudit(ctx.db, { action: 'test.note', details: { about: `Rappeler ${who.email}` } });
    await recordFailure(ctx.db, [`account:${who.email}`]);
    const dead = await blobs.put(Buffer.from(`From: <${who.email}>\r\n\r\nbroken`));
    await ctx.db
      .insertInto('dead_letters')
      .values({ raw_sha256: dead.sha256, source: 'smtp', reason: 'parse error' })
      .execute();

    const before = await findTraces(ctx.db, who.email);
    const tables = new Set(before.map((t) => t.table));
    for (const table of [
      'contacts',
      'messages',
      'ratings',
      'outbox',
      'audit_events',
      'import_records',
      'login_throttle',
    ])
      expect(tables).toContain(table);
    expect((await findBlobTraces(blobs, who.email)).length).toBeGreaterThanOrEqual(4);

    const result = await erasePerson(ctx.db, blobs, parsePersonQuery(who.email), {
      requestedBy: `Demande écrite de ${who.email}`,
      actor: cliActor,
    });
    expect(result.tickets).toBe(3);
    expect(result.deadLetters).toBe(1);
    expect(result.remaining).toEqual([]);
    expect(await findTraces(ctx.db, who.email)).toEqual([]);
    expect(await findBlobTraces(blobs, who.email)).toEqual([]);
    // their own tickets are anonymised; the other person's ticket keeps its owner, minus the mention
    const rows = await ctx.db
      .selectFrom('tickets')
      .select(['id', 'anonymised_at', 'subject'])
      .where('id', 'in', [...own, theirs])
      .orderBy('id')
      .execute();
    expect(rows.slice(0, 2).every((r) => r.anonymised_at !== null && r.subject === '')).toBe(true);
    // the other ticket cc'd them: it is anonymised as well (it is about them too)
    expect(await findTraces(ctx.db, other.email)).toEqual([]);
    const request = await ctx.db
      .selectFrom('privacy_requests')
      .select(['requested_by', 'performed_label'])
      .where('id', '=', result.requestId)
      .executeTakeFirstOrThrow();
    expect(request).toEqual({ requested_by: 'Demande écrite de [effacé]', performed_label: 'cli' });
    const audit = await ctx.db
      .selectFrom('audit_events')
      .select('action')
      .where('target_id', '=', result.requestId)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['privacy.person_erase']);
  });
});
