/**
 * Is each open mailbox's mail working (issue 15 §1)? Addresses, where its
 * outgoing mail goes (its own SMTP server, the instance relay, nowhere) and
 * where its incoming mail comes from (IMAP, Guichet's SMTP listener, nowhere),
 * each failing when its last connection test failed or, for outgoing mail,
 * when the mailbox's latest outbox attempt ended in an error. The last test
 * result is kept by `recordConnectionCheck`.
 */
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { ConnectionTestDto, MailboxMailHealthDto } from '../../shared/setup-contracts.ts';

/** What the instance itself offers: the relay and Guichet's own SMTP listener. */
export type InstanceMail = { relay: boolean; smtpListener: boolean };

/** Keeps the result of a connection test (the latest one per mailbox and kind). */
export async function recordConnectionCheck(
  db: Kysely<DB>,
  mailboxId: string,
  result: ConnectionTestDto,
): Promise<void> {
  const values = { ok: result.ok, reason: result.reason, checked_at: new Date() };
  await db
    .insertInto('mail_connection_checks')
    .values({ mailbox_id: mailboxId, kind: result.kind, ...values })
    .onConflict((oc) => oc.columns(['mailbox_id', 'kind']).doUpdateSet(values))
    .execute();
}

/** The mail health of every open mailbox, in their order. */
export async function mailHealth(
  db: Kysely<DB>,
  instance: InstanceMail,
): Promise<MailboxMailHealthDto[]> {
  const [mailboxes, addresses, settings, checks, failures] = await Promise.all([
    db
      .selectFrom('mailboxes')
      .select(['id', 'name'])
      .where('archived_at', 'is', null)
      .orderBy('position')
      .orderBy('slug')
      .execute(),
    db
      .selectFrom('mailbox_addresses')
      .select(['mailbox_id', (eb) => eb.fn.countAll<string>().as('n')])
      .groupBy('mailbox_id')
      .execute(),
    db
      .selectFrom('mailbox_mail_settings')
      .select(['mailbox_id', 'smtp_host', 'imap_enabled', 'imap_host'])
      .execute(),
    db.selectFrom('mail_connection_checks').select(['mailbox_id', 'kind', 'ok']).execute(),
    // The latest outbox row of each mailbox that was tried: failing when it erred.
    db
      .selectFrom('outbox as o')
      .select('o.mailbox_id')
      .where('o.last_error', 'is not', null)
      .where('o.status', '!=', 'sent')
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('outbox as later')
              .select(sql`1`.as('one'))
              .whereRef('later.mailbox_id', '=', 'o.mailbox_id')
              .where('later.status', '=', 'sent')
              .whereRef('later.sent_at', '>', 'o.created_at'),
          ),
        ),
      )
      .groupBy('o.mailbox_id')
      .execute(),
  ]);
  const count = new Map(addresses.map((a) => [a.mailbox_id, Number(a.n)]));
  const setting = new Map(settings.map((s) => [s.mailbox_id, s]));
  const failed = (id: string, kind: 'smtp' | 'imap') =>
    checks.some((c) => c.mailbox_id === id && c.kind === kind && !c.ok);
  const outboxFailing = new Set(failures.map((f) => f.mailbox_id));
  return mailboxes.map((m) => {
    const s = setting.get(m.id);
    const outgoing = s?.smtp_host ? 'mailbox' : instance.relay ? 'relay' : 'none';
    const imap = s?.imap_enabled === true && Boolean(s.imap_host);
    const incoming = imap ? 'imap' : instance.smtpListener ? 'smtp-listener' : 'none';
    return {
      id: m.id,
      name: m.name,
      addresses: count.get(m.id) ?? 0,
      outgoing,
      outgoingFailing: outgoing !== 'none' && (failed(m.id, 'smtp') || outboxFailing.has(m.id)),
      incoming,
      incomingFailing: imap && failed(m.id, 'imap'),
    };
  });
}

/** Whether account mail (invitations) can leave: its sender mailbox has an SMTP server or the relay is set. */
export async function accountMailCanLeave(
  db: Kysely<DB>,
  senderMailboxId: string,
  instance: InstanceMail,
): Promise<boolean> {
  if (instance.relay) return true;
  const row = await db
    .selectFrom('mailbox_mail_settings')
    .select('smtp_host')
    .where('mailbox_id', '=', senderMailboxId)
    .executeTakeFirst();
  return Boolean(row?.smtp_host);
}
