import { readdir } from 'node:fs/promises';
import { expect, it } from 'vitest';
import { describeEachBackend } from '../../../test/backends.ts';
import { fixture, inboundDeps, mailMailbox, plainMail, uniqueId } from '../../../test/mail.ts';
import { type IngestOutcome, ingestMail } from './ingest-mail.ts';

const expectStored = (outcome: IngestOutcome) => {
  if (outcome.status !== 'created' && outcome.status !== 'appended')
    throw new Error(`expected a stored mail, got ${JSON.stringify(outcome)}`);
  return outcome;
};

describeEachBackend('inbound pipeline', (ctx) => {
  const ingest = async (raw: Buffer) => {
    const { mailboxId } = await mailMailbox(ctx.db, { ack_enabled: true });
    return ingestMail(await inboundDeps(ctx.db), { raw, mailboxId, source: 'smtp' });
  };
  const messageOf = (id: number) =>
    ctx.db.selectFrom('messages').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const ticketOf = (id: number) =>
    ctx.db.selectFrom('tickets').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('creates a ticket from an Outlook mail with Windows-1252 body and encoded French headers', async () => {
    const outcome = expectStored(await ingest(await fixture('outlook-new.eml')));
    const ticket = await ticketOf(outcome.ticketId);
    expect(ticket.subject).toBe("Problème d'accès à la demande n° 2020-1234");
    expect(ticket.channel).toBe('email');
    const message = await messageOf(outcome.messageId);
    expect(message.kind).toBe('customer');
    expect(message.body_text).toContain('Je n’arrive pas à accéder');
    expect(message.from_address).toBe('helene.leguennec@bailleur-44.example.org');
    const contact = await ctx.db
      .selectFrom('contacts')
      .select('name')
      .where('email', '=', 'helene.leguennec@bailleur-44.example.org')
      .executeTakeFirstOrThrow();
    expect(contact.name).toBe('Hélène Le Guénnec');
  });

  it('keeps RFC 2231 names, inline cid images and winmail.dat as attachments', async () => {
    const tb = expectStored(await ingest(await fixture('thunderbird-attachment.eml')));
    const apple = expectStored(await ingest(await fixture('apple-mail-inline-image.eml')));
    const tnef = expectStored(await ingest(await fixture('winmail.eml')));
    const files = await ctx.db
      .selectFrom('attachments')
      .selectAll()
      .where('message_id', 'in', [tb.messageId, apple.messageId, tnef.messageId])
      .execute();
    expect(files.find((f) => f.message_id === tb.messageId)?.filename).toBe(
      'attestation délégation.pdf',
    );
    const image = files.find((f) => f.message_id === apple.messageId);
    expect(image).toMatchObject({ content_id: 'image001@apple.example.org', is_inline: true });
    expect(files.find((f) => f.message_id === tnef.messageId)?.filename).toBe('winmail.dat');
    expect(tnef.flags.winmail_dat).toBe(true);
  });

  it('normalises hostile attachment names and stores them by hash (#11, #12)', async () => {
    const outcome = expectStored(await ingest(await fixture('hostile-filenames.eml')));
    const files = await ctx.db
      .selectFrom('attachments')
      .select(['filename', 'sha256'])
      .where('message_id', '=', outcome.messageId)
      .execute();
    for (const f of files) {
      expect(f.filename).not.toMatch(/[/\\\u202e\0]/);
      expect(f.filename.length).toBeLessThanOrEqual(255);
      expect(f.filename.startsWith('.')).toBe(false);
      expect(f.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(files.map((f) => f.filename)).toContain('passwd');
  });

  it('decodes undeclared Latin-1, ISO-2022-JP, split encoded words and drops NUL bytes (#33)', async () => {
    const latin = expectStored(await ingest(await fixture('latin1-undeclared.eml')));
    expect((await messageOf(latin.messageId)).body_text).toContain('déjà réglé ? Ça marche.');
    const jp = expectStored(await ingest(await fixture('iso-2022-jp.eml')));
    expect((await messageOf(jp.messageId)).body_text).toContain('こんにちは');
    const nul = expectStored(await ingest(await fixture('nul-bytes.eml')));
    expect((await messageOf(nul.messageId)).body_text).toContain('beforeafter');
    const qp = expectStored(await ingest(await fixture('qp-soft-breaks.eml')));
    const m = await messageOf(qp.messageId);
    expect(m.subject).toBe('début été');
    expect(m.body_text).toContain('coupée au milieu');
  });

  it('takes odd senders in and never gets stuck (#35)', async () => {
    for (const name of [
      'no-from.eml',
      'empty-from.eml',
      'idn-from.eml',
      'quoted-local.eml',
      'plus-address.eml',
      'undisclosed.eml',
    ]) {
      const outcome = await ingest(await fixture(name));
      expect(outcome.status, name).toBe('created');
    }
  });

  it('is a no-op the second time, with or without a Message-ID (#37)', async () => {
    const raw = await fixture('no-message-id.eml');
    const first = expectStored(await ingest(raw));
    expect(first.flags.synthetic_message_id).toBe(true);
    expect((await ingest(raw)).status).toBe('duplicate');
    const gmail = await fixture('gmail-first.eml');
    expectStored(await ingest(gmail));
    expect((await ingest(gmail)).status).toBe('duplicate');
    const count = await ctx.db
      .selectFrom('messages')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('message_id', '=', '<CAF=abc123+XyZ@mail.gmail.example.org>')
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });

  it('stores automatic mail flagged, out of the figures and unacknowledged; "Auto-Submitted: no" is a person (#38)', async () => {
    for (const name of [
      'auto-replied',
      'auto-generated',
      'precedence-bulk',
      'precedence-list',
      'precedence-junk',
      'x-autoreply',
      'x-auto-response-suppress',
      'list-unsubscribe',
    ]) {
      const outcome = expectStored(await ingest(await fixture(`${name}.eml`)));
      expect(outcome.flags.automatic, name).toBeTruthy();
      expect((await ticketOf(outcome.ticketId)).status, name).toBe('spam');
      expect((await messageOf(outcome.messageId)).kind, name).toBe('event');
      const acks = await ctx.db
        .selectFrom('outbox')
        .select('id')
        .where('ticket_id', '=', outcome.ticketId)
        .execute();
      expect(acks, name).toHaveLength(0);
    }
    const human = expectStored(await ingest(await fixture('auto-submitted-no.eml')));
    expect(human.flags.automatic).toBeUndefined();
    const acks = await ctx.db
      .selectFrom('outbox')
      .select(['kind', 'to_address'])
      .where('ticket_id', '=', human.ticketId)
      .execute();
    expect(acks).toEqual([{ kind: 'ack', to_address: 'auto-submitted-no@robot.example.org' }]);
  });

  it('acknowledges one sender at most once in four hours (#40)', async () => {
    const from = `Répondeur <responder-${Date.now()}@robot.example.org>`;
    const tickets: number[] = [];
    for (let i = 0; i < 3; i++) {
      const outcome = expectStored(
        await ingest(plainMail({ from, subject: `Ping ${i}`, messageId: uniqueId('ping') })),
      );
      tickets.push(outcome.ticketId);
    }
    const acks = await ctx.db
      .selectFrom('outbox')
      .select('id')
      .where('ticket_id', 'in', tickets)
      .execute();
    expect(acks).toHaveLength(1);
  });

  it('drops our own mail coming back (#40)', async () => {
    expect((await ingest(await fixture('own-loop.eml'))).status).toBe('dropped');
  });

  it('sends broken MIME to the dead letters with its raw copy; the next mail goes on (#34, F9)', async () => {
    const { mailboxId } = await mailMailbox(ctx.db);
    const deps = await inboundDeps(ctx.db);
    const big = Buffer.concat([
      plainMail({ from: 'a@example.org', subject: 'gros', messageId: uniqueId('big') }),
      Buffer.alloc(1_100_000, 97),
    ]);
    const oversize = await ingestMail(deps, { raw: big, mailboxId, source: 'smtp' });
    expect(oversize.status).toBe('dead_letter');
    const next = await ingestMail(deps, {
      raw: plainMail({ from: 'b@example.org', subject: 'après', messageId: uniqueId('after') }),
      mailboxId,
      source: 'smtp',
    });
    expect(next.status).toBe('created');
    const dead = await ctx.db
      .selectFrom('dead_letters')
      .selectAll()
      .where('resolved_at', 'is', null)
      .execute();
    expect(dead.length).toBeGreaterThan(0);
    for (const row of dead) expect(await deps.blobs.has(row.raw_sha256)).toBe(true);
  });

  it('keeps Reply-To as metadata only and ignores control headers (#26, #28)', async () => {
    const spoof = expectStored(await ingest(await fixture('reply-to-spoof.eml')));
    const message = await messageOf(spoof.messageId);
    expect(message.from_address).toBe('attacker@evil.example.org');
    expect(message.flags.reply_to).toBe('victim@bailleur-44.example.org');
    const ticket = await ticketOf(spoof.ticketId);
    const contact = await ctx.db
      .selectFrom('contacts')
      .select('email')
      .where('id', '=', ticket.contact_id ?? '')
      .executeTakeFirstOrThrow();
    expect(contact.email).toBe('attacker@evil.example.org');
    const control = expectStored(await ingest(await fixture('control-headers.eml')));
    expect(await ticketOf(control.ticketId)).toMatchObject({ status: 'active', assignee_id: null });
  });

  it('never threads a forged agent reply onto a ticket (#25)', async () => {
    const outcome = expectStored(await ingest(await fixture('forged-agent-reply.eml')));
    expect(outcome.status).toBe('created');
    expect((await messageOf(outcome.messageId)).kind).toBe('customer');
  });

  it('takes in every fixture of the corpus without a crash, raw kept byte for byte', async () => {
    const names = (await readdir(new URL('../fixtures/', import.meta.url))).filter((n) =>
      n.endsWith('.eml'),
    );
    const { mailboxId } = await mailMailbox(ctx.db);
    const deps = await inboundDeps(ctx.db);
    for (const name of names) {
      const raw = await fixture(name, { ORIGINAL_ID: '<unknown@example.org>' });
      const outcome = await ingestMail(deps, { raw, mailboxId, source: 'imap' });
      expect(outcome.status, name).toMatch(/created|appended|dropped|dead_letter|duplicate/);
      const sha = (await deps.blobs.put(raw)).sha256;
      expect((await deps.blobs.get(sha)).equals(raw), name).toBe(true);
    }
  });
});
