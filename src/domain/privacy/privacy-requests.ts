/**
 * The register of requests about a person: who asked, who acted, when, what
 * kind, and counts of what was found or done. The person's identifiers are
 * never stored, only the hash of the query.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors/app-error.ts';
import { type Actor, recordAudit } from '../audit/record-audit.ts';
import { type PersonQuery, queryHash, regexLiteral } from './person-query.ts';

export type RequestKind = 'find' | 'export' | 'erase';

/** Validates the "who asked" text: 1 to 500 characters. */
export function parseRequester(raw: unknown): string {
  const text = typeof raw === 'string' ? raw.trim() : '';
  if (text.length < 1 || text.length > 500)
    throw new AppError(
      'invalid_input',
      'Say who asked (e.g. "the person, by letter of 3 March"), at most 500 characters.',
    );
  return text;
}

/**
 * Records a request and its audit event, in one transaction. The person's
 * term is removed from the requester text too, so the register never names them.
 */
export async function recordPrivacyRequest(
  db: Kysely<DB>,
  input: {
    kind: RequestKind;
    query: PersonQuery;
    requestedBy: string;
    actor: Actor;
    summary: Record<string, unknown>;
  },
): Promise<string> {
  const requestedBy = input.requestedBy.replace(
    new RegExp(regexLiteral(input.query.term), 'gi'),
    '[effacé]',
  );
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('privacy_requests')
      .values({
        kind: input.kind,
        query_sha256: queryHash(input.query),
        requested_by: requestedBy,
        performed_by: input.actor.userId,
        performed_label: input.actor.label,
        summary: JSON.stringify(input.summary),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      action: `privacy.person_${input.kind}`,
      actorUserId: input.actor.userId,
      actorLabel: input.actor.label,
      ip: input.actor.ip ?? null,
      targetType: 'privacy_request',
      targetId: row.id,
      details: input.summary,
    });
    return row.id;
  });
}

export type PrivacyRequestView = {
  id: string;
  kind: RequestKind;
  requestedBy: string;
  performedBy: string | null;
  performedAt: Date;
  summary: Record<string, unknown>;
};

/** The latest requests, newest first, with the name of the admin who acted. */
export async function listPrivacyRequests(
  db: Kysely<DB>,
  limit = 100,
): Promise<PrivacyRequestView[]> {
  const rows = await db
    .selectFrom('privacy_requests as r')
    .leftJoin('users as u', 'u.id', 'r.performed_by')
    .select([
      'r.id',
      'r.kind',
      'r.requested_by',
      'r.performed_label',
      'u.name',
      'r.performed_at',
      'r.summary',
    ])
    .orderBy('r.performed_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    requestedBy: r.requested_by,
    performedBy: r.name ?? r.performed_label,
    performedAt: r.performed_at,
    summary: r.summary,
  }));
}
