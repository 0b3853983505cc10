/**
 * Reports under the mailbox scope (issue 8 §5): an agent or viewer restricted
 * to Demandeurs gets the reports, exports, drill-down and filter choices of
 * Demandeurs only; asking for Partenaires answers 404; a published report
 * (every mailbox) is not theirs.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachBackend } from '../../../../test/backends.ts';
import { createTicket, withDefaultConfiguration } from '../../../../test/factories.ts';
import { buildTestApp, type LoggedIn, logIn, makeUser } from '../../../../test/http.ts';
import { setMailboxScope } from '../../../policies/mailbox-access.ts';
import type { ReportDto, ReportFiltersDto } from '../../../shared/contracts.ts';

describeEachBackend('report routes under the mailbox scope', (ctx) => {
  let app: FastifyInstance;
  let restricted: LoggedIn;
  let restrictedAgent: LoggedIn;
  let nothing: LoggedIn;
  let everything: LoggedIn;

  beforeAll(async () => {
    app = await buildTestApp(ctx.database);
    const { partenaires = '', demandeurs = '' } = await withDefaultConfiguration(ctx.db);
    for (let i = 0; i < 3; i++)
      await createTicket(ctx.db, {
        mailboxId: partenaires,
        createdAt: new Date(`2020-03-0${i + 1}T10:00:00Z`),
      });
    await createTicket(ctx.db, {
      mailboxId: demandeurs,
      createdAt: new Date('2020-04-01T10:00:00Z'),
    });
    const viewer = await makeUser(ctx.database, 'viewer');
    await setMailboxScope(ctx.db, viewer.user.id, [demandeurs]);
    restricted = await logIn(app, viewer.email);
    const agent = await makeUser(ctx.database, 'agent');
    await setMailboxScope(ctx.db, agent.user.id, [demandeurs]);
    restrictedAgent = await logIn(app, agent.email);
    const none = await makeUser(ctx.database, 'viewer');
    await setMailboxScope(ctx.db, none.user.id, []);
    nothing = await logIn(app, none.email);
    everything = await logIn(app, (await makeUser(ctx.database, 'viewer')).email);
    const supervisor = await logIn(app, (await makeUser(ctx.database, 'supervisor')).email);
    const published = await app.inject({
      method: 'POST',
      url: '/api/reports/publish',
      payload: { year: 2020 },
      headers: { cookie: supervisor.cookie, 'x-csrf-token': supervisor.csrfToken },
    });
    expect(published.statusCode).toBe(200);
  });
  afterAll(async () => {
    await app.close();
  });

  const get = (who: LoggedIn, url: string) =>
    app.inject({ method: 'GET', url, headers: { cookie: who.cookie } });

  it('reports only the mailboxes a restricted user sees', async () => {
    for (const who of [restricted, restrictedAgent]) {
      const response = await get(who, '/api/reports?period=2020');
      expect(response.statusCode).toBe(200);
      const dto = response.json<ReportDto>();
      expect(Object.keys(dto.numbers.mailboxes)).toEqual(['demandeurs']);
      expect(dto.numbers.mailboxes.demandeurs?.tickets).toBe(1);
      expect(dto.publication).toBeNull();
      expect(JSON.stringify(dto.numbers)).not.toContain('partenaires');
      expect(JSON.stringify(dto.drill)).not.toContain('partenaires');
    }
    const full = (await get(everything, '/api/reports?period=2020')).json<ReportDto>();
    expect(Object.keys(full.numbers.mailboxes).sort()).toEqual(['demandeurs', 'partenaires']);
    expect(full.publication).not.toBeNull();
  });

  it('answers 404 for a mailbox the user may not see, on every report route', async () => {
    for (const url of [
      '/api/reports?period=2020&mailbox=partenaires',
      '/api/reports?period=2020&mailbox=demandeurs&mailbox=partenaires',
      '/api/reports/export?period=2020&format=json&mailbox=partenaires',
      '/api/reports/export?period=2020&format=csv&published=true',
      '/api/reports/tickets?period=2020&mailbox=partenaires',
    ]) {
      expect((await get(restricted, url)).statusCode, url).toBe(404);
    }
    // A mailbox that does not exist at all gets the same answer as a hidden one.
    expect((await get(restricted, '/api/reports?period=2020&mailbox=nowhere')).statusCode).toBe(
      404,
    );
    for (const url of ['/api/reports?period=2020', '/api/reports/export?period=2020&format=json']) {
      expect((await get(nothing, url)).statusCode, url).toBe(404);
    }
  });

  it('exports and drills down within the scope, and audits the export', async () => {
    const exported = await get(restricted, '/api/reports/export?period=2020&format=json');
    expect(exported.statusCode).toBe(200);
    const json = JSON.parse(exported.body) as { mailboxes: Record<string, unknown> };
    expect(Object.keys(json.mailboxes)).toEqual(['demandeurs']);
    const drill = await get(restricted, '/api/reports/tickets?period=2020');
    expect(drill.statusCode).toBe(200);
    expect(drill.json().total).toBe(1);
    const audit = await ctx.db
      .selectFrom('audit_events')
      .select(['details'])
      .where('action', '=', 'report.exported')
      .execute();
    expect(audit.map((a) => a.details)).toContainEqual({
      format: 'json',
      published: false,
      mailboxes: ['demandeurs'],
    });
  });

  it('offers only visible mailboxes as filters', async () => {
    const filters = (await get(restricted, '/api/reports/filters')).json<ReportFiltersDto>();
    expect(filters.mailboxes.map((m) => m.slug)).toEqual(['demandeurs']);
    const all = (await get(everything, '/api/reports/filters')).json<ReportFiltersDto>();
    expect(all.mailboxes.map((m) => m.slug).sort()).toEqual(['demandeurs', 'partenaires']);
  });
});
