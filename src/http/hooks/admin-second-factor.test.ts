/**
 * Issue 16 §4: with the security policy on, an administrator without a second
 * factor can only log in and out and set the factor up (403
 * `second_factor_required` elsewhere, under any spelling of the path); other
 * roles are not affected; only administrators change the policy.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../test/backends.ts';
import { buildTestApp, type LoggedIn, logIn, makeUser } from '../../../test/http.ts';
import type { Database } from '../../db/client.ts';
import { totpCode } from '../../domain/users/totp.ts';

describe('second factor required for administrators', () => {
  let database: Database;
  let app: FastifyInstance;
  let admin: LoggedIn;
  let supervisor: LoggedIn;
  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    app = await buildTestApp(database);
    admin = await logIn(app, (await makeUser(database, 'admin')).email);
    supervisor = await logIn(app, (await makeUser(database, 'supervisor')).email);
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const call = (who: LoggedIn, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    app.inject({
      method,
      url,
      ...(payload ? { payload } : {}),
      headers: { cookie: who.cookie, 'x-csrf-token': who.csrfToken },
    });

  it('is off by default; only administrators change it', async () => {
    expect((await call(admin, 'GET', '/api/settings/security')).json()).toEqual({
      requireAdminSecondFactor: false,
    });
    expect((await call(admin, 'GET', '/api/users')).statusCode).toBe(200);
    const refused = await call(supervisor, 'PUT', '/api/settings/security', {
      requireAdminSecondFactor: true,
    });
    expect(refused.statusCode).toBe(403);
    const bad = await call(admin, 'PUT', '/api/settings/security', { requireAdminSecondFactor: 1 });
    expect(bad.statusCode).toBe(400);
  });

  it('sends an administrator without the factor to set it up, then lets them through', async () => {
    const saved = await call(admin, 'PUT', '/api/settings/security', {
      requireAdminSecondFactor: true,
    });
    expect(saved.statusCode).toBe(200);
    for (const url of ['/api/users', '/api/mailboxes', '/%61pi/users', '/api/settings/security']) {
      const response = await call(admin, 'GET', url);
      expect([url, response.statusCode]).toEqual([url, 403]);
      expect(response.json().error.code).toBe('second_factor_required');
    }
    // Supervisors are not administrators: nothing changes for them.
    expect((await call(supervisor, 'GET', '/api/users')).statusCode).toBe(200);
    // What setting the factor up needs stays open.
    expect((await call(admin, 'GET', '/api/auth/session')).statusCode).toBe(200);
    expect((await call(admin, 'GET', '/api/account/second-factor')).json()).toMatchObject({
      enabled: false,
    });
    const enrol = await call(admin, 'POST', '/api/account/second-factor');
    expect(enrol.statusCode).toBe(200);
    const { secret } = enrol.json<{ secret: string }>();
    const confirm = await call(admin, 'POST', '/api/account/second-factor/confirm', {
      code: totpCode(secret, new Date()),
    });
    expect(confirm.statusCode).toBe(200);
    expect((await call(admin, 'GET', '/api/users')).statusCode).toBe(200);

    // Another administrator without the factor is held back the same way.
    const second = await logIn(app, (await makeUser(database, 'admin')).email);
    expect((await call(second, 'GET', '/api/users')).json().error.code).toBe(
      'second_factor_required',
    );
    const audit = await database.db
      .selectFrom('audit_events')
      .select('action')
      .where('action', '=', 'settings.security_saved')
      .execute();
    expect(audit).toHaveLength(1);
  });
});
