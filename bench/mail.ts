/**
 * Mail benchmarks (issue 5): inbound through Guichet's SMTP listener into
 * tickets (every 250 is answered after the commit; stored messages are
 * counted afterwards, none may be lost) and outbound from the outbox to a
 * local SMTP sink.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { SMTPServer } from 'smtp-server';
import { type Database, openDatabase } from '../src/db/client.ts';
import { migrate } from '../src/db/migrate.ts';
import { applyDefaultConfiguration } from '../src/domain/configuration/apply-default-config.ts';
import { createMailSigner } from '../src/domain/signing/mail-signer.ts';
import { replyToTicket } from '../src/domain/tickets/reply-to-ticket.ts';
import { createUser } from '../src/domain/users/manage-users.ts';
import { startSmtpListener } from '../src/mail/inbound/smtp-listener.ts';
import { runOutboxOnce } from '../src/mail/outbound/outbox-worker.ts';
import { createTransportFor } from '../src/mail/outbound/transport.ts';
import { createBlobStore } from '../src/storage/blob-store.ts';
import {
  benchImapIntake,
  benchSmtpIntake,
  printTable,
  type Row,
  smtpCommitsInFlight,
} from './mail-intake.ts';

type Print = (label: string, value: string) => void;

/**
 * The load generator (CommonJS, run in a worker thread): sends the mails over
 * pooled connections in four waves (first mails of threads, then replies).
 */
const senderSource = `
const nodemailer = require('nodemailer');
const { parentPort, workerData } = require('node:worker_threads');
const { port, connections, raws } = workerData;
const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true,
  pool: true, maxConnections: connections, maxMessages: Infinity });
(async () => {
  let failed = 0;
  const start = process.hrtime.bigint();
  for (let wave = 0; wave < 4; wave++) {
    await Promise.all(raws.filter((_, i) => i % 4 === wave).map((raw) => transport
      .sendMail({ envelope: { from: 'bench@bailleur-44.example.org', to: ['support@example.org'] }, raw: Buffer.from(raw) })
      .catch(() => { failed += 1; })));
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  transport.close();
  parentPort.postMessage({ failed, seconds });
})();
`;
const signer = createMailSigner('bench-secret-0123456789-abcdefghijklmnopqrstuvwxyz');

function mail(i: number, run: string): Buffer {
  const thread = Math.floor(i / 4);
  const lines = [
    `From: Partenaire ${thread} <p${thread}-${run}@bailleur-44.example.org>`,
    'To: support@example.org',
    `Subject: ${i % 4 === 0 ? '' : 'Re: '}Demande ${thread} – accès à la demande`,
    `Message-ID: <bench-${run}-${i}@client.example.org>`,
    ...(i % 4 === 0 ? [] : [`In-Reply-To: <bench-${run}-${thread * 4}@client.example.org>`]),
    'Date: Mon, 16 Nov 2026 10:00:00 +0100',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    `Bonjour,\n\nMessage ${i}: je n’arrive pas à accéder au dossier. ${'Détails. '.repeat(40)}\n\nCordialement`,
    '',
  ];
  return Buffer.from(lines.join('\r\n'));
}

async function mailbox(database: Database): Promise<string> {
  const row = await database.db
    .selectFrom('mailboxes')
    .select('id')
    .where('slug', '=', 'partenaires')
    .executeTakeFirstOrThrow();
  await database.db
    .insertInto('mailbox_addresses')
    .values({ address: 'support@example.org', mailbox_id: row.id, is_primary: true })
    .onConflict((oc) => oc.doNothing())
    .execute();
  return row.id;
}

/** Sends `count` mails through the listener over `connections` pooled connections; prints msg/s. */
export async function benchInbound(
  label: string,
  database: Database,
  print: Print,
  count = 2000,
  connections = 8,
): Promise<void> {
  const mailboxId = await mailbox(database);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'guichet-bench-mail-'));
  const deps = {
    db: database.db,
    blobs: createBlobStore(path.join(dir, 'blobs')),
    signer,
    maxBytes: 26_214_400,
    mailboxCacheMs: 5_000,
    smtpCommitsInFlight: smtpCommitsInFlight(database),
  };
  const listener = await startSmtpListener({ deps, host: '127.0.0.1', port: 0 });
  const run = Math.random().toString(36).slice(2, 8);
  const raws = Array.from({ length: count }, (_, i) => mail(i, run));
  const before = await database.db
    .selectFrom('messages')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('mailbox_id', '=', mailboxId)
    .executeTakeFirstOrThrow();
  // The sending client runs in its own thread, so it does not eat the listener's CPU.
  const { failed, seconds } = await new Promise<{ failed: number; seconds: number }>(
    (resolve, reject) => {
      const worker = new Worker(senderSource, {
        eval: true,
        workerData: { port: listener.port, connections, raws },
      });
      worker.once('message', resolve);
      worker.once('error', reject);
    },
  );
  await listener.close();
  const after = await database.db
    .selectFrom('messages')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('mailbox_id', '=', mailboxId)
    .executeTakeFirstOrThrow();
  const stored = Number(after.n) - Number(before.n);
  const tickets = await database.db
    .selectFrom('messages')
    .select((eb) => eb.fn.count<number>('ticket_id').distinct().as('n'))
    .where('message_id', 'like', `<bench-${run}-%`)
    .executeTakeFirstOrThrow();
  print(
    `[${label}] inbound via SMTP listener (${connections} connections)`,
    `${(count / seconds).toFixed(0)} msg/s (${count} in ${seconds.toFixed(1)} s)`,
  );
  print(
    `[${label}] inbound stored / lost / refused`,
    `${stored} / ${count - stored - failed} / ${failed} (${Number(tickets.n)} tickets)`,
  );
  await rm(dir, { recursive: true, force: true });
}

/** Queues `count` replies, then drains the outbox into a local sink; prints replies/s. */
export async function benchOutbound(
  label: string,
  database: Database,
  print: Print,
  count = 1000,
): Promise<void> {
  const mailboxId = await mailbox(database);
  let received = 0;
  const sink = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    closeTimeout: 100,
    onData(stream, _s, cb) {
      stream.on('data', () => {});
      stream.on('end', () => {
        received += 1;
        cb(null);
      });
    },
  });
  await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', () => resolve()));
  const address = sink.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const agent = await createUser(
    database.db,
    {
      email: `bench-agent-${Date.now()}@example.org`,
      name: 'Agent',
      role: 'agent',
      password: 'bench password 123456',
    },
    { userId: null, label: 'bench' },
  );
  const contact = await database.db
    .insertInto('contacts')
    .values({ email: `bench-customer-${Date.now()}@bailleur-44.example.org` })
    .returning('id')
    .executeTakeFirstOrThrow();
  const now = new Date();
  const tickets = await database.db
    .insertInto('tickets')
    .values(
      Array.from({ length: count }, (_, i) => ({
        mailbox_id: mailboxId,
        subject: `Demande ${i}`,
        contact_id: contact.id,
        channel: 'email' as const,
        created_at: now,
        last_message_at: now,
      })),
    )
    .returning('id')
    .execute();
  const writeStart = process.hrtime.bigint();
  for (const t of tickets)
    await replyToTicket(database.db, signer, {
      ticketId: t.id,
      authorUserId: agent.id,
      body: 'Bonjour,\nVoici la réponse.\nCordialement',
    });
  const writeSeconds = Number(process.hrtime.bigint() - writeStart) / 1e9;
  const transportFor = createTransportFor({
    relayUrl: new URL(`smtp://127.0.0.1:${port}`),
    credentialsKey: undefined,
  });
  const deps = {
    db: database.db,
    signer,
    publicUrl: new URL('https://guichet.example.org'),
    transportFor,
  };
  const start = process.hrtime.bigint();
  let sent = 0;
  for (;;) {
    const r = await runOutboxOnce(deps, 50);
    sent += r.sent;
    if (r.sent + r.retried + r.failed === 0) break;
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  transportFor.closeAll();
  await new Promise<void>((resolve) => sink.close(() => resolve()));
  print(
    `[${label}] reply + outbox row written (one transaction each)`,
    `${(count / writeSeconds).toFixed(0)} replies/s`,
  );
  print(
    `[${label}] outbound to a local SMTP sink`,
    `${(sent / seconds).toFixed(0)} replies/s (${received}/${count} received in ${seconds.toFixed(1)} s)`,
  );
}

/**
 * `npm run bench -- mail` (issue 22): IMAP and SMTP-listener intake on both
 * backends, then the 10,000-mail backlog on the server, printed as one table.
 * BENCH_MAIL_COUNT (2000), BENCH_MAIL_BACKLOG (10000, 0 = skip) and
 * BENCH_MAIL_BACKENDS (`pglite,postgres`) change the run; BENCH_MAIL_SMTP_IN_FLIGHT
 * sets the listener's group commits at once on the server (default 1, as the app; PGlite 1).
 */
export async function benchMailIntake(
  withServerDatabase: (work: (database: Database) => Promise<void>) => Promise<void>,
): Promise<void> {
  const count = Number(process.env.BENCH_MAIL_COUNT ?? 2000);
  const backlog = Number(process.env.BENCH_MAIL_BACKLOG ?? 10_000);
  const backends = (process.env.BENCH_MAIL_BACKENDS ?? 'pglite,postgres').split(',');
  const rows: Row[] = [];
  const phases = async (label: string, database: Database, withBacklog: boolean) => {
    await migrate(database.db);
    await applyDefaultConfiguration(database.db);
    const step = async (phase: string, run: () => Promise<Row['figures']>) => {
      const figures = await run();
      rows.push({ phase: `[${label}] ${phase}`, figures });
      process.stdout.write(`[${label}] ${phase}: ${JSON.stringify(figures)}\n`);
    };
    await step(`IMAP ${count}`, () => benchImapIntake(database, count, 40));
    for (const clients of [8, 32])
      await step(`SMTP ${count}, ${clients} clients`, () =>
        benchSmtpIntake(database, count, clients),
      );
    if (withBacklog && backlog > 0)
      await step(`IMAP backlog ${backlog}`, () => benchImapIntake(database, backlog, 0));
  };
  process.stdout.write(
    `load: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}\n`,
  );
  if (backends.includes('pglite')) {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'guichet-bench-mail-'));
    const database = await openDatabase({ kind: 'pglite', dataDir: path.join(dir, 'pgdata') });
    await phases('pglite', database, !backends.includes('postgres'));
    await database.close();
    await rm(dir, { recursive: true, force: true });
  }
  if (backends.includes('postgres'))
    await withServerDatabase((database) => phases('postgres', database, true));
  process.stdout.write(
    `load: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}\n`,
  );
  printTable(rows);
}
