/**
 * Automation rules against ticket events (issue 19 §4), on both backends: mail taken in
 * through the pipeline, then the rules' pass. Rules run in order and "stop here" ends
 * the run; every action is an event naming its rule; a rule's own events (its reply,
 * its field) fire nothing; round-robin shares 1,000 tickets evenly among the agents
 * present; the preview lists exactly the tickets the rule then acts on.
 */
import { beforeAll, beforeEach, expect, it } from 'vitest';
import { describeEachBackend } from '../../../test/backends.ts';
import { inboundDeps, mailMailbox, receiveMail, uniqueId } from '../../../test/mail.ts';
import {
  drainRules,
  resetRules,
  rule,
  ruleEvents,
  supervisorActor,
  user,
} from '../../../test/support/automation.ts';
import type { InboundDeps } from '../../mail/inbound/ingest-mail.ts';
import type { RuleInput } from '../../shared/automation-contracts.ts';
import { classifyTicket } from '../tickets/classify-ticket.ts';
import { openTicket } from '../tickets/open-ticket.ts';
import { previewRule } from './preview.ts';
import { nextRoundRobinAgent } from './round-robin.ts';
import { reorderRules, switchRule } from './rules-store.ts';

describeEachBackend('automation rules on ticket events', (ctx) => {
  let mailboxId: string;
  let deps: InboundDeps;
  let sup: string;
  let field: { id: string; values: string[] };
  beforeAll(async () => {
    ({ mailboxId } = await mailMailbox(ctx.db, { ack_enabled: false }));
    deps = await inboundDeps(ctx.db);
    sup = await user(ctx.db, 'supervisor');
    const values = await ctx.db
      .selectFrom('field_values')
      .innerJoin('fields', 'fields.id', 'field_values.field_id')
      .select(['fields.id as field_id', 'field_values.id'])
      .where('fields.mailbox_id', '=', mailboxId)
      .where('fields.key', '=', 'partner_type')
      .orderBy('field_values.position')
      .execute();
    const first = values[0];
    if (!first) throw new Error('no partner type field');
    field = { id: first.field_id, values: values.map((v) => v.id) };
  });
  beforeEach(async () => {
    await resetRules(ctx.db);
  });

  const mail = (subject: string, from = 'claire@mairie-exemple.example.org', body = 'Bonjour.') =>
    receiveMail(deps, mailboxId, { from, subject, messageId: uniqueId('rules'), body });
  const tagsOf = async (ticketId: number) =>
    (
      await ctx.db
        .selectFrom('ticket_tags')
        .innerJoin('tags', 'tags.id', 'ticket_tags.tag_id')
        .select('tags.name')
        .where('ticket_tags.ticket_id', '=', ticketId)
        .orderBy('tags.name')
        .execute()
    ).map((r) => r.name);

  it('runs the rules in order, "stop here" ends the run, each action names its rule', async () => {
    const a = await rule(ctx.db, sup, { actions: [{ kind: 'tag', tag: 'ordre-a' }] });
    const b = await rule(ctx.db, sup, { actions: [{ kind: 'tag', tag: 'ordre-b' }], stop: true });
    const c = await rule(ctx.db, sup, { actions: [{ kind: 'tag', tag: 'ordre-c' }] });
    const first = await mail('Ordre 1');
    await drainRules(ctx.db);
    expect(await tagsOf(first.ticketId)).toEqual(['ordre-a', 'ordre-b']);
    expect((await ruleEvents(ctx.db, first.ticketId)).map((e) => e.actor_rule_id)).toEqual([a, b]);
    // c before b: now c acts, and b still stops the run after it
    await reorderRules(ctx.db, await ids([a, c, b]), supervisorActor(sup));
    const second = await mail('Ordre 2');
    await drainRules(ctx.db);
    expect(await tagsOf(second.ticketId)).toEqual(['ordre-a', 'ordre-b', 'ordre-c']);
    expect((await ruleEvents(ctx.db, second.ticketId)).map((e) => e.actor_rule_id)).toEqual([
      a,
      c,
      b,
    ]);
  });

  /** `first` in this order, then every other rule. */
  const ids = async (first: string[]) => {
    const all = await ctx.db
      .selectFrom('automation_rules')
      .select('id')
      .orderBy('position')
      .execute();
    return [...first, ...all.map((r) => r.id).filter((id) => !first.includes(id))];
  };

  it('never fires on its own events: its reply, its field change (loop guard)', async () => {
    const reply = await ctx.db
      .insertInto('saved_replies')
      .values({
        mailbox_id: null,
        name: 'Accusé',
        body: 'Bonjour {{contact.firstName}}, bien reçu.',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const [on, off] = field.values;
    if (!on || !off) throw new Error('two partner types needed');
    // replies to every customer message; sets the field whenever the field changes
    const replier = await rule(ctx.db, sup, {
      trigger: { type: 'message_added' },
      actions: [{ kind: 'reply', savedReplyId: reply.id }],
    });
    const filler = await rule(ctx.db, sup, {
      trigger: { type: 'field_changed', fieldId: field.id },
      actions: [{ kind: 'setField', fieldId: field.id, valueId: off }],
    });
    const opened = await mail('Boucle');
    const answer = await receiveMail(deps, mailboxId, {
      from: 'claire@mairie-exemple.example.org',
      subject: 'Re: Boucle',
      messageId: uniqueId('rules'),
      inReplyTo:
        (
          await ctx.db
            .selectFrom('messages')
            .select('message_id')
            .where('id', '=', opened.messageId)
            .executeTakeFirstOrThrow()
        ).message_id ?? undefined,
    });
    expect(answer.ticketId).toBe(opened.ticketId);
    await classifyTicket(
      ctx.db,
      opened.ticketId,
      { values: { [field.id]: on } },
      {
        userId: sup,
        label: null,
      },
    );
    await drainRules(ctx.db);
    await drainRules(ctx.db);
    const events = await ruleEvents(ctx.db, opened.ticketId);
    // one reply (to the customer's second message, not to the opening nor to itself)
    expect(events.filter((e) => e.type === 'message.added').map((e) => e.actor_rule_id)).toEqual([
      replier,
    ]);
    // one field change (after the agent's), not one after its own
    expect(
      events.filter((e) => e.type === 'ticket.field_changed').map((e) => e.actor_rule_id),
    ).toEqual([filler]);
    const outbox = await ctx.db
      .selectFrom('outbox')
      .select('id')
      .where('ticket_id', '=', opened.ticketId)
      .execute();
    expect(outbox).toHaveLength(1);
  });

  it('shares tickets evenly among the present agents (round-robin: 1,000 turns, and through rules)', async () => {
    const present = [
      await user(ctx.db, 'agent', true),
      await user(ctx.db, 'agent', true),
      await user(ctx.db, 'agent', true),
    ];
    await user(ctx.db, 'agent', false); // absent: never chosen
    // the other agents of earlier tests are no longer present
    await ctx.db.deleteFrom('sessions').where('user_id', 'not in', present).execute();
    const rr = await rule(ctx.db, sup, {
      trigger: { type: 'ticket_opened' },
      conditions: [{ kind: 'mailbox', in: [mailboxId] }],
      actions: [{ kind: 'roundRobin' }],
    });
    // 1,000 turns of the rule's round-robin
    const turns = await ctx.db.transaction().execute(async (trx) => {
      const out: (string | null)[] = [];
      for (let i = 0; i < 1000; i++)
        out.push(await nextRoundRobinAgent(trx, rr, mailboxId, new Date()));
      return out;
    });
    const perAgent = new Map<string | null, number>();
    for (const id of turns) perAgent.set(id, (perAgent.get(id) ?? 0) + 1);
    expect([...perAgent.keys()].sort()).toEqual([...present].sort());
    for (const id of present) expect([333, 334]).toContain(perAgent.get(id));
    // and tickets opened, assigned by the rule in turn, each an event naming it
    const at = new Date();
    const ticketIds = await ctx.db.transaction().execute(async (trx) => {
      const out: number[] = [];
      for (let i = 0; i < 30; i++)
        out.push(
          (
            await openTicket(
              trx,
              { mailboxId, subject: `RR ${i}`, contactId: null, channel: 'email', at },
              { kind: 'customer', body_text: 'Bonjour', created_at: at },
            )
          ).id,
        );
      return out;
    });
    await drainRules(ctx.db);
    const rows = await ctx.db
      .selectFrom('tickets')
      .select(['assignee_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('id', 'in', ticketIds)
      .groupBy('assignee_id')
      .execute();
    const counts = new Map(rows.map((r) => [r.assignee_id, Number(r.n)]));
    for (const id of present) expect(counts.get(id)).toBe(10);
    const events = await ctx.db
      .selectFrom('ticket_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('actor_rule_id', '=', rr)
      .where('type', '=', 'ticket.assignee_changed')
      .executeTakeFirstOrThrow();
    expect(Number(events.n)).toBe(30);
  });

  it('previews exactly the tickets the rule then acts on', async () => {
    const [typeA] = field.values;
    if (!typeA) throw new Error('no partner type');
    const input: RuleInput = {
      name: 'Aperçu',
      enabled: false,
      trigger: { type: 'ticket_opened' },
      conditions: [
        { kind: 'senderDomain', in: ['mairie-exemple.example.org'] },
        { kind: 'words', where: 'both', words: ['attestation', 'mot de passe'], match: 'any' },
        { kind: 'pattern', where: 'subject', pattern: 'n°\\s?\\d{3}', not: true },
      ],
      actions: [
        { kind: 'tag', tag: 'apercu' },
        { kind: 'setField', fieldId: field.id, valueId: typeA },
      ],
      stop: false,
    };
    const mails = [
      ['Attestation demandée', 'claire@mairie-exemple.example.org', 'Bonjour.'],
      ['Question', 'paul@sub.mairie-exemple.example.org', 'Mon MOT DE PASSE ne marche plus'],
      ['Attestation n° 123', 'claire@mairie-exemple.example.org', 'Bonjour.'],
      ['Attestation', 'marc@ailleurs.example.org', 'Bonjour.'],
      ['Rien', 'claire@mairie-exemple.example.org', 'Une question sur le logiciel.'],
      ['Mot de passé', 'claire@mairie-exemple.example.org', 'Accent différent, même mots.'],
    ] as const;
    for (const [subject, from, body] of mails) await mail(subject, from, body);
    await drainRules(ctx.db); // rule not saved yet: nothing acts
    const preview = await previewRule(ctx.db, input);
    const previewed = preview.tickets.map((t) => t.subject).sort();
    expect(previewed).toEqual(['Attestation demandée', 'Mot de passé', 'Question']);
    // the same mails again, the rule switched on: it acts on the same ones
    const id = await rule(ctx.db, sup, { ...input, enabled: false });
    await switchRule(ctx.db, id, true, supervisorActor(sup));
    const again = [];
    for (const [subject, from, body] of mails)
      again.push({ subject, ...(await mail(subject, from, body)) });
    await drainRules(ctx.db);
    const acted = [];
    for (const m of again)
      if ((await ruleEvents(ctx.db, m.ticketId)).length > 0) acted.push(m.subject);
    expect(acted.sort()).toEqual(previewed);
  });
});
