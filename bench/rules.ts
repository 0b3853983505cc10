/**
 * npm run bench -- rules (issue 19 §4), on the PostgreSQL server:
 *
 * 1. One message at a time, 200 rules switched on (a desk's mix: mailbox, sender
 *    domain, words, field and organisation-type conditions, a few bounded patterns; a
 *    handful match and fill, tag, assign in turn): the intake of the message (the
 *    pipeline's transaction), then the rules' pass that handles its events — the work
 *    rules add to taking one message in — p50 / p95; and the same intake with no rule.
 * 2. The SMTP listener's rate (bench/mail-intake.ts, 8 clients) with 50 rules switched
 *    on and the rules' job running in the same process meanwhile, then how long the
 *    rules took to catch up after the last mail.
 */

import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import type { Database } from '../src/db/client.ts';
import { migrate } from '../src/db/migrate.ts';
import { automationJob } from '../src/domain/automation/automation-job.ts';
import { loadFacts } from '../src/domain/automation/facts.ts';
import { FactsReader, ruleMatches } from '../src/domain/automation/match-rule.ts';
import { createRule, enabledRules } from '../src/domain/automation/rules-store.ts';
import { runRulesOnEvents } from '../src/domain/automation/run-rules.ts';
import { applyDefaultConfiguration } from '../src/domain/configuration/apply-default-config.ts';
import { createMailSigner } from '../src/domain/signing/mail-signer.ts';
import { defaultBusinessHours } from '../src/domain/tickets/business-hours.ts';
import { createJobRunner } from '../src/jobs/runner/runner.ts';
import { ingestMail } from '../src/mail/inbound/ingest-mail.ts';
import type { RuleInput } from '../src/shared/automation-contracts.ts';
import { createBlobStore } from '../src/storage/blob-store.ts';
import { frenchMail } from './mail-corpus.ts';
import { benchSmtpIntake } from './mail-intake.ts';

type Print = (label: string, value: string) => void;
const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
};
const signer = createMailSigner('bench-secret-0123456789-abcdefghijklmnopqrstuvwxyz');
const actor = { userId: null, label: 'bench' };

/** `count` rules of a desk's shapes; one in 40 matches the corpus and acts. */
async function makeRules(database: Database, count: number): Promise<void> {
  const { db } = database;
  const mailbox = await db
    .selectFrom('mailboxes')
    .select('id')
    .where('slug', '=', 'partenaires')
    .executeTakeFirstOrThrow();
  const field = await db
    .selectFrom('fields')
    .innerJoin('field_values', 'field_values.field_id', 'fields.id')
    .select(['fields.id as fieldId', 'field_values.id as valueId'])
    .where('fields.mailbox_id', '=', mailbox.id)
    .where('fields.key', '=', 'partner_type')
    .executeTakeFirstOrThrow();
  for (let i = 0; i < count; i++) {
    const acts = i % 40 === 0;
    const shape = i % 5;
    const conditions: RuleInput['conditions'] = [
      { kind: 'mailbox', in: [mailbox.id] },
      shape === 0
        ? {
            kind: 'senderDomain',
            in: [acts ? 'bailleur-44.example.org' : `ville-${i}.example.org`],
          }
        : shape === 1
          ? {
              kind: 'words',
              where: 'both',
              words: [acts ? 'mot de passe' : `mot-${i}`, 'logement'],
              match: 'all',
            }
          : shape === 2
            ? { kind: 'field', fieldId: field.fieldId, in: [field.valueId], not: !acts }
            : shape === 3
              ? {
                  kind: 'pattern',
                  where: 'subject',
                  pattern: acts ? 'réf\\. \\w+-\\d+' : `dossier n°\\s?${i}\\d{3}`,
                }
              : { kind: 'senderAddress', in: [`personne-${i}@example.org`] },
    ];
    await createRule(
      db,
      {
        name: `Règle ${i}`,
        enabled: true,
        trigger: { type: i % 7 === 0 ? 'message_added' : 'ticket_opened' },
        conditions,
        actions:
          i % 80 === 0
            ? [{ kind: 'roundRobin' }, { kind: 'tag', tag: `r${i}` }]
            : [
                { kind: 'setField', fieldId: field.fieldId, valueId: field.valueId },
                { kind: 'tag', tag: `r${i}` },
              ],
        stop: false,
      },
      actor,
    );
  }
}

async function setRuleCount(database: Database, enabled: number): Promise<void> {
  await sql`update automation_rules set enabled = (position <= ${enabled})`.execute(database.db);
  await runRulesOnEvents(database.db, { signer }); // the cursor after what exists
}

async function oneAtATime(database: Database, rules: number, count: number, print: Print) {
  await setRuleCount(database, rules);
  const mailbox = await database.db
    .selectFrom('mailboxes')
    .select('id')
    .where('slug', '=', 'partenaires')
    .executeTakeFirstOrThrow();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'guichet-bench-rules-'));
  const deps = {
    db: database.db,
    blobs: createBlobStore(path.join(dir, 'blobs')),
    signer,
    maxBytes: 26_214_400,
  };
  const run = randomBytes(4).toString('hex');
  const intake: number[] = [];
  const added: number[] = [];
  const addedCpu: number[] = [];
  let acted = 0;
  for (let i = 0; i < count; i++) {
    const raw = frenchMail(run, i);
    let start = process.hrtime.bigint();
    await ingestMail(deps, { raw, mailboxId: mailbox.id, source: 'smtp' });
    intake.push(ms(start));
    start = process.hrtime.bigint();
    const cpu = process.cpuUsage();
    const pass = await runRulesOnEvents(database.db, { signer });
    added.push(ms(start));
    const used = process.cpuUsage(cpu);
    addedCpu.push((used.user + used.system) / 1000);
    acted += pass.acted;
  }
  await rm(dir, { recursive: true, force: true });
  const f = (values: number[]) =>
    `${quantile(values, 0.5).toFixed(1)} / ${quantile(values, 0.95).toFixed(1)} ms`;
  print(`[postgres] ${count} mails one at a time, ${rules} rules on: intake p50 / p95`, f(intake));
  print(`[postgres]   rules' pass for that mail (added work) p50 / p95`, f(added));
  print(`[postgres]   the same pass, node CPU time p50 / p95 (load-proof)`, f(addedCpu));
  print(`[postgres]   rule actions taken`, String(acted));
}

/** The matcher alone: `rules` rules on one mail's facts, as the live pass evaluates them. */
async function matcherOnly(database: Database, print: Print): Promise<void> {
  const rules = await enabledRules(database.db);
  const ticket = await database.db
    .selectFrom('tickets')
    .select('id')
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  const [facts] = await loadFacts(
    database.db,
    [{ ticketId: ticket.id, afterEventId: null, messageId: null, at: new Date() }],
    defaultBusinessHours,
  );
  if (!facts) return;
  const triggered = { facts, happening: { type: 'ticket_opened' } as const };
  const times: number[] = [];
  for (let i = 0; i < 500; i++) {
    const start = process.hrtime.bigint();
    const reader = new FactsReader({
      ...triggered.facts,
      fieldValues: new Map(triggered.facts.fieldValues),
    });
    reader.preparePatterns(rules);
    for (const rule of rules) ruleMatches(rule, triggered.happening, reader);
    times.push(ms(start));
  }
  print(
    `[postgres] matcher alone, ${rules.length} rules on one mail p50 / p95`,
    `${quantile(times, 0.5).toFixed(2)} / ${quantile(times, 0.95).toFixed(2)} ms`,
  );
}

export async function benchRules(database: Database, print: Print): Promise<void> {
  await migrate(database.db);
  await applyDefaultConfiguration(database.db);
  // agents present, for the round-robin
  for (let i = 0; i < 3; i++) {
    const user = await database.db
      .insertInto('users')
      .values({ email: `agent-${i}@example.org`, name: `Agent ${i}`, role: 'agent' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await database.db
      .insertInto('sessions')
      .values({
        id: randomBytes(32).toString('hex'),
        user_id: user.id,
        csrf_token: 'x',
        expires_at: new Date(Date.now() + 86_400_000),
      })
      .execute();
  }
  await makeRules(database, 200);
  const count = Number(process.env.BENCH_RULES_MAILS ?? 300);
  await oneAtATime(database, 0, count, print);
  await oneAtATime(database, 200, count, print);
  await matcherOnly(database, print);

  await setRuleCount(database, 0);
  const mails0 = Number(process.env.BENCH_RULES_SMTP_MAILS ?? 2000);
  const baseline = await benchSmtpIntake(database, mails0, 8);
  print(
    `[postgres] SMTP ${mails0} mails, 8 clients, no rule (same machine, now): msg/s`,
    baseline['msg/s'] ?? '',
  );
  await setRuleCount(database, 50);
  const runner = createJobRunner({
    db: database.db,
    lookMs: 200,
    jobs: [automationJob({ db: database.db, signer, everyMs: 200 })],
  });
  runner.start();
  const mails = Number(process.env.BENCH_RULES_SMTP_MAILS ?? 2000);
  print(`[postgres] SMTP intake of ${mails} mails with 50 rules…`, 'started');
  const figures = await benchSmtpIntake(database, mails, 8);
  const end = process.hrtime.bigint();
  for (;;) {
    const behind = await sql<{
      n: number;
    }>`select count(*)::int as n from ticket_events e, automation_cursor c
      where e.id > c.last_event_id and e.type in ('ticket.opened', 'message.added', 'ticket.field_changed')
        and e.actor_kind not in ('rule', 'import')`.execute(database.db);
    if ((behind.rows[0]?.n ?? 0) === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const caughtUp = ms(end);
  await runner.stop();
  print(
    `[postgres] SMTP ${mails} mails, 8 clients, 50 rules on (rules' job running): msg/s`,
    figures['msg/s'] ?? '',
  );
  print(`[postgres]   stored / lost / doubled`, figures['stored / lost / doubled'] ?? '');
  print(`[postgres]   rules caught up after the last mail`, `${(caughtUp / 1000).toFixed(1)} s`);
}
