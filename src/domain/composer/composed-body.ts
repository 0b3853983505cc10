/**
 * A message's text from what the composer sent: the editor's HTML, sanitised,
 * with its plain text derived from it; or plain text alone (the API's older
 * form, saved replies typed as text).
 */
import { AppError } from '../../errors/app-error.ts';
import { composerHtmlToText, sanitizeComposerHtml } from './composer-html.ts';

export type ComposedBody = { text: string; html: string | null };

/** AppError('invalid_input') when nothing is left to send (an empty or all-hostile body). */
export function composedBody(input: { body?: string; bodyHtml?: string }): ComposedBody {
  if (input.bodyHtml !== undefined) {
    const html = sanitizeComposerHtml(input.bodyHtml);
    const text = composerHtmlToText(html);
    if (text.trim() === '') throw new AppError('invalid_input', 'The message is empty.');
    return { text, html };
  }
  const text = (input.body ?? '').trim();
  if (text === '') throw new AppError('invalid_input', 'The message is empty.');
  return { text: input.body ?? '', html: null };
}
