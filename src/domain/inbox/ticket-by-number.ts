/**
 * A ticket found by the number people quote ("#27474", the number in the web
 * app's addresses `/tickets/27474`), not by its internal id. Deleted tickets
 * are not found; merged ones are (their screen says where they went).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

/** The internal id of the ticket numbered `number`, or null when there is none. */
export async function ticketIdByNumber(db: Kysely<DB>, number: number): Promise<number | null> {
  const row = await db
    .selectFrom('tickets')
    .select('id')
    .where('number', '=', number)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return row?.id ?? null;
}
