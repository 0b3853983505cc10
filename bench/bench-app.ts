/**
 * The app as the benchmarks run it: the real Fastify app on the given database,
 * logging off, a fresh session secret (also returned: the help-centre bench signs
 * form tokens with it).
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { type AppDeps, buildApp } from '../src/http/app.ts';

export async function benchApp(
  database: AppDeps['database'],
  publicUrl: string,
  extra: Pick<AppDeps, 'portal' | 'inboxCache' | 'apiTokens'> = {},
): Promise<{ app: FastifyInstance; secret: string }> {
  const secret = randomBytes(48).toString('base64url');
  const app = await buildApp({
    config: {
      publicUrl: new URL(publicUrl),
      sessionIdleMinutes: 60,
      sessionMaxHours: 24,
      trustProxy: [],
      logLevel: 'silent',
    },
    database,
    sessionSecret: secret,
    ...extra,
  });
  return { app, secret };
}
