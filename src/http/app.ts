/**
 * The Fastify application: transport only. Each route is a thin handler
 * (rate limit → session → role guard → validation → use-case → presenter);
 * the domain never sees HTTP objects.
 */
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, LogController } from 'fastify';
import type { Config } from '../config.ts';
import type { Database } from '../db/client.ts';
import { installErrorHandler } from './hooks/errors.ts';
import { installSessionHooks, sessionCookieFor } from './hooks/sessions.ts';
import { authRoutes } from './routes/auth/auth-routes.ts';
import { healthRoutes } from './routes/health/health-routes.ts';
import { importRoutes } from './routes/imports/import-routes.ts';
import { mailboxRoutes } from './routes/mailboxes/mailbox-routes.ts';
import { userRoutes } from './routes/users/user-routes.ts';
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
  /** Largest export accepted by POST /api/imports/helpscout (default 2 GiB). */
  maxUploadBytes?: number;
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
  installErrorHandler(app);
  await app.register(fastifyHelmet, {
    contentSecurityPolicy,
    hsts: config.publicUrl.protocol === 'https:' ? { maxAge: 31_536_000 } : false,
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'same-origin' },
  });
  await app.register(fastifyCookie, { secret: deps.sessionSecret });
  await app.register(fastifyRateLimit, { global: false });

  const policy = { idleMinutes: config.sessionIdleMinutes, maxHours: config.sessionMaxHours };
  const cookie = sessionCookieFor(config.publicUrl);
  installSessionHooks(app, { db: database.db, policy, cookie, publicUrl: config.publicUrl });

  healthRoutes(app, { db: database.db });
  authRoutes(app, { db: database.db, policy, cookie });
  mailboxRoutes(app, { db: database.db });
  userRoutes(app, { db: database.db });
  importRoutes(app, { db: database.db, maxUploadBytes: deps.maxUploadBytes });
  await installWebApp(app, deps.webRoot ?? defaultWebRoot);
  return app;
}
