/** The organisation form's "domains" field: one text, several domains. Pure. */

/** The domains typed, separated by spaces, commas or semicolons (`a.fr, b.fr;c.fr`). */
export function splitDomains(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((d) => d.trim())
    .filter((d) => d !== '');
}
