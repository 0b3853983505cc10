/**
 * Retention policies: per mailbox, how many months after closing a ticket's
 * personal content is kept. No policy = kept until someone asks for erasure.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors/app-error.ts';
import { type Actor, recordAudit } from '../audit/record-audit.ts';

export type RetentionPolicyView = {
  mailboxId: string;
  mailboxSlug: string;
  mailboxName: string;
  /** null: no retention (kept). */
  months: number | null;
  updatedAt: Date | null;
};

/** Every mailbox (archived ones too: their tickets still hold data) with its policy. */
export async function listRetentionPolicies(db: Kysely<DB>): Promise<RetentionPolicyView[]> {
  const rows = await db
    .selectFrom('mailboxes as m')
    .leftJoin('retention_policies as p', 'p.mailbox_id', 'm.id')
    .select(['m.id', 'm.slug', 'm.name', 'p.months', 'p.updated_at'])
    .orderBy('m.position')
    .orderBy('m.slug')
    .execute();
  return rows.map((r) => ({
    mailboxId: r.id,
    mailboxSlug: r.slug,
    mailboxName: r.name,
    months: r.months ?? null,
    updatedAt: r.updated_at ?? null,
  }));
}

/**
 * Sets (or, with `months` null, removes) the policy of a mailbox. Audited.
 * Throws not_found for an unknown mailbox, invalid_input outside 1..1200 months.
 */
export async function setRetentionPolicy(
  db: Kysely<DB>,
  mailboxId: string,
  months: number | null,
  actor: Actor,
): Promise<void> {
  if (months !== null && (!Number.isInteger(months) || months < 1 || months > 1200))
    throw new AppError('invalid_input', 'A retention is a whole number of months, 1 to 1200.');
  await db.transaction().execute(async (trx) => {
    const mailbox = await trx
      .selectFrom('mailboxes')
      .select('id')
      .where('id', '=', mailboxId)
      .executeTakeFirst();
    if (!mailbox) throw new AppError('not_found', 'No such mailbox.');
    const before = await trx
      .selectFrom('retention_policies')
      .select('months')
      .where('mailbox_id', '=', mailboxId)
      .executeTakeFirst();
    if (months === null) {
      await trx.deleteFrom('retention_policies').where('mailbox_id', '=', mailboxId).execute();
    } else {
      await trx
        .insertInto('retention_policies')
        .values({ mailbox_id: mailboxId, months, updated_by: actor.userId })
        .onConflict((oc) =>
          oc
            .column('mailbox_id')
            .doUpdateSet({ months, updated_by: actor.userId, updated_at: new Date() }),
        )
        .execute();
    }
    await recordAudit(trx, {
      action: 'privacy.retention_policy_set',
      actorUserId: actor.userId,
      actorLabel: actor.label,
      ip: actor.ip ?? null,
      targetType: 'mailbox',
      targetId: mailboxId,
      details: { before: before?.months ?? null, after: months },
    });
  });
}
