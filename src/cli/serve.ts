/**
 * `guichet serve`: settings → DATA_DIR → secret → database → migrations →
 * default configuration → first administrator → (web build) → HTTP → jobs.
 * Each step fails with one clear message; the database is closed on the way out.
 *
 * Roles (`--role`): `all` (default) serves HTTP and runs the background jobs
 * and the SMTP listener; `web` only serves HTTP; `worker` only runs the
 * background jobs and the SMTP listener, with no HTTP listener. The embedded
 * database lives in one process, so `web`, `worker` and `--processes` above 1
 * need a PostgreSQL server. With `--processes N` (or WEB_PROCESSES), N web
 * processes share the port (web-processes.ts) and the jobs run in the primary.
 * SIGINT and SIGTERM stop the runner (waiting for the jobs in progress), the
 * listeners and the database.
 */

import cluster from 'node:cluster';
import type { FastifyInstance } from 'fastify';
import { type Config, ensureDataDir, loadConfig, resolveSessionSecret } from '../config.ts';
import { type Database, openDatabase } from '../db/client.ts';
import { applyDefaultConfiguration } from '../domain/configuration/apply-default-config.ts';
import { ensureFirstAdmin, type FirstAdmin } from '../domain/users/ensure-first-admin.ts';
import { AppError } from '../errors/app-error.ts';
import { buildApp } from '../http/app.ts';
import { defaultWebRoot } from '../http/web-app.ts';
import { backgroundJobs, webJobs } from '../jobs/registry.ts';
import { createJobRunner, type JobRunner } from '../jobs/runner/runner.ts';
import type { JobDefinition, RunnerLog } from '../jobs/runner/types.ts';
import { imapMailboxes } from '../mail/inbound/imap-worker.ts';
import type { InboundDeps } from '../mail/inbound/ingest-mail.ts';
import type { SmtpListener } from '../mail/inbound/smtp-listener.ts';
import {
  createInboundDeps,
  describeMailError,
  type MailLog,
  startConfiguredSmtpListener,
} from '../mail/mail-services.ts';
import { buildWebIfStale } from './build-web.ts';
import { openMigrated } from './open-configured-database.ts';
import { loginHelp, type ServeRole, startMessage } from './serve-output.ts';
import {
  failureMessage,
  startWebProcesses,
  tellPrimary,
  type WebProcesses,
} from './web-processes.ts';

export type ServeOptions = { build?: boolean; role?: string; processes?: string };

const roles: readonly ServeRole[] = ['all', 'web', 'worker'];

const mailLog: MailLog = {
  warn: (message) => process.stderr.write(`guichet: ${message}\n`),
  info: (message) => process.stdout.write(`${message}\n`),
};

const runnerLog: RunnerLog = {
  error: (job, error, retried) =>
    process.stderr.write(
      `guichet: ${job}: ${describeMailError(error)}${retried ? '' : ' (not retried)'}\n`,
    ),
};

/** The role and the number of web processes, checked against the database. */
export function serveMode(
  options: Pick<ServeOptions, 'role' | 'processes'>,
  config: Pick<Config, 'database' | 'webProcesses'>,
): { role: ServeRole; processes: number } {
  const role = (options.role ?? 'all') as ServeRole;
  if (!roles.includes(role))
    throw new AppError('invalid_input', `--role must be all, web or worker (not ${options.role})`);
  const processes =
    options.processes === undefined
      ? role === 'worker'
        ? 1
        : config.webProcesses
      : Number(options.processes);
  if (!Number.isInteger(processes) || processes < 1 || processes > 64)
    throw new AppError('invalid_input', '--processes must be a whole number from 1 to 64');
  if (config.database.kind === 'pglite' && role !== 'all')
    throw new AppError(
      'configuration',
      `--role ${role} needs a PostgreSQL server (DATABASE_URL): the embedded database lives in one process, which serves HTTP and runs the background jobs (--role all).`,
    );
  if (config.database.kind === 'pglite' && processes > 1)
    throw new AppError(
      'configuration',
      '--processes above 1 needs a PostgreSQL server (DATABASE_URL): the embedded database lives in one process.',
    );
  if (role === 'worker' && processes > 1)
    throw new AppError(
      'invalid_input',
      '--processes counts web processes and the worker role has none: start more `guichet serve --role worker` instances instead.',
    );
  return { role, processes };
}

async function listen(app: FastifyInstance, config: Config): Promise<void> {
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      throw new AppError(
        'configuration',
        `Port ${config.port} on ${config.host} is already in use. Stop the other program or set PORT.`,
      );
    }
    if (code === 'EACCES')
      throw new AppError(
        'configuration',
        `Not allowed to listen on port ${config.port}. Use a port above 1024.`,
      );
    throw error;
  }
}

/** The HTTP app of one process; `wakeOutbox` reaches the process that runs the outbox. */
async function startWebApp(options: {
  config: Config;
  database: Database;
  sessionSecret: string;
  inbound: InboundDeps;
  wakeOutbox: (() => void) | undefined;
}): Promise<FastifyInstance> {
  const { config } = options;
  return buildApp({
    config,
    database: options.database,
    sessionSecret: options.sessionSecret,
    mail: {
      inbound: options.inbound,
      credentialsKey: config.mail.credentialsKey,
      allowedHosts: config.mail.allowedHosts,
      wakeOutbox: options.wakeOutbox,
      relayUrl: config.mail.relayUrl,
      smtpListener: config.mail.listen !== undefined,
    },
    portal: { limits: config.portal },
    webhookAllowedHosts: config.webhookAllowedHosts,
  });
}

const onStopSignal = (stop: (signal: NodeJS.Signals) => Promise<void>) => {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void stop(signal).then(() => process.exit(0));
    });
  }
};

export async function serve(options: ServeOptions): Promise<void> {
  if (cluster.isWorker) return serveWebProcess();
  const config = loadConfig();
  const { role, processes } = serveMode(options, config);
  await ensureDataDir(config.dataDir);
  const sessionSecret = await resolveSessionSecret(config);
  const { database, applied } = await openMigrated(config.database);
  let app: FastifyInstance | undefined;
  let web: WebProcesses | undefined;
  let admin: FirstAdmin | undefined;
  let runner: JobRunner | undefined;
  let smtp: SmtpListener | undefined;
  let closeJobs = () => {};
  const shutdown = async () => {
    await runner?.stop().catch(() => {});
    closeJobs();
    await smtp?.close().catch(() => {});
    await web?.stop().catch(() => {});
    await app?.close().catch(() => {});
    await database.close().catch(() => {});
  };
  try {
    await applyDefaultConfiguration(database.db);
    admin = await ensureFirstAdmin(database.db, config.admin);
    if (options.build && role !== 'worker') await buildWebIfStale(defaultWebRoot);
    const inbound = createInboundDeps({ config, database, sessionSecret });
    const jobs: JobDefinition[] = [];
    let imapCount = 0;
    if (role !== 'web') {
      smtp = await startConfiguredSmtpListener({ config, inbound, log: mailLog });
      imapCount = (await imapMailboxes(database.db, config.mail.credentialsKey)).size;
      const background = backgroundJobs({ config, database, inbound, log: mailLog });
      jobs.push(...background.jobs);
      closeJobs = background.close;
    }
    if (role !== 'worker' && processes === 1) jobs.push(...webJobs(database));
    const jobRunner = createJobRunner({ db: database.db, jobs, log: runnerLog });
    runner = jobRunner;
    const wakeOutbox = role === 'all' ? () => jobRunner.wake('outbox') : undefined;
    if (role !== 'worker' && processes === 1) {
      app = await startWebApp({ config, database, sessionSecret, inbound, wakeOutbox });
      await listen(app, config);
    } else if (role !== 'worker') {
      web = await startWebProcesses(processes, (job) => {
        if (role === 'all') jobRunner.wake(job);
      });
    }
    jobRunner.start();
    process.stdout.write(
      startMessage({
        config,
        role,
        processes,
        applied: applied.length,
        smtp,
        imapMailboxes: imapCount,
        admin,
      }),
    );
  } catch (error) {
    // A later step (e.g. the port is taken) failed after the first administrator
    // was created: its password exists nowhere else, so show it before failing.
    if (admin?.kind === 'created')
      process.stdout.write(`${loginHelp(admin, config.publicUrl.toString())}\n`);
    await shutdown();
    throw error;
  }
  onStopSignal(async (signal) => {
    process.stdout.write(`\nStopping Guichet (${signal})…\n`);
    await shutdown();
  });
}

/**
 * One of the web processes of `--processes N` (a cluster worker): the primary
 * has prepared the database, so it opens it, serves HTTP, flushes what it holds
 * in memory, and tells the primary it listens (or why it could not). It stops
 * on SIGINT/SIGTERM and when the primary goes away.
 */
async function serveWebProcess(): Promise<void> {
  let database: Database | undefined;
  let app: FastifyInstance | undefined;
  let runner: JobRunner | undefined;
  let stopping: Promise<void> | undefined;
  const shutdown = () => {
    stopping ??= (async () => {
      await runner?.stop().catch(() => {});
      await app?.close().catch(() => {});
      await database?.close().catch(() => {});
    })();
    return stopping;
  };
  try {
    const config = loadConfig();
    const sessionSecret = await resolveSessionSecret(config);
    database = await openDatabase(config.database);
    app = await startWebApp({
      config,
      database,
      sessionSecret,
      inbound: createInboundDeps({ config, database, sessionSecret }),
      wakeOutbox: () => tellPrimary({ type: 'guichet:wake', job: 'outbox' }),
    });
    // Which web process answered (1…N): for probes and the multi-process test.
    const processNumber = String(cluster.worker?.id ?? 0);
    app.addHook('onSend', async (_request, reply) => {
      reply.header('x-guichet-web-process', processNumber);
    });
    await listen(app, config);
    runner = createJobRunner({ db: database.db, jobs: webJobs(database), log: runnerLog });
    runner.start();
    tellPrimary({ type: 'guichet:listening' });
  } catch (error) {
    tellPrimary(failureMessage(error));
    await shutdown();
    process.exit(1);
  }
  onStopSignal(shutdown);
  process.once('disconnect', () => void shutdown().then(() => process.exit(0)));
}
