/**
 * Builds the real Fastify app on a test database, and small helpers to act as
 * a logged-in user through `app.inject` (no socket, same code path).
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Database } from '../src/db/client.ts';
import type { Role } from '../src/db/schema.ts';
import { applyDefaultConfiguration } from '../src/domain/configuration/apply-default-config.ts';
import { createUser } from '../src/domain/users/manage-users.ts';
import { type AppDeps, buildApp } from '../src/http/app.ts';

export const testSecret = 'test-secret-0123456789-abcdefghijklmnopqrstuvwxyz';
export const testPassword = 'correct horse battery staple';

export async function buildTestApp(
  database: Database,
  publicUrl = 'http://localhost:3000',
  extra: Pick<
    AppDeps,
    'mail' | 'onRoute' | 'portal' | 'inboxCache' | 'webhookAllowedHosts' | 'apiTokens'
  > = {},
): Promise<FastifyInstance> {
  await applyDefaultConfiguration(database.db);
  const webRoot = await mkdtemp(path.join(os.tmpdir(), 'guichet-web-'));
  await writeFile(
    path.join(webRoot, 'index.html'),
    '<!doctype html><title>Guichet</title><div id="root"></div>',
  );
  return buildApp({
    config: {
      publicUrl: new URL(publicUrl),
      sessionIdleMinutes: 60,
      sessionMaxHours: 24,
      trustProxy: [],
      logLevel: 'silent',
    },
    database,
    sessionSecret: testSecret,
    webRoot,
    // Tests write tickets straight into the database, then read the inbox at once.
    inboxCache: { freshMs: 0 },
    ...extra,
  });
}

let counter = 0;
/** A fresh user with its own e-mail, so tests never collide. */
export async function makeUser(database: Database, role: Role, password = testPassword) {
  counter += 1;
  const email = `${role}-${counter}-${Date.now()}@example.org`;
  const user = await createUser(
    database.db,
    { email, name: `${role} ${counter}`, role, password },
    { userId: null, label: 'test' },
  );
  return { user, email, password };
}

export type LoggedIn = { cookie: string; csrfToken: string; response: LightMyRequestResponse };

/** The `name=value` pair of the Set-Cookie header, to send back as Cookie. */
export function cookieOf(response: LightMyRequestResponse): string {
  const header = response.headers['set-cookie'];
  const first = Array.isArray(header) ? header[0] : header;
  if (!first) throw new Error(`no Set-Cookie in a ${response.statusCode} response`);
  return first.split(';')[0] ?? '';
}

export async function logIn(
  app: FastifyInstance,
  email: string,
  password = testPassword,
  ip = '127.0.0.1',
): Promise<LoggedIn> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email, password },
    remoteAddress: ip,
  });
  if (response.statusCode !== 200)
    throw new Error(`login failed: ${response.statusCode} ${response.body}`);
  return { cookie: cookieOf(response), csrfToken: response.json().csrfToken, response };
}
