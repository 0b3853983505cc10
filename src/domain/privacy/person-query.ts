/**
 * What an admin types to find a person: an e-mail address, a name, a phone
 * number or a numéro unique. Validated once here (length, no control
 * characters); every search derives its SQL patterns from this value.
 */
import { createHash } from 'node:crypto';
import { AppError } from '../../errors/app-error.ts';

export type PersonQuery = {
  /** 'email' when the term is an address (matched exactly in address columns). */
  kind: 'email' | 'text';
  /** Trimmed; lowercase for an e-mail address. */
  term: string;
};

const emailPattern = /^[^\s@]+@[^\s@]+$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
const controlCharacters = /[\u0000-\u001f\u007f]/;

/** Parses the term typed by the admin; invalid_input when empty, too short, too long or odd. */
export function parsePersonQuery(raw: unknown): PersonQuery {
  if (typeof raw !== 'string')
    throw new AppError('invalid_input', 'Give an e-mail address, a name or a number.');
  const term = raw.normalize('NFC').trim().replace(/\s+/g, ' ');
  if (term.length < 3)
    throw new AppError('invalid_input', 'Give at least 3 characters to find a person.');
  if (term.length > 320) throw new AppError('invalid_input', 'At most 320 characters.');
  if (controlCharacters.test(term))
    throw new AppError('invalid_input', 'The search may not contain control characters.');
  if (emailPattern.test(term)) return { kind: 'email', term: term.toLowerCase() };
  return { kind: 'text', term };
}

/** `%term%` for ILIKE, with the wildcards of the term itself escaped (default escape: backslash). */
export function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The term as a literal PostgreSQL regular expression. */
export function regexLiteral(term: string): string {
  return term.replace(/[.^$*+?()[\]{}|\\-]/g, (c) => `\\${c}`);
}

/** What a request record keeps instead of the term: it must not name the person. */
export function queryHash(query: PersonQuery): string {
  return createHash('sha256').update(`${query.kind}:${query.term.toLowerCase()}`).digest('hex');
}
