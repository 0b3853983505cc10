/**
 * Every setting of Guichet, read from the environment and validated once.
 *
 * The README's settings table is written from this file: keep them in step.
 * Nothing else in the code reads `process.env`.
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { type MailConfig, mailConfig } from './config/mail-config.ts';
import { type MailHostAllowance, parseMailAllowance } from './config/mail-host-guard.ts';
import { defaultPortalLimits, type PortalLimits } from './config/portal-limits.ts';
import { AppError } from './errors/app-error.ts';

const portSchema = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().positive();

export const envSchema = z.object({
  PORT: portSchema.default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z.string().optional(),
  DATABASE_POOL_SIZE: positiveInt.default(10),
  WEB_PROCESSES: positiveInt.max(64).default(1),
  PUBLIC_URL: z.string().optional(),
  SESSION_SECRET: z.string().optional(),
  SESSION_IDLE_MINUTES: positiveInt.default(480),
  SESSION_MAX_HOURS: positiveInt.default(168),
  GUICHET_ADMIN_EMAIL: z.string().optional(),
  GUICHET_ADMIN_PASSWORD: z.string().optional(),
  TRUST_PROXY: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MAIL_CREDENTIALS_KEY: z.string().optional(),
  MAIL_MAX_BYTES: positiveInt.default(26_214_400),
  MAIL_ALLOWED_HOSTS: z.string().optional(),
  WEBHOOK_ALLOWED_HOSTS: z.string().optional(),
  SMTP_LISTEN_PORT: portSchema.optional(),
  SMTP_LISTEN_HOST: z.string().min(1).default('127.0.0.1'),
  SMTP_TLS_KEY_FILE: z.string().optional(),
  SMTP_TLS_CERT_FILE: z.string().optional(),
  SMTP_RELAY_URL: z.string().optional(),
  PORTAL_FORM_PER_IP_HOUR: positiveInt.default(defaultPortalLimits.formPerIp.max),
  PORTAL_FORM_PER_EMAIL_HOUR: positiveInt.default(defaultPortalLimits.formPerEmail.max),
  PORTAL_MIN_SUBMIT_SECONDS: z.coerce
    .number()
    .int()
    .min(0)
    .default(defaultPortalLimits.minSubmitSeconds),
  PORTAL_PAGES_PER_MINUTE: positiveInt.default(defaultPortalLimits.pagesPerMinute),
});

export type Env = z.infer<typeof envSchema>;

export type DatabaseConfig =
  | { kind: 'pglite'; dataDir: string }
  | { kind: 'postgres'; url: string; poolSize: number };

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  database: DatabaseConfig;
  /** HTTP processes of `guichet serve` on one port (above 1 only with a PostgreSQL server). */
  webProcesses: number;
  publicUrl: URL;
  /** Absent until `resolveSessionSecret` has run (it may read DATA_DIR). */
  sessionSecret: string | undefined;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  admin: { email: string; password: string | undefined } | undefined;
  trustProxy: string[];
  logLevel: Env['LOG_LEVEL'];
  mail: MailConfig;
  /** WEBHOOK_ALLOWED_HOSTS: private, loopback… hosts or ranges webhooks may reach anyway. */
  webhookAllowedHosts: MailHostAllowance;
  /** The public help centre's abuse limits. */
  portal: PortalLimits;
};

/** Parses a PostgreSQL URL, with a message a person can act on when it is wrong. */
export function parseDatabaseUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new AppError(
      'configuration',
      'DATABASE_URL is not a valid URL. Expected postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE',
    );
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new AppError(
      'configuration',
      `DATABASE_URL must start with postgres:// or postgresql:// (got ${url.protocol}//)`,
    );
  }
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!database || database.includes('/')) {
    throw new AppError('configuration', 'DATABASE_URL must name a database, e.g. …:5432/guichet');
  }
  return url;
}

/**
 * Reads and validates the environment. Throws AppError('configuration') on any bad value.
 *
 * An empty variable counts as unset: `PORT=` in an env file or `-e PORT` in
 * Docker means "not configured", and must not turn into port 0 (a random port).
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const set = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = envSchema.safeParse(set);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new AppError('configuration', `Invalid settings: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  const database: DatabaseConfig = e.DATABASE_URL
    ? {
        kind: 'postgres',
        url: parseDatabaseUrl(e.DATABASE_URL).toString(),
        poolSize: e.DATABASE_POOL_SIZE,
      }
    : { kind: 'pglite', dataDir: path.join(dataDir, 'pgdata') };
  if (e.WEB_PROCESSES > 1 && database.kind === 'pglite') {
    throw new AppError(
      'configuration',
      'WEB_PROCESSES above 1 needs a PostgreSQL server (DATABASE_URL): the embedded database lives in one process.',
    );
  }

  let publicUrl: URL;
  try {
    publicUrl = new URL(e.PUBLIC_URL ?? `http://localhost:${e.PORT}`);
  } catch {
    throw new AppError(
      'configuration',
      'PUBLIC_URL is not a valid URL (e.g. https://guichet.example.org)',
    );
  }
  if (publicUrl.protocol !== 'http:' && publicUrl.protocol !== 'https:') {
    throw new AppError('configuration', 'PUBLIC_URL must be an http:// or https:// URL');
  }

  const admin = e.GUICHET_ADMIN_EMAIL
    ? { email: e.GUICHET_ADMIN_EMAIL.trim().toLowerCase(), password: e.GUICHET_ADMIN_PASSWORD }
    : undefined;

  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    database,
    webProcesses: e.WEB_PROCESSES,
    publicUrl,
    sessionSecret: e.SESSION_SECRET,
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    sessionMaxHours: e.SESSION_MAX_HOURS,
    admin,
    trustProxy: (e.TRUST_PROXY ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    logLevel: e.LOG_LEVEL,
    mail: mailConfig(e),
    webhookAllowedHosts: parseMailAllowance(e.WEBHOOK_ALLOWED_HOSTS, 'WEBHOOK_ALLOWED_HOSTS'),
    portal: {
      formPerIp: { max: e.PORTAL_FORM_PER_IP_HOUR, windowSeconds: 3600 },
      formPerEmail: { max: e.PORTAL_FORM_PER_EMAIL_HOUR, windowSeconds: 3600 },
      minSubmitSeconds: e.PORTAL_MIN_SUBMIT_SECONDS,
      pagesPerMinute: e.PORTAL_PAGES_PER_MINUTE,
    },
  };
}

/** Well-known placeholder secrets that must never sign anything. */
const weakSecrets = new Set([
  'secret',
  'changeme',
  'change-me',
  'password',
  'guichet',
  'session-secret',
]);
export const minSecretLength = 32;

/** Throws unless `secret` is long and varied enough to sign sessions and tokens. */
export function assertStrongSecret(secret: string): void {
  const distinct = new Set(secret).size;
  if (secret.length < minSecretLength || distinct < 10 || weakSecrets.has(secret.toLowerCase())) {
    throw new AppError(
      'configuration',
      `SESSION_SECRET is too weak: use at least ${minSecretLength} random characters ` +
        `(for example: node -e "console.log(require('crypto').randomBytes(48).toString('base64url'))")`,
    );
  }
}

const loopbackNames = new Set(['localhost', '::1', '[::1]']);
const isLoopback = (host: string) => loopbackNames.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host);

/** Whether Guichet can only be reached from this machine: PUBLIC_URL and HOST are both loopback. */
export function isLocalOnly(config: Pick<Config, 'publicUrl' | 'host'>): boolean {
  return isLoopback(config.publicUrl.hostname) && isLoopback(config.host);
}

/** Makes sure DATA_DIR exists and is writable; a clear error otherwise. */
export async function ensureDataDir(dataDir: string): Promise<void> {
  try {
    await mkdir(dataDir, { recursive: true });
    await access(dataDir, constants.W_OK);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new AppError(
      'configuration',
      `DATA_DIR ${dataDir} is not writable (${reason}). Set DATA_DIR to a writable folder.`,
    );
  }
}

/**
 * Returns the secret that signs session cookies and tokens.
 *
 * When Guichet is reachable beyond this machine (PUBLIC_URL or HOST not
 * loopback) SESSION_SECRET is required: every instance behind the load
 * balancer must share it, and a deployment must choose it on purpose. A local
 * run, on either database, generates one on first start and keeps it in
 * DATA_DIR/session-secret (mode 0600). A weak SESSION_SECRET is always refused.
 */
export async function resolveSessionSecret(config: Config): Promise<string> {
  if (config.sessionSecret !== undefined) {
    assertStrongSecret(config.sessionSecret);
    return config.sessionSecret;
  }
  if (!isLocalOnly(config)) {
    throw new AppError(
      'configuration',
      `SESSION_SECRET is required when Guichet is reachable from other machines (PUBLIC_URL ${config.publicUrl.origin}, HOST ${config.host}): every instance must share it.`,
    );
  }
  await ensureDataDir(config.dataDir);
  const file = path.join(config.dataDir, 'session-secret');
  const stored = await readStoredSecret(file);
  if (stored !== undefined) return stored;
  const generated = randomBytes(48).toString('base64url');
  const temp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(temp, `${generated}\n`, { mode: 0o600, flag: 'wx' });
  try {
    // link() publishes the complete file, or fails when one exists: a process
    // starting at the same moment never reads a half-written secret.
    await link(temp, file);
    return generated;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await unlink(temp).catch(() => {});
  }
  // Another process (or call) generated it first: every one must sign with the same secret.
  const winner = await readStoredSecret(file);
  if (winner === undefined)
    throw new AppError('configuration', `${file} disappeared while Guichet was starting.`);
  return winner;
}

/** The secret kept in DATA_DIR, or undefined when there is none yet. */
async function readStoredSecret(file: string): Promise<string | undefined> {
  let stored: string;
  try {
    stored = (await readFile(file, 'utf8')).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    assertStrongSecret(stored);
  } catch {
    throw new AppError(
      'configuration',
      `${file} holds a secret that is too weak: delete the file to have a new one generated, or set SESSION_SECRET.`,
    );
  }
  return stored;
}
