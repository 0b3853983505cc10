/**
 * Escalation (issue 18): before a ticket's due time is missed (its target's
 * margin) the assignee is warned; when it is missed, the mailbox's supervisors
 * are. Each is a ticket event (`ticket.target_warning`, `ticket.target_missed`)
 * and a line of the ticket's history, once per due time: the row of
 * `ticket_due_times` is marked in the same transaction (`warned_due_at`,
 * `missed_due_at`), rows are claimed with SKIP LOCKED, and the mark is checked
 * again by the update itself, so two instances never record one twice.
 */
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { DueKind } from '../../shared/targets-contracts.ts';
import { recordTicketEvents } from '../tickets/events/record-events.ts';

type Claimed = {
  ticket_id: number;
  mailbox_id: string;
  due_kind: DueKind;
  due_at: Date;
  assignee_id: string | null;
};

export type EscalationPass = { warned: number; missed: number; more: boolean };

/** The enabled supervisors of a mailbox: those who see every mailbox, or this one. */
async function supervisorsOf(db: Kysely<DB>, mailboxId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('users')
    .select('users.id')
    .where('users.role', '=', 'supervisor')
    .where('users.disabled_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb('users.all_mailboxes', '=', true),
        eb.exists(
          eb
            .selectFrom('user_mailboxes')
            .select('user_mailboxes.user_id')
            .whereRef('user_mailboxes.user_id', '=', 'users.id')
            .where('user_mailboxes.mailbox_id', '=', mailboxId),
        ),
      ]),
    )
    .orderBy('users.id')
    .execute();
  return rows.map((r) => r.id);
}

/** Claims and marks up to `limit` rows of one stage (see the file's comment). */
async function claim(
  db: Kysely<DB>,
  stage: 'warning' | 'missed',
  now: Date,
  limit: number,
): Promise<Claimed[]> {
  const at = now.toISOString();
  const query =
    stage === 'warning'
      ? sql<Claimed>`
        with picked as (select ticket_id from ticket_due_times
            where warned_due_at is distinct from due_at and warn_at <= ${at}::timestamptz
              and due_at > ${at}::timestamptz
            order by warn_at limit ${limit} for update skip locked)
        update ticket_due_times d set warned_due_at = d.due_at
        from picked, tickets t
        where d.ticket_id = picked.ticket_id and t.id = d.ticket_id
          and d.warned_due_at is distinct from d.due_at
        returning d.ticket_id, d.mailbox_id, d.due_kind, d.due_at, t.assignee_id`
      : sql<Claimed>`
        with picked as (select ticket_id from ticket_due_times
            where missed_due_at is distinct from due_at and due_at <= ${at}::timestamptz
            order by due_at limit ${limit} for update skip locked)
        update ticket_due_times d set missed_due_at = d.due_at, warned_due_at = d.due_at
        from picked, tickets t
        where d.ticket_id = picked.ticket_id and t.id = d.ticket_id
          and d.missed_due_at is distinct from d.due_at
        returning d.ticket_id, d.mailbox_id, d.due_kind, d.due_at, t.assignee_id`;
  return (await query.execute(db)).rows;
}

/** One stage in one transaction: the rows claimed, their events and history lines. */
async function escalateStage(
  db: Kysely<DB>,
  stage: 'warning' | 'missed',
  now: Date,
  limit: number,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const claimed = await claim(trx, stage, now, limit);
    if (claimed.length === 0) return 0;
    const supervisors = new Map<string, string[]>();
    if (stage === 'missed')
      for (const mailboxId of new Set(claimed.map((row) => row.mailbox_id)))
        supervisors.set(mailboxId, await supervisorsOf(trx, mailboxId));
    const eventType = stage === 'warning' ? 'target_warning' : 'target_missed';
    const lines = claimed.map((row) => ({
      ticketId: Number(row.ticket_id),
      mailboxId: row.mailbox_id,
      kind: row.due_kind,
      dueAt: new Date(row.due_at).toISOString(),
      userIds:
        stage === 'warning'
          ? row.assignee_id
            ? [row.assignee_id]
            : []
          : (supervisors.get(row.mailbox_id) ?? []),
    }));
    // the history's lines (as addThreadEvent writes them, in one statement) and the events
    await trx
      .insertInto('messages')
      .values(
        lines.map((l) => ({
          ticket_id: l.ticketId,
          mailbox_id: l.mailboxId,
          kind: 'event' as const,
          author_user_id: null,
          event_type: eventType,
          event_data: JSON.stringify({ kind: l.kind, dueAt: l.dueAt }),
          created_at: now,
        })),
      )
      .execute();
    await recordTicketEvents(
      trx,
      { kind: 'system' },
      lines.map((l) => ({
        type:
          stage === 'warning'
            ? ('ticket.target_warning' as const)
            : ('ticket.target_missed' as const),
        ticketId: l.ticketId,
        mailboxId: l.mailboxId,
        data: { kind: l.kind, dueAt: l.dueAt, userIds: l.userIds },
      })),
      now,
    );
    return claimed.length;
  });
}

/**
 * One pass: warns of the due times within their margin, then escalates those
 * missed, at most `limit` of each; `more` when a stage was full.
 */
export async function escalateDueTimes(
  db: Kysely<DB>,
  now: Date = new Date(),
  limit = 500,
): Promise<EscalationPass> {
  const warned = await escalateStage(db, 'warning', now, limit);
  const missed = await escalateStage(db, 'missed', now, limit);
  return { warned, missed, more: warned === limit || missed === limit };
}
