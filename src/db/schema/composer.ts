/**
 * The composer's tables (../migrations/0056_composer.sql): files attached
 * before sending, and the drafts saved while typing. Assembled into `DB` by ../schema.ts.
 */
import type { Generated } from 'kysely';
import type { DefaultTimestamp, TextArray, Timestamp } from './columns.ts';

export type ComposerUploadsTable = {
  id: Generated<string>;
  user_id: string;
  ticket_id: number;
  filename: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  pasted: Generated<boolean>;
  used_at: Timestamp | null;
  created_at: DefaultTimestamp;
};

export type ComposerDraftsTable = {
  ticket_id: number;
  user_id: string;
  mode: 'reply' | 'note';
  body_html: string;
  cc: TextArray;
  bcc: TextArray;
  upload_ids: TextArray;
  updated_at: DefaultTimestamp;
};
