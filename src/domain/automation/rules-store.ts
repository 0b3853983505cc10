/**
 * Automation rules as stored (issue 19 §4): the supervisors' list in order, writing,
 * switching on and off, reordering. At most `ruleLimits.rules` rules: a larger set is
 * refused (a rule set is read on every pass and evaluated on every mail).
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors/app-error.ts';
import {
  type RuleAction,
  type RuleCondition,
  type RuleInput,
  type RuleTrigger,
  ruleActionSchema,
  ruleConditionSchema,
  ruleLimits,
  ruleTriggerSchema,
} from '../../shared/automation-contracts.ts';
import { type Actor, recordAudit } from '../audit/record-audit.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** A rule as the passes and the page read it. */
export type StoredRule = {
  id: string;
  position: number;
  name: string;
  enabled: boolean;
  trigger: RuleTrigger;
  conditions: RuleCondition[];
  actions: RuleAction[];
  stop: boolean;
  lastError: string | null;
  lastErrorAt: Date | null;
  updatedAt: Date;
};

type Row = {
  id: string;
  position: number;
  name: string;
  enabled: boolean;
  trigger: unknown;
  conditions: unknown;
  actions: unknown;
  stop: boolean;
  last_error: string | null;
  last_error_at: Date | null;
  updated_at: Date;
};

/** The stored row as a rule; a row that no longer reads (an older shape) has no effect. */
function ruleOf(row: Row): StoredRule | null {
  const trigger = ruleTriggerSchema.safeParse(row.trigger);
  const conditions = ruleConditionSchema.array().safeParse(row.conditions);
  const actions = ruleActionSchema.array().safeParse(row.actions);
  if (!trigger.success || !conditions.success || !actions.success) return null;
  return {
    id: row.id,
    position: row.position,
    name: row.name,
    enabled: row.enabled,
    trigger: trigger.data,
    conditions: conditions.data,
    actions: actions.data,
    stop: row.stop,
    lastError: row.last_error,
    lastErrorAt: row.last_error_at,
    updatedAt: row.updated_at,
  };
}

const columns = [
  'id',
  'position',
  'name',
  'enabled',
  'trigger',
  'conditions',
  'actions',
  'stop',
  'last_error',
  'last_error_at',
  'updated_at',
] as const;

/** Every rule in order (`enabledOnly`: those switched on). */
export async function listRules(db: Db, enabledOnly = false): Promise<StoredRule[]> {
  let query = db.selectFrom('automation_rules').select(columns).orderBy('position').orderBy('id');
  if (enabledOnly) query = query.where('enabled', '=', true);
  const rows: Row[] = await query.execute();
  return rows.map(ruleOf).filter((r): r is StoredRule => r !== null);
}

/** Parsed rules by id, with the `updated_at` they were parsed at (the passes read them every second). */
const parsed = new Map<string, { at: number; rule: StoredRule | null }>();

/**
 * The switched-on rules in order, for the passes: one light query (ids, order, change
 * times); a rule is read and checked again only when it changed since it was last read.
 */
export async function enabledRules(db: Db): Promise<StoredRule[]> {
  const heads = await db
    .selectFrom('automation_rules')
    .select(['id', 'position', 'updated_at'])
    .where('enabled', '=', true)
    .orderBy('position')
    .orderBy('id')
    .execute();
  const stale = heads.filter((h) => parsed.get(h.id)?.at !== h.updated_at.getTime());
  if (stale.length > 0) {
    const rows: Row[] = await db
      .selectFrom('automation_rules')
      .select(columns)
      .where(
        'id',
        'in',
        stale.map((h) => h.id),
      )
      .execute();
    for (const row of rows) parsed.set(row.id, { at: row.updated_at.getTime(), rule: ruleOf(row) });
  }
  return heads.flatMap((h) => {
    const rule = parsed.get(h.id)?.rule;
    return rule ? [{ ...rule, position: h.position }] : [];
  });
}

/** Checks what a rule names exists (fields, values, users, saved replies). */
async function assertReferences(db: Db, input: RuleInput): Promise<void> {
  const fieldIds = new Set<string>();
  const valueIds = new Set<string>();
  const userIds = new Set<string>();
  const replyIds = new Set<string>();
  if (input.trigger.type === 'field_changed' && input.trigger.fieldId)
    fieldIds.add(input.trigger.fieldId);
  for (const c of input.conditions)
    if (c.kind === 'field') {
      fieldIds.add(c.fieldId);
      for (const v of c.in) valueIds.add(v);
    }
  for (const a of input.actions) {
    if (a.kind === 'setField') {
      fieldIds.add(a.fieldId);
      if (a.valueId) valueIds.add(a.valueId);
    }
    if (a.kind === 'assign' && a.userId) userIds.add(a.userId);
    if (a.kind === 'notify') for (const u of a.userIds) userIds.add(u);
    if (a.kind === 'reply') replyIds.add(a.savedReplyId);
  }
  const count = async (
    table: 'fields' | 'field_values' | 'users' | 'saved_replies',
    ids: Set<string>,
  ) =>
    ids.size === 0
      ? 0
      : Number(
          (
            await db
              .selectFrom(table)
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .where('id', 'in', [...ids])
              .executeTakeFirstOrThrow()
          ).n,
        );
  if ((await count('fields', fieldIds)) !== fieldIds.size)
    throw new AppError('invalid_input', 'Invalid request: fieldId: no such field');
  if ((await count('field_values', valueIds)) !== valueIds.size)
    throw new AppError('invalid_input', 'Invalid request: valueId: no such value');
  if ((await count('users', userIds)) !== userIds.size)
    throw new AppError('invalid_input', 'Invalid request: userId: no such user');
  if ((await count('saved_replies', replyIds)) !== replyIds.size)
    throw new AppError('invalid_input', 'Invalid request: savedReplyId: no such saved reply');
}

const rowOf = (input: RuleInput) => ({
  name: input.name,
  enabled: input.enabled,
  trigger: JSON.stringify(input.trigger),
  conditions: JSON.stringify(input.conditions),
  actions: JSON.stringify(input.actions),
  stop: input.stop,
});

const audit = (db: Db, actor: Actor, action: string, id: string) =>
  recordAudit(db as Kysely<DB>, {
    action,
    actorUserId: actor.userId,
    targetType: 'automation_rule',
    targetId: id,
    ip: actor.ip,
  });

export async function createRule(db: Kysely<DB>, input: RuleInput, actor: Actor): Promise<string> {
  await assertReferences(db, input);
  return db.transaction().execute(async (trx) => {
    // one writer of positions at a time
    await sql`select pg_advisory_xact_lock(hashtext('automation_rules'))`.execute(trx);
    const { n, last } = await trx
      .selectFrom('automation_rules')
      .select((eb) => [
        eb.fn.countAll<number>().as('n'),
        eb.fn.coalesce(eb.fn.max('position'), eb.lit(0)).as('last'),
      ])
      .executeTakeFirstOrThrow();
    if (Number(n) >= ruleLimits.rules)
      throw new AppError(
        'invalid_input',
        `Invalid request: at most ${ruleLimits.rules} rules; remove one first`,
      );
    const row = await trx
      .insertInto('automation_rules')
      .values({ ...rowOf(input), position: Number(last) + 1, created_by: actor.userId })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(trx, actor, 'automation_rule.created', row.id);
    return row.id;
  });
}

export async function updateRule(
  db: Kysely<DB>,
  id: string,
  input: RuleInput,
  actor: Actor,
): Promise<void> {
  await assertReferences(db, input);
  const row = await db
    .updateTable('automation_rules')
    .set({ ...rowOf(input), updated_at: new Date(), last_error: null, last_error_at: null })
    .where('id', '=', id)
    .returning('id')
    .executeTakeFirst();
  if (!row) throw new AppError('not_found', 'No such rule.');
  await audit(db, actor, 'automation_rule.updated', id);
}

export async function switchRule(
  db: Kysely<DB>,
  id: string,
  enabled: boolean,
  actor: Actor,
): Promise<void> {
  const row = await db
    .updateTable('automation_rules')
    .set({ enabled, updated_at: new Date() })
    .where('id', '=', id)
    .returning('id')
    .executeTakeFirst();
  if (!row) throw new AppError('not_found', 'No such rule.');
  await audit(db, actor, enabled ? 'automation_rule.enabled' : 'automation_rule.disabled', id);
}

export async function deleteRule(db: Kysely<DB>, id: string, actor: Actor): Promise<void> {
  const row = await db
    .deleteFrom('automation_rules')
    .where('id', '=', id)
    .returning('id')
    .executeTakeFirst();
  if (!row) throw new AppError('not_found', 'No such rule.');
  await audit(db, actor, 'automation_rule.deleted', id);
}

/** The new order: `ids` must name every rule exactly once. */
export async function reorderRules(db: Kysely<DB>, ids: string[], actor: Actor): Promise<void> {
  if (new Set(ids).size !== ids.length)
    throw new AppError('invalid_input', 'Invalid request: ids: a rule is named twice');
  await db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext('automation_rules'))`.execute(trx);
    const existing = await trx.selectFrom('automation_rules').select('id').execute();
    const known = new Set(existing.map((r) => r.id));
    if (existing.length !== ids.length || !ids.every((id) => known.has(id)))
      throw new AppError('invalid_input', 'Invalid request: ids: name every rule once');
    await sql`update automation_rules r set position = x.position, updated_at = now()
      from unnest(${ids}::uuid[]) with ordinality as x(id, position)
      where r.id = x.id`.execute(trx);
    await audit(trx, actor, 'automation_rule.reordered', ids[0] ?? '');
  });
}

/** Notes what a rule could not do (shown on the page); kept short. */
export async function noteRuleError(db: Db, ruleId: string, message: string, at: Date) {
  await db
    .updateTable('automation_rules')
    .set({ last_error: message.slice(0, 500), last_error_at: at })
    .where('id', '=', ruleId)
    .execute();
}
