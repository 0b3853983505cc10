/**
 * A ticket that arrives while the inbox loads (issue 16 §16): the inbox, the
 * counts and the ticket view answer with the live position they were read at
 * (header x-guichet-live-position); the stream opened from it afterwards brings
 * what happened in between. The gap is held open on purpose: the test writes in
 * it before it opens the stream. On the PostgreSQL server a transaction that took
 * its live id first and commits last is neither counted in the position nor
 * skipped by the stream.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachBackend } from '../../../../test/backends.ts';
import { ticket, useWorkspaceTestApp } from '../../../../test/support/workspace-app.ts';
import { recordTicketEvent } from '../../../domain/tickets/events/record-events.ts';
import { livePositionHeader } from '../../../shared/workspace-contracts.ts';

describeEachBackend('live position', (ctx) => {
  const workspace = useWorkspaceTestApp(ctx);
  const { call } = workspace;
  let address = '';
  const streams: AbortController[] = [];
  beforeAll(async () => {
    address = await workspace.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => {
    for (const controller of streams) controller.abort();
  });

  /** Opens /api/live?after=`after` as the agent; `until` reads until the pattern shows. */
  const openStream = async (after: number) => {
    const controller = new AbortController();
    streams.push(controller);
    const response = await fetch(`${address}/api/live?after=${after}`, {
      headers: { cookie: workspace.who.agent?.cookie ?? '' },
      signal: controller.signal,
    });
    expect(response.status).toBe(200);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    let text = '';
    return {
      async until(pattern: RegExp): Promise<string> {
        while (!pattern.test(text)) {
          const { value, done } = await reader.read();
          if (done) break;
          text += new TextDecoder().decode(value);
        }
        return text;
      },
      close: () => controller.abort(),
    };
  };
  const positionOf = (response: { headers: Record<string, unknown> }): number => {
    const header = response.headers[livePositionHeader];
    expect(header, 'live position header').toMatch(/^\d+$/);
    return Number(header);
  };

  it('the inbox answers with its live position; a ticket written after it comes on the stream resumed from it', async () => {
    const url = `/api/inbox?folder=unassigned&mailbox=${workspace.applicants}`;
    const inbox = await call('agent', 'GET', url);
    const position = positionOf(inbox);
    // the gap, held open: a ticket arrives after the list was read, before the stream opens
    const late = await ticket(ctx.db, { mailboxId: workspace.applicants, subject: 'Dans le trou' });
    expect(inbox.json().tickets.map((t: { id: number }) => t.id)).not.toContain(late.id);
    const stream = await openStream(position);
    expect(await stream.until(new RegExp(`"ticketId":${late.id}`))).toMatch(
      /event: (ticket|message)/,
    );
    stream.close();
    // the list read again shows it, at a later position
    const again = await call('agent', 'GET', url, undefined, {
      'x-guichet-live': String(position + 1_000_000),
    });
    expect(again.json().tickets.map((t: { id: number }) => t.id)).toContain(late.id);
    expect(positionOf(again)).toBeGreaterThan(position);
  });

  it('the counts and the ticket view do the same', async () => {
    const counts = await call('agent', 'GET', `/api/inbox/counts?mailbox=${workspace.applicants}`);
    const countsPosition = positionOf(counts);
    const arrived = await ticket(ctx.db, { mailboxId: workspace.applicants });
    const countsStream = await openStream(countsPosition);
    await countsStream.until(new RegExp(`"ticketId":${arrived.id}`));
    countsStream.close();

    const view = await call('agent', 'GET', `/api/tickets/${arrived.id}`);
    const viewPosition = positionOf(view);
    expect(view.json().livePosition).toBe(viewPosition);
    const note = await call('supervisor', 'POST', `/api/tickets/${arrived.id}/notes`, {
      body: 'Ajoutée pendant le chargement.',
    });
    expect(note.statusCode).toBe(201);
    const viewStream = await openStream(viewPosition);
    expect(
      await viewStream.until(new RegExp(`event: message\\ndata: [^\\n]*"ticketId":${arrived.id}`)),
    ).toContain(`"ticketId":${arrived.id}`);
    viewStream.close();
  });

  // One connection on PGlite: no transaction overlaps another there.
  if (ctx.backend === 'postgres')
    it('a change committed late with an earlier live id is neither counted in the position nor skipped by the stream', async () => {
      const slow = await ticket(ctx.db, { mailboxId: workspace.applicants });
      let release: () => void = () => {};
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      let taken: () => void = () => {};
      const idTaken = new Promise<void>((resolve) => {
        taken = resolve;
      });
      // a writer takes its live id, then keeps its transaction open
      const writer = ctx.db.transaction().execute(async (trx) => {
        await sql`update tickets set status = 'pending' where id = ${slow.id}`.execute(trx);
        await recordTicketEvent(
          trx,
          { kind: 'system' },
          {
            type: 'ticket.status_changed',
            ticketId: slow.id,
            mailboxId: workspace.applicants,
            data: { from: 'active', to: 'pending' },
          },
        );
        taken();
        await gate;
      });
      await idTaken;
      // another commits after it, with a later id
      const quick = await ticket(ctx.db, { mailboxId: workspace.applicants });
      const inbox = await call(
        'agent',
        'GET',
        `/api/inbox?folder=pending&mailbox=${workspace.applicants}`,
      );
      const position = positionOf(inbox);
      const newest = await ctx.db
        .selectFrom('live_events')
        .select((eb) => eb.fn.max('id').as('id'))
        .executeTakeFirstOrThrow();
      expect(position).toBeLessThan(Number(newest.id));
      expect(inbox.json().tickets.map((t: { id: number }) => t.id)).not.toContain(slow.id);
      // the stream holds the later row back until the earlier transaction ends, then sends both
      const stream = await openStream(position);
      release();
      await writer;
      const both = new RegExp(
        `"ticketId":${slow.id}[^]*"ticketId":${quick.id}|"ticketId":${quick.id}[^]*"ticketId":${slow.id}`,
      );
      expect(await stream.until(both)).toMatch(both);
      stream.close();
    });
});
