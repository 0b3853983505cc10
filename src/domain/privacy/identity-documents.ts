/**
 * Attachments that are likely identity documents, tax notices, bank details
 * or pay slips, judged by file name and type (no content inspection): people
 * send them to prove a situation; the desk should not keep them. The same
 * patterns run in JavaScript (one file) and in SQL (listing), over the name
 * lowercased without accents.
 *
 * Matched (words separated by anything, accents and case ignored):
 * "carte d'identité", "CNI", "pièce d'identité", "passeport", "titre de
 * séjour", "permis de conduire", "avis d'imposition", "avis d'impôt",
 * "avis de non-imposition", "RIB", "relevé d'identité bancaire", "bulletin de
 * salaire / de paie", "fiche de paie".
 */
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';

export type DocumentKind = 'identity' | 'tax' | 'bank' | 'payslip';

const s = '[^a-z0-9]*';
const patterns: Record<DocumentKind, string[]> = {
  identity: [
    `cartes?${s}(d${s})?identite`,
    'cni',
    `pieces?${s}(d${s})?identite`,
    'passeports?',
    'passports?',
    `titres?${s}de${s}sejour`,
    `permis${s}de${s}conduire`,
  ],
  tax: [`avis${s}(d${s})?(imposition|impots?)`, `avis${s}de${s}non${s}imposition`],
  bank: ['ribs?', `releve${s}(d${s})?identite${s}bancaire`],
  payslip: [`bulletins?${s}de${s}(salaire|paie|paye)`, `fiches?${s}de${s}(paie|paye)`],
};

/** `(^|[^a-z0-9])(alternatives)([^a-z0-9]|$)`: whole words, valid in JS and in PostgreSQL. */
const wordsPattern = (alternatives: string[]): string =>
  `(^|[^a-z0-9])(${alternatives.join('|')})([^a-z0-9]|$)`;

const compiled = Object.entries(patterns).map(
  ([kind, alternatives]) => [kind as DocumentKind, new RegExp(wordsPattern(alternatives))] as const,
);

/** Types such documents come as (scans and PDFs); a calendar invite named "RIB" is not one. */
const documentType = /^(application\/(pdf|octet-stream|msword|vnd\.|x-pdf)|image\/)/i;
const documentTypeSql = '^(application/(pdf|octet-stream|msword|vnd\\.|x-pdf)|image/)';

const normalise = (name: string): string =>
  name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** The kind of document `filename` and `contentType` suggest, or null. */
export function documentKindOf(filename: string, contentType: string): DocumentKind | null {
  if (!documentType.test(contentType)) return null;
  const name = normalise(filename);
  for (const [kind, pattern] of compiled) if (pattern.test(name)) return kind;
  return null;
}

export type FlaggedAttachment = {
  id: string;
  ticketId: number;
  ticketNumber: number;
  mailboxSlug: string;
  filename: string;
  contentType: string;
  sizeBytes: number;
  createdAt: Date;
  kind: DocumentKind;
};

const anyKindSql = wordsPattern(Object.values(patterns).flat());

/** Attachments likely to be identity or tax documents, newest first (at most `limit`). */
export async function listFlaggedAttachments(
  db: Kysely<DB>,
  limit = 500,
): Promise<FlaggedAttachment[]> {
  const rows = await db
    .selectFrom('attachments as a')
    .innerJoin('tickets as t', 't.id', 'a.ticket_id')
    .innerJoin('mailboxes as m', 'm.id', 't.mailbox_id')
    .select([
      'a.id',
      'a.ticket_id',
      't.number',
      'm.slug',
      'a.filename',
      'a.content_type',
      'a.size_bytes',
      'a.created_at',
    ])
    .where(sql<boolean>`unaccent(lower(a.filename)) ~ ${anyKindSql}`)
    .where(sql<boolean>`a.content_type ~* ${documentTypeSql}`)
    .orderBy('a.created_at', 'desc')
    .orderBy('a.id')
    .limit(limit)
    .execute();
  return rows.flatMap((r) => {
    const kind = documentKindOf(r.filename, r.content_type);
    return kind
      ? [
          {
            id: r.id,
            ticketId: r.ticket_id,
            ticketNumber: r.number,
            mailboxSlug: r.slug,
            filename: r.filename,
            contentType: r.content_type,
            sizeBytes: r.size_bytes,
            createdAt: r.created_at,
            kind,
          },
        ]
      : [];
  });
}
