/**
 * The organisation directory (issue 6 §4): agents read it, supervisors and
 * admins edit it, merge two entries and import it from CSV.
 *
 *   GET    /api/organisations?q=&page=&pageSize=   list (agent)
 *   GET    /api/organisations/options              allowed types and départements (agent)
 *   GET    /api/organisations/:id                  one, with contacts and ticket counts (agent)
 *   POST   /api/organisations                      create (supervisor)
 *   PATCH  /api/organisations/:id                  update, domains replaced (supervisor)
 *   DELETE /api/organisations/:id                  delete, refused with tickets (supervisor)
 *   POST   /api/organisations/:id/merge {into}     merge into another (supervisor)
 *   POST   /api/organisations/import?dryRun=       CSV body, text/csv (supervisor)
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../../db/schema.ts';
import type { Actor } from '../../../domain/audit/record-audit.ts';
import { createOrganisation } from '../../../domain/organisations/create-organisation.ts';
import { deleteOrganisation } from '../../../domain/organisations/delete-organisation.ts';
import { directoryFields } from '../../../domain/organisations/directory-fields.ts';
import { getOrganisation } from '../../../domain/organisations/get-organisation.ts';
import { importOrganisations } from '../../../domain/organisations/import-organisations.ts';
import { listOrganisations } from '../../../domain/organisations/list-organisations.ts';
import { mergeOrganisations } from '../../../domain/organisations/merge-organisations.ts';
import { updateOrganisation } from '../../../domain/organisations/update-organisation.ts';
import { AppError } from '../../../errors/app-error.ts';
import {
  presentDirectoryImport,
  presentOrganisation,
  presentOrganisationDetail,
} from '../../../presenters/organisation.ts';
import {
  type DirectoryOptionsDto,
  type OrganisationListDto,
  organisationCreateSchema,
  organisationImportQuerySchema,
  organisationListQuerySchema,
  organisationMergeSchema,
  organisationUpdateSchema,
} from '../../../shared/directory-contracts.ts';
import { requireRole, sessionOf } from '../../hooks/sessions.ts';
import { parseInput } from '../../validate.ts';

/** Largest directory file accepted (a few thousand organisations fit in far less). */
export const maxDirectoryCsvBytes = 2 * 1024 * 1024;

const idOf = (request: FastifyRequest): string => {
  const parsed = z.object({ id: z.uuid() }).safeParse(request.params);
  if (!parsed.success) throw new AppError('not_found', 'No such organisation.');
  return parsed.data.id;
};

const actorOf = (request: FastifyRequest): Actor => ({
  userId: sessionOf(request).user.id,
  label: null,
  ip: request.ip,
});

export function organisationRoutes(app: FastifyInstance, deps: { db: Kysely<DB> }): void {
  const agent = { preHandler: requireRole('agent') };
  const supervisor = { preHandler: requireRole('supervisor') };
  const { db } = deps;

  app.addContentTypeParser(
    'text/csv',
    { parseAs: 'buffer', bodyLimit: maxDirectoryCsvBytes },
    (_request, body, done) => done(null, body),
  );

  app.get('/api/organisations', agent, async (request) => {
    const query = parseInput(organisationListQuerySchema, request.query);
    const { rows, total } = await listOrganisations(db, query);
    return {
      organisations: rows.map(presentOrganisation),
      total,
      page: query.page,
      pageSize: query.pageSize,
    } satisfies OrganisationListDto;
  });

  app.get('/api/organisations/options', agent, async () => {
    const fields = await directoryFields(db);
    const live = (values: typeof fields.partnerTypes) =>
      values.filter((v) => !v.archived).map((v) => ({ id: v.id, label: v.label }));
    return {
      partnerTypes: live(fields.partnerTypes),
      departements: live(fields.departements),
    } satisfies DirectoryOptionsDto;
  });

  app.get('/api/organisations/:id', agent, async (request) =>
    presentOrganisationDetail(await getOrganisation(db, idOf(request))),
  );

  app.post('/api/organisations', supervisor, async (request, reply) => {
    const input = parseInput(organisationCreateSchema, request.body);
    const id = await createOrganisation(db, input, actorOf(request));
    return reply.status(201).send(presentOrganisationDetail(await getOrganisation(db, id)));
  });

  app.patch('/api/organisations/:id', supervisor, async (request) => {
    const id = idOf(request);
    const input = parseInput(organisationUpdateSchema, request.body);
    await updateOrganisation(db, id, input, actorOf(request));
    return presentOrganisationDetail(await getOrganisation(db, id));
  });

  app.delete('/api/organisations/:id', supervisor, async (request, reply) => {
    await deleteOrganisation(db, idOf(request), actorOf(request));
    return reply.status(204).send();
  });

  app.post('/api/organisations/:id/merge', supervisor, async (request) => {
    const id = idOf(request);
    const { into } = parseInput(organisationMergeSchema, request.body);
    const moved = await mergeOrganisations(db, id, into, actorOf(request));
    return { merged: id, into, moved };
  });

  app.post(
    '/api/organisations/import',
    { ...supervisor, bodyLimit: maxDirectoryCsvBytes },
    async (request) => {
      const query = parseInput(organisationImportQuerySchema, request.query);
      if (!Buffer.isBuffer(request.body))
        throw new AppError('invalid_input', 'Send the directory as a CSV file (text/csv).');
      return presentDirectoryImport(
        await importOrganisations(db, request.body, {
          dryRun: query.dryRun === 'true',
          actor: actorOf(request),
        }),
      );
    },
  );
}
