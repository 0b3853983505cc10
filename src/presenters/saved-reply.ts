import type { SavedReply } from '../domain/saved-replies/saved-replies.ts';
import type { SavedReplyDto } from '../shared/workspace-contracts.ts';

/** A saved reply as the composer and its editor get it. */
export const presentSavedReply = (row: SavedReply): SavedReplyDto => ({
  id: row.id,
  mailboxId: row.mailbox_id,
  name: row.name,
  body: row.body,
});
