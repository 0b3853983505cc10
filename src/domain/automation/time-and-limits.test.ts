/**
 * Automation rules (issue 19 §4), on both backends: a time condition fires once per
 * ticket with two job runners on one database; hostile rules are refused or bounded —
 * a backtracking pattern refused when saved, and one that slips through bounded at run
 * time; more rules than the limit refused; unknown ids refused.
 */
import { afterEach, beforeAll, expect, it } from 'vitest';
import { describeEachBackend } from '../../../test/backends.ts';
import { signer } from '../../../test/mail.ts';
import {
  drainRules,
  resetRules,
  rule,
  ruleEvents,
  supervisorActor,
  user,
} from '../../../test/support/automation.ts';
import { freshMailbox, openAt } from '../../../test/support/targets.ts';
import { isAppError } from '../../errors/app-error.ts';
import { createJobRunner, type JobRunner } from '../../jobs/runner/runner.ts';
import {
  type RuleInput,
  ruleInputSchema,
  ruleLimits,
  ruleOrderSchema,
} from '../../shared/automation-contracts.ts';
import { unsafePatternReason } from '../../shared/safe-pattern.ts';
import { changeTicket } from '../tickets/change-ticket.ts';
import { automationJob } from './automation-job.ts';
import { createRule } from './rules-store.ts';

describeEachBackend('automation rules: time conditions and limits', (ctx) => {
  let sup: string;
  const started: JobRunner[] = [];
  beforeAll(async () => {
    sup = await user(ctx.db, 'supervisor');
  });
  afterEach(async () => {
    await Promise.all(started.splice(0).map((r) => r.stop()));
  });

  it('fires a time condition once per ticket with two instances', async () => {
    await resetRules(ctx.db);
    const mailboxId = await freshMailbox(ctx.db);
    const old = new Date(Date.now() - 5 * 86_400_000);
    const pending = [await openAt(ctx.db, mailboxId, old), await openAt(ctx.db, mailboxId, old)];
    const recent = await openAt(ctx.db, mailboxId, new Date());
    for (const id of [...pending, recent])
      await changeTicket(ctx.db, id, { status: 'pending' }, supervisorActor(sup));
    const ruleId = await rule(ctx.db, sup, {
      trigger: { type: 'pending', days: 3 },
      conditions: [{ kind: 'mailbox', in: [mailboxId] }],
      actions: [{ kind: 'tag', tag: 'relance' }],
    });
    const passes = { a: 0, b: 0 };
    for (const name of ['a', 'b'] as const) {
      const job = automationJob({ db: ctx.db, signer, everyMs: 20, timeEveryMs: 0 });
      const counted = {
        ...job,
        async run(context: Parameters<typeof job.run>[0]) {
          const more = await job.run(context);
          passes[name] += 1;
          return more;
        },
      };
      const runner = createJobRunner({
        db: ctx.db,
        owner: `rules-${name}`,
        lookMs: 20,
        jobs: [counted],
      });
      runner.start();
      started.push(runner);
    }
    await expect
      .poll(() => Math.min(passes.a, passes.b), { timeout: 60_000, interval: 20 })
      .toBeGreaterThanOrEqual(5);
    for (const id of pending)
      expect((await ruleEvents(ctx.db, id)).map((e) => [e.type, e.actor_rule_id])).toEqual([
        ['ticket.tag_added', ruleId],
      ]);
    expect(await ruleEvents(ctx.db, recent)).toEqual([]);
    const firings = await ctx.db
      .selectFrom('automation_firings')
      .select('ticket_id')
      .where('rule_id', '=', ruleId)
      .execute();
    expect(firings.map((f) => f.ticket_id).sort()).toEqual([...pending].sort());
  });

  it('refuses backtracking patterns when saved, and bounds the rest at run time', async () => {
    for (const bad of ['(a+)+$', '(a|aa)*b', '(\\w+\\s?)*$', '(.*a){2,}', '(a)\\1', '(', '[a-'])
      expect(unsafePatternReason(bad), bad).not.toBeNull();
    for (const ok of ['n°\\s?\\d{3}', '^re:', 'mot (de )?passe', '[a-z]+@mairie\\.fr'])
      expect(unsafePatternReason(ok), ok).toBeNull();
    const parsed = ruleInputSchema.safeParse({
      name: 'Mauvaise',
      enabled: true,
      trigger: { type: 'ticket_opened' },
      conditions: [{ kind: 'pattern', where: 'body', pattern: '(a+)+$' }],
      actions: [{ kind: 'tag', tag: 'x' }],
      stop: false,
    });
    expect(parsed.success).toBe(false);
    // polynomial, not refused: bounded by the run-time limit, noted on the rule
    await resetRules(ctx.db);
    const mailboxId = await freshMailbox(ctx.db);
    const ruleId = await rule(ctx.db, sup, {
      conditions: [
        { kind: 'mailbox', in: [mailboxId] },
        { kind: 'pattern', where: 'body', pattern: '.*.*.*.*.*.*y$' },
      ],
      actions: [{ kind: 'tag', tag: 'jamais' }],
    });
    const ticketId = await ctx.db.transaction().execute(async (trx) => {
      const { openTicket } = await import('../tickets/open-ticket.ts');
      const at = new Date();
      return (
        await openTicket(
          trx,
          { mailboxId, subject: 'Hostile', contactId: null, channel: 'email', at },
          { kind: 'customer', body_text: `${'x'.repeat(30_000)}!`, created_at: at },
        )
      ).id;
    });
    await drainRules(ctx.db);
    expect(await ruleEvents(ctx.db, ticketId)).toEqual([]);
    const stored = await ctx.db
      .selectFrom('automation_rules')
      .select('last_error')
      .where('id', '=', ruleId)
      .executeTakeFirstOrThrow();
    expect(stored.last_error).toMatch(/expression/);
  });

  it('refuses more rules than the limit, a 10,000-rule order, unknown ids', async () => {
    expect(
      ruleOrderSchema.safeParse({
        ids: Array.from({ length: 10_000 }, () => crypto.randomUUID()),
      }).success,
    ).toBe(false);
    const base: RuleInput = {
      name: 'Masse',
      enabled: false,
      trigger: { type: 'ticket_opened' },
      conditions: [],
      actions: [{ kind: 'tag', tag: 'masse' }],
      stop: false,
    };
    const existing = await ctx.db
      .selectFrom('automation_rules')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const rows = Array.from({ length: ruleLimits.rules - Number(existing.n) }, (_, i) => ({
      position: 1000 + i,
      name: `Masse ${i}`,
      trigger: JSON.stringify(base.trigger),
      conditions: '[]',
      actions: JSON.stringify(base.actions),
    }));
    await ctx.db.insertInto('automation_rules').values(rows).execute();
    const refused = await createRule(ctx.db, { ...base }, supervisorActor(sup)).catch((e) => e);
    expect(isAppError(refused) && refused.code).toBe('invalid_input');
    await ctx.db.deleteFrom('automation_rules').where('name', 'like', 'Masse %').execute();
    const unknown = await createRule(
      ctx.db,
      {
        ...base,
        actions: [{ kind: 'setField', fieldId: crypto.randomUUID(), valueId: null }],
      },
      supervisorActor(sup),
    ).catch((e) => e);
    expect(isAppError(unknown) && unknown.code).toBe('invalid_input');
  });
});
