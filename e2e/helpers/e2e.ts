/**
 * What a browser suite starts before its tests: a Guichet server on a fresh
 * database (embedded PGlite, or a new database on the PostgreSQL test server),
 * optionally with an SMTP sink as its relay and an inbound SMTP port, and
 * Chromium; `cleanup()` stops and removes all of it.
 *
 * @example
 * let e2e: E2e<{ backend: 'postgres'; smtpSink: true }>;
 * beforeAll(async () => {
 *   e2e = await startE2e({ backend: 'postgres', smtpSink: true, admin });
 * });
 * afterAll(() => e2e?.cleanup());
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Browser } from 'playwright-core';
import { ensureDataDir } from '../../src/config.ts';
import { type Database, openDatabase } from '../../src/db/client.ts';
import { migrate } from '../../src/db/migrate.ts';
import type { DB } from '../../src/db/schema.ts';
import { adminQuery, adminUrl, pgRequired } from '../../test/pg-settings.ts';
import { freePort } from '../../test/ports.ts';
import { type SmtpSink, startSmtpSink } from '../../test/smtp-sink.ts';
import { launchBrowser } from './browser.ts';
import { type GuichetServer, makeDataDir, removeDataDir, startGuichet } from './server.ts';

type CommonOptions = {
  /** The first administrator (GUICHET_ADMIN_EMAIL, GUICHET_ADMIN_PASSWORD). */
  admin?: { email: string; password: string };
  /** An in-process SMTP sink receives what Guichet sends (SMTP_RELAY_URL). */
  smtpSink?: boolean;
  /** Guichet listens for inbound mail on a free port (SMTP_LISTEN_PORT). */
  smtpListener?: boolean;
  /** PUBLIC_URL is the server's own address, so links in mail open on it. */
  publicUrlIsServer?: boolean;
  /** More environment for the server. */
  env?: Record<string, string>;
};

export type E2eOptions =
  | (CommonOptions & {
      backend: 'pglite';
      /**
       * Data written before the server starts, on the migrated database (once
       * the server runs, the embedded database is its own).
       */
      seed?: (db: Kysely<DB>, dataDir: string) => Promise<void>;
    })
  | (CommonOptions & { backend: 'postgres' });

export type E2e<O extends E2eOptions = E2eOptions> = {
  server: GuichetServer;
  browser: Browser;
  /** The SMTP sink, when asked for. */
  sink: O['smtpSink'] extends true ? SmtpSink : undefined;
  /** The port of Guichet's SMTP listener, when asked for. */
  smtpPort: O['smtpListener'] extends true ? number : undefined;
  /** A connection to the server's database (PostgreSQL only). */
  db: O['backend'] extends 'postgres' ? Database : undefined;
  /** Stops everything started and removes the data (the database too); safe to call twice. */
  cleanup(): Promise<void>;
};

/**
 * Whether the PostgreSQL test server answers; when it does not, warns that
 * `suite` is skipped, or throws where PostgreSQL is required (CI).
 */
export async function postgresReachable(suite: string): Promise<boolean> {
  try {
    await adminQuery('select 1');
    return true;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (pgRequired()) throw new Error(`PostgreSQL server required but not reachable: ${message}`);
    console.warn(`⚠ PostgreSQL not reachable: the ${suite} browser test is SKIPPED.`);
    return false;
  }
}

async function seedEmbedded(
  dataDir: string,
  seed: (db: Kysely<DB>, dataDir: string) => Promise<void>,
): Promise<void> {
  await ensureDataDir(dataDir);
  const database = await openDatabase({ kind: 'pglite', dataDir: path.join(dataDir, 'pgdata') });
  try {
    await migrate(database.db);
    await seed(database.db, dataDir);
  } finally {
    await database.close();
  }
}

/** Starts the server, the sink and Chromium as `options` say; on failure stops what had started. */
export async function startE2e<const O extends E2eOptions>(options: O): Promise<E2e<O>> {
  const stops: (() => Promise<unknown>)[] = [];
  const cleanup = async () => {
    // Last started, first stopped; each once.
    for (const stop of stops.splice(0).reverse()) await stop();
  };
  try {
    const env: Record<string, string> = { ...options.env };
    if (options.admin) {
      env.GUICHET_ADMIN_EMAIL = options.admin.email;
      env.GUICHET_ADMIN_PASSWORD = options.admin.password;
    }
    let sink: SmtpSink | undefined;
    if (options.smtpSink) {
      const started = await startSmtpSink();
      sink = started;
      stops.push(() => started.stop());
      env.SMTP_RELAY_URL = started.url().toString();
    }
    const smtpPort = options.smtpListener ? await freePort() : undefined;
    if (smtpPort !== undefined) env.SMTP_LISTEN_PORT = String(smtpPort);

    const dataDir = await makeDataDir({ migrated: options.backend === 'pglite' });
    stops.push(() => removeDataDir(dataDir));
    let databaseUrl: string | undefined;
    if (options.backend === 'postgres') {
      const name = `guichet_e2e_${randomBytes(5).toString('hex')}`;
      const url = new URL(adminUrl());
      url.pathname = `/${name}`;
      databaseUrl = url.toString();
      env.DATABASE_URL = databaseUrl;
      stops.push(() => adminQuery(`drop database if exists "${name}" with (force)`));
    } else if (options.seed) {
      await seedEmbedded(dataDir, options.seed);
    }

    const port = await freePort();
    if (options.publicUrlIsServer) env.PUBLIC_URL = `http://127.0.0.1:${port}`;
    const server = await startGuichet({ dataDir, port, env });
    stops.push(() => server.stop());
    let db: Database | undefined;
    if (databaseUrl !== undefined) {
      const opened = await openDatabase({ kind: 'postgres', url: databaseUrl, poolSize: 2 });
      db = opened;
      stops.push(() => opened.close());
    }
    const browser = await launchBrowser();
    stops.push(() => browser.close());
    // The conditional field types follow `options`, which set them above.
    return { server, browser, sink, smtpPort, db, cleanup } as E2e<O>;
  } catch (error) {
    await cleanup();
    throw error;
  }
}
