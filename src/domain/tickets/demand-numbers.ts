/**
 * A ticket's numéros uniques (issue 20 §3): the demand numbers written in its
 * messages — read as each message is written, by every path that writes one —
 * and those an agent adds or removes by hand (events
 * `ticket.demand_number_added` / `ticket.demand_number_removed`).
 *
 * Numbers read in a message are an index of its text, like the search document:
 * the message's own `message.added` event stands for them.
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors/app-error.ts';
import { numerosUniquesIn, parseNumeroUnique } from '../../shared/numero-unique.ts';
import type { TicketEventActor } from '../../shared/ticket-events.ts';
import { recordTicketEvent } from './events/record-events.ts';
import { lockTicket } from './ticket-history.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** A message just written: its ticket, its id and the texts to read numbers in. */
export type WrittenText = {
  ticketId: number;
  messageId: number | null;
  texts: readonly (string | null | undefined)[];
};

/** HTML to text enough for recognition: tags are spaces, `&nbsp;` a space. */
export const htmlForNumbers = (html: string | null | undefined): string | null =>
  html ? html.replace(/<[^>]*>/g, ' ').replace(/&nbsp;|&#160;/gi, ' ') : null;

/**
 * Stores the numbers written in `items` (one statement for all, none when no
 * text holds a number: the common case costs a regular expression per text).
 */
export async function recordWrittenDemandNumbers(
  trx: Db,
  items: readonly WrittenText[],
): Promise<void> {
  const rows = items.flatMap((item) =>
    numerosUniquesIn(item.texts).map((numero) => ({
      ticket_id: item.ticketId,
      numero,
      source: 'text' as const,
      message_id: item.messageId,
    })),
  );
  if (rows.length === 0) return;
  await trx
    .insertInto('ticket_demand_numbers')
    .values(rows)
    .onConflict((oc) => oc.columns(['ticket_id', 'numero']).doNothing())
    .execute();
}

function parseNumero(text: string): string {
  const numero = parseNumeroUnique(text);
  if (!numero) {
    throw new AppError(
      'invalid_input',
      'Ce n’est pas un numéro unique : 18 caractères (département, mois et année, numéro d’ordre, code du guichet).',
    );
  }
  return numero;
}

/** An agent adds a number by hand; returns the canonical number. */
export async function addDemandNumber(
  trx: Transaction<DB>,
  input: { ticketId: number; text: string; userId: string },
): Promise<string> {
  const numero = parseNumero(input.text);
  const ticket = await lockTicket(trx, input.ticketId);
  const added = await trx
    .insertInto('ticket_demand_numbers')
    .values({ ticket_id: ticket.id, numero, source: 'agent', created_by: input.userId })
    .onConflict((oc) => oc.columns(['ticket_id', 'numero']).doNothing())
    .returning('numero')
    .executeTakeFirst();
  if (added) {
    await recordTicketEvent(trx, userActor(input.userId), {
      type: 'ticket.demand_number_added',
      ticketId: ticket.id,
      mailboxId: ticket.mailbox_id,
      data: { source: 'agent' },
    });
  }
  return numero;
}

/** An agent removes a number (one read wrongly, or about another demand). */
export async function removeDemandNumber(
  trx: Transaction<DB>,
  input: { ticketId: number; text: string; userId: string },
): Promise<void> {
  const numero = parseNumero(input.text);
  const ticket = await lockTicket(trx, input.ticketId);
  const removed = await trx
    .deleteFrom('ticket_demand_numbers')
    .where('ticket_id', '=', ticket.id)
    .where('numero', '=', numero)
    .returning('numero')
    .executeTakeFirst();
  if (!removed) throw new AppError('not_found', 'Ce ticket ne porte pas ce numéro unique.');
  await recordTicketEvent(trx, userActor(input.userId), {
    type: 'ticket.demand_number_removed',
    ticketId: ticket.id,
    mailboxId: ticket.mailbox_id,
    data: {},
  });
}

const userActor = (userId: string): TicketEventActor => ({ kind: 'user', userId });

/**
 * Copies numbers to another ticket in one statement: all of a ticket's when it is
 * merged (`fromTicketId`), those read in one message when it is split off
 * (`messageId`; the old ticket keeps them too).
 */
export async function copyDemandNumbers(
  trx: Db,
  from: { fromTicketId: number } | { messageId: number },
  toTicketId: number,
): Promise<void> {
  const where =
    'fromTicketId' in from
      ? sql`ticket_id = ${from.fromTicketId}`
      : sql`message_id = ${from.messageId}`;
  await sql`
    insert into ticket_demand_numbers (ticket_id, numero, source, message_id, created_by, created_at)
    select ${toTicketId}, numero, source, message_id, created_by, created_at
    from ticket_demand_numbers where ${where}
    on conflict (ticket_id, numero) do nothing`.execute(trx);
}
