import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachBackend } from '../../../../test/backends.ts';
import { addMessage, createTicket, withDefaultConfiguration } from '../../../../test/factories.ts';
import { buildTestApp, type LoggedIn, logIn, makeUser } from '../../../../test/http.ts';
import { refreshTicketTimings } from '../../../domain/tickets/ticket-timings.ts';
import type { ReportDto } from '../../../shared/contracts.ts';

describeEachBackend('report routes', (ctx) => {
  let app: FastifyInstance;
  let viewer: LoggedIn;
  let supervisor: LoggedIn;
  let departement44 = '';
  let natureField = '';

  beforeAll(async () => {
    app = await buildTestApp(ctx.database);
    const { partenaires = '' } = await withDefaultConfiguration(ctx.db);
    const fields = await ctx.db
      .selectFrom('fields as f')
      .innerJoin('field_values as v', 'v.field_id', 'f.id')
      .select(['f.id as fieldId', 'f.key', 'v.id', 'v.label'])
      .where('f.mailbox_id', '=', partenaires)
      .execute();
    const value = (key: string, label: string) =>
      fields.find((f) => f.key === key && f.label === label)?.id ?? '';
    departement44 = value('departement', '44');
    natureField = fields.find((f) => f.key === 'nature')?.fieldId ?? '';
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) {
      const id = await createTicket(ctx.db, {
        mailboxId: partenaires,
        createdAt: new Date(`2020-03-0${i + 1}T10:00:00Z`),
      });
      await addMessage(ctx.db, id, partenaires, 'reply', new Date(`2020-03-0${i + 1}T10:30:00Z`));
      if (i < 3) {
        await ctx.db
          .insertInto('ticket_field_values')
          .values({
            ticket_id: id,
            field_id: fields.find((f) => f.id === departement44)?.fieldId ?? '',
            value_id: departement44,
          })
          .execute();
      }
      ids.push(id);
    }
    await createTicket(ctx.db, {
      mailboxId: partenaires,
      createdAt: new Date('2020-03-10T10:00:00Z'),
      status: 'spam',
    });
    await refreshTicketTimings(ctx.db, ids);
    viewer = await logIn(app, (await makeUser(ctx.database, 'viewer')).email);
    supervisor = await logIn(app, (await makeUser(ctx.database, 'supervisor')).email);
  });
  afterAll(async () => {
    await app.close();
  });

  const get = (url: string, who: LoggedIn | null = viewer) =>
    app.inject({ method: 'GET', url, headers: who ? { cookie: who.cookie } : {} });

  it('answers a viewer with the report, its numbers and drill-down targets', async () => {
    const response = await get('/api/reports?period=2020');
    expect(response.statusCode).toBe(200);
    const dto = response.json<ReportDto>();
    expect(dto.numbers.mailboxes.partenaires?.tickets).toBe(5);
    expect(dto.numbers.mailboxes.partenaires?.months[2]).toBe(5);
    expect(dto.numbers.mailboxes.partenaires?.firstResponse).toEqual({
      responded: 5,
      under1h: 5,
      under2h: 5,
      under24h: 5,
    });
    expect(dto.canEdit).toBe(false);
    expect(dto.drill['1C']?.['44']).toEqual({
      mailbox: 'partenaires',
      field: expect.any(String),
      value: departement44,
    });
    expect(dto.report.sections.map((s) => s.id)).toContain('3C');
  });

  it('filters by département and drills down to the tickets of a row, a month and "Non renseigné"', async () => {
    const filtered = (await get('/api/reports?period=2020&departement=44')).json<ReportDto>();
    expect(filtered.numbers.mailboxes.partenaires?.tickets).toBe(3);
    const byValue = (
      await get(`/api/reports/tickets?period=2020&mailbox=partenaires&value=${departement44}`)
    ).json();
    expect(byValue.total).toBe(3);
    const byMonth = (
      await get('/api/reports/tickets?period=2020&mailbox=partenaires&month=2020-03')
    ).json();
    expect(byMonth.total).toBe(5);
    const missing = (
      await get(
        `/api/reports/tickets?period=2020&mailbox=partenaires&field=${natureField}&missing=true`,
      )
    ).json();
    expect(missing.total).toBe(5);
    expect(missing.tickets[0]).toEqual(
      expect.objectContaining({ mailbox: 'partenaires', status: 'active' }),
    );
  });

  it('exports every format as a download', async () => {
    for (const [format, type, magic] of [
      ['pdf', 'application/pdf', '%PDF'],
      ['pptx', 'presentationml', 'PK'],
      ['xlsx', 'spreadsheetml', 'PK'],
      ['csv', 'application/zip', 'PK'],
      ['json', 'application/json', '{'],
    ] as const) {
      const response = await get(`/api/reports/export?period=2020-Q1&format=${format}`);
      expect(response.statusCode, format).toBe(200);
      expect(String(response.headers['content-type'])).toContain(type);
      expect(String(response.headers['content-disposition'])).toMatch(
        /^attachment; filename="rapport-activite-t1-2020\./,
      );
      expect(response.rawPayload.subarray(0, magic.length).toString()).toBe(magic);
    }
  });

  it('refuses hostile or malformed queries with a clear 400, and strangers with 401', async () => {
    expect((await get('/api/reports?period=2020', null)).statusCode).toBe(401);
    for (const url of [
      '/api/reports',
      "/api/reports?period=2020';drop table tickets;--",
      '/api/reports?period=99999',
      '/api/reports?period=2020-13',
      '/api/reports?period=2020-02-30..2020-03-01',
      '/api/reports?period=2019-01-01..2020-12-31',
      '/api/reports?period=2020&mailbox=nope',
      '/api/reports?period=2020&value=not-a-uuid',
      '/api/reports?period=2020&value=00000000-0000-4000-8000-000000000000',
      '/api/reports?period=2020&clock=sideways',
      `/api/reports?period=2020&${Array.from({ length: 60 }, () => 'departement=44').join('&')}`,
      '/api/reports/export?period=2020&format=exe',
      '/api/reports/export?period=2020-Q1&format=json&published=true',
      '/api/reports/tickets?period=2020-Q1&month=2020-07',
      '/api/reports/tickets?period=2020&limit=100000',
      '/api/reports/tickets?period=2020&offset=-1',
      '/api/reports/tickets?period=2020&offset=1e99',
      '/api/reports/tickets?period=2020&offset=abc',
      '/api/reports/tickets?period=2020&offset=0;drop table tickets',
      '/api/reports/texts?year=abc',
    ]) {
      const response = await get(url);
      expect([400, 404], url).toContain(response.statusCode);
      expect(response.json().error.message.length, url).toBeGreaterThan(5);
    }
  });

  it('lets supervisors edit texts (with CSRF), not viewers; hostile sections are refused', async () => {
    const put = (who: LoggedIn, url: string, body: unknown, csrf = true) =>
      app.inject({
        method: 'PUT',
        url,
        headers: {
          cookie: who.cookie,
          ...(csrf ? { 'x-csrf-token': who.csrfToken } : {}),
          origin: 'http://localhost:3000',
        },
        payload: body as object,
      });
    const text = '<script>alert(1)</script>\n\nUne année =cmd|calme.';
    expect((await put(supervisor, '/api/reports/texts/2020/3A', { body: text })).statusCode).toBe(
      200,
    );
    expect((await put(viewer, '/api/reports/texts/2020/3A', { body: 'x' })).statusCode).toBe(403);
    expect(
      (await put(supervisor, '/api/reports/texts/2020/3A', { body: 'x' }, false)).statusCode,
    ).toBe(403);
    expect(
      (await put(supervisor, '/api/reports/texts/2020/..%2F..', { body: 'x' })).statusCode,
    ).toBe(400);
    expect(
      (await put(supervisor, '/api/reports/texts/2020/3A', { body: 'x'.repeat(20_001) }))
        .statusCode,
    ).toBe(400);
    expect((await put(supervisor, '/api/reports/texts/2020/3A', { body: 42 })).statusCode).toBe(
      400,
    );
    const texts = (await get('/api/reports/texts?year=2020')).json();
    expect(texts.texts['3A']).toBe(text);
    expect(texts.defaults['1A']).toContain('support Partenaires');
    const report = (await get('/api/reports?period=2020')).json<ReportDto>();
    const paragraphs = report.report.sections
      .find((s) => s.id === '3A')
      ?.blocks.flatMap((b) => (b.kind === 'text' ? b.paragraphs : []));
    expect(paragraphs).toContain('<script>alert(1)</script>');
  });

  it('lets supervisors set the monthly summary; bad recipients are refused', async () => {
    const put = (who: LoggedIn, body: unknown) =>
      app.inject({
        method: 'PUT',
        url: '/api/reports/settings',
        headers: {
          cookie: who.cookie,
          'x-csrf-token': who.csrfToken,
          origin: 'http://localhost:3000',
        },
        payload: body as object,
      });
    expect((await put(viewer, { monthlySummary: { enabled: true } })).statusCode).toBe(403);
    expect(
      (await put(supervisor, { monthlySummary: { enabled: true, recipients: ['not an address'] } }))
        .statusCode,
    ).toBe(400);
    expect((await put(supervisor, { otherThresholdPercent: -3 })).statusCode).toBe(400);
    const saved = await put(supervisor, {
      monthlySummary: { enabled: true, recipients: ['pilotage@example.org'] },
    });
    expect(saved.statusCode).toBe(200);
    const read = await app.inject({
      method: 'GET',
      url: '/api/reports/settings',
      headers: { cookie: supervisor.cookie },
    });
    expect(read.json().monthlySummary).toEqual({
      enabled: true,
      recipients: ['pilotage@example.org'],
    });
    expect(read.json().otherThresholdPercent).toBe(1);
  });

  it('publishes a year, freezes it, and shows what a fresh computation changes', async () => {
    const post = (who: LoggedIn, body: unknown) =>
      app.inject({
        method: 'POST',
        url: '/api/reports/publish',
        headers: {
          cookie: who.cookie,
          'x-csrf-token': who.csrfToken,
          origin: 'http://localhost:3000',
        },
        payload: body as object,
      });
    expect((await post(viewer, { year: 2020 })).statusCode).toBe(403);
    expect((await post(supervisor, { year: 'twenty' })).statusCode).toBe(400);
    expect((await post(supervisor, { year: 2020 })).statusCode).toBe(200);
    const before = (await get('/api/reports?period=2020')).json<ReportDto>();
    expect(before.publication?.differences).toEqual([]);
    // re-classify: one more ticket in 44 after publication
    await ctx.db.deleteFrom('ticket_field_values').where('value_id', '=', departement44).execute();
    const after = (await get('/api/reports?period=2020')).json<ReportDto>();
    expect(after.publication?.differences).toContainEqual({
      path: 'mailboxes.partenaires.by.Département.44',
      published: 3,
      now: 0,
    });
    const frozen = (await get('/api/reports/export?period=2020&format=json&published=true')).json();
    expect(frozen.mailboxes.partenaires.by.Département['44']).toBe(3);
  });

  it('pages the drill-down and names the mailbox; a page past the end keeps the total', async () => {
    const base = '/api/reports/tickets?period=2020&mailbox=partenaires';
    const first = (await get(`${base}&limit=2`)).json();
    const second = (await get(`${base}&limit=2&offset=2`)).json();
    const third = (await get(`${base}&limit=2&offset=4`)).json();
    const past = (await get(`${base}&limit=2&offset=50`)).json();
    expect([first.total, second.total, third.total, past.total]).toEqual([5, 5, 5, 5]);
    const numbers = [...first.tickets, ...second.tickets, ...third.tickets].map(
      (t: { number: number }) => t.number,
    );
    expect(new Set(numbers).size).toBe(5);
    expect(past.tickets).toEqual([]);
    expect(first.tickets[0]).toEqual(
      expect.objectContaining({ mailbox: 'partenaires', mailboxName: 'Partenaires' }),
    );
  });

  it('lists only the years that have tickets (spam left out), newest first', async () => {
    const { id: partenaires } = await ctx.db
      .selectFrom('mailboxes')
      .select('id')
      .where('slug', '=', 'partenaires')
      .executeTakeFirstOrThrow();
    await createTicket(ctx.db, {
      mailboxId: partenaires,
      createdAt: new Date('2017-06-01T10:00:00Z'),
    });
    await createTicket(ctx.db, {
      mailboxId: partenaires,
      createdAt: new Date('2012-06-01T10:00:00Z'),
      status: 'spam',
    });
    // 31 December 23:30 UTC is already the next year in Paris.
    await createTicket(ctx.db, {
      mailboxId: partenaires,
      createdAt: new Date('2018-12-31T23:30:00Z'),
    });
    const filters = (await get('/api/reports/filters')).json();
    expect(filters.years).toEqual([2020, 2019, 2017]);
  });
});
