/**
 * The help centre in the agent app (supervisors edit, viewers read figures):
 *
 *   GET  /api/portal/articles               articles (drafts and published), categories, natures
 *   POST /api/portal/articles               create (unpublished)
 *   PUT  /api/portal/articles/:id           save the draft
 *   POST /api/portal/articles/:id/publish   publish the draft as a new version
 *   POST /api/portal/articles/:id/unpublish take it off the public site
 *   POST /api/portal/preview                Markdown → the sanitised HTML the public would see
 *   POST /api/portal/images                 PNG or JPEG body → its public URL (for articles and logos)
 *   GET  /api/portal/sites                  the help centres' settings
 *   PUT  /api/portal/sites/:dept            save one (name, colours, intro, logo, embed origins)
 *   GET  /api/portal/stats?from&to          deflection figures (viewers and above)
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Actor } from '../../../domain/audit/record-audit.ts';
import { AppError } from '../../../errors/app-error.ts';
import {
  createArticle,
  listArticles,
  listCategories,
  publishArticle,
  saveArticleDraft,
  unpublishArticle,
} from '../../../portal/kb/edit-articles.ts';
import { storeKbImage } from '../../../portal/kb/kb-images.ts';
import { renderMarkdown } from '../../../portal/markdown.ts';
import { listNatures, listSites, updateSite } from '../../../portal/sites.ts';
import { deflectionStats } from '../../../portal/stats/portal-events.ts';
import { presentKbArticle, presentKbCategory } from '../../../presenters/kb-article.ts';
import { presentSite } from '../../../presenters/portal-site.ts';
import {
  deflectionQuerySchema,
  kbArticleInputSchema,
  portalSiteInputSchema,
} from '../../../shared/portal-contracts.ts';
import { requireRole, sessionOf } from '../../hooks/sessions.ts';
import { parseInput } from '../../validate.ts';
import type { PortalDeps } from './portal-http.ts';

const actorOf = (request: FastifyRequest): Actor => ({
  userId: sessionOf(request).user.id,
  label: null,
  ip: request.ip,
});

const articleId = (request: FastifyRequest): string => {
  const parsed = z.object({ id: z.uuid() }).safeParse(request.params);
  if (!parsed.success) throw new AppError('not_found', 'No such article.');
  return parsed.data.id;
};

export const siteInputSchema = portalSiteInputSchema.extend({
  logoSha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .nullable()
    .optional(),
});

export async function portalAdminRoutes(app: FastifyInstance, deps: PortalDeps): Promise<void> {
  const { db } = deps;
  const supervisor = { preHandler: requireRole('supervisor') };

  app.get('/api/portal/articles', supervisor, async () => {
    const [articles, categories, natures] = await Promise.all([
      listArticles(db),
      listCategories(db),
      listNatures(db),
    ]);
    return {
      articles: articles.map(presentKbArticle),
      categories: categories.map(presentKbCategory),
      natures,
    };
  });

  app.post('/api/portal/articles', supervisor, async (request, reply) => {
    const input = parseInput(kbArticleInputSchema, request.body);
    const article = await createArticle(db, input, actorOf(request));
    return reply.status(201).send(presentKbArticle(article));
  });

  app.put('/api/portal/articles/:id', supervisor, async (request) => {
    const input = parseInput(kbArticleInputSchema, request.body);
    return presentKbArticle(
      await saveArticleDraft(db, articleId(request), input, actorOf(request)),
    );
  });

  app.post('/api/portal/articles/:id/publish', supervisor, async (request) =>
    presentKbArticle(await publishArticle(db, articleId(request), actorOf(request))),
  );

  app.post('/api/portal/articles/:id/unpublish', supervisor, async (request) =>
    presentKbArticle(await unpublishArticle(db, articleId(request), actorOf(request))),
  );

  app.post('/api/portal/preview', supervisor, async (request) => {
    const { body } = parseInput(z.object({ body: z.string().max(200_000) }), request.body);
    return { html: renderMarkdown(body) };
  });

  await app.register(async (scope) => {
    for (const type of ['image/png', 'image/jpeg'])
      scope.addContentTypeParser(
        type,
        { parseAs: 'buffer', bodyLimit: 2 * 1024 * 1024 },
        (_r, body, done) => done(null, body),
      );
    scope.post('/api/portal/images', supervisor, async (request, reply) => {
      if (!Buffer.isBuffer(request.body))
        throw new AppError('invalid_input', 'Send a PNG or JPEG image as the body.');
      const image = await storeKbImage(db, deps.blobs, request.body, actorOf(request));
      return reply.status(201).send(image);
    });
  });

  app.get('/api/portal/sites', supervisor, async () => ({
    sites: (await listSites(db)).map(presentSite),
  }));

  app.put('/api/portal/sites/:dept', supervisor, async (request) => {
    const dept = String((request.params as { dept?: unknown }).dept ?? '');
    const input = parseInput(siteInputSchema, request.body);
    return presentSite(await updateSite(db, dept, input, actorOf(request)));
  });

  app.get('/api/portal/stats', { preHandler: requireRole('viewer') }, async (request) =>
    deflectionStats(db, parseInput(deflectionQuerySchema, request.query)),
  );
}
