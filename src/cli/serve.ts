/**
 * `guichet serve`: settings → DATA_DIR → secret → database → migrations →
 * default configuration → first administrator → (web build) → HTTP.
 * Each step fails with one clear message; the database is closed on the way out.
 */

import type { FastifyInstance } from 'fastify';
import { type Config, ensureDataDir, loadConfig, resolveSessionSecret } from '../config.ts';
import { describeDatabase } from '../db/client.ts';
import { applyDefaultConfiguration } from '../domain/configuration/apply-default-config.ts';
import { type SearchBacklogJob, startSearchBacklog } from '../domain/inbox/search-backlog.ts';
import { startRetentionSchedule } from '../domain/privacy/retention-schedule.ts';
import { ensureFirstAdmin, type FirstAdmin } from '../domain/users/ensure-first-admin.ts';
import { AppError } from '../errors/app-error.ts';
import { buildApp } from '../http/app.ts';
import { defaultWebRoot } from '../http/web-app.ts';
import { type MailServices, startMailServices } from '../mail/mail-services.ts';
import { startMonthlySummarySchedule } from '../reports/summary/summary-schedule.ts';
import { buildWebIfStale } from './build-web.ts';
import { housekeep, startHousekeeping } from './housekeeping.ts';
import { openMigrated } from './open-configured-database.ts';

function loginHelp(admin: FirstAdmin, url: string): string {
  if (admin.kind === 'created') {
    return [
      'First start: an administrator account was created. Log in with',
      `  e-mail:   ${admin.email}`,
      `  password: ${admin.password}`,
      `This password is shown only once. Change it with: npx guichet user passwd ${admin.email}`,
    ].join('\n');
  }
  if (admin.kind === 'configured')
    return `Log in at ${url} as ${admin.email} (password from GUICHET_ADMIN_PASSWORD).`;
  return `Log in at ${url} with your account. Lost the password? Stop Guichet and run: npx guichet user passwd EMAIL`;
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

export async function serve(options: { build?: boolean }): Promise<void> {
  const config = loadConfig();
  await ensureDataDir(config.dataDir);
  const sessionSecret = await resolveSessionSecret(config);
  const { database, applied } = await openMigrated(config.database);
  let app: FastifyInstance | undefined;
  let admin: FirstAdmin | undefined;
  let stopHousekeeping = () => {};
  let stopSummaries = () => {};
  let searchBacklog: SearchBacklogJob | undefined;
  let stopRetention = () => {};
  let mail: MailServices | undefined;
  const shutdown = async () => {
    stopHousekeeping();
    stopSummaries();
    await searchBacklog?.stop().catch(() => {});
    stopRetention();
    await mail?.stop().catch(() => {});
    await app?.close().catch(() => {});
    await database.close().catch(() => {});
  };
  try {
    await applyDefaultConfiguration(database.db);
    admin = await ensureFirstAdmin(database.db, config.admin);
    await housekeep(database, config.portal);
    if (options.build) await buildWebIfStale(defaultWebRoot);
    mail = await startMailServices({
      config,
      database,
      sessionSecret,
      log: {
        warn: (message) => process.stderr.write(`guichet: ${message}\n`),
        info: (message) => process.stdout.write(`${message}\n`),
      },
    });
    app = await buildApp({
      config,
      database,
      sessionSecret,
      mail: {
        inbound: mail.inbound,
        credentialsKey: config.mail.credentialsKey,
        allowedHosts: config.mail.allowedHosts,
        wakeOutbox: mail.wakeOutbox,
      },
      portal: { limits: config.portal },
    });
    await listen(app, config);
    const log = app.log;
    stopHousekeeping = startHousekeeping({
      database,
      limits: config.portal,
      onError: (error) => log.warn({ err: error }, 'housekeeping failed; retried in an hour'),
    });
    searchBacklog = startSearchBacklog(database.db, (error) =>
      log.warn({ err: error }, 'search backlog not indexed; retried shortly'),
    );
    stopSummaries = startMonthlySummarySchedule({
      db: database.db,
      relayUrl: config.mail.relayUrl,
      credentialsKey: config.mail.credentialsKey,
      onSent: (month) => log.info(`monthly summary of ${month} sent`),
      onError: (error) => log.warn({ err: error }, 'monthly summary not sent; retried in an hour'),
    });
    stopRetention = startRetentionSchedule({
      db: database.db,
      blobs: mail.inbound.blobs,
      onRun: (result) => log.info(`retention: ${result.tickets} ticket(s) anonymised`),
      onError: (error) => log.warn({ err: error }, 'retention run failed; retried in an hour'),
    });
    const url = config.publicUrl.toString().replace(/\/$/, '');
    process.stdout.write(
      [
        `Guichet is running on ${url} (listening on ${config.host}:${config.port})`,
        `Database: ${describeDatabase(config.database)}${applied.length ? ` (${applied.length} migration(s) applied)` : ''}`,
        mail.smtp
          ? `Mail: SMTP listener on ${config.mail.listen?.host}:${mail.smtp.port}, ${mail.imapWorkers} IMAP mailbox(es)`
          : `Mail: ${mail.imapWorkers} IMAP mailbox(es), no SMTP listener (set SMTP_LISTEN_PORT)`,
        loginHelp(admin, url),
        'Stop with Ctrl+C.',
        '',
      ].join('\n'),
    );
  } catch (error) {
    // A later step (e.g. the port is taken) failed after the first administrator
    // was created: its password exists nowhere else, so show it before failing.
    if (admin?.kind === 'created')
      process.stdout.write(`${loginHelp(admin, config.publicUrl.toString())}\n`);
    await shutdown();
    throw error;
  }
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      process.stdout.write(`\nStopping Guichet (${signal})…\n`);
      void shutdown().then(() => process.exit(0));
    });
  }
}
