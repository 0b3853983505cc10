/**
 * A ticket's numéros uniques and the other tickets about the same demands
 * (issue 20 §3): "Dde restauration", "Dde inaccessible" and the partner's mail
 * about one demand meet here, whichever mailbox they came to — among the
 * mailboxes the reader may see.
 */
import type { Kysely } from 'kysely';
import type { DB, DemandNumberSource, TicketStatus } from '../../db/schema.ts';
import type { MailboxScope } from '../../policies/mailbox-access.ts';

export type DemandNumbers = {
  numbers: { numero: string; source: DemandNumberSource }[];
  sameDemand: {
    id: number;
    number: number;
    subject: string;
    status: TicketStatus;
    mailboxName: string;
    createdAt: Date;
    numero: string;
  }[];
};

/** At most this many other tickets are listed (the newest). */
export const sameDemandLimit = 20;

export async function demandNumbersView(
  db: Kysely<DB>,
  ticketId: number,
  scope: MailboxScope,
): Promise<DemandNumbers> {
  const numbers = await db
    .selectFrom('ticket_demand_numbers')
    .select(['numero', 'source'])
    .where('ticket_id', '=', ticketId)
    .orderBy('created_at')
    .orderBy('numero')
    .execute();
  if (numbers.length === 0) return { numbers: [], sameDemand: [] };
  let others = db
    .selectFrom('ticket_demand_numbers as d')
    .innerJoin('tickets', 'tickets.id', 'd.ticket_id')
    .innerJoin('mailboxes', 'mailboxes.id', 'tickets.mailbox_id')
    .select([
      'tickets.id',
      'tickets.number',
      'tickets.subject',
      'tickets.status',
      'tickets.created_at',
      'mailboxes.name as mailbox_name',
      'd.numero',
    ])
    .where(
      'd.numero',
      'in',
      numbers.map((n) => n.numero),
    )
    .where('d.ticket_id', '<>', ticketId)
    .where('tickets.deleted_at', 'is', null)
    .where('tickets.merged_into_id', 'is', null);
  if (scope !== 'all') {
    if (scope.length === 0) return { numbers, sameDemand: [] };
    others = others.where('tickets.mailbox_id', 'in', [...scope]);
  }
  const rows = await others
    .orderBy('tickets.created_at', 'desc')
    .orderBy('tickets.id', 'desc')
    .limit(sameDemandLimit * 2)
    .execute();
  const seen = new Set<number>();
  const sameDemand: DemandNumbers['sameDemand'] = [];
  for (const row of rows) {
    if (seen.has(row.id) || sameDemand.length >= sameDemandLimit) continue;
    seen.add(row.id);
    sameDemand.push({
      id: row.id,
      number: Number(row.number),
      subject: row.subject,
      status: row.status,
      mailboxName: row.mailbox_name,
      createdAt: row.created_at,
      numero: row.numero,
    });
  }
  return { numbers, sameDemand };
}
