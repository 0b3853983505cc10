/** Workspace routes, one ticket: the view, status and assignee changes (single and bulk), merge and split. */
import { beforeAll, expect, it } from 'vitest';
import { describeEachBackend } from '../../../../test/backends.ts';
import { ticket, useWorkspaceTestApp } from '../../../../test/support/workspace-app.ts';

describeEachBackend('workspace routes', (ctx) => {
  const workspace = useWorkspaceTestApp(ctx);
  const { call, ids } = workspace;
  let partners = '';
  let applicants = '';
  beforeAll(() => {
    partners = workspace.partners;
    applicants = workspace.applicants;
  });

  it('shows a ticket: thread, masked bodies, sanitised HTML, fields with auto-filled marks; audits the view', async () => {
    const t = await ticket(ctx.db, {
      mailboxId: partners,
      body: 'Mon NIR est 1 84 12 76 451 089 46.',
    });
    await ctx.db
      .insertInto('messages')
      .values({
        ticket_id: t.id,
        mailbox_id: partners,
        kind: 'customer',
        body_html: '<p onclick="x()">Salut<script>alert(1)</script></p>',
        created_at: new Date(Date.UTC(2026, 0, 2)),
      })
      .execute();
    const field = await ctx.db
      .selectFrom('fields')
      .select('id')
      .where('mailbox_id', '=', partners)
      .executeTakeFirstOrThrow();
    const value = await ctx.db
      .selectFrom('field_values')
      .select('id')
      .where('field_id', '=', field.id)
      .executeTakeFirstOrThrow();
    await ctx.db
      .insertInto('ticket_field_values')
      .values({ ticket_id: t.id, field_id: field.id, value_id: value.id, auto_filled: true })
      .execute();
    const response = await call('agent', 'GET', `/api/tickets/${t.id}`);
    expect(response.statusCode).toBe(200);
    const view = response.json();
    expect(view.thread[0].bodyText).toContain('[numéro de sécurité sociale masqué]');
    expect(view.thread[0].bodyText).not.toContain('089');
    expect(view.thread[1].bodyHtml).toBe('<p>Salut</p>');
    expect(view.fields.find((f: { id: string }) => f.id === field.id).value.autoFilled).toBe(true);
    const audit = await ctx.db
      .selectFrom('audit_events')
      .select('actor_user_id')
      .where('action', '=', 'ticket.viewed')
      .where('target_id', '=', String(t.id))
      .execute();
    expect(audit.map((a) => a.actor_user_id)).toEqual([ids.agent]);
  });

  it('changes status and assignee with thread events and audit; refuses closing without required fields, single and bulk', async () => {
    const a = await ticket(ctx.db, { mailboxId: applicants });
    const b = await ticket(ctx.db, { mailboxId: applicants });
    const fields = await ctx.db
      .selectFrom('fields')
      .select(['id'])
      .where('mailbox_id', '=', applicants)
      .orderBy('position')
      .execute();
    const required = fields[0]?.id ?? '';
    expect(
      (await call('agent', 'PATCH', `/api/fields/${required}`, { requiredToClose: true }))
        .statusCode,
    ).toBe(403);
    expect(
      (await call('supervisor', 'PATCH', `/api/fields/${required}`, { requiredToClose: true }))
        .statusCode,
    ).toBe(200);
    try {
      const refused = await call('agent', 'PATCH', `/api/tickets/${a.id}`, { status: 'closed' });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error.message).toMatch(/Required before closing/);
      const replyClose = await call('agent', 'POST', `/api/tickets/${a.id}/replies`, {
        body: 'x',
        status: 'closed',
      });
      expect(replyClose.statusCode).toBe(400);
      const value = await ctx.db
        .selectFrom('field_values')
        .select('id')
        .where('field_id', '=', required)
        .executeTakeFirstOrThrow();
      await call('agent', 'PUT', `/api/tickets/${a.id}/fields`, {
        values: { [required]: value.id },
      });
      const bulk = await call('agent', 'POST', '/api/tickets/bulk', {
        ticketIds: [a.id, b.id],
        action: { type: 'status', status: 'closed' },
      });
      expect(bulk.statusCode).toBe(200);
      expect(bulk.json().updated).toEqual([a.id]);
      expect(bulk.json().refused).toEqual([
        { ticketId: b.id, reason: expect.stringMatching(/Required/) },
      ]);
    } finally {
      await call('supervisor', 'PATCH', `/api/fields/${required}`, { requiredToClose: false });
    }
    const assigned = await call('agent', 'POST', '/api/tickets/bulk', {
      ticketIds: [b.id],
      action: { type: 'assign', assigneeId: ids.supervisor },
    });
    expect(assigned.json().updated).toEqual([b.id]);
    const toViewer = await call('agent', 'PATCH', `/api/tickets/${b.id}`, {
      assigneeId: ids.viewer,
    });
    expect(toViewer.statusCode).toBe(400);
    const toRestrictedElsewhere = await call(
      'agent',
      'PATCH',
      `/api/tickets/${(await ticket(ctx.db, { mailboxId: partners })).id}`,
      { assigneeId: ids.restricted },
    );
    expect(toRestrictedElsewhere.statusCode).toBe(400);
    const view = (await call('agent', 'GET', `/api/tickets/${b.id}`)).json();
    expect(
      view.thread
        .filter((m: { kind: string }) => m.kind === 'event')
        .map((m: { eventType: string }) => m.eventType),
    ).toContain('assigned');
    const audits = await ctx.db
      .selectFrom('audit_events')
      .select('action')
      .where('target_id', '=', String(a.id))
      .execute();
    expect(audits.map((x) => x.action)).toEqual(
      expect.arrayContaining(['ticket.classified', 'ticket.changed']),
    );
    const tagged = await call('agent', 'POST', '/api/tickets/bulk', {
      ticketIds: [a.id, b.id],
      action: { type: 'tag', tag: 'Relance' },
    });
    expect(tagged.json().updated).toEqual([a.id, b.id]);
  });

  it('merges two tickets and splits a message into a new ticket', async () => {
    const a = await ticket(ctx.db, { mailboxId: partners, subject: 'Premier' });
    const b = await ticket(ctx.db, { mailboxId: partners, subject: 'Second' });
    const merged = await call('agent', 'POST', `/api/tickets/${b.id}/merge`, {
      intoTicketId: a.id,
    });
    expect(merged.statusCode).toBe(200);
    const view = (await call('agent', 'GET', `/api/tickets/${a.id}`)).json();
    expect(view.thread.filter((m: { kind: string }) => m.kind === 'customer')).toHaveLength(2);
    const gone = await ctx.db
      .selectFrom('tickets')
      .select(['merged_into_id', 'status'])
      .where('id', '=', b.id)
      .executeTakeFirstOrThrow();
    expect(gone).toEqual({ merged_into_id: a.id, status: 'closed' });
    expect(
      (await call('agent', 'POST', `/api/tickets/${b.id}/merge`, { intoTicketId: a.id }))
        .statusCode,
    ).toBe(409);
    expect(
      (await call('agent', 'POST', `/api/tickets/${a.id}/merge`, { intoTicketId: a.id }))
        .statusCode,
    ).toBe(400);
    const other = await ticket(ctx.db, { mailboxId: applicants });
    expect(
      (await call('agent', 'POST', `/api/tickets/${other.id}/merge`, { intoTicketId: a.id }))
        .statusCode,
    ).toBe(400);

    const second = view.thread.filter((m: { kind: string }) => m.kind === 'customer')[1];
    const split = await call('agent', 'POST', `/api/messages/${second.id}/split`, {});
    expect(split.statusCode).toBe(201);
    const created = split.json();
    const newView = (await call('agent', 'GET', `/api/tickets/${created.ticketId}`)).json();
    expect(
      newView.thread
        .filter((m: { kind: string }) => m.kind === 'customer')
        .map((m: { id: number }) => m.id),
    ).toEqual([second.id]);
    expect(newView.ticket.linkedTicketId).toBe(a.id);
    const only = newView.thread.find((m: { kind: string }) => m.kind === 'customer');
    expect((await call('agent', 'POST', `/api/messages/${only.id}/split`, {})).statusCode).toBe(
      400,
    );
  });
});
