/**
 * Sensitive numbers in free text (issues 7 and 8): French social security
 * numbers (NIR: 13 characters + a 2-digit key, Corsica's 2A/2B included) and
 * IBANs. Only numbers whose key checks out are reported, so a phone number or a
 * numéro unique of a demand is not mistaken for one. Pure functions: the public
 * contact form masks before storing, inbound mail and agents' messages are
 * masked in what agents see and in exports.
 */

export type SensitiveKind = 'nir' | 'iban';

export type SensitiveMatch = { kind: SensitiveKind; start: number; end: number; text: string };

/** What replaces a masked number: the kind is kept, so agents know what was there. */
export const maskLabels: Record<SensitiveKind, string> = {
  nir: '[numéro de sécurité sociale masqué]',
  iban: '[IBAN masqué]',
};

// Sex (1/2, 3/4/7/8 for provisional numbers), year, month (01-12, 20-42, 50-99
// allowed by INSEE for special cases), département (2 digits or 2A/2B), commune (3),
// order (3), key (2). Separators: spaces, dots or dashes between the groups.
const sep = '[ .\\-\\u00a0]?';
const nirPattern = new RegExp(
  `(?<![0-9A-Za-z])([1-478])${sep}(\\d{2})${sep}(\\d{2})${sep}(\\d{2}|2[AaBb])${sep}(\\d{3})${sep}(\\d{3})${sep}(\\d{2})(?![0-9A-Za-z])`,
  'g',
);

/** Whether a NIR (13 characters, 2A/2B allowed) has the right 2-digit key. */
export function isValidNir(body13: string, key: string): boolean {
  const normalized = body13.toUpperCase();
  if (!/^[1-478]\d{4}(\d{2}|2[AB])\d{6}$/.test(normalized)) return false;
  // Corsica: 2A → 19, 2B → 18 for the key computation (INSEE rule).
  const numeric = normalized.replace('2A', '19').replace('2B', '18');
  const expected = 97 - Number(BigInt(numeric) % 97n);
  return Number(key) === expected;
}

const ibanPattern =
  /(?<![0-9A-Za-z])([A-Z]{2}\d{2}(?:[ \u00a0]?[0-9A-Z]{1,4}){3,8})(?![0-9A-Za-z])/g;

/** ISO 13616 check: move the first four characters to the end, letters → 10..35, mod 97 = 1. */
export function isValidIban(candidate: string): boolean {
  const compact = candidate.replace(/[ \u00a0]/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[0-9A-Z]{11,30}$/.test(compact)) return false;
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let remainder = 0;
  for (let i = 0; i < rearranged.length; i++) {
    const code = rearranged.charCodeAt(i);
    // a letter counts as its two digits (A = 10 … Z = 35), a digit as itself
    remainder = code >= 65 ? (remainder * 100 + code - 55) % 97 : (remainder * 10 + code - 48) % 97;
  }
  return remainder === 1;
}

/**
 * The matches of a global pattern, read with `exec` on the shared pattern (reset
 * first): `matchAll` compiles a copy of the pattern on each call, and the inbox
 * masks 50 previews per page.
 */
function* matchesOf(pattern: RegExp, text: string): Generator<RegExpExecArray> {
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) yield match;
}

/** Every valid NIR and IBAN in `text`, in order, not overlapping. */
export function findSensitiveData(text: string): SensitiveMatch[] {
  const found: SensitiveMatch[] = [];
  for (const match of matchesOf(nirPattern, text)) {
    const [whole, sex, year, month, dept, commune, order, key] = match;
    if (isValidNir(`${sex}${year}${month}${dept}${commune}${order}`, key ?? '')) {
      found.push({ kind: 'nir', start: match.index, end: match.index + whole.length, text: whole });
    }
  }
  for (const match of matchesOf(ibanPattern, text)) {
    const whole = match[1] ?? '';
    if (isValidIban(whole)) {
      found.push({
        kind: 'iban',
        start: match.index,
        end: match.index + whole.length,
        text: whole,
      });
    }
  }
  found.sort((a, b) => a.start - b.start);
  return found.filter((item, index) => index === 0 || item.start >= (found[index - 1]?.end ?? 0));
}

/** `text` with every valid NIR and IBAN replaced by its label, and what was masked. */
export function maskSensitiveData(text: string): { text: string; masked: SensitiveKind[] } {
  const matches = findSensitiveData(text);
  if (matches.length === 0) return { text, masked: [] };
  let out = '';
  let cursor = 0;
  for (const match of matches) {
    out += text.slice(cursor, match.start) + maskLabels[match.kind];
    cursor = match.end;
  }
  return { text: out + text.slice(cursor), masked: matches.map((match) => match.kind) };
}
