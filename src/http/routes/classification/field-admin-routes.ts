/**
 * Fields and values kept in the app (issue 15 §1), supervisors only:
 * - GET  /api/mailboxes/:id/fields          the fields, every value, ticket counts
 * - POST /api/mailboxes/:id/fields          {label, requiredToClose}
 * - PUT  /api/fields/:id/label              {label}
 * - POST /api/fields/:id/values             {label}
 * - PUT  /api/fields/:id/order              {values: [every value id, in order]}
 * - PATCH /api/field-values/:id             {label?, retired?}
 * Merging is POST /api/field-values/:id/merge (classification-routes.ts);
 * "required before closing" is PATCH /api/fields/:id (workspace-routes.ts).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../../db/schema.ts';
import {
  addField,
  addFieldValue,
  changeFieldValue,
  listFieldsForAdmin,
  renameField,
  reorderFieldValues,
} from '../../../domain/classification/field-admin.ts';
import { AppError } from '../../../errors/app-error.ts';
import {
  type FieldAdminListDto,
  fieldInputSchema,
  fieldLabelSchema,
  fieldValueChangeSchema,
  fieldValueInputSchema,
  fieldValueOrderSchema,
} from '../../../shared/setup-contracts.ts';
import { requireRole } from '../../hooks/sessions.ts';
import { parseInput } from '../../validate.ts';
import { actorOf } from '../mailboxes/setup-routes.ts';

/** A uuid from the URL; 404 for anything that is not one. */
function idOf(request: FastifyRequest): string {
  const parsed = z.object({ id: z.uuid() }).safeParse(request.params);
  if (!parsed.success) throw new AppError('not_found', 'Not found.');
  return parsed.data.id.toLowerCase();
}

export function fieldAdminRoutes(app: FastifyInstance, deps: { db: Kysely<DB> }): void {
  const { db } = deps;
  const supervisor = { preHandler: requireRole('supervisor') };
  const list = async (mailboxId: string): Promise<FieldAdminListDto> => ({
    mailboxId,
    fields: await listFieldsForAdmin(db, mailboxId),
  });
  const mailboxOfField = async (fieldId: string) =>
    (
      await db
        .selectFrom('fields')
        .select('mailbox_id')
        .where('id', '=', fieldId)
        .executeTakeFirstOrThrow()
    ).mailbox_id;
  const mailboxOfValue = async (valueId: string) =>
    (
      await db
        .selectFrom('field_values as v')
        .innerJoin('fields as f', 'f.id', 'v.field_id')
        .select('f.mailbox_id')
        .where('v.id', '=', valueId)
        .executeTakeFirstOrThrow()
    ).mailbox_id;

  app.get('/api/mailboxes/:id/fields', supervisor, async (request) => list(idOf(request)));

  app.post('/api/mailboxes/:id/fields', supervisor, async (request, reply) => {
    const mailboxId = idOf(request);
    const input = parseInput(fieldInputSchema, request.body);
    await addField(db, { mailboxId, ...input, actor: actorOf(request) });
    return reply.status(201).send(await list(mailboxId));
  });

  app.put('/api/fields/:id/label', supervisor, async (request) => {
    const fieldId = idOf(request);
    const { label } = parseInput(fieldLabelSchema, request.body);
    await renameField(db, { fieldId, label, actor: actorOf(request) });
    return list(await mailboxOfField(fieldId));
  });

  app.post('/api/fields/:id/values', supervisor, async (request, reply) => {
    const fieldId = idOf(request);
    const { label } = parseInput(fieldValueInputSchema, request.body);
    await addFieldValue(db, { fieldId, label, actor: actorOf(request) });
    return reply.status(201).send(await list(await mailboxOfField(fieldId)));
  });

  app.put('/api/fields/:id/order', supervisor, async (request) => {
    const fieldId = idOf(request);
    const { values } = parseInput(fieldValueOrderSchema, request.body);
    await reorderFieldValues(db, { fieldId, values, actor: actorOf(request) });
    return list(await mailboxOfField(fieldId));
  });

  app.patch('/api/field-values/:id', supervisor, async (request) => {
    const valueId = idOf(request);
    const input = parseInput(fieldValueChangeSchema, request.body);
    await changeFieldValue(db, { valueId, ...input, actor: actorOf(request) });
    return list(await mailboxOfValue(valueId));
  });
}
