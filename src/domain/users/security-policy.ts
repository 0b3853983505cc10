/**
 * The administrators' security policy, stored under the `security` key of
 * `settings` (so `guichet config export/import` carries it):
 * `requireAdminSecondFactor` — an administrator without a confirmed second
 * factor (TOTP) may do nothing but set one up (issue 16 §4).
 */
import { type Kysely, sql } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors/app-error.ts';
import { type Actor, recordAudit } from '../audit/record-audit.ts';

export const securityPolicySchema = z.strictObject({
  requireAdminSecondFactor: z.boolean().default(false),
});
export type SecurityPolicy = z.infer<typeof securityPolicySchema>;

export const SECURITY_POLICY_KEY = 'security';

/** The stored policy, defaults filled in (an invalid stored value falls back to the defaults). */
export async function loadSecurityPolicy(db: Kysely<DB>): Promise<SecurityPolicy> {
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', SECURITY_POLICY_KEY)
    .executeTakeFirst();
  const parsed = securityPolicySchema.safeParse(row?.value ?? {});
  return parsed.success ? parsed.data : securityPolicySchema.parse({});
}

/** Validates and stores the policy, audited as `settings.security_saved`; returns what was stored. */
export async function saveSecurityPolicy(
  db: Kysely<DB>,
  input: unknown,
  actor: Actor,
): Promise<SecurityPolicy> {
  const parsed = securityPolicySchema.safeParse(input);
  if (!parsed.success)
    throw new AppError(
      'invalid_input',
      `Invalid security settings: ${parsed.error.issues.map((i) => i.message).join('; ')}`,
    );
  const value = JSON.stringify(parsed.data);
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('settings')
      .values({ key: SECURITY_POLICY_KEY, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: new Date() }))
      .execute();
    await recordAudit(trx, {
      action: 'settings.security_saved',
      actorUserId: actor.userId,
      actorLabel: actor.label,
      targetType: 'settings',
      targetId: SECURITY_POLICY_KEY,
      ip: actor.ip ?? null,
      details: parsed.data,
    });
  });
  return parsed.data;
}

/**
 * Whether this administrator must set up a second factor before anything
 * else: the policy requires it and they have none confirmed. One query.
 */
export async function secondFactorMissing(db: Kysely<DB>, userId: string): Promise<boolean> {
  const row = await db
    .selectNoFrom((eb) => [
      eb
        .exists(
          eb
            .selectFrom('settings')
            .select(sql`1`.as('one'))
            .where('key', '=', SECURITY_POLICY_KEY)
            .where(sql<boolean>`(value ->> 'requireAdminSecondFactor')::boolean is true`),
        )
        .as('required'),
      eb
        .exists(
          eb
            .selectFrom('user_totp')
            .select(sql`1`.as('one'))
            .where('user_id', '=', userId)
            .where('enabled_at', 'is not', null),
        )
        .as('enrolled'),
    ])
    .executeTakeFirstOrThrow();
  return row.required === true && row.enrolled !== true;
}
