/**
 * Registers the help centre: the public pages and the contact form in their
 * own scope (form and multipart parsers, HTML errors, page rate limit), and
 * the supervisors' API (articles, sites and figures; categories and natures).
 */
import fastifyMultipart from '@fastify/multipart';
import type { FastifyError, FastifyInstance } from 'fastify';
import { isAppError } from '../../../errors/app-error.ts';
import { html } from '../../../portal/pages/html.ts';
import { renderBarePage } from '../../../portal/pages/layout.ts';
import { flushPortalEvents } from '../../../portal/stats/portal-events.ts';
import { contactRoutes, multipartLimits } from './contact-routes.ts';
import { portalAdminRoutes } from './portal-admin-routes.ts';
import { portalConfigRoutes } from './portal-config-routes.ts';
import { notFoundPage, type PortalDeps, sendHtml } from './portal-http.ts';
import { publicPortalRoutes } from './public-routes.ts';

export async function portalRoutes(app: FastifyInstance, deps: PortalDeps): Promise<void> {
  await app.register(async (scope) => {
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 10_000 },
      (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
    );
    await scope.register(fastifyMultipart, { limits: multipartLimits, throwFileSizeLimit: true });
    // Every request of the scope counts against one per-IP budget (in memory, per
    // instance). A route config set from this scope's onRoute hook came too late:
    // the plugin's own onRoute hook (root scope) had already run, so no limit applied.
    scope.addHook(
      'onRequest',
      scope.rateLimit({ max: deps.limits.pagesPerMinute, timeWindow: '1 minute' }),
    );
    scope.setErrorHandler((error: FastifyError, request, reply) => {
      const status = isAppError(error) ? error.status : (error.statusCode ?? 500);
      if (status >= 500) request.log.error({ err: error }, 'help centre error');
      const message =
        status === 429
          ? 'Trop de requêtes depuis votre connexion. Patientez une minute puis réessayez.'
          : status === 413
            ? 'Les données envoyées sont trop volumineuses.'
            : status < 500
              ? 'Cette demande n’est pas valide. Revenez à la page précédente et réessayez.'
              : 'Une erreur est survenue de notre côté. Réessayez dans quelques minutes.';
      return sendHtml(
        reply,
        renderBarePage(
          status < 500 ? 'Demande non valide' : 'Erreur',
          html`<p>${message}</p><p><a href="/aide">Accueil de l’aide</a></p>`,
        ),
        { status: status >= 400 ? status : 500 },
      );
    });
    publicPortalRoutes(scope, deps);
    contactRoutes(scope, deps);
    scope.get('/aide/*', async (_request, reply) => notFoundPage(reply));
  });
  await portalAdminRoutes(app, deps);
  portalConfigRoutes(app, deps);
  app.addHook('onClose', async () => flushPortalEvents(deps.db));
}
