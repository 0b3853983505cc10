/**
 * What the composer loads with a ticket (GET /api/tickets/:id/composer): the
 * agent's draft and unsent files, the values of the saved replies' variables
 * (src/shared/composer-contracts.ts `composerVariables`), and the colleagues
 * an internal note may name with `@` (enabled agents and above who see the
 * ticket's mailbox).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors/app-error.ts';
import { loadDraft } from './drafts.ts';

export async function composerState(db: Kysely<DB>, ticketId: number, userId: string) {
  const ticket = await db
    .selectFrom('tickets')
    .leftJoin('contacts', 'contacts.id', 'tickets.contact_id')
    .leftJoin('portal_ticket_context', 'portal_ticket_context.ticket_id', 'tickets.id')
    .select([
      'tickets.number',
      'tickets.mailbox_id',
      'contacts.name',
      'portal_ticket_context.numero_unique',
    ])
    .where('tickets.id', '=', ticketId)
    .executeTakeFirst();
  if (!ticket) throw new AppError('not_found', 'No such ticket.');
  const [draft, uploads, me, colleagues] = [
    await loadDraft(db, ticketId, userId),
    await db
      .selectFrom('composer_uploads')
      .selectAll()
      .where('ticket_id', '=', ticketId)
      .where('user_id', '=', userId)
      .where('used_at', 'is', null)
      .orderBy('created_at')
      .execute(),
    await db.selectFrom('users').select('signature').where('id', '=', userId).executeTakeFirst(),
    await db
      .selectFrom('users')
      .select(['id', 'name'])
      .where('disabled_at', 'is', null)
      .where('role', 'in', ['agent', 'supervisor', 'admin'])
      .where((eb) =>
        eb.or([
          eb('role', 'in', ['supervisor', 'admin']),
          eb('all_mailboxes', '=', true),
          eb.exists(
            eb
              .selectFrom('user_mailboxes')
              .select('user_mailboxes.user_id')
              .whereRef('user_mailboxes.user_id', '=', 'users.id')
              .where('user_mailboxes.mailbox_id', '=', ticket.mailbox_id),
          ),
        ]),
      )
      .orderBy('name')
      .limit(200)
      .execute(),
  ];
  return {
    draft: draft ?? null,
    uploads,
    variables: {
      prenom: (ticket.name ?? '').trim().split(/\s+/)[0] ?? '',
      numero_ticket: String(ticket.number),
      numero_unique: ticket.numero_unique ?? '',
      signature: me?.signature ?? '',
    },
    colleagues,
  };
}

/** Address suggestions for To, CC and BCC: contacts whose address or name starts a word with `q`. */
export async function addressSuggestions(db: Kysely<DB>, q: string) {
  const term = q.trim().toLowerCase();
  if (term.length < 2) return [];
  const like = `${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return db
    .selectFrom('contacts')
    .leftJoin('organisations', 'organisations.id', 'contacts.organisation_id')
    .select(['contacts.email', 'contacts.name', 'organisations.name as organisation'])
    .where('contacts.email', 'is not', null)
    .where('contacts.anonymised_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb('contacts.email', 'like', like),
        eb(eb.fn('lower', ['contacts.name']), 'like', like),
        eb(eb.fn('lower', ['contacts.name']), 'like', `% ${like}`),
        eb(eb.fn('lower', ['organisations.name']), 'like', like),
      ]),
    )
    .orderBy('contacts.email')
    .limit(10)
    .execute();
}
