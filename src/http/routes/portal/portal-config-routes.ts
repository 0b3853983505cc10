/**
 * The help centre's structure in the agent app (supervisors):
 *
 *   GET    /api/portal/categories            categories in order, with their article counts
 *   POST   /api/portal/categories            create (last in order)
 *   PUT    /api/portal/categories/:id        rename (title, address, description)
 *   DELETE /api/portal/categories/:id        delete an empty category (409 while articles use it)
 *   POST   /api/portal/categories/reorder    { ids }: every category, in the new order
 *   GET    /api/portal/natures               public natures (disabled ones too) + Demandeurs values
 *   POST   /api/portal/natures               add a public nature
 *   PUT    /api/portal/natures/:key          reword, remap, show or hide one
 *   POST   /api/portal/natures/reorder       { keys }: every nature, in the new order
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Actor } from '../../../domain/audit/record-audit.ts';
import { AppError } from '../../../errors/app-error.ts';
import {
  createNature,
  listNaturesForEditor,
  reorderNatures,
  updateNature,
} from '../../../portal/edit-natures.ts';
import {
  createCategory,
  deleteCategory,
  listCategoriesForEditor,
  reorderCategories,
  updateCategory,
} from '../../../portal/kb/edit-categories.ts';
import { presentKbCategoryAdmin } from '../../../presenters/kb-article.ts';
import {
  presentNatureForEditor,
  presentNaturesForEditor,
} from '../../../presenters/portal-nature.ts';
import {
  kbCategoryInputSchema,
  kbCategoryOrderSchema,
  portalNatureCreateSchema,
  portalNatureInputSchema,
  portalNatureOrderSchema,
} from '../../../shared/portal-contracts.ts';
import { requireRole, sessionOf } from '../../hooks/sessions.ts';
import { parseInput } from '../../validate.ts';
import type { PortalDeps } from './portal-http.ts';

const actorOf = (request: FastifyRequest): Actor => ({
  userId: sessionOf(request).user.id,
  label: null,
  ip: request.ip,
});

/** The :id of a category route; anything but a UUID is simply not found. */
const categoryId = (request: FastifyRequest): string => {
  const parsed = z.object({ id: z.uuid() }).safeParse(request.params);
  if (!parsed.success) throw new AppError('not_found', 'No such category.');
  return parsed.data.id;
};

/** The :key of a nature route; anything outside the key format is simply not found. */
const natureKey = (request: FastifyRequest): string => {
  const parsed = z
    .object({ key: z.string().regex(/^[a-z][a-z0-9-]{0,62}$/) })
    .safeParse(request.params);
  if (!parsed.success) throw new AppError('not_found', 'No such nature.');
  return parsed.data.key;
};

export function portalConfigRoutes(app: FastifyInstance, deps: PortalDeps): void {
  const { db } = deps;
  const supervisor = { preHandler: requireRole('supervisor') };

  app.get('/api/portal/categories', supervisor, async () => ({
    categories: (await listCategoriesForEditor(db)).map(presentKbCategoryAdmin),
  }));

  app.post('/api/portal/categories', supervisor, async (request, reply) => {
    const input = parseInput(kbCategoryInputSchema, request.body);
    const category = await createCategory(db, input, actorOf(request));
    return reply.status(201).send(presentKbCategoryAdmin(category));
  });

  app.post('/api/portal/categories/reorder', supervisor, async (request) => {
    const { ids } = parseInput(kbCategoryOrderSchema, request.body);
    const categories = await reorderCategories(db, ids, actorOf(request));
    return { categories: categories.map(presentKbCategoryAdmin) };
  });

  app.put('/api/portal/categories/:id', supervisor, async (request) => {
    const id = categoryId(request);
    const input = parseInput(kbCategoryInputSchema, request.body);
    return presentKbCategoryAdmin(await updateCategory(db, id, input, actorOf(request)));
  });

  app.delete('/api/portal/categories/:id', supervisor, async (request, reply) => {
    await deleteCategory(db, categoryId(request), actorOf(request));
    return reply.status(204).send();
  });

  app.get('/api/portal/natures', supervisor, async () =>
    presentNaturesForEditor(await listNaturesForEditor(db)),
  );

  app.post('/api/portal/natures', supervisor, async (request, reply) => {
    const input = parseInput(portalNatureCreateSchema, request.body);
    const nature = await createNature(db, input, actorOf(request));
    return reply.status(201).send(presentNatureForEditor(nature));
  });

  app.post('/api/portal/natures/reorder', supervisor, async (request) => {
    const { keys } = parseInput(portalNatureOrderSchema, request.body);
    return presentNaturesForEditor(await reorderNatures(db, keys, actorOf(request)));
  });

  app.put('/api/portal/natures/:key', supervisor, async (request) => {
    const key = natureKey(request);
    const input = parseInput(portalNatureInputSchema, request.body);
    return presentNatureForEditor(await updateNature(db, key, input, actorOf(request)));
  });
}
