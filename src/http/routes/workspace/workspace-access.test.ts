/** Workspace routes, who sees what: mailbox scope, hostile input, the role matrix, the live stream. */
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachBackend } from '../../../../test/backends.ts';
import type { LoggedIn } from '../../../../test/http.ts';
import { ticket, useWorkspaceTestApp } from '../../../../test/support/workspace-app.ts';

describeEachBackend('workspace routes', (ctx) => {
  const workspace = useWorkspaceTestApp(ctx);
  const { call, who, ids } = workspace;
  let app: FastifyInstance;
  let partners = '';
  let applicants = '';
  beforeAll(() => {
    app = workspace.app;
    partners = workspace.partners;
    applicants = workspace.applicants;
  });

  it('answers 404 for every ticket route on a mailbox the agent may not see', async () => {
    const hidden = await ticket(ctx.db, { mailboxId: partners });
    const seen = await ticket(ctx.db, { mailboxId: applicants });
    const message = await ctx.db
      .selectFrom('messages')
      .select('id')
      .where('ticket_id', '=', hidden.id)
      .executeTakeFirstOrThrow();
    const attachment = await ctx.db
      .insertInto('attachments')
      .values({
        ticket_id: hidden.id,
        message_id: message.id,
        filename: 'a.txt',
        content_type: 'text/plain',
        size_bytes: 1,
        sha256: 'a'.repeat(64),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const routes: [string, string, unknown?][] = [
      ['GET', `/api/tickets/${hidden.id}`],
      ['PATCH', `/api/tickets/${hidden.id}`, { status: 'pending' }],
      ['PUT', `/api/tickets/${hidden.id}/fields`, { values: {} }],
      ['POST', `/api/tickets/${hidden.id}/merge`, { intoTicketId: seen.id }],
      ['POST', `/api/tickets/${seen.id}/merge`, { intoTicketId: hidden.id }],
      ['POST', `/api/messages/${message.id}/split`, {}],
      ['POST', `/api/tickets/${hidden.id}/presence`, { typing: false }],
      ['POST', `/api/tickets/${hidden.id}/replies`, { body: 'x' }],
      ['POST', `/api/tickets/${hidden.id}/notes`, { body: 'x' }],
      [
        'POST',
        `/api/tickets/${hidden.id}/calls`,
        { direction: 'inbound', durationSeconds: 60, summary: 'x' },
      ],
      [
        'POST',
        '/api/calls',
        {
          mailboxId: partners,
          subject: 'x',
          direction: 'inbound',
          durationSeconds: 60,
          summary: 'x',
          contact: {},
        },
      ],
      ['GET', `/api/saved-replies?mailbox=${partners}`],
    ];
    for (const [method, url, payload] of routes) {
      const response = await call('restricted', method as 'GET', url, payload);
      expect(`${method} ${url} ${response.statusCode} ${response.body}`, response.body).toMatch(
        new RegExp(`^${method} [^ ]+ 404 `),
      );
    }
    const list = (await call('restricted', 'GET', '/api/inbox?folder=all')).json().tickets as {
      mailboxId: string;
    }[];
    expect(list.every((t) => t.mailboxId === applicants)).toBe(true);
    const forced = (
      await call('restricted', 'GET', `/api/inbox?folder=all&mailbox=${partners}`)
    ).json().tickets;
    expect(forced).toEqual([]);
    const bulk = (
      await call('restricted', 'POST', '/api/tickets/bulk', {
        ticketIds: [hidden.id],
        action: { type: 'status', status: 'pending' },
      })
    ).json();
    expect(bulk).toEqual({ updated: [], refused: [{ ticketId: hidden.id, reason: 'not_found' }] });
    const unchanged = await ctx.db
      .selectFrom('tickets')
      .select('status')
      .where('id', '=', hidden.id)
      .executeTakeFirstOrThrow();
    expect(unchanged.status).toBe('active');
    // the attachment route exists only with the mail channel: the scope check is covered by its own test app
    expect(attachment.id).toBeTruthy();
  });

  it('refuses hostile input and mass assignment with 400 or 404, never 500', async () => {
    const t = await ticket(ctx.db, { mailboxId: partners });
    const cases: [string, string, unknown?][] = [
      ['GET', '/api/inbox?folder=everything'],
      ['GET', '/api/inbox?limit=100000'],
      ['GET', `/api/inbox?q=${'x'.repeat(500)}`],
      ['GET', '/api/inbox?field=drop%20table'],
      ['GET', '/api/inbox?from=2026-13-45'],
      ['GET', '/api/inbox?unknown=1'],
      ['PATCH', `/api/tickets/${t.id}`, { status: 'closed', mailboxId: applicants }],
      ['PATCH', `/api/tickets/${t.id}`, { number: 1 }],
      ['PATCH', `/api/tickets/${t.id}`, { status: 'deleted' }],
      ['PATCH', `/api/tickets/${t.id}`, { assigneeId: 'me' }],
      ['PUT', `/api/tickets/${t.id}/fields`, { values: { x: 'y' } }],
      ['PUT', `/api/tickets/${t.id}/fields`, { values: {}, autoFilled: true }],
      [
        'POST',
        '/api/tickets/bulk',
        { ticketIds: [], action: { type: 'status', status: 'closed' } },
      ],
      ['POST', '/api/tickets/bulk', { ticketIds: [t.id], action: { type: 'delete' } }],
      [
        'POST',
        '/api/tickets/bulk',
        { ticketIds: [t.id], action: { type: 'status', status: 'closed', extra: 1 } },
      ],
      ['POST', `/api/tickets/${t.id}/merge`, { intoTicketId: 'abc' }],
      ['GET', '/api/tickets/1e3'],
      ['GET', '/api/tickets/-1'],
      ['GET', '/api/tickets/99999999999'],
      ['POST', '/api/messages/abc/split', {}],
      ['POST', '/api/saved-replies', { mailboxId: null, name: '', body: 'x' }],
    ];
    for (const [method, url, payload] of cases) {
      const as = url.startsWith('/api/saved-replies') ? 'supervisor' : 'agent';
      const response = await call(as, method as 'GET', url, payload);
      expect([400, 404], `${method} ${url} → ${response.statusCode} ${response.body}`).toContain(
        response.statusCode,
      );
    }
    const odd = await call(
      'agent',
      'GET',
      `/api/inbox?folder=all&q=${encodeURIComponent("'); drop table tickets; -- & | ! :* <->")}`,
    );
    expect(odd.statusCode).toBe(200);
  });

  describe('roles', () => {
    it('guards every route: anonymous 401, viewer 403, agents in, supervisors for saved replies and fields', async () => {
      const t = await ticket(ctx.db, { mailboxId: applicants });
      const field = await ctx.db
        .selectFrom('fields')
        .select('id')
        .where('mailbox_id', '=', applicants)
        .executeTakeFirstOrThrow();
      const created = await call('supervisor', 'POST', '/api/saved-replies', {
        mailboxId: null,
        name: 'Matrice',
        body: 'Bonjour {{contact.firstName}}',
      });
      expect(created.statusCode).toBe(201);
      const savedId = created.json().id;
      // expected status for anonymous, viewer, agent, supervisor, admin, restricted agent
      const matrix: [string, string, unknown, number[]][] = [
        ['GET', '/api/inbox', undefined, [401, 403, 200, 200, 200, 200]],
        ['GET', '/api/inbox/counts', undefined, [401, 403, 200, 200, 200, 200]],
        ['GET', `/api/tickets/${t.id}`, undefined, [401, 403, 200, 200, 200, 200]],
        ['PATCH', `/api/tickets/${t.id}`, { status: 'pending' }, [401, 403, 200, 200, 200, 200]],
        ['PUT', `/api/tickets/${t.id}/fields`, { values: {} }, [401, 403, 200, 200, 200, 200]],
        [
          'POST',
          `/api/tickets/${t.id}/presence`,
          { typing: false },
          [401, 403, 200, 200, 200, 200],
        ],
        [
          'POST',
          '/api/tickets/bulk',
          { ticketIds: [t.id], action: { type: 'tag', tag: 'm' } },
          [401, 403, 200, 200, 200, 200],
        ],
        ['GET', '/api/saved-replies', undefined, [401, 403, 200, 200, 200, 200]],
        [
          'PUT',
          `/api/saved-replies/${savedId}`,
          { mailboxId: null, name: 'Matrice', body: 'B' },
          [401, 403, 403, 200, 200, 403],
        ],
        [
          'PATCH',
          `/api/fields/${field.id}`,
          { requiredToClose: false },
          [401, 403, 403, 200, 200, 403],
        ],
        [
          'POST',
          '/api/saved-replies',
          { mailboxId: applicants, name: 'N', body: 'B' },
          [401, 403, 403, 201, 201, 403],
        ],
        ['GET', '/api/live?after=x', undefined, [401, 403, 400, 400, 400, 400]],
      ];
      const roles = ['anonymous', 'viewer', 'agent', 'supervisor', 'admin', 'restricted'];
      for (const [method, url, payload, expected] of matrix) {
        const got: number[] = [];
        for (const role of roles)
          got.push((await call(role, method as 'GET', url, payload)).statusCode);
        expect(`${method} ${url}: ${got.join(',')}`).toBe(
          `${method} ${url}: ${expected.join(',')}`,
        );
      }
      expect((await call('agent', 'DELETE', `/api/saved-replies/${savedId}`)).statusCode).toBe(403);
      expect((await call('supervisor', 'DELETE', `/api/saved-replies/${savedId}`)).statusCode).toBe(
        204,
      );
      expect((await call('supervisor', 'DELETE', `/api/saved-replies/${savedId}`)).statusCode).toBe(
        404,
      );
    });
  });

  it('streams live events of visible mailboxes only, over server-sent events', async () => {
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const open = async (as: string) => {
      const user = who[as] as LoggedIn;
      const controller = new AbortController();
      const response = await fetch(`${address}/api/live`, {
        headers: { cookie: user.cookie },
        signal: controller.signal,
      });
      expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
      const reader = (response.body as ReadableStream<Uint8Array>).getReader();
      let text = '';
      const until = async (pattern: RegExp) => {
        while (!pattern.test(text)) {
          const { value, done } = await reader.read();
          if (done) break;
          text += new TextDecoder().decode(value);
        }
        return text;
      };
      return { until, close: () => controller.abort(), text: () => text };
    };
    const agentStream = await open('agent');
    const restrictedStream = await open('restricted');
    await agentStream.until(/connected/);
    await restrictedStream.until(/connected/);
    const hidden = await ticket(ctx.db, { mailboxId: partners });
    const visible = await ticket(ctx.db, { mailboxId: applicants });
    expect(await agentStream.until(new RegExp(`"ticketId":${hidden.id}`))).toMatch(/event: ticket/);
    const restrictedText = await restrictedStream.until(new RegExp(`"ticketId":${visible.id}`));
    expect(restrictedText).not.toContain(`"ticketId":${hidden.id},`);
    agentStream.close();
    restrictedStream.close();
  });

  it('ends a live stream once its user is disabled or its mailboxes change', async () => {
    const port = (app.server.address() as { port: number } | null)?.port;
    const address = port
      ? `http://127.0.0.1:${port}`
      : await app.listen({ port: 0, host: '127.0.0.1' });
    const controller = new AbortController();
    const open = async (as: string) => {
      const response = await fetch(`${address}/api/live`, {
        headers: { cookie: (who[as] as LoggedIn).cookie },
        signal: controller.signal,
      });
      const reader = (response.body as ReadableStream<Uint8Array>).getReader();
      return async () => {
        for (;;) if ((await reader.read()).done) return 'ended';
      };
    };
    const supervisorEnded = await open('supervisor');
    const restrictedEnded = await open('restricted');
    const agentEnded = await open('agent');
    await ctx.db
      .updateTable('users')
      .set({ disabled_at: new Date() })
      .where('id', '=', ids.agent ?? '')
      .execute();
    await ctx.db
      .insertInto('user_mailboxes')
      .values({ user_id: ids.restricted ?? '', mailbox_id: partners })
      .execute();
    // within liveRecheckMs (5 s); the supervisor's stream, unchanged, stays open past the
    // same check (the three streams opened within a few milliseconds)
    expect(await agentEnded()).toBe('ended');
    expect(await restrictedEnded()).toBe('ended');
    const still = await Promise.race([
      supervisorEnded(),
      new Promise((resolve) => setTimeout(() => resolve('open'), 1_500)),
    ]);
    expect(still).toBe('open');
    controller.abort();
  });
});
