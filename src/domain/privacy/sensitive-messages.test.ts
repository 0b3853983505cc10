import { describe, expect, it } from 'vitest';
import { describeEachBackend } from '../../../test/backends.ts';
import { createTicket } from '../../../test/factories.ts';
import { makeUser } from '../../../test/http.ts';
import { inboundDeps, mailMailbox, plainMail, uniqueId } from '../../../test/mail.ts';
import { ingestMail } from '../../mail/inbound/ingest-mail.ts';
import { cliActor } from '../audit/record-audit.ts';
import { addNote } from '../tickets/add-note.ts';
import { documentKindOf, listFlaggedAttachments } from './identity-documents.ts';
import { purgeAttachment } from './purge-attachment.ts';
import { flagSensitiveMessages, sensitiveKindsOf } from './sensitive-kinds.ts';

// valid keys: NIR 2 69 05 49 588 157 80 (key 80), IBAN FR76 3000 6000 0112 3456 7890 189
const nir = '2 69 05 49 588 157 80';
const iban = 'FR76 3000 6000 0112 3456 7890 189';

describe('sensitiveKindsOf', () => {
  it('finds NIRs and IBANs with valid keys in text, HTML and subjects', () => {
    expect(sensitiveKindsOf({ text: `mon numéro ${nir}` })).toEqual(['nir']);
    expect(sensitiveKindsOf({ html: `<p>IBAN&nbsp;: <b>${iban}</b></p>` })).toEqual(['iban']);
    expect(sensitiveKindsOf({ subject: `NIR ${nir}`, text: iban })).toEqual(['iban', 'nir']);
    // wrong keys, phone numbers and a numéro unique are not sensitive numbers
    expect(
      sensitiveKindsOf({ text: '2 69 05 49 588 157 81 / 06 12 34 56 78 / 075012345678A' }),
    ).toEqual([]);
    expect(sensitiveKindsOf({ text: null, html: null })).toEqual([]);
    expect(sensitiveKindsOf({ text: '9'.repeat(200_000) })).toEqual([]);
  });
});

describe('documentKindOf', () => {
  it('flags identity and tax documents by name and type, accents and case ignored', () => {
    const cases: [string, string, string | null][] = [
      ["Carte_d'Identité recto.pdf", 'application/pdf', 'identity'],
      ['scan CNI.jpg', 'image/jpeg', 'identity'],
      ['PASSEPORT-2021.png', 'image/png', 'identity'],
      ['titre de séjour.pdf', 'application/pdf', 'identity'],
      ["Avis d'imposition 2023.pdf", 'application/pdf', 'tax'],
      ['avis_impot.PDF', 'application/octet-stream', 'tax'],
      ['RIB.pdf', 'application/pdf', 'bank'],
      ['bulletin-de-salaire-mars.pdf', 'application/pdf', 'payslip'],
      ['fiche de paie.docx', 'application/vnd.openxmlformats-officedocument', 'payslip'],
      ['scribe.pdf', 'application/pdf', null],
      ['cnil-guide.pdf', 'application/pdf', null],
      ['RIB.ics', 'text/calendar', null],
      ['compte-rendu.pdf', 'application/pdf', null],
    ];
    for (const [name, type, kind] of cases)
      expect([name, documentKindOf(name, type)]).toEqual([name, kind]);
  });
});

describeEachBackend('sensitive data in messages and attachments', (ctx) => {
  it('flags inbound mail and notes holding a NIR or an IBAN, and backfills older messages', async () => {
    const { mailboxId, address } = await mailMailbox(ctx.db);
    const outcome = await ingestMail(await inboundDeps(ctx.db), {
      raw: plainMail({
        from: 'demandeur@example.org',
        to: address,
        subject: 'Mon dossier',
        messageId: uniqueId('nir'),
        body: `Bonjour, mon NIR est ${nir}.`,
      }),
      mailboxId,
      source: 'smtp',
    });
    expect(outcome).toMatchObject({ status: 'created' });
    const inbound = await ctx.db
      .selectFrom('messages')
      .select(['sensitive_kinds', 'ticket_id'])
      .where('from_address', '=', 'demandeur@example.org')
      .executeTakeFirstOrThrow();
    expect(inbound.sensitive_kinds).toEqual(['nir']);
    const { user } = await makeUser(ctx.database, 'agent');
    const note = await addNote(ctx.db, {
      ticketId: inbound.ticket_id,
      authorUserId: user.id,
      body: `IBAN du demandeur : ${iban}`,
    });
    const noteRow = await ctx.db
      .selectFrom('messages')
      .select('sensitive_kinds')
      .where('id', '=', note.messageId)
      .executeTakeFirstOrThrow();
    expect(noteRow.sensitive_kinds).toEqual(['iban']);
    // a message written before detection (an import) is flagged by the backfill
    const old = await createTicket(ctx.db, { mailboxId, createdAt: new Date('2021-01-01') });
    await ctx.db
      .updateTable('messages')
      .set({ body_text: `Ancien message ${nir}` })
      .where('ticket_id', '=', old)
      .execute();
    expect(await flagSensitiveMessages(ctx.db)).toBeGreaterThanOrEqual(1);
    const oldRow = await ctx.db
      .selectFrom('messages')
      .select('sensitive_kinds')
      .where('ticket_id', '=', old)
      .executeTakeFirstOrThrow();
    expect(oldRow.sensitive_kinds).toEqual(['nir']);
    expect(await flagSensitiveMessages(ctx.db)).toBe(0);
  });

  it('lists likely identity documents and purges one, blob and raw mail included, with a tombstone', async () => {
    const deps = await inboundDeps(ctx.db);
    const { mailboxId } = await mailMailbox(ctx.db);
    const ticket = await createTicket(ctx.db, { mailboxId, createdAt: new Date() });
    const message = await ctx.db
      .selectFrom('messages')
      .select('id')
      .where('ticket_id', '=', ticket)
      .executeTakeFirstOrThrow();
    const raw = await deps.blobs.put(Buffer.from('From: a@example.org\r\n\r\nraw with the scan'));
    const scan = await deps.blobs.put(Buffer.from('%PDF scan of an identity card'));
    const shared = await deps.blobs.put(Buffer.from('%PDF a form everybody sends'));
    await ctx.db
      .updateTable('messages')
      .set({ raw_sha256: raw.sha256 })
      .where('id', '=', message.id)
      .execute();
    const rows = await ctx.db
      .insertInto('attachments')
      .values([
        {
          ticket_id: ticket,
          message_id: message.id,
          filename: 'CNI recto-verso.pdf',
          content_type: 'application/pdf',
          size_bytes: 30,
          sha256: scan.sha256,
        },
        {
          ticket_id: ticket,
          message_id: message.id,
          filename: 'Passeport.pdf',
          content_type: 'application/pdf',
          size_bytes: 27,
          sha256: shared.sha256,
        },
        {
          ticket_id: ticket,
          message_id: message.id,
          filename: 'formulaire.pdf',
          content_type: 'application/pdf',
          size_bytes: 27,
          sha256: shared.sha256,
        },
      ])
      .returning(['id', 'filename'])
      .execute();
    const flagged = await listFlaggedAttachments(ctx.db);
    const mine = flagged.filter((f) => f.ticketId === ticket);
    expect(mine.map((f) => [f.filename, f.kind]).sort()).toEqual([
      ['CNI recto-verso.pdf', 'identity'],
      ['Passeport.pdf', 'identity'],
    ]);
    const cni = rows.find((r) => r.filename.startsWith('CNI'))?.id ?? '';
    const passport = rows.find((r) => r.filename === 'Passeport.pdf')?.id ?? '';
    expect(await purgeAttachment(ctx.db, deps.blobs, cni, cliActor)).toEqual({ blobsRemoved: 2 });
    expect(await deps.blobs.has(scan.sha256)).toBe(false);
    expect(await deps.blobs.has(raw.sha256)).toBe(false);
    // the passport's bytes are also the form's: the row goes, the blob stays
    expect(await purgeAttachment(ctx.db, deps.blobs, passport, cliActor)).toEqual({
      blobsRemoved: 0,
    });
    expect(await deps.blobs.has(shared.sha256)).toBe(true);
    const tombstones = await ctx.db
      .selectFrom('attachment_tombstones')
      .select(['id', 'document_kind', 'content_type'])
      .where('ticket_id', '=', ticket)
      .orderBy('size_bytes', 'desc')
      .execute();
    expect(tombstones).toEqual([
      { id: cni, document_kind: 'identity', content_type: 'application/pdf' },
      { id: passport, document_kind: 'identity', content_type: 'application/pdf' },
    ]);
    const audit = await ctx.db
      .selectFrom('audit_events')
      .select(['action', 'details'])
      .where('target_id', '=', cni)
      .executeTakeFirstOrThrow();
    expect(audit.action).toBe('privacy.attachment_purged');
    expect(JSON.stringify(audit.details)).not.toContain('CNI');
    // twice, unknown or malformed ids: not found
    for (const id of [cni, '00000000-0000-4000-8000-000000000000', "1' or '1'='1", '../../etc'])
      await expect(purgeAttachment(ctx.db, deps.blobs, id, cliActor)).rejects.toMatchObject({
        code: 'not_found',
      });
  });
});
