/**
 * The numéro unique of a housing demand (SPEC §8, issue 20 §3): 18 characters —
 * the département or territory (3: `035`, `02A`, `974`), the month and year of
 * the first deposit (4: `MMYY`), a sequence (6 digits) and the registering
 * office's code (5 letters or digits). People write it in one run or in its four
 * groups separated by spaces, hyphens or dots (`035 0320 012345 AB12C`,
 * `035-0320-012345-AB12C`), sometimes with the month and year apart
 * (`035 03 20 012345 AB12C`), in capitals or not.
 *
 * Recognition checks the structure (a département that exists, a month 01–12,
 * groups of the right lengths, nothing glued on either side), so a phone number,
 * a NIR, an IBAN or a SIRET is not taken for one. Pure: read by the server (the
 * ticket's numbers, exact search) and the web app (chips).
 */

/** Départements 001–095 (no 020: Corsica is 02A/02B) and the overseas 971–976. */
const department = '(?:0(?:0[1-9]|1\\d|2[1-9AaBb]|[3-8]\\d|9[0-5])|97[1-6])';
const month = '(?:0[1-9]|1[0-2])';
const sep = '[ .\\-\\u00a0]?';

/** A candidate in any of the accepted spellings; groups: département, month, year, sequence, office. */
const pattern = new RegExp(
  `(?<![0-9A-Za-z])(${department})${sep}(${month})${sep}(\\d{2})${sep}(\\d{6})${sep}([0-9A-Za-z]{5})(?![0-9A-Za-z])`,
  'g',
);

/**
 * The separators of a written number must be consistent: none at all, or one
 * between every group (the month and year may be glued or apart). A run such as
 * `0350320 012345AB12C` is a coincidence of digits, not a spelling anyone uses.
 */
function consistent(whole: string): boolean {
  const separators = whole.match(/[ .\-\u00a0]/g)?.length ?? 0;
  return separators === 0 || separators === 3 || separators === 4;
}

/** The 18-character canonical form (capitals, no separators), or null when `text` is not one. */
export function parseNumeroUnique(text: string): string | null {
  const found = findNumerosUniques(text.trim());
  return found.length === 1 && found[0]?.text === text.trim() ? found[0].numero : null;
}

export type NumeroUniqueMatch = { numero: string; start: number; end: number; text: string };

/** Every numéro unique written in `text`, in order. */
export function findNumerosUniques(text: string): NumeroUniqueMatch[] {
  const found: NumeroUniqueMatch[] = [];
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const whole = match[0];
    if (!consistent(whole)) continue;
    const numero = match.slice(1, 6).join('').toUpperCase();
    found.push({ numero, start: match.index, end: match.index + whole.length, text: whole });
  }
  return found;
}

/** The distinct numbers in all of `texts`, in order of first appearance. */
export function numerosUniquesIn(texts: readonly (string | null | undefined)[]): string[] {
  const numbers = new Set<string>();
  for (const text of texts) {
    if (!text) continue;
    for (const match of findNumerosUniques(text)) numbers.add(match.numero);
  }
  return [...numbers];
}

/** The number as agents read it: `035 0320 012345 AB12C`. */
export function formatNumeroUnique(numero: string): string {
  return `${numero.slice(0, 3)} ${numero.slice(3, 7)} ${numero.slice(7, 13)} ${numero.slice(13)}`;
}

/** `text` with every numéro unique replaced by `label` (public pages, statistics). */
export function maskNumeroUnique(text: string, label = '[numéro unique masqué]'): string {
  let out = '';
  let cursor = 0;
  for (const match of findNumerosUniques(text)) {
    out += `${text.slice(cursor, match.start)}${label}`;
    cursor = match.end;
  }
  return out + text.slice(cursor);
}
