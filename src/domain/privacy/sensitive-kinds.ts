/**
 * The `messages.sensitive_kinds` flag: which kinds of sensitive numbers (NIR,
 * IBAN, valid keys only) a message holds, so agents see a badge and the
 * bodies are masked wherever they are shown or exported. Set when a message
 * is written (inbound mail, note, reply); `flagSensitiveMessages` fills it for
 * messages written before (imports, older mail).
 */
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { findSensitiveData, type SensitiveKind } from './sensitive-data.ts';

/** Text of an HTML body for detection: tags become spaces, common entities are decoded. */
function htmlText(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;|&#160;/gi, ' ')
    .replace(/&amp;/gi, '&');
}

/** The kinds found in any of `texts` (HTML bodies included), sorted, each once. */
export function sensitiveKindsOf(texts: {
  text?: string | null;
  html?: string | null;
  subject?: string | null;
}): SensitiveKind[] {
  const parts = [texts.subject ?? '', texts.text ?? '', texts.html ? htmlText(texts.html) : ''];
  const kinds = new Set<SensitiveKind>();
  for (const part of parts) for (const match of findSensitiveData(part)) kinds.add(match.kind);
  return [...kinds].sort();
}

/**
 * Sets `sensitive_kinds` on every message whose text holds a NIR or an IBAN
 * (batches by id, from `afterId`). Returns how many messages were flagged.
 */
export async function flagSensitiveMessages(db: Kysely<DB>, batchSize = 1000): Promise<number> {
  let flagged = 0;
  let afterId = 0;
  for (;;) {
    const rows = await db
      .selectFrom('messages')
      .select(['id', 'subject', 'body_text', 'body_html', 'sensitive_kinds'])
      .where('id', '>', afterId)
      // a digit run long enough for a NIR or an IBAN, before the JS check of keys
      .where(
        sql<boolean>`coalesce(body_text, '') || coalesce(body_html, '') || coalesce(subject, '') ~ '[0-9]{2}'`,
      )
      .orderBy('id')
      .limit(batchSize)
      .execute();
    if (rows.length === 0) return flagged;
    afterId = rows[rows.length - 1]?.id ?? afterId;
    for (const row of rows) {
      const kinds = sensitiveKindsOf({
        subject: row.subject,
        text: row.body_text,
        html: row.body_html,
      });
      if (kinds.join() === [...row.sensitive_kinds].sort().join()) continue;
      await db
        .updateTable('messages')
        .set({ sensitive_kinds: kinds })
        .where('id', '=', row.id)
        .execute();
      flagged += 1;
    }
  }
}
