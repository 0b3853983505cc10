/**
 * What composing an outbox row takes and gives, shared by compose-mail.ts
 * (ticket mail), account-mail.ts (account mail) and the outbox worker.
 */
import type { Kysely, Selectable } from 'kysely';
import type { DB, OutboxTable } from '../../db/schema.ts';
import type { MailSigner } from '../../domain/signing/mail-signer.ts';
import type { BlobStore } from '../../storage/blob-store.ts';

export type OutboxRow = Selectable<OutboxTable>;

export type ComposeDeps = {
  db: Kysely<DB>;
  signer: MailSigner;
  publicUrl: URL;
  ratingTtlDays?: number;
  /** Where attachments' bytes are (a reply or forward with files needs it). */
  blobs?: BlobStore;
};

export type ComposedMail = { envelope: { from: string; to: string[] }; raw: Buffer };

/** Thrown when the mail can never be sent as it is (bad address): the row fails at once. */
export class PermanentSendError extends Error {
  override name = 'PermanentSendError';
}

/** One attached file, its bytes read from the blob store. */
export type MailAttachment = { filename: string; contentType: string; content: Buffer };

/** What a ticket mail is made of, before its headers are written (compose-mail.ts). */
export type MailParts = {
  subject: string;
  text: string;
  html?: string;
  inReplyTo: string | null;
  references: string[];
  cc: string[];
  /** Envelope-only recipients (never a header). */
  bcc?: string[];
  /** More To addresses than the row's (a forward to several). */
  to?: string[];
  date: Date;
  automatic: boolean;
  attachments?: MailAttachment[];
};
