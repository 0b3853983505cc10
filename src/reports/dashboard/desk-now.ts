/**
 * The desk as it stands (issue 18 §5): open tickets per mailbox and folder, the
 * ones past or near their due time, the one waiting longest, and the tickets due
 * within the hour. Reads the ticket columns the events keep (status, assignee,
 * due_at: ticket-due-times.ts), through the inbox's indexes.
 */
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';

export type OpenCounts = {
  unassigned: number;
  assigned: number;
  pending: number;
  overdue: number;
  dueNextHour: number;
};

export type WaitingTicket = { id: number; number: number; subject: string; since: Date };

export type DueTicket = {
  id: number;
  number: number;
  subject: string;
  mailboxId: string;
  dueAt: Date;
  dueKind: 'first_response' | 'next_response' | 'resolution';
  assigneeName: string | null;
};

export type DeskNow = {
  open: Map<string, OpenCounts>;
  oldestWaiting: Map<string, WaitingTicket>;
  dueSoon: DueTicket[];
};

const HOUR_MS = 3_600_000;

export async function deskNow(db: Kysely<DB>, mailboxIds: string[], now: Date): Promise<DeskNow> {
  if (mailboxIds.length === 0) return { open: new Map(), oldestWaiting: new Map(), dueSoon: [] };
  const nowIso = now.toISOString();
  const inHour = new Date(now.getTime() + HOUR_MS).toISOString();
  const [counts, oldest, due] = await Promise.all([
    sql<{
      mailbox_id: string;
      unassigned: number;
      assigned: number;
      pending: number;
      overdue: number;
      due_next_hour: number;
    }>`
      select mailbox_id,
        count(*) filter (where status = 'active' and assignee_id is null)::int as unassigned,
        count(*) filter (where status = 'active' and assignee_id is not null)::int as assigned,
        count(*) filter (where status = 'pending')::int as pending,
        count(*) filter (where due_at < ${nowIso}::timestamptz)::int as overdue,
        count(*) filter (where due_at >= ${nowIso}::timestamptz and due_at < ${inHour}::timestamptz)::int as due_next_hour
      from tickets
      where deleted_at is null and merged_into_id is null and status in ('active', 'pending')
        and mailbox_id = any(${mailboxIds}::uuid[])
      group by mailbox_id`.execute(db),
    // one index walk per mailbox (tickets_inbox_idx read backwards)
    sql<{ mailbox_id: string; id: number; number: number; subject: string; since: Date }>`
      select mb.id as mailbox_id, w.id, w.number, w.subject, w.last_message_at as since
      from unnest(${mailboxIds}::uuid[]) as mb(id)
      join lateral (select t.id, t.number, t.subject, t.last_message_at from tickets t
        where t.mailbox_id = mb.id and t.status = 'active'
          and t.deleted_at is null and t.merged_into_id is null
        order by t.last_message_at asc, t.id asc limit 1) w on true`.execute(db),
    sql<{
      id: number;
      number: number;
      subject: string;
      mailbox_id: string;
      due_at: Date;
      due_kind: DueTicket['dueKind'];
      assignee_name: string | null;
    }>`
      select t.id, t.number, t.subject, t.mailbox_id, t.due_at, t.due_kind, u.name as assignee_name
      from tickets t left join users u on u.id = t.assignee_id
      where t.due_sort < ${inHour}::timestamptz and t.mailbox_id = any(${mailboxIds}::uuid[])
        and t.status in ('active', 'pending') and t.deleted_at is null and t.merged_into_id is null
      order by t.due_sort, t.id limit 12`.execute(db),
  ]);
  return {
    open: new Map(
      counts.rows.map((r) => [
        r.mailbox_id,
        {
          unassigned: r.unassigned,
          assigned: r.assigned,
          pending: r.pending,
          overdue: r.overdue,
          dueNextHour: r.due_next_hour,
        },
      ]),
    ),
    oldestWaiting: new Map(
      oldest.rows.map((r) => [
        r.mailbox_id,
        {
          id: Number(r.id),
          number: Number(r.number),
          subject: r.subject,
          since: new Date(r.since),
        },
      ]),
    ),
    dueSoon: due.rows.map((r) => ({
      id: Number(r.id),
      number: Number(r.number),
      subject: r.subject,
      mailboxId: r.mailbox_id,
      dueAt: new Date(r.due_at),
      dueKind: r.due_kind,
      assigneeName: r.assignee_name,
    })),
  };
}
