/**
 * What an anonymised ticket keeps of a Message-ID (issue 16 §6): a digest,
 * `<sha256-hex@erased.invalid>`, in place of the id itself, which often holds
 * the sender's address or name. The same id always gives the same digest, in
 * SQL (anonymise-tickets.ts) and here, so a copy of an erased mail delivered
 * again is still recognised as already stored (src/mail/inbound/ingest-mail.ts)
 * and never opens a ticket a second time. `.invalid` never receives mail (RFC 2606).
 */
import { createHash } from 'node:crypto';
import { type RawBuilder, sql } from 'kysely';

const erasedDomain = 'erased.invalid';

/** The digest that replaces `messageId` once its ticket is anonymised. */
export function erasedMessageId(messageId: string): string {
  return `<${createHash('sha256').update(messageId, 'utf8').digest('hex')}@${erasedDomain}>`;
}

/** The same digest in SQL, for the text expression `id` (null and digests stay as they are). */
export function erasedMessageIdSql(id: RawBuilder<unknown>): RawBuilder<string | null> {
  return sql<string | null>`case when ${id} is null or ${id} like ${`%@${erasedDomain}>`} then ${id}
    else '<' || encode(sha256(convert_to(${id}, 'UTF8')), 'hex') || ${`@${erasedDomain}>`} end`;
}
