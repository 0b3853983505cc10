/**
 * Mail intake benchmark (issue 22), one backend at a time:
 *
 * - IMAP: the corpus (bench/mail-corpus.ts) is appended to a fresh folder of
 *   the local Dovecot, then an IMAP worker starts; messages/s from the worker's
 *   start until the last row is committed, peak RSS. Then mail arriving one at
 *   a time (the worker idling): per-message latency from the append to the
 *   committed row, p50 / p95.
 * - SMTP listener: the corpus sent by 8 or 32 concurrent clients (nodemailer
 *   pool in a worker thread, so the sender does not eat the listener's thread);
 *   every 250 comes after the commit.
 * - Backlog: 10,000 mails waiting in the folder; RSS sampled along the way.
 *
 * Every phase counts its rows afterwards: stored, lost (never stored) and
 * doubled (the same Message-ID stored twice).
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { ImapFlow } from 'imapflow';
import { parseMailAllowance } from '../src/config/mail-host-guard.ts';
import type { Database } from '../src/db/client.ts';
import { createMailSigner } from '../src/domain/signing/mail-signer.ts';
import type { ImapAccount } from '../src/mail/inbound/imap-sync.ts';
import { runImapWorker } from '../src/mail/inbound/imap-worker.ts';
import type { InboundDeps } from '../src/mail/inbound/ingest-mail.ts';
import { startSmtpListener } from '../src/mail/inbound/smtp-listener.ts';
import { createBlobStore } from '../src/storage/blob-store.ts';
import { frenchMail, messageIdOf } from './mail-corpus.ts';

export type Row = { phase: string; figures: Record<string, string> };

const dovecot: Omit<ImapAccount, 'folder'> = {
  host: process.env.GUICHET_TEST_IMAP_HOST ?? '127.0.0.1',
  port: Number(process.env.GUICHET_TEST_IMAP_PORT ?? 1143),
  secure: false,
  user: process.env.GUICHET_TEST_IMAP_USER ?? 'guichet-test@example.org',
  pass: process.env.GUICHET_TEST_IMAP_PASSWORD ?? 'guichet-test-password',
};

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;
const mb = (bytes: number) => `${(bytes / 1048576).toFixed(0)} MB`;
const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
};
const newRun = () => randomBytes(4).toString('hex');

/** CPU time of this process since `since`, per mail. */
function cpuPerMail(since: NodeJS.CpuUsage, mails: number): string {
  const used = process.cpuUsage(since);
  return `${((used.user + used.system) / 1000 / Math.max(1, mails)).toFixed(2)} ms`;
}

/** The RSS of this process, sampled every 100 ms until stopped. */
function rssSampler() {
  const samples: number[] = [process.memoryUsage().rss];
  const timer = setInterval(() => samples.push(process.memoryUsage().rss), 100);
  return {
    samples,
    stop() {
      clearInterval(timer);
      samples.push(process.memoryUsage().rss);
      return Math.max(...samples);
    },
  };
}

async function mailboxOf(database: Database): Promise<string> {
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

/** 1 as the application, unless BENCH_MAIL_SMTP_IN_FLIGHT says (the PostgreSQL server only: PGlite stays 1). */
export function smtpCommitsInFlight(database: Database): number {
  const set = Number(process.env.BENCH_MAIL_SMTP_IN_FLIGHT);
  return database.kind === 'postgres' && Number.isInteger(set) && set > 0 ? set : 1;
}

async function inboundDeps(database: Database): Promise<{ deps: InboundDeps; dir: string }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'guichet-bench-intake-'));
  const deps = {
    db: database.db,
    blobs: createBlobStore(path.join(dir, 'blobs')),
    signer: createMailSigner('bench-secret-0123456789-abcdefghijklmnopqrstuvwxyz'),
    maxBytes: 26_214_400,
    mailboxCacheMs: 5_000,
    smtpCommitsInFlight: smtpCommitsInFlight(database),
  };
  return { deps, dir };
}

/** Rows stored for `run` (every row, and distinct Message-IDs). */
async function counted(database: Database, run: string) {
  const row = await database.db
    .selectFrom('messages')
    .select((eb) => [
      eb.fn.countAll<number>().as('rows'),
      eb.fn.count<number>('message_id').distinct().as('ids'),
      eb.fn.count<number>('ticket_id').distinct().as('tickets'),
    ])
    .where('message_id', 'like', `<intake-${run}-%`)
    .executeTakeFirstOrThrow();
  return { rows: Number(row.rows), ids: Number(row.ids), tickets: Number(row.tickets) };
}

/** Waits until `n` rows of `run` are stored, or no progress for 60 s; returns the count. */
async function waitStored(
  database: Database,
  run: string,
  n: number,
  onProgress?: (k: number) => void,
) {
  let last = -1;
  let lastChange = Date.now();
  for (;;) {
    const { ids } = await counted(database, run);
    onProgress?.(ids);
    if (ids !== last) lastChange = Date.now();
    last = ids;
    if (ids >= n || Date.now() - lastChange > 60_000) return ids;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const countFigures = (n: number, c: { rows: number; ids: number; tickets: number }) => ({
  'stored / lost / doubled': `${c.ids} / ${n - c.ids} / ${c.rows - c.ids}`,
  tickets: String(c.tickets),
});

/** Appends `raws` to a new folder of the Dovecot account; returns the folder's account. */
async function fillFolder(raws: Buffer[], tag: string): Promise<ImapAccount> {
  const account = { ...dovecot, folder: `Bench${tag}${newRun()}` };
  const client = new ImapFlow({
    ...account,
    auth: { user: account.user, pass: account.pass },
    logger: false,
  });
  await client.connect();
  await client.mailboxCreate(account.folder);
  for (const raw of raws) await client.append(account.folder, raw);
  await client.logout();
  return account;
}

async function dropFolder(account: ImapAccount): Promise<void> {
  const client = new ImapFlow({
    ...account,
    auth: { user: account.user, pass: account.pass },
    logger: false,
  });
  await client.connect();
  await client.mailboxDelete(account.folder).catch(() => {});
  await client.logout();
}

function startWorker(deps: InboundDeps, mailboxId: string, account: ImapAccount) {
  const stop = new AbortController();
  const errors: unknown[] = [];
  const done = runImapWorker(
    {
      deps,
      mailboxId,
      account,
      workerId: `bench-${newRun()}`,
      pollMs: 60_000,
      allowedHosts: parseMailAllowance(account.host),
      onError: (error) => errors.push(error),
    },
    stop.signal,
  );
  return {
    errors,
    async stop() {
      stop.abort();
      await done;
    },
  };
}

/** IMAP intake of `count` mails waiting in the folder, then `live` mails arriving one by one. */
export async function benchImapIntake(
  database: Database,
  count: number,
  live: number,
): Promise<Row['figures']> {
  const mailboxId = await mailboxOf(database);
  const run = newRun();
  const raws = Array.from({ length: count }, (_, i) => frenchMail(run, i));
  const appendStart = process.hrtime.bigint();
  const account = await fillFolder(raws, 'Imap');
  const appendSeconds = seconds(appendStart);
  const { deps, dir } = await inboundDeps(database);
  const rss = rssSampler();
  const marks: string[] = [];
  const start = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const worker = startWorker(deps, mailboxId, account);
  const stored = await waitStored(database, run, count, (k) => {
    if (k >= ((marks.length + 1) * count) / 4 && marks.length < 4)
      marks.push(mb(process.memoryUsage().rss));
  });
  const took = seconds(start);
  const cpuMs = cpuPerMail(cpu, stored);
  const peak = rss.stop();
  const latencies: number[] = [];
  if (live > 0) {
    const client = new ImapFlow({
      ...account,
      auth: { user: account.user, pass: account.pass },
      logger: false,
    });
    await client.connect();
    for (let i = count; i < count + live; i++) {
      await client.append(account.folder, frenchMail(run, i));
      const appended = process.hrtime.bigint();
      await waitRow(database, messageIdOf(run, i));
      latencies.push(seconds(appended) * 1000);
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    await client.logout();
  }
  await worker.stop();
  const total = await counted(database, run);
  await dropFolder(account);
  await rm(dir, { recursive: true, force: true });
  return {
    'msg/s': `${(stored / took).toFixed(0)} (${stored} in ${took.toFixed(1)} s; append ${appendSeconds.toFixed(0)} s)`,
    'node CPU/msg': cpuMs,
    ...(live > 0
      ? {
          'live p50 / p95': `${quantile(latencies, 0.5).toFixed(0)} / ${quantile(latencies, 0.95).toFixed(0)} ms`,
        }
      : {}),
    'peak RSS': mb(peak),
    ...(marks.length > 0 ? { 'RSS at 25/50/75/100 %': marks.join(', ') } : {}),
    ...countFigures(count + live, total),
    ...(worker.errors.length > 0 ? { errors: String(worker.errors[0]).slice(0, 80) } : {}),
  };
}

async function waitRow(database: Database, messageId: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const row = await database.db
      .selectFrom('messages')
      .select('id')
      .where('message_id', '=', messageId)
      .executeTakeFirst();
    if (row) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/**
 * The load generator (CommonJS, run in a worker thread): every mail at once
 * over a pool of `connections`.
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
  await Promise.all(raws.map((raw) => transport
    .sendMail({ envelope: { from: 'bench@example.org', to: ['support@example.org'] }, raw: Buffer.from(raw) })
    .catch(() => { failed += 1; })));
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  transport.close();
  parentPort.postMessage({ failed, seconds });
})();
`;

/** SMTP listener intake of `count` mails over `connections` concurrent clients. */
export async function benchSmtpIntake(
  database: Database,
  count: number,
  connections: number,
): Promise<Row['figures']> {
  await mailboxOf(database);
  const run = newRun();
  const raws = Array.from({ length: count }, (_, i) => frenchMail(run, i));
  const { deps, dir } = await inboundDeps(database);
  const listener = await startSmtpListener({ deps, host: '127.0.0.1', port: 0 });
  const rss = rssSampler();
  const cpu = process.cpuUsage();
  const result = await new Promise<{ failed: number; seconds: number }>((resolve, reject) => {
    const worker = new Worker(senderSource, {
      eval: true,
      workerData: { port: listener.port, connections, raws },
    });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  // includes the sender's thread (same process)
  const cpuMs = cpuPerMail(cpu, count);
  const peak = rss.stop();
  await listener.close();
  const total = await counted(database, run);
  await rm(dir, { recursive: true, force: true });
  return {
    'msg/s': `${(count / result.seconds).toFixed(0)} (${count} in ${result.seconds.toFixed(1)} s)`,
    'node CPU/msg': `${cpuMs} (with the sender)`,
    'refused (4xx)': String(result.failed),
    'peak RSS': mb(peak),
    ...countFigures(count, total),
  };
}

/** Prints `rows` as a table: one line per phase, its figures in columns. */
export function printTable(rows: Row[]): void {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r.figures)))];
  const widths = [
    Math.max(5, ...rows.map((r) => r.phase.length)),
    ...columns.map((c) => Math.max(c.length, ...rows.map((r) => (r.figures[c] ?? '').length))),
  ];
  const line = (cells: string[]) =>
    `${cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ')}\n`;
  process.stdout.write(line(['phase', ...columns]));
  process.stdout.write(line(widths.map((w) => '-'.repeat(w))));
  for (const r of rows)
    process.stdout.write(line([r.phase, ...columns.map((c) => r.figures[c] ?? '')]));
}
