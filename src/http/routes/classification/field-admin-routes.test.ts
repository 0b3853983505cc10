/**
 * Fields and values kept over HTTP (issue 15 §1): add a field and values,
 * rename, reorder, retire and restore, merge; supervisors only; hostile input
 * answered 400 or 404, never 500; a used value keeps its tickets when renamed
 * or retired.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachBackend } from '../../../../test/backends.ts';
import { createTicket, withDefaultConfiguration } from '../../../../test/factories.ts';
import { buildTestApp, type LoggedIn, logIn, makeUser } from '../../../../test/http.ts';
import type { FieldAdminDto, FieldAdminListDto } from '../../../shared/setup-contracts.ts';

describeEachBackend('field and value routes', (ctx) => {
  let app: FastifyInstance;
  let supervisor: LoggedIn;
  let agent: LoggedIn;
  let mailboxId = '';

  beforeAll(async () => {
    app = await buildTestApp(ctx.database);
    mailboxId = (await withDefaultConfiguration(ctx.db)).demandeurs ?? '';
    supervisor = await logIn(app, (await makeUser(ctx.database, 'supervisor')).email);
    agent = await logIn(app, (await makeUser(ctx.database, 'agent')).email);
  });
  afterAll(async () => {
    await app.close();
  });

  const call = (
    who: LoggedIn,
    method: 'GET' | 'POST' | 'PUT' | 'PATCH',
    url: string,
    payload?: unknown,
  ) =>
    app.inject({
      method,
      url,
      payload: payload as Record<string, unknown> | undefined,
      headers: { cookie: who.cookie, 'x-csrf-token': who.csrfToken },
    });
  const fieldNamed = (list: FieldAdminListDto, label: string): FieldAdminDto => {
    const field = list.fields.find((f) => f.label === label);
    if (!field) throw new Error(`no field ${label}`);
    return field;
  };

  it('adds a field and its values, renames, reorders, retires, restores and merges', async () => {
    const added = await call(supervisor, 'POST', `/api/mailboxes/${mailboxId}/fields`, {
      label: 'Pièce manquante',
    });
    expect(added.statusCode).toBe(201);
    let field = fieldNamed(added.json<FieldAdminListDto>(), 'Pièce manquante');
    expect(field.key).toBe('piece_manquante');
    for (const label of ['Avis d’imposition', 'Bail', 'Quittance'])
      expect(
        (await call(supervisor, 'POST', `/api/fields/${field.id}/values`, { label })).statusCode,
      ).toBe(201);
    const again = await call(supervisor, 'POST', `/api/fields/${field.id}/values`, {
      label: 'Bail',
    });
    expect(again.statusCode).toBe(409);
    let list = (
      await call(supervisor, 'GET', `/api/mailboxes/${mailboxId}/fields`)
    ).json<FieldAdminListDto>();
    field = fieldNamed(list, 'Pièce manquante');
    const [avis, bail, quittance] = field.values;
    if (!avis || !bail || !quittance) throw new Error('three values expected');

    // A ticket classified with "Bail": its count survives a rename and a retirement.
    const ticket = await createTicket(ctx.db, { mailboxId, createdAt: new Date() });
    await ctx.db
      .insertInto('ticket_field_values')
      .values({ ticket_id: ticket, field_id: field.id, value_id: bail.id })
      .execute();
    list = (
      await call(supervisor, 'PATCH', `/api/field-values/${bail.id}`, { label: 'Bail signé' })
    ).json<FieldAdminListDto>();
    list = (
      await call(supervisor, 'PATCH', `/api/field-values/${bail.id}`, { retired: true })
    ).json<FieldAdminListDto>();
    expect(fieldNamed(list, 'Pièce manquante').values[1]).toMatchObject({
      label: 'Bail signé',
      retired: true,
      tickets: 1,
    });
    list = (
      await call(supervisor, 'PATCH', `/api/field-values/${bail.id}`, { retired: false })
    ).json<FieldAdminListDto>();
    expect(fieldNamed(list, 'Pièce manquante').values[1]?.retired).toBe(false);

    const order = [quittance.id, avis.id, bail.id];
    list = (
      await call(supervisor, 'PUT', `/api/fields/${field.id}/order`, { values: order })
    ).json<FieldAdminListDto>();
    expect(fieldNamed(list, 'Pièce manquante').values.map((v) => v.id)).toEqual(order);

    const renamed = await call(supervisor, 'PUT', `/api/fields/${field.id}/label`, {
      label: 'Pièce à fournir',
    });
    expect(fieldNamed(renamed.json<FieldAdminListDto>(), 'Pièce à fournir').key).toBe(
      'piece_manquante',
    );

    expect(
      (await call(supervisor, 'POST', `/api/field-values/${bail.id}/merge`, { into: avis.id }))
        .statusCode,
    ).toBe(200);
    list = (
      await call(supervisor, 'GET', `/api/mailboxes/${mailboxId}/fields`)
    ).json<FieldAdminListDto>();
    expect(fieldNamed(list, 'Pièce à fournir').values.find((v) => v.id === bail.id)).toMatchObject({
      mergedInto: avis.id,
      retired: true,
    });
    // A merged value does not come back.
    expect(
      (await call(supervisor, 'PATCH', `/api/field-values/${bail.id}`, { retired: false }))
        .statusCode,
    ).toBe(409);
  });

  it('refuses hostile input and other roles', async () => {
    const list = (
      await call(supervisor, 'GET', `/api/mailboxes/${mailboxId}/fields`)
    ).json<FieldAdminListDto>();
    const field = list.fields[0];
    const value = field?.values[0];
    if (!field || !value) throw new Error('the default configuration has fields');
    for (const body of [
      {},
      { label: '' },
      { label: '   ' },
      { label: 'a\r\nb' },
      { label: 'x'.repeat(201) },
      { label: 'ok', extra: true },
      { label: 42 },
      [],
    ]) {
      expect(
        (await call(supervisor, 'POST', `/api/fields/${field.id}/values`, body)).statusCode,
      ).toBe(400);
      expect(
        (await call(supervisor, 'PUT', `/api/fields/${field.id}/label`, body)).statusCode,
      ).toBe(400);
      expect(
        (await call(supervisor, 'POST', `/api/mailboxes/${mailboxId}/fields`, body)).statusCode,
      ).toBe(400);
    }
    for (const body of [{}, { retired: 'yes' }, { label: null }, { merged: true }])
      expect(
        (await call(supervisor, 'PATCH', `/api/field-values/${value.id}`, body)).statusCode,
      ).toBe(400);
    for (const values of [[], [value.id, value.id], ['not-a-uuid'], [crypto.randomUUID()]])
      expect(
        (await call(supervisor, 'PUT', `/api/fields/${field.id}/order`, { values })).statusCode,
      ).toBe(400);
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect((await call(supervisor, 'GET', `/api/mailboxes/${unknown}/fields`)).statusCode).toBe(
      404,
    );
    expect((await call(supervisor, 'GET', '/api/mailboxes/x/fields')).statusCode).toBe(404);
    expect(
      (await call(supervisor, 'POST', `/api/fields/${unknown}/values`, { label: 'x' })).statusCode,
    ).toBe(404);
    expect(
      (await call(supervisor, 'PATCH', `/api/field-values/${unknown}`, { label: 'x' })).statusCode,
    ).toBe(404);
    expect((await call(agent, 'GET', `/api/mailboxes/${mailboxId}/fields`)).statusCode).toBe(403);
    expect(
      (await call(agent, 'POST', `/api/fields/${field.id}/values`, { label: 'x' })).statusCode,
    ).toBe(403);
  });
});
