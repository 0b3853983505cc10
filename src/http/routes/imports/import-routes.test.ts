/**
 * POST /api/imports/helpscout and the run's status and error report, through
 * the real app (inject), on both backends: the role guard, CSRF, hostile
 * uploads, and a real import in the background.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachBackend } from '../../../../test/backends.ts';
import { logIn, makeUser, testSecret } from '../../../../test/http.ts';
import { conversation, line } from '../../../../test/support/import-conversations.ts';
import { applyDefaultConfiguration } from '../../../domain/configuration/apply-default-config.ts';
import { uploadsDir } from '../../../import/uploads/uploaded-import.ts';
import type { ImportRunDto } from '../../../shared/contracts.ts';
import { buildApp } from '../../app.ts';

const MAX = 64 * 1024;
const origin = 'http://localhost:3000';
const mappingValue = encodeURIComponent(JSON.stringify({ mailboxes: { '101': 'partenaires' } }));

describeEachBackend('import routes', (ctx) => {
  let app: FastifyInstance;
  let supervisor: { cookie: string; csrfToken: string; userId: string };
  let agent: { cookie: string; csrfToken: string };

  beforeAll(async () => {
    await applyDefaultConfiguration(ctx.db);
    const webRoot = await mkdtemp(path.join(os.tmpdir(), 'guichet-web-'));
    await writeFile(path.join(webRoot, 'index.html'), '<!doctype html><title>Guichet</title>');
    app = await buildApp({
      config: {
        publicUrl: new URL(origin),
        sessionIdleMinutes: 60,
        sessionMaxHours: 24,
        trustProxy: [],
        logLevel: 'silent',
      },
      database: ctx.database,
      sessionSecret: testSecret,
      webRoot,
      maxUploadBytes: MAX,
    });
    const s = await makeUser(ctx.database, 'supervisor');
    const a = await makeUser(ctx.database, 'agent');
    supervisor = { ...(await logIn(app, s.email)), userId: s.user.id };
    agent = await logIn(app, a.email);
  });
  const runs: string[] = [];
  afterAll(async () => {
    await app.close();
    for (const id of runs) await rm(path.join(uploadsDir(), id), { recursive: true, force: true });
  });

  const upload = (
    body: string | Buffer,
    options: {
      who?: { cookie: string; csrfToken: string } | null;
      query?: string;
      headers?: Record<string, string>;
    } = {},
  ) => {
    const who = options.who === undefined ? supervisor : options.who;
    return app.inject({
      method: 'POST',
      url: `/api/imports/helpscout${options.query ?? '?format=jsonl'}`,
      payload: body,
      headers: {
        'content-type': 'application/octet-stream',
        origin,
        ...(who ? { cookie: who.cookie, 'x-csrf-token': who.csrfToken } : {}),
        ...options.headers,
      },
    });
  };
  const status = (id: string) =>
    app.inject({
      method: 'GET',
      url: `/api/imports/${id}`,
      headers: { cookie: supervisor.cookie },
    });
  const finished = async (id: string): Promise<ImportRunDto> => {
    runs.push(id);
    const deadline = Date.now() + 30_000;
    for (;;) {
      const run = (await status(id)).json() as ImportRunDto;
      if (run.state !== 'running' || Date.now() > deadline) return run;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  it('is for supervisors only, with the CSRF token', async () => {
    const body = line(conversation(3000));
    expect((await upload(body, { who: null })).statusCode).toBe(401);
    expect((await upload(body, { who: agent })).statusCode).toBe(403);
    const noCsrf = await upload(body, { headers: { 'x-csrf-token': 'wrong' } });
    expect(noCsrf.statusCode).toBe(403);
    const id = '00000000-0000-4000-8000-000000000000';
    const asAgent = await app.inject({
      method: 'GET',
      url: `/api/imports/${id}`,
      headers: { cookie: agent.cookie },
    });
    expect(asAgent.statusCode).toBe(403);
    const errorsAsAgent = await app.inject({
      method: 'GET',
      url: `/api/imports/${id}/errors`,
      headers: { cookie: agent.cookie },
    });
    expect(errorsAsAgent.statusCode).toBe(403);
  });

  it('refuses hostile uploads with a clear error', async () => {
    const body = line(conversation(3001));
    const cases = [
      [await upload(body, { query: '?format=xml' }), 400, /format must be/],
      [await upload(body, { query: '?format=jsonl&dryRun=maybe' }), 400, /dryRun/],
      [
        await upload(body, { headers: { 'x-guichet-mapping': '%E0%A4%A' } }),
        400,
        /not URI-encoded JSON/,
      ],
      [
        await upload(body, {
          headers: { 'x-guichet-mapping': encodeURIComponent('{"mailboxes": []}') },
        }),
        400,
        /Mapping: mailboxes/,
      ],
      [
        await upload(body, { headers: { 'content-type': 'application/json' } }),
        400,
        /application\/octet-stream/,
      ],
      [await upload(body, { headers: { 'content-type': 'text/html' } }), 415, /./],
      [await upload(''), 400, /empty/],
      [await upload(Buffer.alloc(MAX + 1, 0x7b)), 413, /./],
    ] as const;
    for (const [response, code, message] of cases) {
      expect(response.statusCode, response.body).toBe(code);
      expect(response.json().error.message).toMatch(message);
    }
    for (const url of [
      '/api/imports/not-a-uuid',
      '/api/imports/00000000-0000-4000-8000-000000000000/errors',
    ]) {
      const response = await app.inject({
        method: 'GET',
        url,
        headers: { cookie: supervisor.cookie },
      });
      expect(response.statusCode).toBe(404);
    }
    const tickets = await ctx.db
      .selectFrom('tickets')
      .select('id')
      .where('source_id', '=', '3001')
      .execute();
    expect(tickets).toEqual([]);
  });

  it('imports in the background; reports progress, summary and a downloadable error report', async () => {
    const body = [
      line(conversation(3100)),
      '{"id": 3101, "status": ',
      line(conversation(3102)),
    ].join('\n');
    const dry = await upload(body, {
      query: '?format=jsonl&dryRun=true',
      headers: { 'x-guichet-mapping': mappingValue },
    });
    expect(dry.statusCode, dry.body).toBe(202);
    const dryRun = await finished(dry.json().id);
    expect(dryRun).toMatchObject({
      state: 'finished',
      dryRun: true,
      result: { records: { created: 2, failed: 1 } },
    });
    expect(
      await ctx.db.selectFrom('tickets').select('id').where('source_id', '=', '3100').execute(),
    ).toEqual([]);

    const response = await upload(body, {
      query: `?format=jsonl&name=${encodeURIComponent('../historique\n2020.jsonl')}`,
      headers: { 'x-guichet-mapping': mappingValue },
    });
    expect(response.statusCode, response.body).toBe(202);
    const run = await finished(response.json().id);
    expect(run).toMatchObject({
      state: 'finished',
      dryRun: false,
      error: null,
      errorReport: true,
      result: {
        records: { read: 2, created: 2, failed: 1 },
        mapping: { mailboxes: { '101': 'partenaires' } },
      },
    });
    expect(run.progress.records).toBe(2);
    const report = await app.inject({
      method: 'GET',
      url: `/api/imports/${run.id}/errors`,
      headers: { cookie: supervisor.cookie },
    });
    expect(report.statusCode).toBe(200);
    expect(report.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(report.headers['content-disposition']).toMatch(
      /^attachment; filename="guichet-import-.*-errors\.csv"$/,
    );
    // The uploaded file's name, without its path or control characters.
    expect(report.body).toMatch(/^\.\.historique2020\.jsonl,2,error,,truncated JSON/m);
    const audit = await ctx.db
      .selectFrom('audit_events')
      .select(['actor_user_id'])
      .where('target_id', '=', run.id)
      .execute();
    expect(audit).toEqual([{ actor_user_id: supervisor.userId }]);
    const tickets = await ctx.db
      .selectFrom('tickets')
      .select('source_id')
      .where('source_id', 'in', ['3100', '3102'])
      .execute();
    expect(tickets).toHaveLength(2);
  });
});
