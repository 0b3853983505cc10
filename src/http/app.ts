/**
 * The Fastify application: transport only. Each route is a thin handler
 * (rate limit → session → role guard → validation → use-case → presenter);
 * the domain never sees HTTP objects.
 */
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, LogController, type onRouteHookHandler } from 'fastify';
import type { HelmetOptions } from 'helmet';
import { type MailHostAllowance, noMailHostAllowance } from '../config/mail-host-guard.ts';
import { defaultPortalLimits, type PortalLimits } from '../config/portal-limits.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/client.ts';
import type { InboxCacheOptions } from '../domain/inbox/inbox-cache.ts';
import { createMailSigner } from '../domain/signing/mail-signer.ts';
import { totpKeyOf } from '../domain/users/second-factor.ts';
import type { InboundDeps } from '../mail/inbound/ingest-mail.ts';
import type { BlobStore } from '../storage/blob-store.ts';
import { installAdminSecondFactorGuard } from './hooks/admin-second-factor.ts';
import { installBearerTokens } from './hooks/bearer-tokens.ts';
import { installErrorHandler } from './hooks/errors.ts';
import { installNulGuard } from './hooks/nul-guard.ts';
import { installPartnerScopeGuard } from './hooks/partner-scope.ts';
import { installSecurityHeaders } from './hooks/security-headers.ts';
import { installSessionHooks, sessionCookieFor } from './hooks/sessions.ts';
import { installOpenApi, openApiRoutes } from './openapi/openapi.ts';
import { auditRoutes } from './routes/audit/audit-routes.ts';
import { authRoutes } from './routes/auth/auth-routes.ts';
import { automationRoutes } from './routes/automation/automation-routes.ts';
import { classificationRoutes } from './routes/classification/classification-routes.ts';
import { fieldAdminRoutes } from './routes/classification/field-admin-routes.ts';
// issue 18 §5: the dashboard of today
import { dashboardRoutes } from './routes/dashboard/dashboard-routes.ts';
import { exportRoutes } from './routes/exports/export-routes.ts';
import { healthRoutes } from './routes/health/health-routes.ts';
import { importRoutes } from './routes/imports/import-routes.ts';
import { incidentRoutes } from './routes/incidents/incident-routes.ts';
import { attachmentRoutes } from './routes/mail/attachment-routes.ts';
import { mailAdminRoutes } from './routes/mail/mail-admin-routes.ts';
import { mailboxRoutes } from './routes/mailboxes/mailbox-routes.ts';
import { setupRoutes } from './routes/mailboxes/setup-routes.ts';
import { notificationRoutes } from './routes/notifications/notification-routes.ts';
import { organisationRoutes } from './routes/organisations/organisation-routes.ts';
import { partnerRoutes } from './routes/partner/partner-routes.ts';
import { portalRoutes } from './routes/portal/portal-routes.ts';
import { privacyRoutes } from './routes/privacy/privacy-routes.ts';
import { profileRoutes } from './routes/profile/profile-routes.ts';
import { ratingRoutes } from './routes/ratings/rating-routes.ts';
import { reportRoutes } from './routes/reports/report-routes.ts';
import { ssoRoutes } from './routes/sso/sso-routes.ts';
import { targetRoutes } from './routes/targets/target-routes.ts';
import { composerRoutes } from './routes/tickets/composer-routes.ts';
import { conversationRoutes } from './routes/tickets/conversation-routes.ts';
import { demandNumberRoutes } from './routes/tickets/demand-number-routes.ts';
import { ticketMessageRoutes } from './routes/tickets/ticket-message-routes.ts';
import { tokenRoutes } from './routes/tokens/token-routes.ts';
import { accountRoutes } from './routes/users/account-routes.ts';
import { securityRoutes } from './routes/users/security-routes.ts';
import { userRoutes } from './routes/users/user-routes.ts';
import { webhookRoutes } from './routes/webhooks/webhook-routes.ts';
import { savedReplyRoutes } from './routes/workspace/saved-reply-routes.ts';
import { workspaceRoutes } from './routes/workspace/workspace-routes.ts';
import { defaultWebRoot, installWebApp } from './web-app.ts';

export type AppDeps = {
  config: Pick<
    Config,
    'publicUrl' | 'sessionIdleMinutes' | 'sessionMaxHours' | 'trustProxy' | 'logLevel'
  >;
  database: Database;
  sessionSecret: string;
  /** Folder of the built web app; defaults to dist/web. */
  webRoot?: string;
  /** The e-mail channel (dead letters, mail settings, waking the outbox); without it those routes are absent. */
  mail?: {
    inbound: InboundDeps;
    credentialsKey: Buffer | undefined;
    /** MAIL_ALLOWED_HOSTS (none when absent). */
    allowedHosts?: MailHostAllowance;
    wakeOutbox?: () => void;
    /** SMTP_RELAY_URL: mailboxes without their own SMTP server send through it. */
    relayUrl?: URL;
    /** Guichet's own SMTP listener is on (SMTP_LISTEN_PORT): mail can come in without IMAP. */
    smtpListener?: boolean;
  };
  /** Largest export accepted by POST /api/imports/helpscout (default 2 GiB). */
  maxUploadBytes?: number;
  /** WEBHOOK_ALLOWED_HOSTS (none when absent): internal addresses webhooks may reach. */
  webhookAllowedHosts?: MailHostAllowance;
  /** Sees every route as it is registered (the role × route matrix test lists them this way). */
  onRoute?: onRouteHookHandler;
  /** The public help centre: its limits, and a blob store when there is no mail channel (tests). */
  portal?: { limits?: PortalLimits; blobs?: BlobStore };
  /** The shared answers of the inbox (tests read the newest change on every request). */
  inboxCache?: Partial<InboxCacheOptions>;
  /** API tokens (issue 21 §1): requests per token per minute and process (default 600). */
  apiTokens?: { perMinute?: number };
};

/** Content Security Policy: nothing inline, nothing remote, never framed. */
const contentSecurityPolicy = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    // Mantine sets style attributes at run time.
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:'],
    fontSrc: ["'self'"],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'none'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
};

/** Helmet's options for every response (HSTS only when served over HTTPS). */
export const securityHeaderOptions = (publicUrl: URL): HelmetOptions => ({
  contentSecurityPolicy,
  hsts: publicUrl.protocol === 'https:' ? { maxAge: 31_536_000 } : false,
  crossOriginEmbedderPolicy: false,
  referrerPolicy: { policy: 'same-origin' },
});

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config, database } = deps;
  const app = Fastify({
    logger: {
      level: config.logLevel,
      redact: [
        'req.headers.cookie',
        'req.headers["x-csrf-token"]',
        'req.headers.authorization',
        'res.headers["set-cookie"]',
      ],
    },
    // Client IPs come from X-Forwarded-For only when the direct peer is a configured proxy.
    trustProxy: config.trustProxy.length > 0 ? config.trustProxy : false,
    bodyLimit: 1_048_576,
    // One line per request only at debug level: the console stays readable at info.
    logController: new LogController({
      disableRequestLogging: config.logLevel !== 'debug' && config.logLevel !== 'trace',
    }),
  });
  if (deps.onRoute) app.addHook('onRoute', deps.onRoute);
  installErrorHandler(app);
  installNulGuard(app);
  installSecurityHeaders(app, securityHeaderOptions(config.publicUrl));
  await app.register(fastifyCookie, { secret: deps.sessionSecret });
  await app.register(fastifyRateLimit, { global: false });
  await installOpenApi(app);

  const policy = { idleMinutes: config.sessionIdleMinutes, maxHours: config.sessionMaxHours };
  const cookie = sessionCookieFor(config.publicUrl);
  installSessionHooks(app, { db: database.db, policy, cookie, publicUrl: config.publicUrl });
  installBearerTokens(app, { db: database.db, perMinute: deps.apiTokens?.perMinute });
  installAdminSecondFactorGuard(app, { db: database.db });
  // Partners' own view (issue 21 §5): a viewer attached to an organisation sees nothing else.
  installPartnerScopeGuard(app, { db: database.db });

  healthRoutes(app, { db: database.db });
  const signer = deps.mail?.inbound.signer ?? createMailSigner(deps.sessionSecret);
  const totpKey = totpKeyOf(deps.sessionSecret);
  authRoutes(app, { db: database.db, policy, cookie, totpKey });
  // Single sign-on (issue 21 §4): client secrets encrypted with MAIL_CREDENTIALS_KEY.
  ssoRoutes(app, {
    db: database.db,
    policy,
    cookie,
    publicUrl: config.publicUrl,
    credentialsKey: deps.mail?.credentialsKey,
  });
  partnerRoutes(app, { db: database.db });
  mailboxRoutes(app, { db: database.db });
  const instanceMail = {
    relay: deps.mail?.relayUrl !== undefined,
    smtpListener: deps.mail?.smtpListener === true,
  };
  userRoutes(app, { db: database.db, signer, publicUrl: config.publicUrl, instance: instanceMail });
  setupRoutes(app, {
    db: database.db,
    instance: instanceMail,
    relayUrl: deps.mail?.relayUrl,
    credentialsKey: deps.mail?.credentialsKey,
    allowedHosts: deps.mail?.allowedHosts,
  });
  accountRoutes(app, { db: database.db, signer, totpKey });
  securityRoutes(app, { db: database.db });
  auditRoutes(app, { db: database.db });
  reportRoutes(app, { db: database.db });
  classificationRoutes(app, { db: database.db });
  fieldAdminRoutes(app, { db: database.db });
  ticketMessageRoutes(app, { db: database.db, signer, wakeOutbox: deps.mail?.wakeOutbox });
  demandNumberRoutes(app, { db: database.db });
  incidentRoutes(app, { db: database.db, signer, wakeOutbox: deps.mail?.wakeOutbox });
  // The composer, new conversations, forwarding, moving a ticket (issue 19 §1–§2).
  composerRoutes(app, { db: database.db, blobs: deps.mail?.inbound.blobs ?? deps.portal?.blobs });
  conversationRoutes(app, { db: database.db, signer, wakeOutbox: deps.mail?.wakeOutbox });
  await ratingRoutes(app, { db: database.db, signer });
  if (deps.mail) {
    mailAdminRoutes(app, {
      inbound: deps.mail.inbound,
      credentialsKey: deps.mail.credentialsKey,
      allowedHosts: deps.mail.allowedHosts,
    });
    attachmentRoutes(app, { db: database.db, blobs: deps.mail.inbound.blobs });
    privacyRoutes(app, { db: database.db, blobs: deps.mail.inbound.blobs });
  }
  importRoutes(app, { db: database.db, maxUploadBytes: deps.maxUploadBytes });
  workspaceRoutes(app, { db: database.db, cache: deps.inboxCache });
  savedReplyRoutes(app, { db: database.db });
  automationRoutes(app, { db: database.db, signer, wakeOutbox: deps.mail?.wakeOutbox });
  organisationRoutes(app, { db: database.db });
  profileRoutes(app, { db: database.db });
  targetRoutes(app, { db: database.db });
  webhookRoutes(app, {
    db: database.db,
    credentialsKey: deps.mail?.credentialsKey,
    allowedHosts: deps.webhookAllowedHosts ?? noMailHostAllowance(),
  });
  tokenRoutes(app, { db: database.db });
  exportRoutes(app, { db: database.db });
  await openApiRoutes(app);
  notificationRoutes(app, { db: database.db });
  dashboardRoutes(app, { db: database.db });
  const portalBlobs = deps.portal?.blobs ?? deps.mail?.inbound.blobs;
  if (portalBlobs)
    await portalRoutes(app, {
      db: database.db,
      blobs: portalBlobs,
      signer,
      secret: deps.sessionSecret,
      limits: deps.portal?.limits ?? defaultPortalLimits,
      relay: instanceMail.relay,
    });
  await installWebApp(app, deps.webRoot ?? defaultWebRoot);
  return app;
}
