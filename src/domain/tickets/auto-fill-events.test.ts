/**
 * Values Guichet files by itself when a ticket opens (the organisation
 * directory for mail, the contact form's answers) record `ticket.field_changed`
 * like any other change of a field: from nothing, actor the system, in the
 * same transaction or statement as the ticket.
 */
import type { Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachBackend } from '../../../test/backends.ts';
import { createTicket, withDefaultConfiguration } from '../../../test/factories.ts';
import type { DB } from '../../db/schema.ts';
import { autoFillFields, nextTicketNumber } from './open-ticket.ts';
import { openTicketFromForm } from './open-ticket-from-form.ts';

/** The first value of each of the first two fields of `mailboxId`. */
async function twoValues(db: Kysely<DB>, mailboxId: string) {
  const rows = await db
    .selectFrom('field_values')
    .innerJoin('fields', 'fields.id', 'field_values.field_id')
    .select(['field_values.id', 'field_values.field_id', 'fields.position'])
    .where('fields.mailbox_id', '=', mailboxId)
    .where('field_values.archived_at', 'is', null)
    .orderBy('fields.position')
    .orderBy('field_values.position')
    .execute();
  const [first, second] = [...new Map(rows.map((r) => [r.field_id, r])).values()];
  if (!first || !second) throw new Error(`mailbox ${mailboxId} has two fields with values`);
  return [first, second];
}

async function eventsOf(db: Kysely<DB>, ticketId: number) {
  return db
    .selectFrom('ticket_events')
    .select(['type', 'actor_kind', 'data', 'mailbox_id'])
    .where('ticket_id', '=', ticketId)
    .orderBy('id')
    .execute();
}

describeEachBackend('auto-filled values at opening record their events', (ctx) => {
  it('mail (organisation directory): one field_changed per value filed; a set field or another mailbox’s value records nothing', async () => {
    const { partenaires = '', demandeurs = '' } = await withDefaultConfiguration(ctx.db);
    const [first, second] = await twoValues(ctx.db, partenaires);
    const [foreign] = await twoValues(ctx.db, demandeurs);
    const ticketId = await createTicket(ctx.db, { mailboxId: partenaires, createdAt: new Date() });
    const before = (await eventsOf(ctx.db, ticketId)).length;

    await ctx.db
      .transaction()
      .execute((trx) =>
        autoFillFields(trx, ticketId, partenaires, [first?.id ?? '', null, foreign?.id ?? '']),
      );
    // a second pass: the first field is already set (left alone), the second one is new
    await ctx.db
      .transaction()
      .execute((trx) =>
        autoFillFields(trx, ticketId, partenaires, [first?.id ?? '', second?.id ?? '']),
      );

    expect((await eventsOf(ctx.db, ticketId)).slice(before)).toEqual([
      {
        type: 'ticket.field_changed',
        actor_kind: 'system',
        mailbox_id: partenaires,
        data: { fieldId: first?.field_id, from: null, to: first?.id },
      },
      {
        type: 'ticket.field_changed',
        actor_kind: 'system',
        mailbox_id: partenaires,
        data: { fieldId: second?.field_id, from: null, to: second?.id },
      },
    ]);
    const filed = await ctx.db
      .selectFrom('ticket_field_values')
      .select(['field_id', 'value_id', 'auto_filled'])
      .where('ticket_id', '=', ticketId)
      .orderBy('field_id')
      .execute();
    expect(filed).toHaveLength(2);
    expect(filed.every((row) => row.auto_filled)).toBe(true);
  });

  it('contact form: opened and message added (the contact), then the values filed (the system), in one statement', async () => {
    const { demandeurs = '', partenaires = '' } = await withDefaultConfiguration(ctx.db);
    const [first, second] = await twoValues(ctx.db, demandeurs);
    const [foreign] = await twoValues(ctx.db, partenaires);
    const number = await nextTicketNumber(ctx.db);
    const ticket = await openTicketFromForm(ctx.db, {
      mailboxId: demandeurs,
      number,
      at: new Date(),
      subject: 'Demande de logement',
      contact: { email: 'auto.fill@example.org', name: 'Camille Exemple' },
      body: 'Bonjour',
      flags: { web_form: true },
      valueIds: [second?.id ?? '', foreign?.id ?? '', first?.id ?? ''],
      attachments: [],
    })
      .selectFrom('ticket')
      .select(['id'])
      .executeTakeFirstOrThrow();

    const events = await eventsOf(ctx.db, ticket.id);
    expect(events.map((e) => [e.type, e.actor_kind])).toEqual([
      ['ticket.opened', 'contact'],
      ['message.added', 'contact'],
      ['ticket.field_changed', 'system'],
      ['ticket.field_changed', 'system'],
    ]);
    const changed = events.slice(2).map((e) => e.data);
    expect(changed).toEqual(
      expect.arrayContaining([
        { fieldId: first?.field_id, from: null, to: first?.id },
        { fieldId: second?.field_id, from: null, to: second?.id },
      ]),
    );
    expect(events.every((e) => e.mailbox_id === demandeurs)).toBe(true);
  });
});
