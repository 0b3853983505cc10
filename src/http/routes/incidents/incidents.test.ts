/**
 * Known incidents (issue 20 §2) through the routes and the real outbox: the
 * suggestions of a seeded wave, linking (by hand, and by Guichet as tickets
 * arrive, once with two instances), one answer reaching 50 customers once each
 * (counted at a real SMTP sink), the final message closing them, the banner of
 * the help centre and the public status page (escaped), hostile input.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachBackend } from '../../../../test/backends.ts';
import { inboundDeps, mailMailbox, receiveMail, signer, uniqueId } from '../../../../test/mail.ts';
import { type SmtpSink, startSmtpSink } from '../../../../test/smtp-sink.ts';
import { useWorkspaceTestApp } from '../../../../test/support/workspace-app.ts';
import { waitFor } from '../../../../test/wait-for.ts';
import { autolinkIncidents } from '../../../domain/incidents/autolink.ts';
import { ongoingIncidents } from '../../../domain/incidents/incidents.ts';
import { runOutboxOnce } from '../../../mail/outbound/outbox-worker.ts';
import { createTransportFor } from '../../../mail/outbound/transport.ts';
import { html } from '../../../portal/pages/html.ts';
import { renderPage } from '../../../portal/pages/layout.ts';
import { clearReadCache } from '../../../portal/read-cache.ts';
import { findSite } from '../../../portal/sites.ts';

let sink: SmtpSink;
beforeAll(async () => {
  sink = await startSmtpSink();
});
afterAll(async () => {
  await sink.stop();
});

describeEachBackend('known incidents', (ctx) => {
  const workspace = useWorkspaceTestApp(ctx);
  const { call } = workspace;
  let transportFor: ReturnType<typeof createTransportFor> | undefined;
  afterAll(() => transportFor?.closeAll());
  const drainOutbox = async () => {
    transportFor ??= createTransportFor({ relayUrl: sink.url(), credentialsKey: undefined });
    const deps = {
      db: ctx.db,
      signer,
      publicUrl: new URL('https://guichet.example.org'),
      transportFor,
      backoffMs: () => 0,
    };
    while ((await runOutboxOnce(deps, 100)).sent > 0);
  };

  let seq = 0;
  const mailIn = async (subject: string, body = 'Bonjour.') => {
    const { mailboxId } = await mailMailbox(ctx.db);
    seq += 1;
    const outcome = await receiveMail(await inboundDeps(ctx.db), mailboxId, {
      from: `partenaire${seq}-${Date.now()}@bailleur.example.org`,
      subject,
      messageId: uniqueId('inc'),
      body,
    });
    return outcome.ticketId;
  };
  const moduleValue = () =>
    ctx.db
      .selectFrom('field_values')
      .innerJoin('fields', 'fields.id', 'field_values.field_id')
      .select(['field_values.id', 'field_values.field_id'])
      .where('fields.key', '=', 'module')
      .where('fields.mailbox_id', '=', workspace.partners)
      .orderBy('field_values.position')
      .executeTakeFirstOrThrow();
  const declare = async (title: string, moduleValueId: string | null, startedAt = new Date()) => {
    const response = await call('supervisor', 'POST', '/api/incidents', {
      title,
      moduleValueId,
      publicText: 'La connexion est lente pour tous.\n\nNous y travaillons.',
      startedAt: startedAt.toISOString(),
    });
    expect(response.statusCode).toBe(201);
    return response.json().id as string;
  };
  const ids = (rows: { id: number }[]) => rows.map((row) => row.id);

  it('suggests the tickets of the wave (module or words), links them, answers each once and resolves', async () => {
    const module = await moduleValue();
    const incidentId = await declare(`Lenteurs de connexion ${Date.now()}`, module.id);
    const byWords = await mailIn('Lenteurs à la connexion ce matin');
    const byModule = await mailIn('Impossible de valider');
    await call('agent', 'PUT', `/api/tickets/${byModule}/fields`, {
      values: { [module.field_id]: module.id },
    });
    const unrelated = await mailIn('Question sur les statistiques annuelles');
    const suggested = ids(
      (await call('agent', 'GET', `/api/incidents/${incidentId}/suggestions`)).json(),
    );
    expect(suggested).toEqual(expect.arrayContaining([byWords, byModule]));
    expect(suggested).not.toContain(unrelated);
    const linked = await call('agent', 'POST', `/api/incidents/${incidentId}/tickets`, {
      ticketIds: [byWords, byModule],
    });
    expect(linked.json()).toEqual({ linked: 2 });
    // linked ones are no longer suggested
    const again = ids(
      (await call('agent', 'GET', `/api/incidents/${incidentId}/suggestions`)).json(),
    );
    expect(again).not.toContain(byWords);

    await drainOutbox();
    const before = sink.received.length;
    const answer = await call('supervisor', 'POST', `/api/incidents/${incidentId}/answer`, {
      body: 'Bonjour,\nLa lenteur vient d’un incident connu ; nous vous écrirons dès qu’il sera réglé.',
    });
    expect(answer.json()).toEqual({ sent: 2, failed: 0 });
    // pressed twice: nobody is answered twice
    const twice = await call('supervisor', 'POST', `/api/incidents/${incidentId}/answer`, {
      body: 'Encore',
    });
    expect(twice.json()).toEqual({ sent: 0, failed: 0 });
    await drainOutbox();
    expect(sink.received.length - before).toBe(2);

    const resolved = await call('supervisor', 'POST', `/api/incidents/${incidentId}/resolve`, {
      body: 'Bonjour,\nL’incident est résolu.',
    });
    expect(resolved.json()).toEqual({ sent: 2, failed: 0 });
    await drainOutbox();
    const statuses = await ctx.db
      .selectFrom('tickets')
      .select('status')
      .where('id', 'in', [byWords, byModule])
      .execute();
    expect(statuses.map((s) => s.status)).toEqual(['closed', 'closed']);
    const events = await ctx.db
      .selectFrom('ticket_events')
      .select(['type', 'actor_user_id'])
      .where('ticket_id', '=', byWords)
      .where('type', '=', 'ticket.incident_linked')
      .execute();
    expect(events).toEqual([
      { type: 'ticket.incident_linked', actor_user_id: workspace.ids.agent },
    ]);
  });

  it('answers 50 customers once each, each in its own thread', async () => {
    const incidentId = await declare(`Coupure du service ${Date.now()}`, null);
    const tickets: number[] = [];
    for (let i = 0; i < 50; i++) tickets.push(await mailIn(`Coupure ${i}`));
    await call('agent', 'POST', `/api/incidents/${incidentId}/tickets`, { ticketIds: tickets });
    await drainOutbox();
    const before = sink.received.length;
    const [first, second] = await Promise.all([
      call('supervisor', 'POST', `/api/incidents/${incidentId}/answer`, {
        body: 'Incident connu.',
      }),
      call('supervisor', 'POST', `/api/incidents/${incidentId}/answer`, {
        body: 'Incident connu.',
      }),
    ]);
    expect(first.json().sent + second.json().sent).toBe(50);
    await drainOutbox();
    const received = sink.received.slice(before);
    expect(received).toHaveLength(50);
    expect(new Set(received.map((r) => r.to.join())).size).toBe(50);
  });

  it('links new tickets as they arrive, once with two instances; the help centre shows the banner', async () => {
    const incidentId = await declare(`Anomalie applicative ${Date.now()}`, null);
    // the passes so far take the events of earlier tests
    while (await autolinkIncidents(ctx.db));
    const arriving = await mailIn('Anomalie applicative sur le module');
    // two instances pass at once until the ticket is linked (events become readable once
    // every older transaction of the server has ended)
    const linkedOnce = () =>
      ctx.db
        .selectFrom('incident_tickets')
        .select('ticket_id')
        .where('incident_id', '=', incidentId)
        .where('ticket_id', '=', arriving)
        .executeTakeFirst();
    await waitFor(async () => {
      await Promise.all([autolinkIncidents(ctx.db), autolinkIncidents(ctx.db)]);
      return linkedOnce();
    }, 'the arriving ticket linked');
    await Promise.all([autolinkIncidents(ctx.db), autolinkIncidents(ctx.db)]);
    const links = await ctx.db
      .selectFrom('ticket_events')
      .select(['actor_kind'])
      .where('ticket_id', '=', arriving)
      .where('type', '=', 'ticket.incident_linked')
      .execute();
    expect(links).toEqual([{ actor_kind: 'system' }]);
    const detail = (await call('agent', 'GET', `/api/incidents/${incidentId}`)).json();
    expect(ids(detail.tickets)).toContain(arriving);
    expect(detail.tickets[0].linkedByGuichet).toBe(true);
    expect((await ongoingIncidents(ctx.db)).map((i) => i.id)).toContain(incidentId);
    // every page of the help centre shows it, server-rendered (read without JavaScript)
    const row = await ctx.db
      .selectFrom('portal_sites')
      .select('departement')
      .where('enabled', '=', true)
      .executeTakeFirstOrThrow();
    clearReadCache(ctx.db);
    const site = await findSite(ctx.db, row.departement);
    if (!site) throw new Error('no help centre site');
    const page = renderPage(site, { title: 'Accueil', body: html`<p>Bonjour</p>` });
    expect(page).toContain('class="incident-banner"');
    expect(page).toContain('Anomalie applicative');
  });

  it('renders the public status page escaped, numéros uniques masked', async () => {
    await declare(`<script>alert(1)</script> demande 035 0320 012345 AB12C ${Date.now()}`, null);
    const page = await workspace.app.inject({ method: 'GET', url: '/statut' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.body).toContain('Incidents en cours');
    expect(page.body).not.toContain('<script>alert(1)</script>');
    expect(page.body).not.toContain('012345');
  });

  it('refuses hostile input with a clear 4xx, and keeps roles', async () => {
    const valid = {
      title: 'Titre',
      moduleValueId: null,
      publicText: '',
      startedAt: new Date().toISOString(),
    };
    for (const body of [
      { ...valid, title: '' },
      { ...valid, title: 'x'.repeat(201) },
      { ...valid, startedAt: 'hier' },
      { ...valid, moduleValueId: 'pas-un-uuid' },
      { ...valid, extra: 1 },
      null,
    ]) {
      const response = await call('supervisor', 'POST', '/api/incidents', body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
    }
    const unknownModule = await call('supervisor', 'POST', '/api/incidents', {
      ...valid,
      moduleValueId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknownModule.statusCode).toBe(400);
    expect((await call('agent', 'POST', '/api/incidents', valid)).statusCode).toBe(403);
    const id = await declare('Rôles', null);
    expect(
      (await call('agent', 'POST', `/api/incidents/${id}/answer`, { body: 'x' })).statusCode,
    ).toBe(403);
    for (const ticketIds of [[], [0], [-1], ['1'], Array(1001).fill(1)]) {
      const response = await call('agent', 'POST', `/api/incidents/${id}/tickets`, { ticketIds });
      expect(response.statusCode, JSON.stringify(ticketIds).slice(0, 40)).toBe(400);
    }
    expect(
      (await call('agent', 'POST', `/api/incidents/${id}/tickets`, { ticketIds: [999999999] }))
        .statusCode,
    ).toBe(404);
    expect((await call('agent', 'GET', '/api/incidents/pas-un-id')).statusCode).toBe(404);
    expect(
      (await call('supervisor', 'POST', `/api/incidents/${id}/answer`, { body: '' })).statusCode,
    ).toBe(400);
  });
});
