/**
 * The numéro unique as a ticket attribute (issue 20 §3), through the real paths:
 * a mail taken in, a note, a phone call, a form ticket, an import batch; searched
 * exactly whatever its spelling; the other tickets about the same demand within
 * the reader's mailboxes; added and removed by hand with their events; merged
 * along; erased with the ticket's personal content; hostile input refused.
 */
import { expect, it } from 'vitest';
import { describeEachBackend } from '../../../../test/backends.ts';
import { inboundDeps, mailMailbox, receiveMail, uniqueId } from '../../../../test/mail.ts';
import { ticket, useWorkspaceTestApp } from '../../../../test/support/workspace-app.ts';
import { anonymiseTickets } from '../../../domain/privacy/anonymise-tickets.ts';
import { addNote } from '../../../domain/tickets/add-note.ts';
import { logPhoneCall } from '../../../domain/tickets/log-phone-call.ts';
import { ticketsBatch } from '../../../domain/tickets/open-tickets-batch.ts';

let seq = 0;
/** A fresh, well-formed numéro unique (département 035, March 2020, office AB12C). */
const numero = () => {
  seq += 1;
  return `0350320${String(100000 + seq * 7919 + Math.floor(Math.random() * 1000)).slice(-6)}AB12C`;
};
const spaced = (n: string) => `${n.slice(0, 3)} ${n.slice(3, 7)} ${n.slice(7, 13)} ${n.slice(13)}`;

describeEachBackend('numéros uniques of a ticket', (ctx) => {
  const workspace = useWorkspaceTestApp(ctx);
  const { call } = workspace;

  const mailIn = async (subject: string, body: string) => {
    const { mailboxId } = await mailMailbox(ctx.db);
    const outcome = await receiveMail(await inboundDeps(ctx.db), mailboxId, {
      from: `partenaire${++seq}@bailleur.example.org`,
      subject,
      messageId: uniqueId('nu'),
      body,
    });
    return outcome.ticketId;
  };
  const numbersOf = async (ticketId: number, as = 'agent') => {
    const response = await call(as, 'GET', `/api/tickets/${ticketId}/demand-numbers`);
    expect(response.statusCode).toBe(200);
    return response.json() as {
      numbers: { numero: string; source: string }[];
      sameDemand: { id: number; numero: string; mailboxName: string }[];
    };
  };
  const search = async (q: string, as = 'agent') => {
    const response = await call(as, 'GET', `/api/inbox?folder=all&q=${encodeURIComponent(q)}`);
    expect(response.statusCode).toBe(200);
    return (response.json().tickets as { id: number }[]).map((t) => t.id);
  };

  it('reads the numbers of a mail, finds the ticket by any spelling, and names the other tickets of the demand', async () => {
    const n = numero();
    const first = await mailIn(`Dde restauration ${spaced(n)}`, 'Merci de restaurer la demande.');
    const second = await mailIn('Demande inaccessible', `Le numéro est ${n.toLowerCase()}.`);
    expect((await numbersOf(first)).numbers).toEqual([{ numero: n, source: 'text' }]);
    const view = await numbersOf(second);
    expect(view.sameDemand.map((t) => t.id)).toEqual([first]);
    expect(view.sameDemand[0]?.numero).toBe(n);
    for (const spelling of [n, spaced(n), n.replace(/(.{3})(.{4})(.{6})/, '$1-$2-$3-')]) {
      expect((await search(spelling)).sort(), spelling).toEqual([first, second].sort());
    }
    // exact: a number differing by one character finds nothing
    expect(await search(`${n.slice(0, 17)}D`)).toEqual([]);
  });

  it('reads numbers in notes and phone calls, not in phone numbers or NIR', async () => {
    const t = await ticket(ctx.db, { mailboxId: workspace.partners });
    const n = numero();
    await addNote(ctx.db, {
      ticketId: t.id,
      authorUserId: workspace.ids.agent as string,
      body: `Appel du bailleur au 02 99 12 34 56 pour ${spaced(n)}, NIR 1 85 05 35 123 456 78.`,
    });
    const m = numero();
    await logPhoneCall(ctx.db, {
      ticketId: t.id,
      authorUserId: workspace.ids.agent as string,
      direction: 'inbound',
      durationSeconds: 60,
      summary: `Demande ${m}`,
    });
    expect((await numbersOf(t.id)).numbers.map((x) => x.numero).sort()).toEqual([n, m].sort());
  });

  it('keeps the other tickets of a demand within the mailboxes the reader sees', async () => {
    const n = numero();
    const partnerTicket = await mailIn(`Demande ${n}`, 'Bonjour.');
    const applicantTicket = await ticket(ctx.db, { mailboxId: workspace.applicants });
    const added = await call(
      'restricted',
      'POST',
      `/api/tickets/${applicantTicket.id}/demand-numbers`,
      {
        numero: spaced(n),
      },
    );
    expect(added.statusCode).toBe(201);
    expect((await numbersOf(applicantTicket.id, 'restricted')).sameDemand).toEqual([]);
    expect((await numbersOf(applicantTicket.id, 'agent')).sameDemand.map((t) => t.id)).toEqual([
      partnerTicket,
    ]);
    // the restricted agent cannot read the partner ticket's numbers at all
    expect(
      (await call('restricted', 'GET', `/api/tickets/${partnerTicket}/demand-numbers`)).statusCode,
    ).toBe(404);
  });

  it('adds and removes a number by hand, each an event of the agent', async () => {
    const t = await ticket(ctx.db, { mailboxId: workspace.partners });
    const n = numero();
    const added = await call('agent', 'POST', `/api/tickets/${t.id}/demand-numbers`, {
      numero: ` ${spaced(n).toLowerCase()} `,
    });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toEqual({ numero: n });
    // twice is harmless
    expect(
      (await call('agent', 'POST', `/api/tickets/${t.id}/demand-numbers`, { numero: n }))
        .statusCode,
    ).toBe(201);
    expect((await numbersOf(t.id)).numbers).toEqual([{ numero: n, source: 'agent' }]);
    const removed = await call('agent', 'DELETE', `/api/tickets/${t.id}/demand-numbers/${n}`);
    expect(removed.statusCode).toBe(204);
    expect((await numbersOf(t.id)).numbers).toEqual([]);
    const events = await ctx.db
      .selectFrom('ticket_events')
      .select(['type', 'actor_user_id', 'data'])
      .where('ticket_id', '=', t.id)
      .where('type', 'like', 'ticket.demand_number%')
      .orderBy('id')
      .execute();
    expect(events).toEqual([
      {
        type: 'ticket.demand_number_added',
        actor_user_id: workspace.ids.agent,
        data: { source: 'agent' },
      },
      { type: 'ticket.demand_number_removed', actor_user_id: workspace.ids.agent, data: {} },
    ]);
  });

  it('refuses hostile input with a clear 4xx, never a 500', async () => {
    const t = await ticket(ctx.db, { mailboxId: workspace.partners });
    for (const body of [
      { numero: '0612345678' },
      { numero: '0351320012345AB12C' },
      { numero: `n° ${numero()}` },
      { numero: 'x'.repeat(65) },
      { numero: '' },
      { numero: 42 },
      { numero: numero(), extra: true },
      {},
      null,
    ]) {
      const response = await call('agent', 'POST', `/api/tickets/${t.id}/demand-numbers`, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
    }
    for (const bad of ['abc', '%27--', 'x'.repeat(300), '0350320012345AB12C']) {
      const response = await call('agent', 'DELETE', `/api/tickets/${t.id}/demand-numbers/${bad}`);
      // 414: a parameter longer than Fastify's limit
      expect([400, 404, 414], bad).toContain(response.statusCode);
    }
    expect(
      (await call('agent', 'POST', '/api/tickets/999999999/demand-numbers', { numero: numero() }))
        .statusCode,
    ).toBe(404);
    expect((await call('viewer', 'GET', `/api/tickets/${t.id}/demand-numbers`)).statusCode).toBe(
      403,
    );
  });

  it('follows a merge and goes with the ticket’s personal content', async () => {
    const n = numero();
    const from = await mailIn(`Restauration ${n}`, 'Bonjour.');
    const into = await ticket(ctx.db, { mailboxId: workspace.partners });
    expect(
      (await call('agent', 'POST', `/api/tickets/${from}/merge`, { intoTicketId: into.id }))
        .statusCode,
    ).toBe(200);
    expect((await numbersOf(into.id)).numbers.map((x) => x.numero)).toEqual([n]);
    await anonymiseTickets(ctx.db, [into.id, from]);
    expect(
      await ctx.db
        .selectFrom('ticket_demand_numbers')
        .select('numero')
        .where('ticket_id', 'in', [into.id, from])
        .execute(),
    ).toEqual([]);
  });

  it('reads numbers in imported subjects and messages (the import’s batch entry)', async () => {
    const [subjectNumber, bodyNumber] = [numero(), numero()];
    const at = new Date(Date.UTC(2020, 2, 3, 9));
    const ids = await ctx.db.transaction().execute(async (trx) => {
      const batch = ticketsBatch(trx);
      const opened = await batch.openTickets([
        {
          number: null,
          mailbox_id: workspace.partners,
          status: 'closed',
          deleted_at: null,
          subject: `Dde restauration ${spaced(subjectNumber)}`,
          contact_id: null,
          organisation_id: null,
          assignee_id: null,
          created_at: at,
          closed_at: at,
          last_message_at: at,
          source: 'helpscout',
          source_id: `nu-import-${seq}`,
          first_response_at: null,
          first_response_seconds: null,
          first_response_business_seconds: null,
        },
      ]);
      const ticketId = opened.get(`nu-import-${seq}`) as number;
      await batch.writeMessages(
        [
          {
            ticket_id: ticketId,
            mailbox_id: workspace.partners,
            kind: 'customer',
            author_user_id: null,
            author_contact_id: null,
            from_address: 'bailleur@example.org',
            to_addresses: [],
            cc_addresses: [],
            body_html: `<p>Demande&nbsp;${spaced(bodyNumber)}</p>`,
            body_text: null,
            created_at: at,
            event_type: null,
            event_data: null,
            flags: {},
            source_id: 'thread-1',
          },
        ],
        [],
      );
      await batch.recordEvents();
      return ticketId;
    });
    expect((await numbersOf(ids)).numbers.map((x) => x.numero).sort()).toEqual(
      [subjectNumber, bodyNumber].sort(),
    );
  });
});
