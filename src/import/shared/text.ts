/**
 * Text helpers of the import: name matching, dates in the formats exports use,
 * e-mail addresses, and what PostgreSQL refuses in `text` (NUL characters).
 */
import { parisWallClockToInstant } from '../../domain/tickets/business-hours.ts';

const ligatures: Record<string, string> = { œ: 'oe', æ: 'ae', ß: 'ss' };

/**
 * The form names are compared in: accents, case and spacing ignored
 * ("Module de l’Application " and "module de l'application" are equal).
 *
 * @example normaliseName('  Dde  d’Infos ') // "dde d'infos"
 */
export function normaliseName(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[œæß]/g, (c) => ligatures[c] ?? c)
    .replace(/[\u2018\u2019\u02bc`´]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

/** PostgreSQL `text` cannot hold U+0000: removes it (callers report that they did). */
export const stripNul = (text: string): string =>
  text.includes('\u0000') ? text.replaceAll('\u0000', '') : text;

export type ParsedDate = { date: Date; warning?: string };

const isoZoned =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?\s?(Z|z|[+-]\d{2}(?::?\d{2})?)$/;
const isoLocal = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?)?$/;
const french = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

const inRange = (date: Date): boolean => {
  const year = date.getUTCFullYear();
  return !Number.isNaN(date.getTime()) && year >= 1990 && year <= 2200;
};

function paris(y: number, m: number, d: number, h: number, mi: number, s: number): Date | null {
  if (m < 1 || m > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  const date = new Date(parisWallClockToInstant(y, m, d, h, mi).getTime() + s * 1000);
  return inRange(date) ? date : null;
}

/**
 * Reads a date of an export. Accepted, in this order:
 * - ISO 8601 with a zone, as the Help Scout API writes them: `2020-03-02T09:15:00Z`,
 *   `2020-03-02T10:15:00+01:00`, `2020-03-02 10:15:00+0100`;
 * - ISO 8601 without a zone (`2020-03-02T10:15:00`, `2020-03-02`): Paris time, with a warning;
 * - French `02/03/2020 10:15[:00]` (day first): Paris time, with a warning.
 * Anything else, or a year outside 1990–2200, is null.
 */
export function parseImportDate(text: string): ParsedDate | null {
  const value = text.trim();
  let match = isoZoned.exec(value);
  if (match) {
    const zone = match[8] ?? 'Z';
    const offset =
      zone.toUpperCase() === 'Z'
        ? 'Z'
        : `${zone.slice(0, 3)}:${zone.length > 3 ? zone.slice(-2) : '00'}`;
    const seconds = match[6] ?? '00';
    const date = new Date(
      `${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${seconds}${(match[7] ?? '').slice(0, 4)}${offset}`,
    );
    return inRange(date) ? { date } : null;
  }
  match = isoLocal.exec(value);
  if (match) {
    const date = paris(
      Number(match[1]),
      Number(match[2]),
      Number(match[3]),
      Number(match[4] ?? 0),
      Number(match[5] ?? 0),
      Number(match[6] ?? 0),
    );
    return date ? { date, warning: `date "${value}" has no time zone: read as Paris time` } : null;
  }
  match = french.exec(value);
  if (match) {
    const date = paris(
      Number(match[3]),
      Number(match[2]),
      Number(match[1]),
      Number(match[4] ?? 0),
      Number(match[5] ?? 0),
      Number(match[6] ?? 0),
    );
    return date
      ? { date, warning: `date "${value}" is not ISO 8601: read as day/month/year, Paris time` }
      : null;
  }
  return null;
}

/**
 * An e-mail address as contacts store it (lowercase), or null when it cannot be
 * one. Non-ASCII local parts and domains (`élodie@exemple.fr`) are kept as they are.
 */
export function cleanEmail(text: string | null | undefined): string | null {
  if (!text) return null;
  const email = stripNul(text).trim().toLowerCase();
  if (email.length > 320 || /[\s<>,;]/.test(email)) return null;
  const at = email.lastIndexOf('@');
  if (at < 1 || at === email.length - 1 || !email.slice(at + 1).includes('.')) return null;
  return email;
}

/** The domain part of an e-mail address stored by `cleanEmail`. */
export const emailDomain = (email: string): string => email.slice(email.lastIndexOf('@') + 1);
