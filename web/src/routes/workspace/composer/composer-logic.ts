/**
 * The composer's pure rules (no React, no DOM): a saved reply as editor HTML
 * with its variables filled, the `@` query being typed in a note, whether an
 * editor's HTML holds anything, and a file's fate before it is sent.
 */
import { composerLimits, fillComposerVariables } from '@shared/composer-contracts.ts';

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Plain text as the editor's paragraphs (blank lines part them, line breaks kept). */
export function textAsHtml(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .filter((p) => p.trim() !== '')
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

/**
 * A saved reply's body (plain text, its variables in `{{…}}`) as HTML to
 * insert: both the composer's variables ({{prenom}}, {{numero_ticket}},
 * {{numero_unique}}, {{signature}}) and the older dotted ones are filled.
 */
export function savedReplyHtml(body: string, values: Record<string, string>): string {
  return textAsHtml(fillComposerVariables(body, values));
}

/** The name typed after `@` just before the cursor in a note, or null when none is being typed. */
export function mentionQuery(textBeforeCursor: string): string | null {
  const match = /(?:^|\s)@([\p{L}\p{N}'’-]{0,30})$/u.exec(textBeforeCursor);
  return match ? (match[1] ?? '') : null;
}

/** Colleagues whose name starts a word with `query` (case and accents ignored), 8 at most. */
export function matchingColleagues<T extends { name: string }>(
  colleagues: T[],
  query: string,
): T[] {
  const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  const q = fold(query);
  return colleagues
    .filter(
      (c) =>
        q === '' ||
        fold(c.name)
          .split(/\s+/)
          .some((word) => word.startsWith(q)),
    )
    .slice(0, 8);
}

/** Whether editor HTML holds any text (an empty editor is `<p></p>`). */
export function htmlHasText(html: string): boolean {
  return (
    html
      .replace(/<[^>]*>/g, '')
      .replace(/&nbsp;/g, ' ')
      .trim() !== ''
  );
}

/** Refused before upload: larger than the per-file limit (the server checks types by their bytes). */
export const tooLarge = (size: number): boolean => size > composerLimits.maxBytes;

/** A name for a pasted image that has none (`image-collee-1.png`). */
export function pastedName(type: string, index: number): string {
  const ext = type === 'image/jpeg' ? 'jpg' : 'png';
  return `image-collee-${index}.${ext}`;
}
