/**
 * The help centre's categories and public natures over HTTP: supervisors only,
 * the editor's operations, and hostile bodies and parameters answered 4xx.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachBackend } from '../../../../test/backends.ts';
import { type LoggedIn, logIn, makeUser } from '../../../../test/http.ts';
import { buildPortalApp } from '../../../../test/support/portal-app.ts';

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

describeEachBackend('help centre categories and natures API', (ctx) => {
  let app: FastifyInstance;
  const as: Record<string, LoggedIn> = {};
  beforeAll(async () => {
    ({ app } = await buildPortalApp(ctx.database));
    for (const role of ['supervisor', 'agent', 'viewer'] as const)
      as[role] = await logIn(app, (await makeUser(ctx.database, role)).email);
  });
  afterAll(async () => {
    await app.close();
  });
  const call = (who: string | null, method: Method, url: string, payload?: unknown) => {
    const session = who ? as[who] : undefined;
    const raw = typeof payload === 'string';
    return app.inject({
      method,
      url,
      ...(payload === undefined ? {} : { payload: raw ? payload : JSON.stringify(payload) }),
      headers: {
        origin: 'http://localhost:3000',
        ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
        ...(session ? { cookie: session.cookie, 'x-csrf-token': session.csrfToken } : {}),
      },
    });
  };
  const sup = (method: Method, url: string, payload?: unknown) =>
    call('supervisor', method, url, payload);

  const routes: [Method, string, unknown][] = [
    ['GET', '/api/portal/categories', undefined],
    ['POST', '/api/portal/categories', { slug: 'x', title: 'X' }],
    [
      'PUT',
      '/api/portal/categories/00000000-0000-4000-8000-000000000000',
      { slug: 'x', title: 'X' },
    ],
    ['DELETE', '/api/portal/categories/00000000-0000-4000-8000-000000000000', undefined],
    ['POST', '/api/portal/categories/reorder', { ids: [] }],
    ['GET', '/api/portal/natures', undefined],
    ['POST', '/api/portal/natures', {}],
    ['PUT', '/api/portal/natures/suivi', {}],
    ['POST', '/api/portal/natures/reorder', { keys: [] }],
  ];

  it('answers 401 anonymously and 403 to agents and viewers', async () => {
    for (const [method, url, body] of routes) {
      expect([url, (await call(null, method, url, body)).statusCode]).toEqual([url, 401]);
      for (const role of ['agent', 'viewer'])
        expect([role, url, (await call(role, method, url, body)).statusCode]).toEqual([
          role,
          url,
          403,
        ]);
    }
  });

  it('creates, renames, reorders and deletes categories; a category in use is kept', async () => {
    const list = await sup('GET', '/api/portal/categories');
    expect(list.statusCode).toBe(200);
    const starters = list.json().categories as { id: string; slug: string; articles: number }[];
    expect(starters.length).toBeGreaterThan(0);
    expect(starters.some((c) => c.articles > 0)).toBe(true);

    const created = await sup('POST', '/api/portal/categories', {
      slug: 'horaires',
      title: '  Horaires  ',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ slug: 'horaires', title: 'Horaires', articles: 0 });
    const id = created.json().id as string;
    expect(created.json().position).toBe(starters.length);
    expect(
      (await sup('POST', '/api/portal/categories', { slug: 'horaires', title: 'Encore' }))
        .statusCode,
    ).toBe(409);

    const renamed = await sup('PUT', `/api/portal/categories/${id}`, {
      slug: 'horaires-support',
      title: 'Horaires du support',
      description: 'Quand nous joindre',
    });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ title: 'Horaires du support', articles: 0 });

    const order = [id, ...starters.map((c) => c.id)];
    const reordered = await sup('POST', '/api/portal/categories/reorder', { ids: order });
    expect(reordered.statusCode).toBe(200);
    expect(reordered.json().categories.map((c: { id: string }) => c.id)).toEqual(order);
    // a stale or partial list is refused, not half-applied
    expect(
      (await sup('POST', '/api/portal/categories/reorder', { ids: order.slice(1) })).statusCode,
    ).toBe(409);
    expect(
      (await sup('POST', '/api/portal/categories/reorder', { ids: [id, id] })).statusCode,
    ).toBe(400);

    const used = starters.find((c) => c.articles > 0);
    expect((await sup('DELETE', `/api/portal/categories/${used?.id}`)).statusCode).toBe(409);
    expect((await sup('DELETE', `/api/portal/categories/${id}`)).statusCode).toBe(204);
    expect((await sup('DELETE', `/api/portal/categories/${id}`)).statusCode).toBe(404);
    const after = (await sup('GET', '/api/portal/categories')).json().categories;
    expect(after.map((c: { id: string }) => c.id)).toEqual(starters.map((c) => c.id));
    const audit = await ctx.db
      .selectFrom('audit_events')
      .select('action')
      .where('action', 'like', 'kb.categor%')
      .execute();
    expect(new Set(audit.map((a) => a.action))).toEqual(
      new Set([
        'kb.category_created',
        'kb.category_updated',
        'kb.categories_reordered',
        'kb.category_deleted',
      ]),
    );
  });

  it('rewords, remaps, hides, adds and reorders the public natures; step 1 follows', async () => {
    const list = await sup('GET', '/api/portal/natures');
    expect(list.statusCode).toBe(200);
    const { natures, values } = list.json() as {
      natures: { key: string; label: string; valueId: string | null; enabled: boolean }[];
      values: { id: string; label: string }[];
    };
    expect(values.length).toBe(23);
    const first = natures[0];
    if (!first) throw new Error('fixture: the default natures');
    const other = values.find((v) => v.id !== first.valueId);
    const updated = await sup('PUT', `/api/portal/natures/${first.key}`, {
      label: 'J’ai perdu mes codes <b>secrets</b>',
      hint: '',
      valueId: other?.id,
      enabled: true,
    });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({ valueId: other?.id, enabled: true });
    const step1 = await app.inject({ method: 'GET', url: '/aide/44/contact' });
    expect(step1.body).toContain('J’ai perdu mes codes &#60;b&#62;secrets&#60;/b&#62;');

    const hidden = await sup('PUT', `/api/portal/natures/${first.key}`, {
      label: 'J’ai perdu mes codes',
      valueId: null,
      enabled: false,
    });
    expect(hidden.json()).toMatchObject({ enabled: false, valueId: null, hint: '' });
    expect((await app.inject({ method: 'GET', url: '/aide/44/contact' })).body).not.toContain(
      'J’ai perdu mes codes',
    );

    const added = await sup('POST', '/api/portal/natures', {
      key: 'rendez-vous',
      label: 'Je veux un rendez-vous',
      hint: 'Au guichet de votre commune',
      valueId: values[0]?.id,
      enabled: true,
    });
    expect(added.statusCode).toBe(201);
    expect(added.json().position).toBe(natures.length);
    expect(
      (
        await sup('POST', '/api/portal/natures', {
          key: 'rendez-vous',
          label: 'Encore',
          valueId: null,
          enabled: true,
        })
      ).statusCode,
    ).toBe(409);

    const keys = ['rendez-vous', ...natures.map((n) => n.key)];
    const reordered = await sup('POST', '/api/portal/natures/reorder', { keys });
    expect(reordered.statusCode).toBe(200);
    expect(reordered.json().natures.map((n: { key: string }) => n.key)).toEqual(keys);
    const page = (await app.inject({ method: 'GET', url: '/aide/44/contact' })).body;
    expect(page).toContain(
      'value="rendez-vous" required aria-describedby="nature-0-hint">\n<label for="nature-0">Je veux un rendez-vous</label><p class="hint" id="nature-0-hint">Au guichet de votre commune</p>',
    );
    expect(page.indexOf('Je veux un rendez-vous')).toBeLessThan(
      page.indexOf(natures[1]?.label ?? ''),
    );
    expect(
      (await sup('POST', '/api/portal/natures/reorder', { keys: keys.slice(1) })).statusCode,
    ).toBe(409);
  });

  it('answers hostile bodies and parameters with 4xx, never 500, and stores nothing', async () => {
    const before = await ctx.db
      .selectFrom('kb_categories')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const natureValue = (await sup('GET', '/api/portal/natures')).json().values[0].id as string;
    const partnerValue = await ctx.db
      .selectFrom('field_values')
      .innerJoin('fields', 'fields.id', 'field_values.field_id')
      .innerJoin('mailboxes', 'mailboxes.id', 'fields.mailbox_id')
      .select('field_values.id')
      .where('mailboxes.slug', '=', 'partenaires')
      .executeTakeFirstOrThrow();
    const huge = 'x'.repeat(300_000);
    const hostile: [Method, string, unknown, number[]][] = [
      ['POST', '/api/portal/categories', { slug: 'Pas Bon', title: 'X' }, [400]],
      ['POST', '/api/portal/categories', { slug: '../etc', title: 'X' }, [400]],
      ['POST', '/api/portal/categories', { slug: 'ok', title: '   ' }, [400]],
      ['POST', '/api/portal/categories', { slug: 'ok', title: 42 }, [400]],
      ['POST', '/api/portal/categories', { slug: 'ok', title: huge }, [400]],
      ['POST', '/api/portal/categories', { slug: 'ok', title: 'X', description: huge }, [400]],
      ['POST', '/api/portal/categories', 'x'.repeat(2_000_000), [400, 413]],
      ['POST', '/api/portal/categories', '{"slug":', [400]],
      ['POST', '/api/portal/categories', [], [400]],
      ['POST', '/api/portal/categories', null, [400]],
      ['PUT', '/api/portal/categories/not-a-uuid', { slug: 'ok', title: 'X' }, [404]],
      ['PUT', '/api/portal/categories/..%2F..%2Fetc', { slug: 'ok', title: 'X' }, [404]],
      [
        'PUT',
        '/api/portal/categories/00000000-0000-4000-8000-000000000000',
        { slug: 'ok', title: 'X' },
        [404],
      ],
      ['DELETE', '/api/portal/categories/1', undefined, [404]],
      ['POST', '/api/portal/categories/reorder', { ids: 'a,b' }, [400]],
      ['POST', '/api/portal/categories/reorder', { ids: ['not-a-uuid'] }, [400]],
      [
        'POST',
        '/api/portal/categories/reorder',
        { ids: Array.from({ length: 5000 }, () => '00000000-0000-4000-8000-000000000000') },
        [400],
      ],
      [
        'POST',
        '/api/portal/categories/reorder',
        { ids: ['00000000-0000-4000-8000-000000000000'] },
        [409],
      ],
      ['PUT', '/api/portal/natures/suivi', { label: 'X', valueId: 'nope', enabled: true }, [400]],
      ['PUT', '/api/portal/natures/suivi', { label: 'X', valueId: null, enabled: 'yes' }, [400]],
      ['PUT', '/api/portal/natures/suivi', { label: huge, valueId: null, enabled: true }, [400]],
      [
        'PUT',
        '/api/portal/natures/suivi',
        { label: 'X', hint: huge, valueId: null, enabled: true },
        [400],
      ],
      [
        'PUT',
        '/api/portal/natures/suivi',
        { label: 'X', valueId: '00000000-0000-4000-8000-000000000000', enabled: true },
        [400],
      ],
      // a value of another mailbox's field is refused
      [
        'PUT',
        '/api/portal/natures/suivi',
        { label: 'X', valueId: partnerValue.id, enabled: true },
        [400],
      ],
      ['PUT', '/api/portal/natures/INCONNUE', { label: 'X', valueId: null, enabled: true }, [404]],
      [
        'PUT',
        '/api/portal/natures/inconnue',
        { label: 'X', valueId: natureValue, enabled: true },
        [404],
      ],
      [
        'PUT',
        `/api/portal/natures/${'a'.repeat(500)}`,
        { label: 'X', valueId: null, enabled: true },
        [404, 414],
      ],
      [
        'POST',
        '/api/portal/natures',
        { key: '1abc', label: 'X', valueId: null, enabled: true },
        [400],
      ],
      ['POST', '/api/portal/natures', { key: 'ok', label: 'X', valueId: null }, [400]],
      ['POST', '/api/portal/natures/reorder', { keys: ['Pas-bon'] }, [400]],
      ['POST', '/api/portal/natures/reorder', { keys: ['suivi', 'suivi'] }, [400]],
      ['POST', '/api/portal/natures/reorder', { keys: ['suivi'] }, [409]],
    ];
    const wrong: string[] = [];
    for (const [method, url, body, expected] of hostile) {
      const status = (await sup(method, url, body)).statusCode;
      if (!expected.includes(status))
        wrong.push(
          `${method} ${url.slice(0, 60)} ${JSON.stringify(body)?.slice(0, 60)} → ${status}`,
        );
    }
    expect(wrong).toEqual([]);
    const after = await ctx.db
      .selectFrom('kb_categories')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    const bogus = await ctx.db
      .selectFrom('portal_natures')
      .select('key')
      .where('label', '=', 'X')
      .execute();
    expect(bogus).toEqual([]);
  });
});
