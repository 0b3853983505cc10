/**
 * Drafts (issue 19 §1): what an agent is writing on a ticket, saved on the
 * server while they type (the composer debounces), one per agent and ticket,
 * so another device or a reload finds it. Sending discards it in the same
 * transaction; a withdrawn reply ("Annuler l'envoi") becomes the draft again.
 * The HTML is stored sanitised, like a sent message's.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { DraftInput } from '../../shared/composer-contracts.ts';
import { sanitizeComposerHtml } from './composer-html.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** Saves (or replaces) the agent's draft on the ticket. */
export async function saveDraft(
  db: Db,
  ticketId: number,
  userId: string,
  draft: DraftInput,
  now = new Date(),
): Promise<void> {
  const row = {
    mode: draft.mode,
    body_html: sanitizeComposerHtml(draft.bodyHtml),
    cc: draft.cc.map((a) => a.trim().toLowerCase()).filter((a) => a !== ''),
    bcc: draft.bcc.map((a) => a.trim().toLowerCase()).filter((a) => a !== ''),
    upload_ids: [...new Set(draft.attachmentIds)],
    updated_at: now,
  };
  await db
    .insertInto('composer_drafts')
    .values({ ticket_id: ticketId, user_id: userId, ...row })
    .onConflict((oc) => oc.columns(['ticket_id', 'user_id']).doUpdateSet(row))
    .execute();
}

/** The agent's draft on the ticket, if any. */
export function loadDraft(db: Db, ticketId: number, userId: string) {
  return db
    .selectFrom('composer_drafts')
    .selectAll()
    .where('ticket_id', '=', ticketId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

/** Forgets the agent's draft (sent, or emptied by the agent). */
export async function discardDraft(db: Db, ticketId: number, userId: string): Promise<void> {
  await db
    .deleteFrom('composer_drafts')
    .where('ticket_id', '=', ticketId)
    .where('user_id', '=', userId)
    .execute();
}
