/**
 * The public pages of the help centres (no session, no JavaScript needed):
 *
 *   GET  /aide                          the list of help centres
 *   GET  /aide/:dept                    home: search, categories, scope of the support
 *   GET  /aide/:dept/recherche?q=       search results (recorded, with the empty ones)
 *   GET  /aide/:dept/suggestions?q=     JSON titles for the search box (CORS: embed origins)
 *   GET  /aide/:dept/articles/:slug     an article (view recorded, cookie remembers it)
 *   POST /aide/:dept/articles/:slug/avis  "Oui / Non" (Non leads to the contact form)
 *   GET  /aide/:dept/accessibilite, /confidentialite, /widget, /theme.css
 *   GET  /aide/static/*, /aide/embed.js, /aide/images/:sha256
 */
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../../errors/app-error.ts';
import {
  findPublishedArticle,
  listPublishedByCategory,
  searchArticles,
} from '../../../portal/kb/public-articles.ts';
import { html } from '../../../portal/pages/html.ts';
import { accessibilityBody, privacyBody, themeCss } from '../../../portal/pages/info-pages.ts';
import {
  articleBody,
  homeBody,
  searchBody,
  searchForm,
  sitesBody,
} from '../../../portal/pages/kb-pages.ts';
import { renderBarePage, renderPage, siteBase } from '../../../portal/pages/layout.ts';
import { cachedRead } from '../../../portal/read-cache.ts';
import { applicantRetentionMonths } from '../../../portal/retention-notice.ts';
import { listSites } from '../../../portal/sites.ts';
import { queuePortalEvent, recordPortalEvent } from '../../../portal/stats/portal-events.ts';
import {
  notFoundPage,
  type PortalDeps,
  rememberViewed,
  sendHtml,
  siteOf,
  stringParam,
} from './portal-http.ts';

const assets = {
  'portal.css': { type: 'text/css; charset=utf-8', body: readAsset('portal.css') },
  'portal.js': { type: 'text/javascript; charset=utf-8', body: readAsset('portal.js') },
} as const;
const embedScript = readAsset('embed.js');

function readAsset(name: string): string {
  return readFileSync(new URL(`../../../portal/assets/${name}`, import.meta.url), 'utf8');
}

export function publicPortalRoutes(app: FastifyInstance, deps: PortalDeps): void {
  const { db } = deps;

  app.get('/aide', async (_request, reply) => {
    const sites = await listSites(db, true);
    return sendHtml(
      reply,
      renderBarePage('Aide à la demande de logement social', sitesBody(sites)),
    );
  });

  app.get('/aide/static/:file', async (request, reply) => {
    const name = stringParam(request.params, 'file');
    const asset = Object.hasOwn(assets, name) ? assets[name as keyof typeof assets] : undefined;
    if (!asset) return notFoundPage(reply);
    return reply.type(asset.type).header('cache-control', 'public, max-age=3600').send(asset.body);
  });

  app.get('/aide/embed.js', async (_request, reply) =>
    reply
      .type('text/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .header('cross-origin-resource-policy', 'cross-origin')
      .send(embedScript),
  );

  app.get('/aide/images/:sha256', async (request, reply) => {
    const sha256 = stringParam(request.params, 'sha256', 64);
    const image = /^[0-9a-f]{64}$/.test(sha256)
      ? await db
          .selectFrom('kb_images')
          .select('content_type')
          .where('sha256', '=', sha256)
          .executeTakeFirst()
      : undefined;
    if (!image) return notFoundPage(reply);
    const bytes = await deps.blobs.get(sha256);
    return reply
      .type(image.content_type)
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .send(bytes);
  });

  app.get('/aide/:dept', async (request, reply) => {
    const site = await siteOf(deps, request, reply);
    if (!site) return reply;
    const groups = await listPublishedByCategory(db, site.departement);
    return sendHtml(
      reply,
      renderPage(site, {
        title: 'Comment pouvons-nous vous aider ?',
        body: homeBody(site, groups),
      }),
    );
  });

  app.get('/aide/:dept/theme.css', async (request, reply) => {
    const site = await siteOf(deps, request, reply);
    if (!site) return reply;
    return reply
      .type('text/css; charset=utf-8')
      .header('cache-control', 'public, max-age=300')
      .send(themeCss(site));
  });

  app.get('/aide/:dept/recherche', async (request, reply) => {
    const site = await siteOf(deps, request, reply);
    if (!site) return reply;
    const query = stringParam(request.query, 'q').trim();
    const compact = stringParam(request.query, 'widget') === '1';
    const results = query ? await searchArticles(db, site.departement, query) : [];
    if (query)
      await recordPortalEvent(db, {
        departement: site.departement,
        kind: 'search',
        query,
        results: results.length,
      });
    const page = renderPage(site, {
      title: 'Résultats de la recherche',
      body: searchBody(site, query, results, compact),
      trail: compact ? [] : [['Accueil de l’aide', siteBase(site)]],
      compact,
    });
    return sendHtml(reply, page, { frameAncestors: compact ? site.embed_origins : [] });
  });

  app.get('/aide/:dept/suggestions', async (request, reply) => {
    const site = await siteOf(deps, request, reply);
    if (!site) return reply;
    const origin = request.headers.origin;
    if (origin && site.embed_origins.includes(origin))
      void reply.header('access-control-allow-origin', origin).header('vary', 'Origin');
    const query = stringParam(request.query, 'q').trim();
    const results = query.length >= 2 ? await searchArticles(db, site.departement, query, 5) : [];
    return reply.header('cache-control', 'no-store').send({
      suggestions: results.map((a) => ({
        title: a.title,
        url: `${siteBase(site)}/articles/${a.slug}`,
      })),
    });
  });

  app.get('/aide/:dept/articles/:slug', async (request, reply) => {
    const site = await siteOf(deps, request, reply);
    if (!site) return reply;
    const slug = stringParam(request.params, 'slug', 120);
    const article = await findPublishedArticle(db, site.departement, slug);
    if (!article) return notFoundPage(reply);
    const nature = stringParam(request.query, 'nature', 63).replace(/[^a-z0-9-]/g, '');
    queuePortalEvent(db, {
      departement: site.departement,
      kind: 'article_view',
      articleId: article.id,
      natureKey: nature || null,
    });
    rememberViewed(request, reply, article.id);
    const voted = stringParam(request.query, 'avis') === 'oui' ? 'oui' : undefined;
    const render = async () =>
      renderPage(site, {
        title: article.title,
        body: articleBody(site, article, { voted, nature: nature || undefined }),
        trail: [['Accueil de l’aide', siteBase(site)]],
      });
    // The plain page (most reads) is rendered once per few seconds, like the article itself;
    // pages after a vote or from the form's guidance vary, and are rendered each time.
    const page =
      voted || nature
        ? await render()
        : await cachedRead(db, `article-page:${site.departement}:${article.id}`, render);
    return sendHtml(reply, page);
  });

  app.post('/aide/:dept/articles/:slug/avis', async (request, reply) => {
    const site = await siteOf(deps, request, reply);
    if (!site) return reply;
    const slug = stringParam(request.params, 'slug', 120);
    const article = await findPublishedArticle(db, site.departement, slug);
    if (!article) return notFoundPage(reply);
    const answer = stringParam(request.body, 'utile');
    if (answer !== 'oui' && answer !== 'non')
      throw new AppError('invalid_input', 'Choisissez Oui ou Non.');
    const nature = stringParam(request.body, 'nature', 63).replace(/[^a-z0-9-]/g, '');
    await recordPortalEvent(db, {
      departement: site.departement,
      kind: answer === 'oui' ? 'vote_yes' : 'vote_no',
      articleId: article.id,
      natureKey: nature || null,
    });
    const base = siteBase(site);
    if (answer === 'oui') return reply.redirect(`${base}/articles/${article.slug}?avis=oui`, 303);
    return reply.redirect(
      nature
        ? `${base}/contact/formulaire?nature=${nature}`
        : `${base}/contact?depuis=${article.slug}`,
      303,
    );
  });

  app.get('/aide/:dept/accessibilite', async (request, reply) => {
    const site = await siteOf(deps, request, reply);
    if (!site) return reply;
    return sendHtml(
      reply,
      renderPage(site, {
        title: 'Accessibilité',
        body: accessibilityBody(site),
        trail: [['Accueil de l’aide', siteBase(site)]],
      }),
    );
  });

  app.get('/aide/:dept/confidentialite', async (request, reply) => {
    const site = await siteOf(deps, request, reply);
    if (!site) return reply;
    return sendHtml(
      reply,
      renderPage(site, {
        title: 'Données personnelles',
        body: privacyBody(site, await applicantRetentionMonths(deps.db)),
        trail: [['Accueil de l’aide', siteBase(site)]],
      }),
    );
  });

  app.get('/aide/:dept/widget', async (request, reply) => {
    const site = await siteOf(deps, request, reply);
    if (!site) return reply;
    const body = html`${searchForm(site, '', true)}
<p><a href="${siteBase(site)}/contact" target="_blank" rel="noopener">Contacter le support (nouvelle fenêtre)</a></p>`;
    return sendHtml(reply, renderPage(site, { title: 'Besoin d’aide ?', body, compact: true }), {
      frameAncestors: site.embed_origins,
    });
  });
}
