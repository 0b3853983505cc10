/**
 * The response targets' routes (issue 18): supervisors create, change (a new
 * version) and remove targets; hostile input is a clear 400, never a 500.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachBackend } from '../../../../test/backends.ts';
import { buildTestApp, type LoggedIn, logIn, makeUser } from '../../../../test/http.ts';
import type { ResponseTargetListDto } from '../../../shared/targets-contracts.ts';

describeEachBackend('response target routes', (ctx) => {
  let app: FastifyInstance;
  let supervisor: LoggedIn;
  let agent: LoggedIn;
  let options: ResponseTargetListDto['options'];
  beforeAll(async () => {
    app = await buildTestApp(ctx.database);
    supervisor = await logIn(app, (await makeUser(ctx.database, 'supervisor')).email);
    agent = await logIn(app, (await makeUser(ctx.database, 'agent')).email);
    options = (await call(supervisor, 'GET', '/api/targets')).json<ResponseTargetListDto>().options;
  });
  afterAll(async () => {
    await app.close();
  });

  const call = (
    who: LoggedIn,
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ) =>
    app.inject({
      method,
      url,
      ...(payload === undefined ? {} : { payload: payload as string }),
      headers: { cookie: who.cookie, 'x-csrf-token': who.csrfToken, ...headers },
    });
  const terms = {
    firstResponseMinutes: 60,
    nextResponseMinutes: null,
    resolutionMinutes: 2880,
    businessHours: true,
    warnBeforeMinutes: 15,
  };

  it('creates a target narrowed to an organisation type, changes it, removes it', async () => {
    const partners =
      options.mailboxes.find((m) => m.name === 'Partenaires') ?? options.mailboxes[0];
    const type = options.organisationTypes[0];
    if (!partners || !type) throw new Error('default configuration missing');
    const created = await call(supervisor, 'POST', '/api/targets', {
      mailboxId: partners.id,
      organisationTypeValueId: type.id,
      terms,
    });
    expect(created.statusCode).toBe(201);
    const { id } = created.json<{ id: string }>();
    expect(
      (
        await call(supervisor, 'POST', '/api/targets', {
          mailboxId: partners.id,
          organisationTypeValueId: type.id,
          terms,
        })
      ).statusCode,
    ).toBe(409);
    const changed = await call(supervisor, 'PUT', `/api/targets/${id}`, {
      terms: { ...terms, firstResponseMinutes: 30 },
    });
    expect(changed.statusCode).toBe(204);
    const list = (await call(supervisor, 'GET', '/api/targets')).json<ResponseTargetListDto>();
    const target = list.targets.find((t) => t.id === id);
    expect(target?.narrowingLabel).toContain(type.label);
    expect(target?.versions.map((v) => v.firstResponseMinutes)).toEqual([30, 60]);
    expect(target?.current?.firstResponseMinutes).toBe(30);
    expect((await call(supervisor, 'DELETE', `/api/targets/${id}`)).statusCode).toBe(204);
    expect((await call(supervisor, 'DELETE', `/api/targets/${id}`)).statusCode).toBe(404);
    const after = (await call(supervisor, 'GET', '/api/targets')).json<ResponseTargetListDto>();
    expect(after.targets.find((t) => t.id === id)?.current).toBeNull();
    // removed: the same scope may be set again
    expect(
      (
        await call(supervisor, 'POST', '/api/targets', {
          mailboxId: partners.id,
          organisationTypeValueId: type.id,
          terms,
        })
      ).statusCode,
    ).toBe(201);
  });

  it('is for supervisors', async () => {
    expect((await call(agent, 'GET', '/api/targets')).statusCode).toBe(403);
  });

  it('answers hostile input with 400 or 404, never 500', async () => {
    const mailboxId = options.mailboxes[0]?.id ?? '';
    const otherValue = options.mailboxes[1]?.fields[0]?.values[0]?.id ?? '';
    const bodies: unknown[] = [
      null,
      'not json',
      [],
      { mailboxId },
      { mailboxId, terms: { ...terms, firstResponseMinutes: -5 } },
      { mailboxId, terms: { ...terms, firstResponseMinutes: 1.5 } },
      { mailboxId, terms: { ...terms, firstResponseMinutes: 1e12 } },
      { mailboxId, terms: { ...terms, firstResponseMinutes: '60' } },
      {
        mailboxId,
        terms: { ...terms, firstResponseMinutes: null, resolutionMinutes: null },
      },
      { mailboxId, terms: { ...terms, extra: 1 } },
      { mailboxId, terms, extra: 1 },
      { mailboxId: "'; drop table tickets; --", terms },
      { mailboxId: '00000000-0000-4000-8000-000000000000', terms },
      { mailboxId, fieldValueId: '00000000-0000-4000-8000-000000000000', terms },
      { mailboxId, fieldValueId: otherValue, terms },
      { mailboxId, organisationTypeValueId: mailboxId, terms },
      { mailboxId, fieldValueId: otherValue, organisationTypeValueId: otherValue, terms },
      { mailboxId, terms: { ...terms, businessHours: 'yes' } },
      { mailboxId, terms: { ...terms, warnBeforeMinutes: 1e9 } },
      { __proto__: { mailboxId }, terms },
    ];
    for (const body of bodies) {
      const response = await call(
        supervisor,
        'POST',
        '/api/targets',
        typeof body === 'string' ? body : JSON.stringify(body),
        { 'content-type': 'application/json' },
      );
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json().error.code).toBe('invalid_input');
    }
    for (const url of ['/api/targets/1', '/api/targets/%00', `/api/targets/${'a'.repeat(5000)}`])
      expect((await call(supervisor, 'PUT', url, { terms })).statusCode).toBeOneOf([400, 404, 414]);
    expect(
      (
        await call(supervisor, 'PUT', '/api/targets/00000000-0000-4000-8000-000000000000', {
          terms,
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (await call(supervisor, 'PUT', '/api/targets/00000000-0000-4000-8000-000000000000', {}))
        .statusCode,
    ).toBe(400);
  });
});
