/** Response targets' test helpers (issue 18): a fresh mailbox, a supervisor, a ticket opened at a time, its due time. */
import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/schema.ts';
import type { Actor } from '../../src/domain/audit/record-audit.ts';
import { openTicket } from '../../src/domain/tickets/open-ticket.ts';
import type { TargetTerms } from '../../src/shared/targets-contracts.ts';
import { withDefaultConfiguration } from '../factories.ts';

export const terms = (over: Partial<TargetTerms>): TargetTerms => ({
  firstResponseMinutes: null,
  nextResponseMinutes: null,
  resolutionMinutes: null,
  businessHours: false,
  warnBeforeMinutes: 0,
  ...over,
});

let seq = 0;
export async function supervisor(db: Kysely<DB>): Promise<Actor & { userId: string }> {
  seq += 1;
  const user = await db
    .insertInto('users')
    .values({
      email: `due-${seq}-${Date.now()}@example.org`,
      name: `Sup ${seq}`,
      role: 'supervisor',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { userId: user.id, label: null };
}

/** A fresh mailbox of its own (targets are per mailbox: tests never share one). */
export async function freshMailbox(db: Kysely<DB>): Promise<string> {
  await withDefaultConfiguration(db);
  seq += 1;
  const row = await db
    .insertInto('mailboxes')
    .values({ slug: `due-${seq}-${Date.now()}`, name: `Échéances ${seq}` })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function openAt(
  db: Kysely<DB>,
  mailboxId: string,
  at: Date,
  organisationId: string | null = null,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const created = await openTicket(
      trx,
      { mailboxId, subject: 'Demande', contactId: null, channel: 'email', at, organisationId },
      { kind: 'customer', body_text: 'Bonjour', created_at: at },
    );
    return created.id;
  });
}

export async function dueOf(db: Kysely<DB>, ticketId: number) {
  const row = await db
    .selectFrom('tickets')
    .leftJoin('ticket_due_times as d', 'd.ticket_id', 'tickets.id')
    .select(['tickets.due_at', 'tickets.due_kind', 'd.due_at as detail_at', 'd.warn_at'])
    .where('tickets.id', '=', ticketId)
    .executeTakeFirstOrThrow();
  return {
    at: row.due_at ? new Date(row.due_at).toISOString() : null,
    kind: row.due_kind,
    detail: row.detail_at ? new Date(row.detail_at).toISOString() : null,
    warnAt: row.warn_at ? new Date(row.warn_at).toISOString() : null,
  };
}
