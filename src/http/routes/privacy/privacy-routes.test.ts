import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import JSZip from 'jszip';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachBackend } from '../../../../test/backends.ts';
import { createTicket } from '../../../../test/factories.ts';
import { buildTestApp, type LoggedIn, logIn, makeUser } from '../../../../test/http.ts';
import { inboundDeps } from '../../../../test/mail.ts';
import { givePersonalData, person } from '../../../../test/personal-data.ts';
import { findBlobTraces, findTraces } from '../../../domain/privacy/find-traces.ts';

type Who = LoggedIn | null;

describeEachBackend('privacy routes', (ctx) => {
  let app: FastifyInstance;
  let inbound: Awaited<ReturnType<typeof inboundDeps>>;
  let admin: LoggedIn;
  let others: [string, LoggedIn][];
  let mailboxes: Record<string, string>;
  beforeAll(async () => {
    inbound = await inboundDeps(ctx.db);
    app = await buildTestApp(ctx.database, 'http://localhost:3000', {
      mail: { inbound, credentialsKey: randomBytes(32) },
    });
    admin = await logIn(app, (await makeUser(ctx.database, 'admin')).email);
    others = [];
    for (const role of ['supervisor', 'agent', 'viewer'] as const)
      others.push([role, await logIn(app, (await makeUser(ctx.database, role)).email)]);
    const rows = await ctx.db.selectFrom('mailboxes').select(['id', 'slug']).execute();
    mailboxes = Object.fromEntries(rows.map((r) => [r.slug, r.id]));
  });
  afterAll(async () => {
    await app.close();
  });

  const call = (who: Who, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
    app.inject({
      method,
      url,
      headers: who
        ? { cookie: who.cookie, 'x-csrf-token': who.csrfToken, origin: 'http://localhost:3000' }
        : { origin: 'http://localhost:3000' },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });

  const routes: ['GET' | 'POST' | 'PUT', string, unknown?][] = [
    ['GET', '/api/privacy/retention'],
    ['PUT', '/api/privacy/retention/00000000-0000-4000-8000-000000000000', { months: 12 }],
    ['POST', '/api/privacy/retention/preview', {}],
    ['POST', '/api/privacy/retention/run', {}],
    ['POST', '/api/privacy/people/search', { query: 'x@example.org' }],
    ['POST', '/api/privacy/people/export', { query: 'x@example.org', requestedBy: 'x' }],
    [
      'POST',
      '/api/privacy/people/erase',
      { query: 'x@example.org', requestedBy: 'x', confirm: true },
    ],
    ['GET', '/api/privacy/requests'],
    ['GET', '/api/privacy/attachments/flagged'],
    ['POST', '/api/privacy/attachments/00000000-0000-4000-8000-000000000000/purge', {}],
  ];

  it('answers 401 without a session and 403 below admin, on every route', async () => {
    for (const [method, url, body] of routes) {
      expect([url, (await call(null, method, url, body)).statusCode]).toEqual([url, 401]);
      for (const [role, who] of others)
        expect([role, url, (await call(who, method, url, body)).statusCode]).toEqual([
          role,
          url,
          403,
        ]);
    }
  });

  it('sets a retention, previews and runs it; hostile bodies are 4xx', async () => {
    const demandeurs = mailboxes.demandeurs ?? '';
    const old = await createTicket(ctx.db, {
      mailboxId: demandeurs,
      createdAt: new Date('2020-02-01T10:00:00Z'),
      status: 'closed',
    });
    await ctx.db
      .updateTable('tickets')
      .set({ closed_at: new Date('2020-02-02') })
      .where('id', '=', old)
      .execute();
    const put = await call(admin, 'PUT', `/api/privacy/retention/${demandeurs}`, { months: 12 });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ mailboxSlug: 'demandeurs', months: 12 });
    for (const bad of [{ months: 0 }, { months: 1201 }, { months: 1.5 }, { months: '12' }, {}, []])
      expect(
        (await call(admin, 'PUT', `/api/privacy/retention/${demandeurs}`, bad)).statusCode,
      ).toBe(400);
    expect(
      (await call(admin, 'PUT', '/api/privacy/retention/nope', { months: 3 })).statusCode,
    ).toBe(404);
    expect(
      (
        await call(admin, 'PUT', '/api/privacy/retention/00000000-0000-4000-8000-000000000000', {
          months: 3,
        })
      ).statusCode,
    ).toBe(404);
    const preview = await call(admin, 'POST', '/api/privacy/retention/preview', {});
    expect(preview.json().tickets).toBeGreaterThanOrEqual(1);
    const run = await call(admin, 'POST', '/api/privacy/retention/run', {});
    expect(run.statusCode).toBe(200);
    expect(run.json()).toMatchObject({ dryRun: false, trigger: 'api' });
    expect(run.json().tickets).toBe(preview.json().tickets);
    const listed = await call(admin, 'GET', '/api/privacy/retention');
    expect(listed.json().runs[0].tickets).toBe(preview.json().tickets);
    const audit = await ctx.db
      .selectFrom('audit_events')
      .select('action')
      .where('action', 'like', 'privacy.retention%')
      // the default configuration's policy on Demandeurs is the system's, not this admin's
      .where('actor_user_id', 'is not', null)
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual([
      'privacy.retention_policy_set',
      'privacy.retention_run',
    ]);
  });

  it('finds, exports and erases a person; odd and huge input answers 400, never 500', async () => {
    const who = person('http');
    const ticket = await createTicket(ctx.db, {
      mailboxId: mailboxes.partenaires ?? '',
      createdAt: new Date(),
    });
    await givePersonalData(ctx.db, inbound.blobs, ticket, who);
    const search = await call(admin, 'POST', '/api/privacy/people/search', { query: who.email });
    expect(search.statusCode).toBe(200);
    expect(search.json().tickets.map((t: { id: number }) => t.id)).toEqual([ticket]);
    for (const body of [
      {},
      { query: '' },
      { query: 'ab' },
      { query: 'x'.repeat(5000) },
      { query: 'a\u0000b@example.org' },
      { query: 42 },
    ])
      expect((await call(admin, 'POST', '/api/privacy/people/search', body)).statusCode).toBe(400);
    // a body that is not JSON: unsupported media type
    expect((await call(admin, 'POST', '/api/privacy/people/search', 'not json')).statusCode).toBe(
      415,
    );
    for (const query of ["' OR 1=1; --", '%_%', '"><script>@example.org', 'robert@@example..org'])
      expect((await call(admin, 'POST', '/api/privacy/people/search', { query })).statusCode).toBe(
        200,
      );
    expect(
      (
        await call(admin, 'POST', '/api/privacy/people/export', {
          query: who.email,
          requestedBy: '',
        })
      ).statusCode,
    ).toBe(400);
    const exported = await call(admin, 'POST', '/api/privacy/people/export', {
      query: who.email,
      requestedBy: 'La personne (courriel du 2 mai)',
    });
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toBe('application/zip');
    const zip = await JSZip.loadAsync(exported.rawPayload);
    expect(zip.file('person.json')).not.toBeNull();
    expect(
      (
        await call(admin, 'POST', '/api/privacy/people/erase', {
          query: who.email,
          requestedBy: 'x',
        })
      ).statusCode,
    ).toBe(400);
    const erased = await call(admin, 'POST', '/api/privacy/people/erase', {
      query: who.email,
      requestedBy: 'La personne (courriel du 2 mai)',
      confirm: true,
    });
    expect(erased.statusCode).toBe(200);
    expect(erased.json()).toMatchObject({ tickets: 1, remaining: [] });
    expect(await findTraces(ctx.db, who.email)).toEqual([]);
    expect(await findBlobTraces(inbound.blobs, who.email)).toEqual([]);
    const requests = await call(admin, 'GET', '/api/privacy/requests');
    expect(
      requests
        .json()
        .requests.map((r: { kind: string }) => r.kind)
        .slice(0, 2),
    ).toEqual(['erase', 'export']);
  });

  it('lists flagged attachments and purges one; unknown ids are 404', async () => {
    const ticket = await createTicket(ctx.db, {
      mailboxId: mailboxes.demandeurs ?? '',
      createdAt: new Date(),
    });
    const blob = await inbound.blobs.put(Buffer.from(`scan ${ticket}`));
    const row = await ctx.db
      .insertInto('attachments')
      .values({
        ticket_id: ticket,
        filename: "Avis d'impôt 2024.pdf",
        content_type: 'application/pdf',
        size_bytes: 9,
        sha256: blob.sha256,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const flagged = await call(admin, 'GET', '/api/privacy/attachments/flagged');
    expect(flagged.json().attachments).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: row.id, kind: 'tax' })]),
    );
    expect(
      (await call(admin, 'POST', `/api/privacy/attachments/${row.id}/purge`, {})).json(),
    ).toEqual({
      blobsRemoved: 1,
    });
    for (const id of [row.id, 'nope', '%27%20or%201%3D1', 'x'.repeat(90)])
      expect(
        (await call(admin, 'POST', `/api/privacy/attachments/${id}/purge`, {})).statusCode,
      ).toBe(404);
  });
});
