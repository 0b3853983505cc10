import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachBackend } from '../../../../test/backends.ts';
import { buildTestApp, type LoggedIn, logIn, makeUser } from '../../../../test/http.ts';
import { inboundDeps, mailMailbox, plainMail, uniqueId } from '../../../../test/mail.ts';
import { ingestMail } from '../../../mail/inbound/ingest-mail.ts';
import type {
  DirectoryImportDto,
  DirectoryOptionsDto,
  OrganisationDetailDto,
  OrganisationListDto,
} from '../../../shared/directory-contracts.ts';

describeEachBackend('organisation directory routes', (ctx) => {
  let app: FastifyInstance;
  let supervisor: LoggedIn;
  let agent: LoggedIn;
  let viewer: LoggedIn;
  let options: DirectoryOptionsDto;
  let mailboxId = '';
  beforeAll(async () => {
    app = await buildTestApp(ctx.database);
    ({ mailboxId } = await mailMailbox(ctx.db));
    supervisor = await logIn(app, (await makeUser(ctx.database, 'supervisor')).email);
    agent = await logIn(app, (await makeUser(ctx.database, 'agent')).email);
    viewer = await logIn(app, (await makeUser(ctx.database, 'viewer')).email);
    options = (await call(agent, 'GET', '/api/organisations/options')).json();
  });
  afterAll(async () => {
    await app.close();
  });

  const call = (
    who: LoggedIn | null,
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ) =>
    app.inject({
      method,
      url,
      ...(payload === undefined ? {} : { payload: payload as string }),
      headers: {
        ...(who ? { cookie: who.cookie, 'x-csrf-token': who.csrfToken } : {}),
        ...headers,
      },
    });
  const valueId = (list: { id: string; label: string }[], label: string) => {
    const found = list.find((v) => v.label === label);
    if (!found) throw new Error(`no value ${label}`);
    return found.id;
  };
  const csv = (who: LoggedIn, text: string | Buffer, dryRun: boolean) =>
    call(who, 'POST', `/api/organisations/import?dryRun=${dryRun}`, text, {
      'content-type': 'text/csv',
    });

  it('offers the partner types and départements of SPEC §3', () => {
    expect(options.partnerTypes.map((v) => v.label)).toContain('Bailleur social');
    expect(options.partnerTypes).toHaveLength(6);
    expect(options.departements.map((v) => v.label)).toEqual([
      '44',
      '35',
      '49',
      '56',
      '29',
      '22',
      '85',
      '72',
      '53',
      'Autre FP',
    ]);
  });

  it('lets supervisors create, search, read, update; agents only read', async () => {
    const body = {
      name: 'Habitat Éléphant',
      partnerTypeValueId: valueId(options.partnerTypes, 'Bailleur social'),
      departementValueId: valueId(options.departements, '44'),
      domains: ['Habitat-Elephant.example.org', '@mail.habitat-elephant.example.org'],
    };
    expect((await call(null, 'POST', '/api/organisations', body)).statusCode).toBe(401);
    expect((await call(viewer, 'GET', '/api/organisations')).statusCode).toBe(403);
    expect((await call(agent, 'POST', '/api/organisations', body)).statusCode).toBe(403);
    const created = await call(supervisor, 'POST', '/api/organisations', body);
    expect(created.statusCode).toBe(201);
    const org: OrganisationDetailDto = created.json();
    expect(org.domains).toEqual([
      'habitat-elephant.example.org',
      'mail.habitat-elephant.example.org',
    ]);
    expect(org.partnerType?.label).toBe('Bailleur social');
    expect(org.tickets).toEqual({ total: 0, open: 0, last30Days: 0, last365Days: 0 });

    const again = await call(supervisor, 'POST', '/api/organisations', {
      name: 'habitat elephant',
    });
    expect(again.statusCode).toBe(409);

    const found: OrganisationListDto = (
      await call(agent, 'GET', `/api/organisations?q=${encodeURIComponent('éléph')}`)
    ).json();
    expect(found.organisations.map((o) => o.id)).toEqual([org.id]);
    const byDomain: OrganisationListDto = (
      await call(agent, 'GET', '/api/organisations?q=mail.habitat')
    ).json();
    expect(byDomain.total).toBe(1);
    const none: OrganisationListDto = (
      await call(agent, 'GET', '/api/organisations?q=%25_%5C')
    ).json();
    expect(none.total).toBe(0);

    const patched = await call(supervisor, 'PATCH', `/api/organisations/${org.id}`, {
      departementValueId: valueId(options.departements, '35'),
      domains: ['habitat-elephant.example.org'],
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json().departement.label).toBe('35');
    expect(patched.json().domains).toEqual(['habitat-elephant.example.org']);
    expect(
      (await call(agent, 'PATCH', `/api/organisations/${org.id}`, { name: 'X' })).statusCode,
    ).toBe(403);
    const audit = await ctx.db
      .selectFrom('audit_events')
      .select('action')
      .where('target_id', '=', org.id)
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual([
      'organisation.create',
      'organisation.update',
    ]);
  });

  it('keeps one organisation when two supervisors create it at once', async () => {
    const both = await Promise.all(
      ['Course Habitat', 'COURSE HABITAT'].map((name) =>
        call(supervisor, 'POST', '/api/organisations', { name, domains: ['course.example.org'] }),
      ),
    );
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const rows = await ctx.db
      .selectFrom('organisations')
      .select('id')
      .where('name', 'ilike', 'course habitat')
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('refuses webmail domains, bad values and mass assignment with a clear 4xx', async () => {
    const webmail = await call(supervisor, 'POST', '/api/organisations', {
      name: 'Webmail SA',
      domains: ['orange.fr'],
    });
    expect(webmail.statusCode).toBe(400);
    expect(webmail.json().error.message).toMatch(/orange\.fr is a webmail domain/);
    for (const payload of [
      {},
      { name: '' },
      { name: 'x'.repeat(301) },
      { name: 'Tab\there' },
      { name: 'A', partnerTypeValueId: 'not-a-uuid' },
      { name: 'A', partnerTypeValueId: valueId(options.departements, '44') },
      { name: 'A', id: '00000000-0000-4000-8000-000000000000' },
      { name: 'A', domains: ['not a domain'] },
      { name: 'A', domains: Array.from({ length: 51 }, (_, i) => `d${i}.example.org`) },
      '{"name": "not json at all',
    ]) {
      const json = { 'content-type': 'application/json' };
      const response = await call(supervisor, 'POST', '/api/organisations', payload, json);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
    }
    for (const url of [
      '/api/organisations/nope',
      '/api/organisations/00000000-0000-4000-8000-000000000000',
    ]) {
      expect((await call(agent, 'GET', url)).statusCode).toBe(404);
      expect((await call(supervisor, 'PATCH', url, { name: 'Y' })).statusCode).toBe(404);
      expect((await call(supervisor, 'DELETE', url)).statusCode).toBe(404);
    }
    expect((await call(agent, 'GET', '/api/organisations?pageSize=1000')).statusCode).toBe(400);
    expect((await call(agent, 'GET', '/api/organisations?page=-1')).statusCode).toBe(400);
  });

  it('auto-fills a new ticket from the sender’s (sub)domain through the real pipeline', async () => {
    const created = await call(supervisor, 'POST', '/api/organisations', {
      name: 'Bailleur Pipeline',
      partnerTypeValueId: valueId(options.partnerTypes, 'Bailleur social'),
      departementValueId: valueId(options.departements, '49'),
      domains: ['bailleur-pipeline.example.org'],
    });
    const org: OrganisationDetailDto = created.json();
    const deps = await inboundDeps(ctx.db);
    const receive = async (from: string, box = mailboxId) => {
      const outcome = await ingestMail(deps, {
        raw: plainMail({ from, subject: 'Accès', messageId: uniqueId('dir') }),
        mailboxId: box,
        source: 'smtp',
      });
      if (outcome.status !== 'created') throw new Error(JSON.stringify(outcome));
      return outcome.ticketId;
    };
    const filled = (ticketId: number) =>
      ctx.db
        .selectFrom('ticket_field_values as tfv')
        .innerJoin('fields', 'fields.id', 'tfv.field_id')
        .innerJoin('field_values', 'field_values.id', 'tfv.value_id')
        .select(['fields.key', 'field_values.label', 'tfv.auto_filled', 'fields.mailbox_id'])
        .where('tfv.ticket_id', '=', ticketId)
        .orderBy('fields.key')
        .execute();
    const ticketId = await receive('Claire <claire@agence.bailleur-pipeline.example.org>');
    expect(await filled(ticketId)).toEqual([
      { key: 'departement', label: '49', auto_filled: true, mailbox_id: mailboxId },
      { key: 'partner_type', label: 'Bailleur social', auto_filled: true, mailbox_id: mailboxId },
    ]);
    const ticket = await ctx.db
      .selectFrom('tickets')
      .select('organisation_id')
      .where('id', '=', ticketId)
      .executeTakeFirstOrThrow();
    expect(ticket.organisation_id).toBe(org.id);
    // The applicants' mailbox has no partner type: its own "49" is filled in.
    const demandeurs = await ctx.db
      .selectFrom('mailboxes')
      .select('id')
      .where('slug', '=', 'demandeurs')
      .executeTakeFirstOrThrow();
    const other = await receive('paul@bailleur-pipeline.example.org', demandeurs.id);
    expect(await filled(other)).toEqual([
      { key: 'departement', label: '49', auto_filled: true, mailbox_id: demandeurs.id },
    ]);
    // Look-alike and webmail domains match nothing.
    for (const from of ['x@bailleur-pipeline.example.org.evil.example.net', 'y@gmail.com']) {
      expect(await filled(await receive(from))).toEqual([]);
    }
    const detail: OrganisationDetailDto = (
      await call(agent, 'GET', `/api/organisations/${org.id}`)
    ).json();
    expect(detail.contacts.map((c) => c.email).sort()).toEqual([
      'claire@agence.bailleur-pipeline.example.org',
      'paul@bailleur-pipeline.example.org',
    ]);
    expect(detail.tickets).toMatchObject({ total: 2, open: 2, last30Days: 2 });
    expect(detail.ticketCount).toBe(2);

    // An organisation with tickets is merged, not deleted.
    const deleted = await call(supervisor, 'DELETE', `/api/organisations/${org.id}`);
    expect(deleted.statusCode).toBe(409);
    const twin: OrganisationDetailDto = (
      await call(supervisor, 'POST', '/api/organisations', {
        name: 'Bailleur Pipeline (doublon)',
        domains: ['pipeline-2.example.org'],
      })
    ).json();
    const merged = await call(supervisor, 'POST', `/api/organisations/${org.id}/merge`, {
      into: twin.id,
    });
    expect(merged.statusCode).toBe(200);
    expect(merged.json().moved).toEqual({ domains: 1, contacts: 2, tickets: 2 });
    const after: OrganisationDetailDto = (
      await call(agent, 'GET', `/api/organisations/${twin.id}`)
    ).json();
    expect(after.domains).toEqual(['bailleur-pipeline.example.org', 'pipeline-2.example.org']);
    expect(after.partnerType?.label).toBe('Bailleur social');
    expect(after.tickets.total).toBe(2);
    expect((await call(agent, 'GET', `/api/organisations/${org.id}`)).statusCode).toBe(404);
    expect(
      (await call(supervisor, 'POST', `/api/organisations/${twin.id}/merge`, { into: twin.id }))
        .statusCode,
    ).toBe(400);
    const empty: OrganisationDetailDto = (
      await call(supervisor, 'POST', '/api/organisations', { name: 'Vide' })
    ).json();
    expect((await call(supervisor, 'DELETE', `/api/organisations/${empty.id}`)).statusCode).toBe(
      204,
    );
  });

  it('imports a CSV: the dry run reports exactly what the import then does', async () => {
    const file =
      '\uFEFFnom;type;département;domaines\r\n' +
      'Ville de Nantes Test;Collectivités - EPCI;44;"ville-nantes.example.org, mairie.ville-nantes.example.org"\r\n' +
      'ADIL Test;adil 44;44;adil-test.example.org\r\n' +
      'Inconnu SA;Martiens;44;inconnu.example.org\r\n' +
      'Département inconnu;Etat;99;\r\n' +
      'Webmail;Etat;44;gmail.com\r\n' +
      '"=HYPERLINK(""http://evil.example.org"")";Etat;44;\r\n' +
      'Voleur;Etat;44;ville-nantes.example.org\r\n';
    const dry = await csv(supervisor, file, true);
    expect(dry.statusCode).toBe(200);
    const report: DirectoryImportDto = dry.json();
    expect(report).toMatchObject({ dryRun: true, lines: 7, created: 2, updated: 0, unchanged: 0 });
    expect(report.errors.map((e) => e.line)).toEqual([4, 5, 6, 7, 8]);
    expect(report.errors[0]?.message).toMatch(/unknown type “Martiens”/);
    expect(report.errors[1]?.message).toMatch(/unknown département “99”/);
    expect(report.errors[2]?.message).toMatch(/gmail\.com is a webmail domain/);
    expect(report.errors[3]?.message).toMatch(/formulas are refused/);
    expect(report.errors[4]?.message).toMatch(/already belongs to “Ville de Nantes Test”/);
    const countNamed = async () =>
      (
        await ctx.db
          .selectFrom('organisations')
          .select('name')
          .where('name', 'in', ['Ville de Nantes Test', 'ADIL Test'])
          .execute()
      ).length;
    expect(await countNamed()).toBe(0);

    const real: DirectoryImportDto = (await csv(supervisor, file, false)).json();
    expect({ ...real, dryRun: true }).toEqual(report);
    expect(await countNamed()).toBe(2);
    const again: DirectoryImportDto = (await csv(supervisor, file, false)).json();
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    const more: DirectoryImportDto = (
      await csv(supervisor, 'ADIL TEST,,35,adil-bis.example.org\n', false)
    ).json();
    expect(more).toMatchObject({ created: 0, updated: 1, errors: [] });
    const adil: OrganisationListDto = (
      await call(agent, 'GET', '/api/organisations?q=adil%20test')
    ).json();
    expect(adil.organisations[0]).toMatchObject({
      departement: { label: '35' },
      partnerType: { label: 'ADIL 44' },
      domains: ['adil-bis.example.org', 'adil-test.example.org'],
    });
  });

  it('answers hostile uploads with a report or a 4xx, never a 500', async () => {
    expect((await csv(agent, 'x', true)).statusCode).toBe(403);
    const latin1 = Buffer.from('Café Latin;Etat;44;\n', 'latin1');
    const bad: DirectoryImportDto = (await csv(supervisor, latin1, false)).json();
    expect(bad.errors[0]?.message).toMatch(/not valid UTF-8/);
    expect(bad.created).toBe(0);
    const huge = await csv(supervisor, `${'x'.repeat(3 * 1024 * 1024)}\n`, true);
    expect(huge.statusCode).toBe(413);
    const long: DirectoryImportDto = (
      await csv(supervisor, `${'y'.repeat(100_000)};Etat;44;\nCourt;Etat;44;\n`, true)
    ).json();
    expect(long.errors).toHaveLength(1);
    expect(long.created).toBe(1);
    const broken: DirectoryImportDto = (
      await csv(supervisor, 'A;Etat;44;\n"B;Etat;44;\nC;Etat;44;\n', true)
    ).json();
    expect(broken.errors.length).toBeGreaterThan(0);
    expect(broken.created).toBeGreaterThanOrEqual(1);
    const json = await call(supervisor, 'POST', '/api/organisations/import', { csv: 'A;B' });
    expect(json.statusCode).toBe(400);
    const query = await csv(supervisor, 'A;Etat;44;\n', 'maybe' as unknown as boolean);
    expect(query.statusCode).toBe(400);
    const empty: DirectoryImportDto = (await csv(supervisor, '', true)).json();
    expect(empty).toMatchObject({ lines: 0, created: 0, errors: [] });
  });
});
