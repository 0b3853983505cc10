/**
 * Partners' own view (issue 21 §5) on both backends: a viewer attached to an
 * organisation sees its tickets (not spam, not deleted, not another
 * organisation's) and their thread without internal notes; another
 * organisation's ticket is 404; every other /api/ route — mailboxes, reports,
 * the agents' inbox — is 403 for them; a viewer who is not a partner keeps the
 * viewer's routes and has no partner view (404).
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachBackend } from '../../../../test/backends.ts';
import { addMessage, createTicket, withDefaultConfiguration } from '../../../../test/factories.ts';
import { buildTestApp, type LoggedIn, logIn, makeUser } from '../../../../test/http.ts';

describeEachBackend('partners’ own view', (ctx) => {
  let app: FastifyInstance;
  let partner: LoggedIn;
  let viewer: LoggedIn;
  const numbers = { own: 0, ownSpam: 0, ownDeleted: 0, other: 0 };

  const get = (who: LoggedIn, url: string) =>
    app.inject({ method: 'GET', url, headers: { cookie: who.cookie } });

  beforeAll(async () => {
    const mailboxes = await withDefaultConfiguration(ctx.db);
    const mailboxId = Object.values(mailboxes)[0] ?? '';
    app = await buildTestApp(ctx.database);
    const [mine, theirs] = await ctx.db
      .insertInto('organisations')
      .values([
        { name: `Mairie partenaire ${Date.now()}` },
        { name: `Autre bailleur ${Date.now()}` },
      ])
      .returning('id')
      .execute();
    const at = new Date('2026-11-02T09:00:00Z');
    const ticket = async (
      organisationId: string,
      spec: { status?: 'spam'; deleted?: boolean; subject: string },
    ) => {
      const id = await createTicket(ctx.db, { mailboxId, createdAt: at, ...spec });
      const row = await ctx.db
        .updateTable('tickets')
        .set({ organisation_id: organisationId })
        .where('id', '=', id)
        .returning(['id', 'number'])
        .executeTakeFirstOrThrow();
      return row;
    };
    const own = await ticket(mine?.id ?? '', { subject: 'Dossier de la mairie' });
    numbers.own = own.number;
    await addMessage(ctx.db, own.id, mailboxId, 'note', new Date('2026-11-02T10:00:00Z'));
    await addMessage(ctx.db, own.id, mailboxId, 'reply', new Date('2026-11-02T11:00:00Z'));
    numbers.ownSpam = (await ticket(mine?.id ?? '', { subject: 'Spam', status: 'spam' })).number;
    numbers.ownDeleted = (
      await ticket(mine?.id ?? '', { subject: 'Supprimé', deleted: true })
    ).number;
    numbers.other = (await ticket(theirs?.id ?? '', { subject: 'Dossier d’un autre' })).number;

    const partnerUser = await makeUser(ctx.database, 'viewer');
    await ctx.db
      .insertInto('user_organisations')
      .values({ user_id: partnerUser.user.id, organisation_id: mine?.id ?? '' })
      .execute();
    partner = await logIn(app, partnerUser.email);
    viewer = await logIn(app, (await makeUser(ctx.database, 'viewer')).email);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('lists the organisation’s tickets only, and shows a thread without internal notes', async () => {
    const list = await get(partner, '/api/partner/tickets');
    expect(list.statusCode).toBe(200);
    expect(list.json().tickets.map((t: { number: number }) => t.number)).toEqual([numbers.own]);
    expect(list.json().tickets[0]).toMatchObject({
      subject: 'Dossier de la mairie',
      status: 'active',
    });
    const detail = await get(partner, `/api/partner/tickets/${numbers.own}`);
    expect(detail.statusCode).toBe(200);
    expect(
      detail
        .json()
        .messages.map((m: { direction: string; bodyText: string }) => [m.direction, m.bodyText]),
    ).toEqual([
      ['from_partner', 'customer'],
      ['from_desk', 'reply'],
    ]);
    expect(detail.body).not.toContain('note');
  });

  it('answers 404 for another organisation’s ticket, a spam or deleted one, and hostile numbers', async () => {
    for (const number of [numbers.other, numbers.ownSpam, numbers.ownDeleted, 0, -1, 99999999])
      expect(
        (await get(partner, `/api/partner/tickets/${number}`)).statusCode,
        String(number),
      ).toBe(404);
    for (const raw of ['abc', '1e3', '%00', '1;drop', '9'.repeat(40)])
      expect([400, 404], raw).toContain(
        (await get(partner, `/api/partner/tickets/${raw}`)).statusCode,
      );
  });

  it('lets the partner write on their ticket: a customer message with its event, the pending ticket woken', async () => {
    const post = (number: number, payload: unknown, csrf = true) =>
      app.inject({
        method: 'POST',
        url: `/api/partner/tickets/${number}/replies`,
        headers: {
          cookie: partner.cookie,
          origin: 'http://localhost:3000',
          ...(csrf ? { 'x-csrf-token': partner.csrfToken } : {}),
        },
        payload: payload as Record<string, unknown>,
      });
    await ctx.db
      .updateTable('tickets')
      .set({ status: 'pending' })
      .where('number', '=', numbers.own)
      .execute();
    const written = await post(numbers.own, { text: '  Voici la pièce demandée.  ' });
    expect(written.statusCode, written.body).toBe(201);
    const detail = await get(partner, `/api/partner/tickets/${numbers.own}`);
    expect(detail.json().status).toBe('active');
    expect(detail.json().messages.at(-1)).toMatchObject({
      direction: 'from_partner',
      bodyText: 'Voici la pièce demandée.',
    });
    const events = await ctx.db
      .selectFrom('ticket_events')
      .innerJoin('tickets', 'tickets.id', 'ticket_events.ticket_id')
      .select('ticket_events.type')
      .where('tickets.number', '=', numbers.own)
      .orderBy('ticket_events.id')
      .execute();
    expect(
      events
        .map((e) => e.type)
        .slice(-2)
        .sort(),
    ).toEqual(['message.added', 'ticket.status_changed']);
    // Another organisation's ticket, hostile bodies, no CSRF token.
    expect((await post(numbers.other, { text: 'Bonjour' })).statusCode).toBe(404);
    for (const body of [
      {},
      { text: '   ' },
      { text: 'x'.repeat(20_001) },
      { text: 1 },
      { text: 'a', extra: 1 },
    ])
      expect((await post(numbers.own, body)).statusCode, JSON.stringify(body).slice(0, 40)).toBe(
        400,
      );
    expect((await post(numbers.own, { text: 'Bonjour' }, false)).statusCode).toBe(403);
  });

  it('keeps a partner off every other route; a plain viewer keeps the viewer’s routes', async () => {
    for (const url of ['/api/mailboxes', '/api/reports/options', `/api/tickets/${numbers.own}`]) {
      const answer = await get(partner, url);
      expect(answer.statusCode, url).toBe(403);
    }
    expect((await get(partner, '/api/auth/session')).statusCode).toBe(200);
    expect((await get(viewer, '/api/mailboxes')).statusCode).toBe(200);
    const plain = await get(viewer, '/api/partner/tickets');
    expect(plain.statusCode, plain.body).toBe(404);
    expect((await get(viewer, `/api/partner/tickets/${numbers.own}`)).statusCode).toBe(404);
  });
});
