/**
 * Two agents editing one ticket (issue 16 §7): a change carries the version it
 * saw; a change made stale by another agent's is refused with 409 `stale_ticket`
 * listing what changed and who changed it; notes and messages never make a
 * change stale; a reply is refused only for the status it sets; hostile versions
 * are a 400.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachBackend } from '../../../../test/backends.ts';
import { buildTestApp, type LoggedIn, logIn, makeUser } from '../../../../test/http.ts';
import { inboundDeps, mailMailbox, plainMail, uniqueId } from '../../../../test/mail.ts';
import { changeTicket } from '../../../domain/tickets/change-ticket.ts';
import { ingestMail } from '../../../mail/inbound/ingest-mail.ts';

describeEachBackend('stale ticket changes', (ctx) => {
  let app: FastifyInstance;
  let first: LoggedIn;
  let firstId = '';
  let second: LoggedIn;
  let secondId = '';
  let secondName = '';
  let mailboxId = '';
  beforeAll(async () => {
    app = await buildTestApp(ctx.database, 'http://localhost:3000', {
      mail: { inbound: await inboundDeps(ctx.db), credentialsKey: undefined },
    });
    ({ mailboxId } = await mailMailbox(ctx.db));
    const one = await makeUser(ctx.database, 'agent');
    firstId = one.user.id;
    first = await logIn(app, one.email);
    const made = await makeUser(ctx.database, 'agent');
    secondId = made.user.id;
    secondName = made.user.name;
    second = await logIn(app, made.email);
  });
  afterAll(async () => {
    await app.close();
  });
  const newTicket = async () => {
    const outcome = await ingestMail(await inboundDeps(ctx.db), {
      raw: plainMail({
        from: 'Jeanne <jeanne@bailleur-44.example.org>',
        subject: 'Question',
        messageId: uniqueId('stale'),
      }),
      mailboxId,
      source: 'smtp',
    });
    if (outcome.status !== 'created') throw new Error(JSON.stringify(outcome));
    return outcome.ticketId;
  };
  const send = (
    who: LoggedIn,
    method: 'GET' | 'POST' | 'PATCH' | 'PUT',
    url: string,
    body?: object,
  ) =>
    app.inject({
      method,
      url,
      ...(body ? { payload: body } : {}),
      headers: { cookie: who.cookie, 'x-csrf-token': who.csrfToken },
    });
  const view = async (who: LoggedIn, id: number) => {
    const response = await send(who, 'GET', `/api/tickets/${id}`);
    expect(response.statusCode).toBe(200);
    return response.json() as { version: number; ticket: { status: string }; thread: unknown[] };
  };

  it('refuses the second of two concurrent changes made at one version (409 stale_ticket, who and what)', async () => {
    const id = await newTicket();
    const seen = (await view(first, id)).version;
    expect(seen).toBeGreaterThan(0);
    const [a, b] = await Promise.all([
      send(first, 'PATCH', `/api/tickets/${id}`, { status: 'pending', version: seen }),
      send(second, 'PATCH', `/api/tickets/${id}`, { assigneeId: secondId, version: seen }),
    ]);
    const codes = [a.statusCode, b.statusCode].sort();
    expect(codes).toEqual([200, 409]);
    const refused = a.statusCode === 409 ? a : b;
    const error = refused.json().error;
    expect(error.code).toBe('stale_ticket');
    expect(error.version).toBeGreaterThan(seen);
    expect(error.changes).toHaveLength(1);
    expect(['ticket.status_changed', 'ticket.assignee_changed']).toContain(error.changes[0].type);
    // the refused change wrote nothing: exactly one of the two is on the ticket
    const row = await ctx.db
      .selectFrom('tickets')
      .select(['status', 'assignee_id', 'version'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(Number(row.status === 'pending') + Number(row.assignee_id === secondId)).toBe(1);
    expect(row.version).toBe(error.version);
    // applied again at the version the refusal gave, it goes through
    const again = refused === a ? { status: 'pending' } : { assigneeId: secondId };
    const retried = await send(refused === a ? first : second, 'PATCH', `/api/tickets/${id}`, {
      ...again,
      version: error.version,
    });
    expect(retried.statusCode).toBe(200);
  });

  it("two agents' changes through the domain at one version, in parallel: one applied, one stale", async () => {
    const id = await newTicket();
    const { version } = await ctx.db
      .selectFrom('tickets')
      .select('version')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const outcomes = await Promise.allSettled([
      changeTicket(
        ctx.db,
        id,
        { status: 'pending', version },
        { userId: firstId, label: null, ip: null },
      ),
      changeTicket(
        ctx.db,
        id,
        { status: 'spam', version },
        { userId: secondId, label: null, ip: null },
      ),
    ]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    const rejected = outcomes.find((o) => o.status === 'rejected');
    expect((rejected as PromiseRejectedResult).reason.code).toBe('stale_ticket');
  });

  it('says who changed what; classification is checked too; notes and replies never make a change stale', async () => {
    const id = await newTicket();
    const seen = (await view(first, id)).version;
    expect(
      (await send(second, 'PATCH', `/api/tickets/${id}`, { status: 'pending', version: seen }))
        .statusCode,
    ).toBe(200);
    const stale = await send(first, 'PATCH', `/api/tickets/${id}`, {
      tags: ['urgent'],
      version: seen,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.changes).toEqual([
      expect.objectContaining({
        type: 'ticket.status_changed',
        by: secondName,
        byKind: 'user',
        data: { from: 'active', to: 'pending' },
      }),
    ]);
    const field = await ctx.db
      .selectFrom('fields')
      .innerJoin('field_values', 'field_values.field_id', 'fields.id')
      .select(['fields.id as fieldId', 'field_values.id as valueId'])
      .where('fields.mailbox_id', '=', mailboxId)
      .executeTakeFirstOrThrow();
    const values = { [field.fieldId]: field.valueId };
    expect(
      (await send(first, 'PUT', `/api/tickets/${id}/fields`, { values, version: seen })).statusCode,
    ).toBe(409);

    // a note (another agent's) and a reply add to the thread: not stale
    const fresh = (await view(first, id)).version;
    expect(
      (await send(second, 'POST', `/api/tickets/${id}/notes`, { body: 'Je regarde.' })).statusCode,
    ).toBe(201);
    expect((await view(first, id)).version).toBeGreaterThan(fresh);
    expect(
      (await send(first, 'PUT', `/api/tickets/${id}/fields`, { values, version: fresh }))
        .statusCode,
    ).toBe(200);
    const reply = await send(first, 'POST', `/api/tickets/${id}/replies`, {
      body: 'Voici la réponse.',
      version: fresh,
    });
    expect(reply.statusCode).toBe(201);
    // without a version, a change is applied as it is (scripts, the bulk bar)
    expect((await send(first, 'PATCH', `/api/tickets/${id}`, { tags: ['suivi'] })).statusCode).toBe(
      200,
    );
  });

  it('refuses the status a reply sets when the status changed since, and writes nothing', async () => {
    const id = await newTicket();
    const seen = (await view(first, id)).version;
    expect(
      (await send(second, 'PATCH', `/api/tickets/${id}`, { status: 'closed', version: seen }))
        .statusCode,
    ).toBe(200);
    const before = (await view(first, id)).thread.length;
    const refused = await send(first, 'POST', `/api/tickets/${id}/replies`, {
      body: 'Je rouvre.',
      status: 'active',
      version: seen,
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('stale_ticket');
    const after = await view(first, id);
    expect(after.thread.length).toBe(before);
    expect(after.ticket.status).toBe('closed');
    const applied = await send(first, 'POST', `/api/tickets/${id}/replies`, {
      body: 'Je rouvre.',
      status: 'active',
      version: after.version,
    });
    expect(applied.statusCode).toBe(201);
    // the agent's own changes never make their next one stale (the reply moved the status,
    // "close" is pressed before the page read the ticket again)
    expect(
      (await send(first, 'PATCH', `/api/tickets/${id}`, { status: 'spam', version: after.version }))
        .statusCode,
    ).toBe(200);
  });

  it('refuses hostile versions with 400, never 500', async () => {
    const id = await newTicket();
    for (const version of [-1, 1.5, '3', 1e20, null, { a: 1 }]) {
      const patch = await send(first, 'PATCH', `/api/tickets/${id}`, {
        status: 'pending',
        version,
      });
      expect(patch.statusCode, JSON.stringify(version)).toBe(400);
      const reply = await send(first, 'POST', `/api/tickets/${id}/replies`, { body: 'x', version });
      expect(reply.statusCode, JSON.stringify(version)).toBe(400);
    }
  });
});
