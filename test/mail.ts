/**
 * Mail test helpers: the pipeline's dependencies on a test database (blob
 * store in a temporary folder, a signer with the test secret), the `.eml`
 * fixtures of src/mail/fixtures, and a mailbox with an address to route to.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { DB } from '../src/db/schema.ts';
import { createMailSigner } from '../src/domain/signing/mail-signer.ts';
import { createUser } from '../src/domain/users/manage-users.ts';
import { type InboundDeps, ingestMail } from '../src/mail/inbound/ingest-mail.ts';
import { createBlobStore } from '../src/storage/blob-store.ts';
import { withDefaultConfiguration } from './factories.ts';
import { testSecret } from './http.ts';

export const signer = createMailSigner(testSecret);
const fixtures = new URL('../src/mail/fixtures/', import.meta.url);

/** The bytes of a fixture, with `{{KEY}}` placeholders replaced. */
export async function fixture(name: string, vars: Record<string, string> = {}): Promise<Buffer> {
  let text = await readFile(new URL(name, fixtures), 'latin1');
  for (const [key, value] of Object.entries(vars)) text = text.replaceAll(`{{${key}}}`, value);
  return Buffer.from(text, 'latin1');
}

let counter = 0;
/**
 * The Partenaires mailbox with a fresh address of its own (`support-N@example.org`),
 * mail settings as given; returns its id and address.
 */
export async function mailMailbox(
  db: Kysely<DB>,
  settings: { ack_enabled?: boolean; reopen_days?: number } = {},
): Promise<{ mailboxId: string; address: string }> {
  const ids = await withDefaultConfiguration(db);
  const mailboxId = ids.partenaires;
  if (!mailboxId) throw new Error('default configuration has no partenaires mailbox');
  const existing = await db
    .selectFrom('mailbox_addresses')
    .select('address')
    .where('mailbox_id', '=', mailboxId)
    .where('is_primary', '=', true)
    .executeTakeFirst();
  counter += 1;
  const address = existing?.address ?? 'support@example.org';
  if (!existing)
    await db
      .insertInto('mailbox_addresses')
      .values({ address, mailbox_id: mailboxId, is_primary: true })
      .execute();
  await db
    .insertInto('mailbox_mail_settings')
    .values({ mailbox_id: mailboxId, ...settings })
    .onConflict((oc) =>
      oc.column('mailbox_id').doUpdateSet({ updated_at: new Date(), ...settings }),
    )
    .execute();
  return { mailboxId, address };
}

/** Pipeline dependencies on `db`, with a fresh blob store. */
export async function inboundDeps(db: Kysely<DB>, now?: () => Date): Promise<InboundDeps> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'guichet-mail-'));
  return { db, blobs: createBlobStore(path.join(root, 'blobs')), signer, maxBytes: 1_000_000, now };
}

/**
 * What the threading suites start from (beforeAll): a mail mailbox with
 * `settings`, the pipeline on a clock the suite moves, and an agent who replies.
 */
export async function threadingSuite(
  db: Kysely<DB>,
  settings: Parameters<typeof mailMailbox>[1],
  now: () => Date,
): Promise<{ mailboxId: string; agentId: string; deps: InboundDeps }> {
  const { mailboxId } = await mailMailbox(db, settings);
  const deps = await inboundDeps(db, now);
  counter += 1;
  const agent = await createUser(
    db,
    {
      email: `agent-${counter}-${Date.now()}@example.org`,
      name: 'Agent',
      role: 'agent',
      password: 'correct horse battery staple',
    },
    { userId: null, label: 'test' },
  );
  return { mailboxId, agentId: agent.id, deps };
}

/** Takes `mail` in through the pipeline (SMTP); a ticket created or appended to, or it throws. */
export async function receiveMail(
  deps: InboundDeps,
  mailboxId: string,
  mail: Parameters<typeof plainMail>[0],
) {
  const outcome = await ingestMail(deps, { raw: plainMail(mail), mailboxId, source: 'smtp' });
  if (outcome.status !== 'created' && outcome.status !== 'appended')
    throw new Error(JSON.stringify(outcome));
  return outcome;
}

/** A minimal text mail. */
export function plainMail(options: {
  from: string;
  to?: string;
  subject: string;
  messageId: string;
  inReplyTo?: string;
  references?: string;
  cc?: string;
  body?: string;
  extra?: string;
}): Buffer {
  const lines = [
    `From: ${options.from}`,
    `To: ${options.to ?? 'support@example.org'}`,
    ...(options.cc ? [`Cc: ${options.cc}`] : []),
    `Subject: ${options.subject}`,
    `Message-ID: ${options.messageId}`,
    ...(options.inReplyTo ? [`In-Reply-To: ${options.inReplyTo}`] : []),
    ...(options.references ? [`References: ${options.references}`] : []),
    ...(options.extra ? [options.extra] : []),
    'Date: Mon, 16 Nov 2026 10:00:00 +0100',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    options.body ?? 'Bonjour.',
    '',
  ];
  return Buffer.from(lines.join('\r\n'), 'utf8');
}

export const uniqueId = (tag: string): string => {
  counter += 1;
  return `<${tag}-${counter}-${Date.now()}@client.example.org>`;
};

/** The Dovecot test account of scripts/test-services.sh (GUICHET_TEST_IMAP_* override it). */
export const testImapAccount = {
  host: process.env.GUICHET_TEST_IMAP_HOST ?? '127.0.0.1',
  port: Number(process.env.GUICHET_TEST_IMAP_PORT ?? 1143),
  secure: false,
  user: process.env.GUICHET_TEST_IMAP_USER ?? 'guichet-test@example.org',
  pass: process.env.GUICHET_TEST_IMAP_PASSWORD ?? 'guichet-test-password',
  folder: 'INBOX',
};

/**
 * Whether the Dovecot test server answers. With CI=true the IMAP suites run
 * regardless, so they fail (never skip) when it is absent.
 */
export async function imapRequiredOrAvailable(): Promise<boolean> {
  if (process.env.CI === 'true') return true;
  const net = await import('node:net');
  const up = await new Promise<boolean>((resolve) => {
    const socket = net.connect(testImapAccount.port, testImapAccount.host);
    socket.setTimeout(1000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
  if (!up)
    console.warn(
      `\n⚠ Dovecot not reachable on ${testImapAccount.host}:${testImapAccount.port}: IMAP tests SKIPPED (run bash scripts/test-services.sh; CI=true fails instead).\n`,
    );
  return up;
}
