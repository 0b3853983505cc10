/**
 * A ticket's tags, by name (unknown names are created). Each tag that joins or
 * leaves the ticket records `ticket.tag_added` / `ticket.tag_removed` in the
 * caller's transaction.
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { NewTicketEvent, TicketEventActor } from '../../shared/ticket-events.ts';
import { recordTicketEvents } from './events/record-events.ts';

type Db = Kysely<DB> | Transaction<DB>;
type TicketRef = { id: number; mailbox_id: string };

async function tagIds(trx: Db, names: string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const name of [...new Set(names.map((n) => n.trim()))]) {
    const existing = await trx
      .selectFrom('tags')
      .select('id')
      .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
      .executeTakeFirst();
    if (existing) ids.push(existing.id);
    else {
      const inserted = await sql<{ id: string }>`insert into tags (name) values (${name})
        on conflict (lower(name)) do nothing returning id`.execute(trx);
      const id =
        inserted.rows[0]?.id ??
        (
          await trx
            .selectFrom('tags')
            .select('id')
            .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
            .executeTakeFirstOrThrow()
        ).id;
      ids.push(id);
    }
  }
  return [...new Set(ids)];
}

const tagEvents = (
  ticket: TicketRef,
  type: 'ticket.tag_added' | 'ticket.tag_removed',
  ids: readonly string[],
): NewTicketEvent[] =>
  ids.map((tagId) => ({
    type,
    ticketId: ticket.id,
    mailboxId: ticket.mailbox_id,
    data: { tagId },
  }));

/** Replaces the ticket's tags; returns whether any tag joined or left. */
export async function setTags(
  trx: Db,
  ticket: TicketRef,
  names: string[],
  actor: TicketEventActor,
): Promise<boolean> {
  const ids = await tagIds(trx, names);
  let leaving = trx.deleteFrom('ticket_tags').where('ticket_id', '=', ticket.id);
  if (ids.length > 0) leaving = leaving.where('tag_id', 'not in', ids);
  const removed = await leaving.returning('tag_id').execute();
  const added =
    ids.length > 0
      ? await trx
          .insertInto('ticket_tags')
          .values(ids.map((tag_id) => ({ ticket_id: ticket.id, tag_id })))
          .onConflict((oc) => oc.doNothing())
          .returning('tag_id')
          .execute()
      : [];
  await recordTicketEvents(trx, actor, [
    ...tagEvents(
      ticket,
      'ticket.tag_removed',
      removed.map((r) => r.tag_id),
    ),
    ...tagEvents(
      ticket,
      'ticket.tag_added',
      added.map((r) => r.tag_id),
    ),
  ]);
  return removed.length + added.length > 0;
}

/** Adds one tag to the ticket (bulk); returns whether it was not there yet. */
export async function addTag(
  trx: Db,
  ticket: TicketRef,
  name: string,
  actor: TicketEventActor,
): Promise<boolean> {
  const [id] = await tagIds(trx, [name]);
  if (!id) return false;
  const added = await trx
    .insertInto('ticket_tags')
    .values({ ticket_id: ticket.id, tag_id: id })
    .onConflict((oc) => oc.doNothing())
    .returning('tag_id')
    .execute();
  await recordTicketEvents(
    trx,
    actor,
    tagEvents(
      ticket,
      'ticket.tag_added',
      added.map((r) => r.tag_id),
    ),
  );
  return added.length > 0;
}
