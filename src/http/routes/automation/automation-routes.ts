/**
 * Automation rules (supervisors) and macros (agents) — issue 19 §3–§4:
 *
 * - GET /api/rules: the rules in order, and what a rule may name;
 * - POST /api/rules, PUT /api/rules/:id, DELETE /api/rules/:id;
 * - PATCH /api/rules/:id: switch on or off;
 * - PUT /api/rules/order: every rule's id in the new order;
 * - POST /api/rules/preview: the tickets of the last 30 days a rule would have matched;
 * - GET /api/macros: the macros the agent may apply (shared, and their own);
 * - POST /api/macros, PUT /api/macros/:id, DELETE /api/macros/:id (personal: the agent;
 *   shared: a supervisor);
 * - POST /api/macros/:id/apply: on one ticket or a selection.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../../db/schema.ts';
import type { Actor } from '../../../domain/audit/record-audit.ts';
import {
  applyMacro,
  deleteMacro,
  listMacros,
  saveMacro,
} from '../../../domain/automation/macros.ts';
import { previewRule } from '../../../domain/automation/preview.ts';
import { ruleOptions } from '../../../domain/automation/rule-options.ts';
import {
  createRule,
  deleteRule,
  listRules,
  reorderRules,
  switchRule,
  updateRule,
} from '../../../domain/automation/rules-store.ts';
import type { MailSigner } from '../../../domain/signing/mail-signer.ts';
import { AppError } from '../../../errors/app-error.ts';
import { mailboxScopeOf, scopeAllows } from '../../../policies/mailbox-access.ts';
import { hasRole } from '../../../policies/roles.ts';
import { presentRule } from '../../../presenters/automation-rule.ts';
import {
  type MacroListDto,
  macroApplySchema,
  macroInputSchema,
  type RuleListDto,
  ruleInputSchema,
  ruleOrderSchema,
  rulePreviewSchema,
  ruleSwitchSchema,
} from '../../../shared/automation-contracts.ts';
import { requireRole, sessionOf } from '../../hooks/sessions.ts';
import { parseInput } from '../../validate.ts';

const idOf = (request: FastifyRequest, what: string): string => {
  const parsed = z.object({ id: z.uuid() }).safeParse(request.params);
  if (!parsed.success) throw new AppError('not_found', `No such ${what}.`);
  return parsed.data.id;
};

const actorOf = (request: FastifyRequest): Actor => ({
  userId: sessionOf(request).user.id,
  label: null,
  ip: request.ip,
});

const writerOf = (request: FastifyRequest) => {
  const { user } = sessionOf(request);
  return { id: user.id, supervisor: hasRole(user.role, 'supervisor') };
};

export function automationRoutes(
  app: FastifyInstance,
  deps: { db: Kysely<DB>; signer: MailSigner; wakeOutbox?: (() => void) | undefined },
): void {
  const { db } = deps;
  const supervisor = { preHandler: requireRole('supervisor') };
  const agent = { preHandler: requireRole('agent') };

  app.get('/api/rules', supervisor, async () => {
    const [rules, options] = await Promise.all([listRules(db), ruleOptions(db)]);
    return { rules: rules.map(presentRule), options } satisfies RuleListDto;
  });

  app.post('/api/rules', supervisor, async (request, reply) => {
    const input = parseInput(ruleInputSchema, request.body);
    return reply.code(201).send({ id: await createRule(db, input, actorOf(request)) });
  });

  app.put('/api/rules/order', supervisor, async (request, reply) => {
    const { ids } = parseInput(ruleOrderSchema, request.body);
    await reorderRules(db, ids, actorOf(request));
    return reply.code(204).send();
  });

  app.post('/api/rules/preview', supervisor, async (request) => {
    const { rule } = parseInput(rulePreviewSchema, request.body);
    return previewRule(db, rule);
  });

  app.put('/api/rules/:id', supervisor, async (request, reply) => {
    const id = idOf(request, 'rule');
    await updateRule(db, id, parseInput(ruleInputSchema, request.body), actorOf(request));
    return reply.code(204).send();
  });

  app.patch('/api/rules/:id', supervisor, async (request, reply) => {
    const id = idOf(request, 'rule');
    const { enabled } = parseInput(ruleSwitchSchema, request.body);
    await switchRule(db, id, enabled, actorOf(request));
    return reply.code(204).send();
  });

  app.delete('/api/rules/:id', supervisor, async (request, reply) => {
    await deleteRule(db, idOf(request, 'rule'), actorOf(request));
    return reply.code(204).send();
  });

  app.get('/api/macros', agent, async (request) => {
    const { user } = sessionOf(request);
    const scope = await mailboxScopeOf(db, user);
    const [macros, options] = await Promise.all([listMacros(db, user.id, scope), ruleOptions(db)]);
    const visible = (mailboxId: string | null) =>
      mailboxId === null || scopeAllows(scope, mailboxId);
    return {
      macros,
      // what a macro may name, within the agent's mailboxes
      options: {
        ...options,
        mailboxes: options.mailboxes.filter((m) => visible(m.id)),
        fields: options.fields.filter((f) => visible(f.mailboxId)),
        organisations: [],
        savedReplies: options.savedReplies.filter((r) => visible(r.mailboxId)),
      },
    } satisfies MacroListDto;
  });

  app.post('/api/macros', agent, async (request, reply) => {
    const input = parseInput(macroInputSchema, request.body);
    const id = await saveMacro(db, null, input, writerOf(request), actorOf(request));
    return reply.code(201).send({ id });
  });

  app.put('/api/macros/:id', agent, async (request, reply) => {
    const id = idOf(request, 'macro');
    const input = parseInput(macroInputSchema, request.body);
    await saveMacro(db, id, input, writerOf(request), actorOf(request));
    return reply.code(204).send();
  });

  app.delete('/api/macros/:id', agent, async (request, reply) => {
    await deleteMacro(db, idOf(request, 'macro'), writerOf(request), actorOf(request));
    return reply.code(204).send();
  });

  app.post('/api/macros/:id/apply', agent, async (request) => {
    const id = idOf(request, 'macro');
    const { ticketIds } = parseInput(macroApplySchema, request.body);
    const { user } = sessionOf(request);
    const result = await applyMacro(
      db,
      { signer: deps.signer },
      id,
      ticketIds,
      { id: user.id, name: user.name, scope: await mailboxScopeOf(db, user) },
      actorOf(request),
    );
    if (result.applied.length > 0) deps.wakeOutbox?.();
    return result;
  });
}
