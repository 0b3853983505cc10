/**
 * The notification consumer of the ticket event stream (issue 18 §4): reads
 * events in id order after its stored cursor (`event_consumers`, row
 * `notifications`) and writes who is told of what:
 *
 * | event                                   | kind             | told                                   |
 * | --------------------------------------- | ---------------- | -------------------------------------- |
 * | `ticket.opened` (not by the import)     | `new_ticket`     | colleagues who see the mailbox          |
 * | `ticket.assignee_changed`               | `assigned`       | the new assignee                        |
 * | `message.added` of the customer         | `customer_reply` | the ticket's assignee (not on opening)  |
 * | `message.added` of a note with mentions | `mention`        | the colleagues named                   |
 * | `ticket.target_warning` / `_missed`     | `target`         | the users the escalation told          |
 *
 * Never the one who caused it, only kinds the user keeps (preferences.ts), only
 * users who see the ticket's mailbox. Events are read by windows of ended
 * transactions (event-window.ts), so none is passed for good. Idempotent with
 * several instances: a pass locks the cursor row (SKIP LOCKED: a pass that
 * finds it locked does nothing), writes the notifications and moves the cursor
 * in one transaction; the unique (user, event, kind) is a second guard. Each new notification shown in the
 * app is a `notification` live event of its user.
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { NotificationKind } from '../../shared/notification-contracts.ts';
import type { TicketEvent } from '../../shared/ticket-events.ts';
import { readTicketEvents } from '../tickets/events/read-events.ts';
import { databaseHorizon } from './event-window.ts';
import { preferencesOf } from './preferences.ts';
import { type Colleagues, loadColleagues, sees } from './recipients.ts';

export const consumerName = 'notifications';

type Draft = {
  userId: string;
  eventId: number;
  kind: NotificationKind;
  ticketId: number;
  mailboxId: string;
  at: string;
  data: Record<string, unknown>;
};

const actorUserOf = (event: TicketEvent): string | null =>
  event.actor.kind === 'user' ? event.actor.userId : null;

/** The facts the events need besides themselves: assignees and the first customer messages. */
async function ticketFacts(trx: Transaction<DB>, events: TicketEvent[]) {
  const replyIds = events.flatMap((e) =>
    e.type === 'message.added' && e.data.kind === 'customer' ? [e.data.messageId] : [],
  );
  const ticketIds = [
    ...new Set(events.filter((e) => e.type === 'message.added').map((e) => e.ticketId)),
  ];
  const assignees = new Map<number, string | null>();
  if (ticketIds.length > 0)
    for (const row of await trx
      .selectFrom('tickets')
      .select(['id', 'assignee_id'])
      .where('id', 'in', ticketIds)
      .execute())
      assignees.set(row.id, row.assignee_id);
  // a customer message that opened its ticket is told as `new_ticket`, not as an answer
  const first = new Set<number>();
  if (replyIds.length > 0) {
    const { rows } = await sql<{ id: number }>`
      select m.id from messages m where m.id = any(${replyIds}::bigint[])
        and not exists (select 1 from messages p where p.ticket_id = m.ticket_id
          and p.kind = 'customer' and p.id < m.id)`.execute(trx);
    for (const row of rows) first.add(Number(row.id));
  }
  return { assignees, first };
}

/** The drafts of one event (before preferences). */
function draftsOf(
  event: TicketEvent,
  colleagues: Colleagues,
  facts: Awaited<ReturnType<typeof ticketFacts>>,
): Draft[] {
  if (event.actor.kind === 'import') return [];
  const actor = actorUserOf(event);
  const base = { eventId: event.id, ticketId: event.ticketId, mailboxId: event.mailboxId };
  const to = (userIds: Iterable<string>, kind: NotificationKind, data = {}): Draft[] =>
    [...new Set(userIds)]
      .filter((id) => id !== actor && sees(colleagues.get(id), event.mailboxId))
      .map((userId) => ({ ...base, userId, kind, at: event.at, data }));
  switch (event.type) {
    case 'ticket.opened':
      return to(colleagues.keys(), 'new_ticket');
    case 'ticket.assignee_changed':
      return event.data.to ? to([event.data.to], 'assigned', { by: actor }) : [];
    case 'message.added': {
      if (event.data.kind === 'customer') {
        if (event.data.stranger || facts.first.has(event.data.messageId)) return [];
        const assignee = facts.assignees.get(event.ticketId);
        return assignee ? to([assignee], 'customer_reply') : [];
      }
      if (event.data.kind === 'note' && event.data.mentions)
        return to(event.data.mentions, 'mention', { by: event.data.authorUserId });
      return [];
    }
    case 'ticket.target_warning':
    case 'ticket.target_missed':
      return to(event.data.userIds, 'target', {
        dueAt: event.data.dueAt,
        dueKind: event.data.kind,
        missed: event.type === 'ticket.target_missed',
      });
    default:
      return [];
  }
}

export type ConsumePass = { events: number; notified: number; more: boolean };

/** One pass over at most `limit` events (see the file's comment). */
export async function consumeTicketEvents(db: Kysely<DB>, limit = 500): Promise<ConsumePass> {
  return db.transaction().execute(async (trx) => {
    const cursor = await trx
      .selectFrom('event_consumers')
      .select([
        sql<string>`done_tx::text`.as('done_tx'),
        sql<string | null>`window_tx::text`.as('window_tx'),
        'last_event_id',
      ])
      .where('name', '=', consumerName)
      .forUpdate()
      .skipLocked()
      .executeTakeFirst();
    if (!cursor) return { events: 0, notified: 0, more: false };
    // the window of transactions to handle (event-window.ts), never behind what is done
    const horizon = cursor.window_tx ?? (await databaseHorizon(trx));
    const window = BigInt(horizon) > BigInt(cursor.done_tx) ? horizon : cursor.done_tx;
    const afterId = cursor.window_tx === null ? 0 : Number(cursor.last_event_id);
    const events = await readTicketEvents(trx, {
      afterId,
      limit,
      tx: { from: cursor.done_tx, to: window },
    });
    const full = events.length === limit;
    const last = events[events.length - 1]?.id ?? afterId;
    const moveCursor = () =>
      trx
        .updateTable('event_consumers')
        .set(
          full
            ? { window_tx: window, last_event_id: last, updated_at: new Date() }
            : { done_tx: window, window_tx: null, last_event_id: 0, updated_at: new Date() },
        )
        .where('name', '=', consumerName)
        .execute();
    if (events.length === 0) {
      // nothing new: the cursor moves only when the horizon did
      if (window !== cursor.done_tx || cursor.window_tx !== null) await moveCursor();
      return { events: 0, notified: 0, more: false };
    }
    const colleagues = await loadColleagues(trx);
    const facts = await ticketFacts(trx, events);
    const drafts = events.flatMap((event) => draftsOf(event, colleagues, facts));
    const preferences = await preferencesOf(trx, [...new Set(drafts.map((d) => d.userId))]);
    const rows = drafts.flatMap((draft) => {
      const choice = preferences.get(draft.userId);
      const app = choice?.appKinds.includes(draft.kind) ?? false;
      const mail = choice?.mailKinds.includes(draft.kind) ?? false;
      if (!app && !mail) return [];
      return [
        {
          user_id: draft.userId,
          event_id: draft.eventId,
          kind: draft.kind,
          ticket_id: draft.ticketId,
          mailbox_id: draft.mailboxId,
          data: JSON.stringify(draft.data),
          created_at: draft.at,
          mail: mail ? ('pending' as const) : ('none' as const),
          app,
        },
      ];
    });
    let notified = 0;
    for (let i = 0; i < rows.length; i += 500) {
      const chunk = rows.slice(i, i + 500);
      const inserted = await trx
        .insertInto('notifications')
        .values(chunk.map(({ app: _app, ...row }) => row))
        .onConflict((oc) => oc.columns(['user_id', 'event_id', 'kind']).doNothing())
        .returning(['user_id', 'mailbox_id', 'ticket_id', 'kind'])
        .execute();
      notified += inserted.length;
      const shown = inserted.filter((row) =>
        preferences.get(row.user_id)?.appKinds.includes(row.kind),
      );
      if (shown.length > 0)
        await trx
          .insertInto('live_events')
          .values(
            shown.map((row) => ({
              kind: 'notification' as const,
              user_id: row.user_id,
              mailbox_id: row.mailbox_id,
              ticket_id: row.ticket_id,
            })),
          )
          .execute();
    }
    await moveCursor();
    return { events: events.length, notified, more: full };
  });
}
