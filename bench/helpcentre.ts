/**
 * Help-centre benchmark (issue 7), on the PostgreSQL server through real HTTP:
 * contact-form submissions (multipart, one in four with a PDF) sent by 32
 * concurrent clients — the tickets are counted afterwards, none may be lost —
 * then article pages read by 100 concurrent readers (p50 / p95 / p99).
 * The load generator runs in a worker thread so it does not share the
 * server's event loop. Limits are raised: this measures throughput, not abuse.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Database } from '../src/db/client.ts';
import { migrate } from '../src/db/migrate.ts';
import { systemActor } from '../src/domain/audit/record-audit.ts';
import { applyDefaultConfiguration } from '../src/domain/configuration/apply-default-config.ts';
import { issueFormToken } from '../src/portal/abuse/form-token.ts';
import { publishArticle } from '../src/portal/kb/edit-articles.ts';
import { createBlobStore } from '../src/storage/blob-store.ts';
import { benchApp } from './bench-app.ts';
import { httpLoad, quantile } from './http-load.ts';

type Print = (label: string, value: string) => void;

function multipart(
  fields: Record<string, string>,
  pdf: Buffer | null,
): { body: Buffer; type: string } {
  const boundary = `----bench${randomBytes(6).toString('hex')}`;
  const parts = Object.entries(fields).map(
    ([name, value]) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  const chunks: Buffer[] = [Buffer.from(parts.join(''))];
  if (pdf)
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="pieces"; filename="attestation.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
      ),
      pdf,
      Buffer.from('\r\n'),
    );
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), type: `multipart/form-data; boundary=${boundary}` };
}

/** Runs the scenario on `database` (a fresh server database). */
export async function benchHelpCentre(
  database: Database,
  print: Print,
  submissions = Number(process.env.BENCH_HELPCENTRE_SUBMISSIONS ?? 3000),
): Promise<void> {
  print('[postgres] machine load average (1 min) at start', os.loadavg()[0]?.toFixed(1) ?? '?');
  await migrate(database.db);
  await applyDefaultConfiguration(database.db);
  const articles = await database.db.selectFrom('kb_articles').select(['id', 'slug']).execute();
  for (const a of articles) await publishArticle(database.db, a.id, systemActor);
  const mailbox = await database.db
    .selectFrom('mailboxes')
    .select('id')
    .where('slug', '=', 'demandeurs')
    .executeTakeFirstOrThrow();
  await database.db
    .insertInto('mailbox_addresses')
    .values({ address: 'demandeurs@example.org', mailbox_id: mailbox.id, is_primary: true })
    .execute();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'guichet-bench-aide-'));
  const unlimited = { max: 1_000_000_000, windowSeconds: 3600 };
  const { app, secret } = await benchApp(database, 'http://localhost:3000', {
    portal: {
      blobs: createBlobStore(path.join(dir, 'blobs')),
      limits: {
        formPerIp: unlimited,
        formPerEmail: unlimited,
        minSubmitSeconds: 0,
        pagesPerMinute: 1_000_000_000,
      },
    },
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const pdf = Buffer.from(
    `%PDF-1.4\n${'1 0 obj << /Type /Catalog >> endobj\n'.repeat(200)}%%EOF\n`,
  );
  const bodies: Buffer[] = [];
  const contentTypes: string[] = [];
  for (let i = 0; i < submissions; i++) {
    const email = `demandeur-${i}@example.org`;
    const { body, type } = multipart(
      {
        nature: 'identifiants-oublies',
        // One token per message: a token is spent by the message it sends.
        jeton: issueFormToken(secret, '44', 'identifiants-oublies', Date.now() - 10_000),
        vus: articles[i % articles.length]?.id ?? '',
        site_web: '',
        nom: `Nom${i}`,
        prenom: 'Camille',
        email,
        email_confirmation: email,
        telephone: '02 40 00 00 00',
        numero_unique: '044 11 21 12345 6 78A9 B',
        message: `Bonjour, je n’arrive pas à me connecter (essai ${i}). ${'Détails. '.repeat(30)}`,
      },
      i % 4 === 0 ? pdf : null,
    );
    bodies.push(body);
    contentTypes.push(type);
  }
  const pages = articles.map((a) => `/aide/44/articles/${a.slug}`);
  const base = `http://127.0.0.1:${port}`;
  const sent = await httpLoad({
    base,
    requests: bodies.map((body, i) => ({
      method: 'POST' as const,
      path: '/aide/44/contact',
      body,
      headers: { 'content-type': contentTypes[i] ?? '' },
    })),
    total: submissions,
    concurrency: 32,
    expectText: 'Message envoy',
  });
  const read = await httpLoad({
    base,
    requests: pages.map((page) => ({ path: page })),
    total: 4000,
    concurrency: 100,
    // The page route and the client's parser are first run here: V8 optimises a function
    // after some thousand calls, so a short warm-up measured cold code (p95 twice as high).
    warmup: 2000,
  });
  const stored = await database.db
    .selectFrom('tickets')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('channel', '=', 'form')
    .executeTakeFirstOrThrow();
  print(
    '[postgres] contact form: submissions sent / tickets stored',
    `${submissions} / ${Number(stored.n)} (failed answers: ${sent.failed}, statuses ${JSON.stringify(sent.statuses)})`,
  );
  print(
    '[postgres] contact form: submissions per second (32 clients)',
    `${(submissions / sent.seconds).toFixed(0)} /s`,
  );
  print(
    '[postgres] article page, 100 readers: p50 / p95 / p99',
    `${quantile(read.latencies, 0.5).toFixed(1)} ms / ${quantile(read.latencies, 0.95).toFixed(1)} ms / ${quantile(read.latencies, 0.99).toFixed(1)} ms (${(read.latencies.length / read.seconds).toFixed(0)} pages/s, ${read.failed} not 200)`,
  );
  await app.close();
  await rm(dir, { recursive: true, force: true });
}
