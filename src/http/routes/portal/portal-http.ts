/**
 * What every public help-centre route shares: its dependencies, the security
 * headers (a strict CSP; frame-ancestors 'none' except the widget, which the
 * configured sites may frame), HTML responses, the site of the URL, and the
 * "articles read" cookie.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { PortalLimits } from '../../../config/portal-limits.ts';
import type { DB } from '../../../db/schema.ts';
import type { MailSigner } from '../../../domain/signing/mail-signer.ts';
import { html } from '../../../portal/pages/html.ts';
import { renderBarePage } from '../../../portal/pages/layout.ts';
import { findSite, type PortalSite } from '../../../portal/sites.ts';
import type { BlobStore } from '../../../storage/blob-store.ts';

export type PortalDeps = {
  db: Kysely<DB>;
  blobs: BlobStore;
  signer: MailSigner;
  /** HMAC key of rate-limit keys and form tokens. */
  secret: string;
  limits: PortalLimits;
  /** SMTP_RELAY_URL is set (what the contact form's confirmation may promise). */
  relay?: boolean;
};

const baseCsp =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " +
  "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'";

/** The CSP of a public page; `frameAncestors` lists the origins that may frame it. */
export function portalCsp(frameAncestors: string[] = []): string {
  const ancestors = frameAncestors.length > 0 ? `'self' ${frameAncestors.join(' ')}` : "'none'";
  return `${baseCsp}; frame-ancestors ${ancestors}`;
}

export function sendHtml(
  reply: FastifyReply,
  page: string,
  options: { status?: number; frameAncestors?: string[] } = {},
): FastifyReply {
  if (options.frameAncestors && options.frameAncestors.length > 0)
    void reply.removeHeader('x-frame-options');
  return reply
    .status(options.status ?? 200)
    .type('text/html; charset=utf-8')
    .header('content-security-policy', portalCsp(options.frameAncestors))
    .header('cache-control', 'no-store')
    .send(page);
}

export function notFoundPage(reply: FastifyReply): FastifyReply {
  return sendHtml(
    reply,
    renderBarePage(
      'Page introuvable',
      html`<p>Cette page n’existe pas ou n’est plus en ligne.</p><p><a href="/aide">Accueil de l’aide</a></p>`,
    ),
    { status: 404 },
  );
}

const departementPattern = /^[0-9]{2,3}[AB]?$/;

/** The site of `:dept`, or undefined after answering 404. */
export async function siteOf(
  deps: PortalDeps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<PortalSite | undefined> {
  const dept = String((request.params as { dept?: unknown }).dept ?? '');
  const site = departementPattern.test(dept) ? await findSite(deps.db, dept) : undefined;
  if (!site) notFoundPage(reply);
  return site;
}

/** A query-string or form value as one trimmed string ('' when absent or repeated oddly). */
export function stringParam(source: unknown, name: string, max = 200): string {
  const value = (source as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value.slice(0, max) : '';
}

const viewedCookie = 'aide_vus';
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Article ids the visitor read (cookie, then a form's hidden field), 10 at most. */
export function viewedArticles(request: FastifyRequest, extra = ''): string[] {
  const fromCookie = request.cookies?.[viewedCookie] ?? '';
  return [
    ...new Set([...fromCookie.split(','), ...extra.split(',')].filter((id) => uuid.test(id))),
  ].slice(0, 10);
}

/** Remembers that the visitor read `articleId` (a session cookie, this path only). */
export function rememberViewed(
  request: FastifyRequest,
  reply: FastifyReply,
  articleId: string,
): void {
  const ids = [articleId, ...viewedArticles(request).filter((id) => id !== articleId)].slice(0, 10);
  // Every article page sets it: written here as @fastify/cookie would serialise
  // `setCookie(viewedCookie, ids, { path: '/aide', httpOnly: true, sameSite: 'lax' })`,
  // without its per-reply bookkeeping. The ids are UUIDs (checked above, or from
  // the database), so encoding only turns the commas into %2C.
  void reply.header(
    'set-cookie',
    `${viewedCookie}=${encodeURIComponent(ids.join(','))}; Path=/aide; HttpOnly; SameSite=Lax`,
  );
}
