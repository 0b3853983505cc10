/**
 * The waits of tickets whose time came (issue 18 §2), as the job `ticket-waits`
 * runs them (ticket-waits-job.ts):
 *
 * - a snooze ends: the ticket is active again (`ticket.snooze_ended`, reason
 *   `time`, and its status change);
 * - a follow-up fires: the saved reply is sent to the customer through the
 *   outbox (a reply like an agent's, by the agent who set it), or the ticket is
 *   closed (`ticket.follow_up_fired`).
 *
 * Each is done once whatever the number of instances: rows are claimed with
 * SKIP LOCKED and their columns cleared in the transaction that does the work,
 * which checks the time again under the lock.
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors/app-error.ts';
import { fillVariables } from '../../shared/workspace-contracts.ts';
import { systemActor } from '../audit/record-audit.ts';
import type { MailSigner } from '../signing/mail-signer.ts';
import { recordTicketEvents } from './events/record-events.ts';
import { writeReply } from './reply-to-ticket.ts';
import { assertClosable } from './required-fields.ts';
import { addThreadEvent } from './ticket-history.ts';
import { clearFollowUp } from './ticket-waits.ts';

export type WaitsPass = { woken: number; followedUp: number; more: boolean };

/** Ends up to `limit` snoozes whose time came, in one transaction. */
async function wakeSnoozed(db: Kysely<DB>, now: Date, limit: number): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ id: number; mailbox_id: string; status: string }>`
      select id, mailbox_id, status from tickets
      where snoozed_until <= ${now.toISOString()}::timestamptz
      order by snoozed_until limit ${limit} for update skip locked`.execute(trx);
    if (rows.length === 0) return 0;
    await sql`
      update tickets set snoozed_until = null, updated_at = ${now.toISOString()}::timestamptz,
        status = case when status = 'pending' then 'active' else status end
      where id = any(${rows.map((r) => Number(r.id))}::bigint[])`.execute(trx);
    for (const row of rows) {
      const ticket = { id: Number(row.id), mailbox_id: row.mailbox_id };
      const ref = { ticketId: ticket.id, mailboxId: ticket.mailbox_id };
      await addThreadEvent(trx, ticket, systemActor, 'snooze_ended', { reason: 'time' }, now);
      await recordTicketEvents(
        trx,
        { kind: 'system' },
        [
          { type: 'ticket.snooze_ended', ...ref, data: { reason: 'time' } },
          ...(row.status === 'pending'
            ? [
                {
                  type: 'ticket.status_changed' as const,
                  ...ref,
                  data: {
                    from: 'pending' as const,
                    to: 'active' as const,
                    reason: 'snooze' as const,
                  },
                },
              ]
            : []),
        ],
        now,
      );
    }
    return rows.length;
  });
}

type Claimed = {
  id: number;
  number: number;
  mailbox_id: string;
  status: 'active' | 'pending' | 'closed' | 'spam';
  follow_up_action: 'remind' | 'close';
  follow_up_reply_id: string | null;
  follow_up_by: string | null;
};

/** Claims one follow-up whose time came (SKIP LOCKED), or none. */
async function claimFollowUp(trx: Transaction<DB>, now: Date): Promise<Claimed | undefined> {
  const { rows } = await sql<Claimed>`
    select id, number, mailbox_id, status, follow_up_action, follow_up_reply_id, follow_up_by
    from tickets where follow_up_at <= ${now.toISOString()}::timestamptz
    order by follow_up_at limit 1 for update skip locked`.execute(trx);
  return rows[0];
}

/** The saved reply's text with its variables filled, or null when it is gone. */
async function reminderText(trx: Transaction<DB>, ticket: Claimed): Promise<string | null> {
  if (ticket.follow_up_reply_id === null) return null;
  const reply = await trx
    .selectFrom('saved_replies')
    .select('body')
    .where('id', '=', ticket.follow_up_reply_id)
    .executeTakeFirst();
  if (!reply) return null;
  const facts = await trx
    .selectFrom('tickets as t')
    .innerJoin('mailboxes as m', 'm.id', 't.mailbox_id')
    .leftJoin('contacts as c', 'c.id', 't.contact_id')
    .leftJoin('users as u', (join) => join.on('u.id', '=', ticket.follow_up_by))
    .select(['c.name as contact', 'm.name as mailbox', 'u.name as agent'])
    .where('t.id', '=', ticket.id)
    .executeTakeFirstOrThrow();
  const name = facts.contact ?? '';
  return fillVariables(reply.body, {
    'contact.name': name,
    'contact.firstName': name.split(/\s+/)[0] ?? '',
    'ticket.number': String(ticket.number),
    'agent.name': facts.agent ?? '',
    'mailbox.name': facts.mailbox,
  });
}

/** Fires one follow-up, in one transaction; false when none is due. */
async function fireOneFollowUp(db: Kysely<DB>, signer: MailSigner, now: Date): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const ticket = await claimFollowUp(trx, now);
    if (!ticket) return false;
    await clearFollowUp(trx, ticket.id, now);
    const ref = { ticketId: ticket.id, mailboxId: ticket.mailbox_id };
    const open = ticket.status === 'active' || ticket.status === 'pending';
    let done = false;
    let messageId: number | null = null;
    if (open && ticket.follow_up_action === 'remind') {
      const body = await reminderText(trx, ticket);
      if (body !== null) {
        try {
          // its checks (an address to answer, one to send from) come before any write
          const sent = await writeReply(trx, signer, {
            ticketId: ticket.id,
            authorUserId: ticket.follow_up_by,
            body,
            status: 'pending',
            now,
          });
          messageId = sent.messageId;
          done = true;
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
        }
      }
    } else if (open) {
      try {
        await assertClosable(trx, ticket.id);
        done = true;
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
      }
      if (done) {
        await trx
          .updateTable('tickets')
          .set({ status: 'closed', closed_at: now, snoozed_until: null, updated_at: now })
          .where('id', '=', ticket.id)
          .execute();
      }
    }
    await addThreadEvent(
      trx,
      { id: ticket.id, mailbox_id: ticket.mailbox_id },
      systemActor,
      'follow_up_fired',
      { action: ticket.follow_up_action, done },
      now,
    );
    await recordTicketEvents(
      trx,
      { kind: 'system' },
      [
        {
          type: 'ticket.follow_up_fired',
          ...ref,
          data: { action: ticket.follow_up_action, messageId, done },
        },
        ...(ticket.follow_up_action === 'close' && done
          ? [
              {
                type: 'ticket.status_changed' as const,
                ...ref,
                data: { from: ticket.status, to: 'closed' as const, reason: 'follow_up' as const },
              },
            ]
          : []),
      ],
      now,
    );
    return true;
  });
}

/**
 * One pass: ends the snoozes whose time came, then fires up to `limit`
 * follow-ups (one transaction each: a reminder that cannot be sent never holds
 * back the others); `more` when either stage was full.
 */
export async function fireDueWaits(
  db: Kysely<DB>,
  signer: MailSigner,
  now: Date = new Date(),
  limit = 100,
): Promise<WaitsPass> {
  const woken = await wakeSnoozed(db, now, limit);
  let followedUp = 0;
  while (followedUp < limit && (await fireOneFollowUp(db, signer, now))) followedUp += 1;
  return { woken, followedUp, more: woken === limit || followedUp === limit };
}
