/**
 * GET /api/tickets/by-number/:number (issue 15 §3): the web app's addresses
 * carry the ticket's number; this route gives the id to read it by, within
 * the caller's mailboxes. Unknown, deleted, hidden or malformed: a clean 404.
 */
import { expect, it } from 'vitest';
import { describeEachBackend } from '../../../../test/backends.ts';
import { ticket, useWorkspaceTestApp } from '../../../../test/support/workspace-app.ts';

describeEachBackend('a ticket by its number', (ctx) => {
  const workspace = useWorkspaceTestApp(ctx);
  const { call } = workspace;

  it('resolves the number to the ticket an agent may see', async () => {
    const t = await ticket(ctx.db, { mailboxId: workspace.partners, subject: 'Par numéro' });
    expect(t.number).not.toBe(t.id);
    const found = await call('agent', 'GET', `/api/tickets/by-number/${t.number}`);
    expect(found.statusCode).toBe(200);
    expect(found.json()).toEqual({ id: t.id, number: t.number });
    const view = await call('agent', 'GET', `/api/tickets/${found.json().id}`);
    expect(view.json().ticket.number).toBe(t.number);
  });

  it('answers 404 for a ticket outside the caller’s mailboxes, deleted or unknown', async () => {
    const hidden = await ticket(ctx.db, { mailboxId: workspace.partners });
    expect(
      (await call('restricted', 'GET', `/api/tickets/by-number/${hidden.number}`)).statusCode,
    ).toBe(404);
    const gone = await ticket(ctx.db, { mailboxId: workspace.partners });
    await ctx.db
      .updateTable('tickets')
      .set({ deleted_at: new Date() })
      .where('id', '=', gone.id)
      .execute();
    expect((await call('agent', 'GET', `/api/tickets/by-number/${gone.number}`)).statusCode).toBe(
      404,
    );
    // An old address with the internal id: no ticket has that number (numbers start at 1000).
    expect((await call('agent', 'GET', `/api/tickets/by-number/${hidden.id}`)).statusCode).toBe(
      404,
    );
    expect(
      (await call('viewer', 'GET', `/api/tickets/by-number/${hidden.number}`)).statusCode,
    ).toBe(403);
    expect(
      (await call('anonymous', 'GET', `/api/tickets/by-number/${hidden.number}`)).statusCode,
    ).toBe(401);
  });

  it('answers hostile numbers with 404 (a NUL byte: 400), never 500', async () => {
    for (const bad of ['0', '-1', 'abc', '1e5', '99999999999999999999', '1.5', "1'--"]) {
      const response = await call('agent', 'GET', `/api/tickets/by-number/${bad}`);
      expect(response.statusCode, bad).toBe(404);
      expect(response.json().error).toBeDefined();
    }
    // A NUL byte is refused before any route (the app's NUL guard).
    expect((await call('agent', 'GET', '/api/tickets/by-number/1%00')).statusCode).toBe(400);
  });

  it('names the ticket a merged one went into by its number', async () => {
    const from = await ticket(ctx.db, { mailboxId: workspace.partners, subject: 'Source' });
    const into = await ticket(ctx.db, { mailboxId: workspace.partners, subject: 'Cible' });
    const merged = await call('agent', 'POST', `/api/tickets/${from.id}/merge`, {
      intoTicketId: into.id,
    });
    expect(merged.statusCode).toBe(200);
    expect(merged.json()).toEqual({ ticketId: into.id, number: into.number });
    const view = await call('agent', 'GET', `/api/tickets/${from.id}`);
    expect(view.json().ticket.mergedIntoNumber).toBe(into.number);
  });
});
