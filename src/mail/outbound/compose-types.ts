/**
 * What composing an outbox row takes and gives, shared by compose-mail.ts
 * (ticket mail), account-mail.ts (account mail) and the outbox worker.
 */
import type { Kysely, Selectable } from 'kysely';
import type { DB, OutboxTable } from '../../db/schema.ts';
import type { MailSigner } from '../../domain/signing/mail-signer.ts';

export type OutboxRow = Selectable<OutboxTable>;

export type ComposeDeps = {
  db: Kysely<DB>;
  signer: MailSigner;
  publicUrl: URL;
  ratingTtlDays?: number;
};

export type ComposedMail = { envelope: { from: string; to: string[] }; raw: Buffer };

/** Thrown when the mail can never be sent as it is (bad address): the row fails at once. */
export class PermanentSendError extends Error {
  override name = 'PermanentSendError';
}
