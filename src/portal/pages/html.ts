/**
 * Escaped HTML templates for the public pages: every interpolated value is
 * escaped unless it is already `SafeHtml` (another template, or `raw()` for
 * HTML sanitised elsewhere, e.g. a published article). Arrays are joined;
 * null, undefined and false render nothing.
 *
 *   html`<p>${userText}</p>`          → escaped
 *   html`<ul>${items.map((i) => html`<li>${i}</li>`)}</ul>`
 */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** Marks HTML that is already safe (sanitised or built by `html`). */
export const raw = (value: string): SafeHtml => new SafeHtml(value);

/** Escapes text for HTML content and attribute values (quoted). */
export const escapeText = (value: string): string =>
  value.replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);

function render(value: unknown): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeText(String(value));
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}
