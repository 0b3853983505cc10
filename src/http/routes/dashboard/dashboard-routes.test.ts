/**
 * GET /api/dashboard (issue 18 §5): an agent restricted to one mailbox sees only
 * that one (another asked: 404); a new ticket shows at the next read once the
 * live position has passed it (the shared answer is kept per live position);
 * hostile queries are a clear 400, never a 500.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachBackend } from '../../../../test/backends.ts';
import { withDefaultConfiguration } from '../../../../test/factories.ts';
import { buildTestApp, type LoggedIn, logIn, makeUser } from '../../../../test/http.ts';
import { waitFor } from '../../../../test/wait-for.ts';
import { openTicket } from '../../../domain/tickets/open-ticket.ts';
import type { DashboardDto } from '../../../shared/dashboard-contracts.ts';

describeEachBackend('dashboard routes', (ctx) => {
  let app: FastifyInstance;
  let supervisor: LoggedIn;
  let agent: LoggedIn;
  let mailboxes: Record<string, string>;
  beforeAll(async () => {
    mailboxes = await withDefaultConfiguration(ctx.db);
    app = await buildTestApp(ctx.database);
    supervisor = await logIn(app, (await makeUser(ctx.database, 'supervisor')).email);
    const restricted = await makeUser(ctx.database, 'agent');
    await ctx.db
      .updateTable('users')
      .set({ all_mailboxes: false })
      .where('email', '=', restricted.email)
      .execute();
    const row = await ctx.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', restricted.email)
      .executeTakeFirstOrThrow();
    await ctx.db
      .insertInto('user_mailboxes')
      .values({ user_id: row.id, mailbox_id: mailboxes.demandeurs ?? '' })
      .execute();
    agent = await logIn(app, restricted.email);
  });
  afterAll(async () => {
    await app.close();
  });

  const get = (who: LoggedIn, url: string, headers: Record<string, string> = {}) =>
    app.inject({ method: 'GET', url, headers: { cookie: who.cookie, ...headers } });

  it('counts a new ticket once its live event is known, for the mailboxes the caller sees', async () => {
    const before = await get(supervisor, '/api/dashboard');
    expect(before.statusCode).toBe(200);
    expect(before.json<DashboardDto>().mailboxes.map((m) => m.slug)).toEqual([
      'partenaires',
      'demandeurs',
    ]);
    const unassigned = (d: DashboardDto) =>
      d.mailboxes.find((m) => m.slug === 'partenaires')?.open.unassigned ?? -1;
    await ctx.db.transaction().execute((trx) =>
      openTicket(
        trx,
        {
          mailboxId: mailboxes.partenaires ?? '',
          subject: 'Accès au portail',
          contactId: null,
          channel: 'email',
          at: new Date(),
        },
        { kind: 'customer', body_text: 'Bonjour', created_at: new Date() },
      ),
    );
    // the answer follows the live position: once every older transaction on the server has
    // ended (as the live stream), the next read counts the new ticket
    const position = async () =>
      Number((await get(supervisor, '/api/dashboard')).headers['x-guichet-live-position']);
    const first = Number(before.headers['x-guichet-live-position']);
    await waitFor(async () => ((await position()) > first ? true : undefined), 'the live position');
    const after = await get(supervisor, '/api/dashboard');
    expect(unassigned(after.json<DashboardDto>())).toBe(
      unassigned(before.json<DashboardDto>()) + 1,
    );
    const today = after.json<DashboardDto>().mailboxes.find((m) => m.slug === 'partenaires')?.today;
    expect(today?.firstResponse.tickets).toBe(1);
    expect(after.headers['x-guichet-live-position']).toBeDefined();

    const own = await get(agent, '/api/dashboard');
    expect(own.json<DashboardDto>().mailboxes.map((m) => m.slug)).toEqual(['demandeurs']);
    expect((await get(agent, '/api/dashboard?mailboxes=partenaires')).statusCode).toBe(404);
    expect((await get(agent, '/api/dashboard?mailboxes=demandeurs')).statusCode).toBe(200);
  });

  it('answers hostile queries with a clear 400', async () => {
    for (const query of [
      'mailboxes=../etc',
      'mailboxes=',
      'mailboxes=a,,b',
      `mailboxes=${'a'.repeat(3000)}`,
      'clock=sometimes',
      'unknown=1',
      'mailboxes[]=x',
    ]) {
      const response = await get(supervisor, `/api/dashboard?${query}`);
      expect(response.statusCode, query).toBe(400);
      expect(response.json<{ error: { code: string } }>().error.code).toBe('invalid_input');
    }
    expect((await app.inject({ method: 'GET', url: '/api/dashboard' })).statusCode).toBe(401);
  });

  it('per agent on the reports page: agents and above; hostile periods are a 400', async () => {
    const ok = await get(supervisor, '/api/reports/agents?period=2026');
    expect(ok.statusCode).toBe(200);
    expect(ok.json<{ agents: unknown[] }>().agents).toEqual([]);
    expect(
      (await get(agent, '/api/reports/agents?period=2026&mailbox=partenaires')).statusCode,
    ).toBe(404);
    for (const period of ['', 'x', '2020-13', '1800', '2020-01-01..2023-01-01'])
      expect((await get(supervisor, `/api/reports/agents?period=${period}`)).statusCode).toBe(400);
  });
});
