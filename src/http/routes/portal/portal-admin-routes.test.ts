import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachBackend } from '../../../../test/backends.ts';
import { type LoggedIn, logIn, makeUser } from '../../../../test/http.ts';
import { buildPortalApp, sampleFiles } from '../../../../test/support/portal-app.ts';

describeEachBackend('help centre API', (ctx) => {
  let app: FastifyInstance;
  const as: Record<string, LoggedIn> = {};
  beforeAll(async () => {
    ({ app } = await buildPortalApp(ctx.database));
    for (const role of ['supervisor', 'agent', 'viewer'] as const) {
      const user = await makeUser(ctx.database, role);
      as[role] = await logIn(app, user.email);
    }
  });
  afterAll(async () => {
    await app.close();
  });
  const call = (
    who: string | null,
    method: 'GET' | 'POST' | 'PUT',
    url: string,
    payload?: unknown,
  ) => {
    const session = who ? as[who] : undefined;
    return app.inject({
      method,
      url,
      payload: payload as Record<string, unknown>,
      headers: session
        ? {
            cookie: session.cookie,
            'x-csrf-token': session.csrfToken,
            origin: 'http://localhost:3000',
          }
        : { origin: 'http://localhost:3000' },
    });
  };
  const article = {
    slug: 'horaires-du-support',
    title: 'Les horaires du support',
    body: '# Horaires\n\nDu lundi au vendredi. <script>alert(1)</script> ![plan](https://evil.example.org/x.png) [lien](javascript:alert(1))',
    categoryId: null,
    departement: '44',
    natureKeys: ['suivi'],
    position: 0,
  };

  it('lets supervisors only edit the knowledge base; viewers read the figures', async () => {
    expect((await call(null, 'GET', '/api/portal/articles')).statusCode).toBe(401);
    expect((await call('agent', 'GET', '/api/portal/articles')).statusCode).toBe(403);
    expect((await call('viewer', 'GET', '/api/portal/articles')).statusCode).toBe(403);
    expect((await call('agent', 'POST', '/api/portal/articles', article)).statusCode).toBe(403);
    expect((await call('agent', 'GET', '/api/portal/sites')).statusCode).toBe(403);
    expect(
      (await call(null, 'GET', '/api/portal/stats?from=2026-01-01&to=2026-12-31')).statusCode,
    ).toBe(401);
    expect(
      (await call('viewer', 'GET', '/api/portal/stats?from=2026-01-01&to=2026-12-31')).statusCode,
    ).toBe(200);
    const list = await call('supervisor', 'GET', '/api/portal/articles');
    expect(list.statusCode).toBe(200);
    const starters = list.json().articles as { needsReview: boolean; published: unknown }[];
    expect(starters.length).toBe(8);
    expect(starters.every((a) => a.needsReview && a.published === null)).toBe(true);
    expect(list.json().natures.length).toBeGreaterThan(15);
  });

  it('creates a draft, publishes it sanitised as version 1, keeps the published copy while the draft changes', async () => {
    const created = await call('supervisor', 'POST', '/api/portal/articles', article);
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    expect(
      (await app.inject({ method: 'GET', url: '/aide/44/articles/horaires-du-support' }))
        .statusCode,
    ).toBe(404);
    const published = await call('supervisor', 'POST', `/api/portal/articles/${id}/publish`);
    expect(published.json().published.version).toBe(1);
    const page = await app.inject({ method: 'GET', url: '/aide/44/articles/horaires-du-support' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h2>Horaires</h2>');
    expect(page.body).not.toContain('<script>alert');
    expect(page.body).not.toContain('evil.example.org');
    expect(page.body).not.toContain('javascript:');
    expect(
      (await app.inject({ method: 'GET', url: '/aide/35/articles/horaires-du-support' }))
        .statusCode,
    ).toBe(404);
    const saved = await call('supervisor', 'PUT', `/api/portal/articles/${id}`, {
      ...article,
      title: 'Nouveaux horaires',
    });
    expect(saved.json()).toMatchObject({
      title: 'Nouveaux horaires',
      published: { title: 'Les horaires du support', version: 1 },
    });
    expect(
      (await app.inject({ method: 'GET', url: '/aide/44/articles/horaires-du-support' })).body,
    ).toContain('Les horaires du support');
    await call('supervisor', 'POST', `/api/portal/articles/${id}/publish`);
    const versions = await ctx.db
      .selectFrom('kb_article_versions')
      .select(['version', 'title'])
      .where('article_id', '=', id)
      .orderBy('version')
      .execute();
    expect(versions).toEqual([
      { version: 1, title: 'Les horaires du support' },
      { version: 2, title: 'Nouveaux horaires' },
    ]);
    await call('supervisor', 'POST', `/api/portal/articles/${id}/unpublish`);
    expect(
      (await app.inject({ method: 'GET', url: '/aide/44/articles/horaires-du-support' }))
        .statusCode,
    ).toBe(404);
    const audit = await ctx.db
      .selectFrom('audit_events')
      .select('action')
      .where('target_id', '=', id)
      .execute();
    expect(audit.map((a) => a.action)).toContain('kb.article_published');
  });

  it('refuses bad input with 400/404/409, never 500', async () => {
    expect(
      (await call('supervisor', 'POST', '/api/portal/articles', { ...article, slug: '../etc' }))
        .statusCode,
    ).toBe(400);
    expect(
      (await call('supervisor', 'POST', '/api/portal/articles', { ...article, departement: '<b>' }))
        .statusCode,
    ).toBe(400);
    expect((await call('supervisor', 'POST', '/api/portal/articles', article)).statusCode).toBe(
      409,
    );
    expect(
      (await call('supervisor', 'PUT', '/api/portal/articles/not-a-uuid', article)).statusCode,
    ).toBe(404);
    expect(
      (
        await call(
          'supervisor',
          'POST',
          '/api/portal/articles/00000000-0000-4000-8000-000000000000/publish',
        )
      ).statusCode,
    ).toBe(404);
    expect(
      (await call('supervisor', 'GET', '/api/portal/stats?from=yesterday&to=2026-01-01'))
        .statusCode,
    ).toBe(400);
  });

  it('previews Markdown sanitised; stores images only when they are PNG or JPEG', async () => {
    const preview = await call('supervisor', 'POST', '/api/portal/preview', {
      body: '**gras** <iframe src=x></iframe>',
    });
    expect(preview.json().html).toBe('<p><strong>gras</strong> </p>\n');
    const s = as.supervisor;
    const upload = (bytes: Buffer, type: string) =>
      app.inject({
        method: 'POST',
        url: '/api/portal/images',
        payload: bytes,
        headers: {
          'content-type': type,
          cookie: s?.cookie ?? '',
          'x-csrf-token': s?.csrfToken ?? '',
          origin: 'http://localhost:3000',
        },
      });
    const image = await upload(sampleFiles.png, 'image/png');
    expect(image.statusCode).toBe(201);
    const served = await app.inject({ method: 'GET', url: image.json().url });
    expect(served.headers['content-type']).toBe('image/png');
    expect((await upload(Buffer.from('<svg onload=alert(1)>'), 'image/png')).statusCode).toBe(400);
    expect((await upload(sampleFiles.pdf, 'image/jpeg')).statusCode).toBe(400);
  });

  it('saves a site’s settings; unreadable colours fall back to readable ones on the public theme', async () => {
    const settings = {
      name: 'Aide 44',
      colorPrimary: '#ffff00',
      colorAccent: '#ffffff',
      intro: 'Bienvenue',
      embedOrigins: ['https://demande.example.org'],
      enabled: true,
    };
    const saved = await call('supervisor', 'PUT', '/api/portal/sites/44', settings);
    expect(saved.statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/aide/44/theme.css' })).body).toContain(
      '--primary:#1d4f91',
    );
    expect(
      (
        await call('supervisor', 'PUT', '/api/portal/sites/44', {
          ...settings,
          embedOrigins: ["https://x.example.org; script-src 'unsafe-inline'"],
        })
      ).statusCode,
    ).toBe(400);
    expect((await call('supervisor', 'PUT', '/api/portal/sites/99', settings)).statusCode).toBe(
      404,
    );
  });
});
