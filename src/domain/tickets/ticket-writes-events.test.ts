/**
 * Each ticket write of src/domain/tickets/ records exactly its ticket events
 * (types, data, actor) in its own transaction: a refused change records nothing.
 */
import type { Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachBackend } from '../../../test/backends.ts';
import { addMessage, createTicket, withDefaultConfiguration } from '../../../test/factories.ts';
import { mailMailbox, signer } from '../../../test/mail.ts';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../audit/record-audit.ts';
import { anonymiseTickets } from '../privacy/anonymise-tickets.ts';
import { recordRating } from '../ratings/record-rating.ts';
import { addNote } from './add-note.ts';
import { bulkChange } from './bulk-change.ts';
import { changeTicket } from './change-ticket.ts';
import { classifyTicket } from './classify-ticket.ts';
import { logPhoneCall } from './log-phone-call.ts';
import { mergeTickets } from './merge-tickets.ts';
import { replyToTicket } from './reply-to-ticket.ts';
import { splitMessage } from './split-message.ts';
import { refreshTicketTimings } from './ticket-timings.ts';

/** The ticket's events as stored, oldest first (only finished transactions are visible here). */
async function eventsOf(db: Kysely<DB>, ticketId: number) {
  const rows = await db
    .selectFrom('ticket_events')
    .select(['type', 'actor_kind', 'actor_user_id', 'data', 'mailbox_id'])
    .where('ticket_id', '=', ticketId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    type: r.type,
    actor: r.actor_user_id ?? r.actor_kind,
    data: r.data,
  }));
}

let seq = 0;
async function agent(db: Kysely<DB>): Promise<Actor> {
  seq += 1;
  const user = await db
    .insertInto('users')
    .values({
      email: `events-${seq}-${Date.now()}@example.org`,
      name: `Agent ${seq}`,
      role: 'agent',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { userId: user.id, label: null };
}

describeEachBackend('ticket writes record their events', (ctx) => {
  const setup = async () => {
    const { partenaires: mailboxId = '' } = await withDefaultConfiguration(ctx.db);
    const actor = await agent(ctx.db);
    const ticketId = await createTicket(ctx.db, { mailboxId, createdAt: new Date() });
    return { mailboxId, actor, userId: actor.userId as string, ticketId };
  };
  /** The mailbox's first field becomes required before closing. */
  const requireFirstFieldToClose = async (mailboxId: string) => {
    const field = await ctx.db
      .selectFrom('fields')
      .select('id')
      .where('mailbox_id', '=', mailboxId)
      .where('archived_at', 'is', null)
      .orderBy('position')
      .executeTakeFirstOrThrow();
    await ctx.db
      .updateTable('fields')
      .set({ required_to_close: true })
      .where('id', '=', field.id)
      .execute();
  };

  it('status, assignee and tags; closing without a required field records nothing', async () => {
    const { mailboxId, actor, userId, ticketId } = await setup();
    await requireFirstFieldToClose(mailboxId);
    await expect(changeTicket(ctx.db, ticketId, { status: 'closed' }, actor)).rejects.toThrow(
      /Required before closing/,
    );
    // the whole change is refused: neither the assignee nor any event is written
    await expect(
      changeTicket(ctx.db, ticketId, { assigneeId: userId, status: 'closed' }, actor),
    ).rejects.toThrow();
    expect(await eventsOf(ctx.db, ticketId)).toEqual([]);

    await changeTicket(
      ctx.db,
      ticketId,
      { status: 'pending', assigneeId: userId, tags: ['Facture', 'urgent'] },
      actor,
    );
    const tags = await ctx.db
      .selectFrom('ticket_tags')
      .innerJoin('tags', 'tags.id', 'ticket_tags.tag_id')
      .select(['tags.id', 'tags.name'])
      .where('ticket_id', '=', ticketId)
      .execute();
    const tagId = (name: string) => tags.find((t) => t.name === name)?.id;
    expect(await eventsOf(ctx.db, ticketId)).toEqual([
      { type: 'ticket.status_changed', actor: userId, data: { from: 'active', to: 'pending' } },
      { type: 'ticket.assignee_changed', actor: userId, data: { from: null, to: userId } },
      { type: 'ticket.tag_added', actor: userId, data: { tagId: tagId('Facture') } },
      { type: 'ticket.tag_added', actor: userId, data: { tagId: tagId('urgent') } },
    ]);

    // same tags again: nothing joins or leaves; one tag replaced
    await changeTicket(ctx.db, ticketId, { tags: ['Facture', 'urgent'] }, actor);
    await changeTicket(ctx.db, ticketId, { tags: ['Facture'] }, actor);
    const later = (await eventsOf(ctx.db, ticketId)).slice(4);
    expect(later).toEqual([
      { type: 'ticket.tag_removed', actor: userId, data: { tagId: tagId('urgent') } },
    ]);
    // the audit rows are still written, one per change
    const audit = await ctx.db
      .selectFrom('audit_events')
      .select('action')
      .where('target_id', '=', String(ticketId))
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'ticket.changed',
      'ticket.changed',
      'ticket.changed',
    ]);
  });

  it('classification: one field_changed per changed field; an unknown value refuses all', async () => {
    const { mailboxId, actor, userId, ticketId } = await setup();
    const values = await ctx.db
      .selectFrom('field_values')
      .innerJoin('fields', 'fields.id', 'field_values.field_id')
      .select(['field_values.id', 'field_values.field_id'])
      .where('fields.mailbox_id', '=', mailboxId)
      .where('field_values.archived_at', 'is', null)
      .orderBy('fields.position')
      .orderBy('field_values.position')
      .execute();
    const [first, second] = values;
    if (!first || !second) throw new Error('the default configuration has field values');
    await expect(
      classifyTicket(
        ctx.db,
        ticketId,
        { values: { [first.field_id]: first.id, [second.field_id]: crypto.randomUUID() } },
        actor,
      ),
    ).rejects.toThrow(/unknown value/);
    expect(await eventsOf(ctx.db, ticketId)).toEqual([]);

    await classifyTicket(ctx.db, ticketId, { values: { [first.field_id]: first.id } }, actor);
    await classifyTicket(ctx.db, ticketId, { values: { [first.field_id]: first.id } }, actor);
    await classifyTicket(ctx.db, ticketId, { values: { [first.field_id]: null } }, actor);
    expect(await eventsOf(ctx.db, ticketId)).toEqual([
      {
        type: 'ticket.field_changed',
        actor: userId,
        data: { fieldId: first.field_id, from: null, to: first.id },
      },
      {
        type: 'ticket.field_changed',
        actor: userId,
        data: { fieldId: first.field_id, from: first.id, to: null },
      },
    ]);
  });

  it('bulk: each ticket records its own events, a refused one none', async () => {
    const { mailboxId, actor, userId, ticketId } = await setup();
    const other = await createTicket(ctx.db, { mailboxId, createdAt: new Date() });
    await requireFirstFieldToClose(mailboxId);
    const closing = await bulkChange(
      ctx.db,
      'all',
      { ticketIds: [ticketId, other], action: { type: 'status', status: 'closed' } },
      actor,
    );
    expect(closing.updated).toEqual([]);
    expect(closing.refused.map((r) => r.ticketId)).toEqual([ticketId, other]);
    const result = await bulkChange(
      ctx.db,
      'all',
      { ticketIds: [ticketId, other], action: { type: 'tag', tag: 'Lot' } },
      actor,
    );
    expect(result.updated).toEqual([ticketId, other]);
    const tag = await ctx.db
      .selectFrom('tags')
      .select('id')
      .where('name', '=', 'Lot')
      .executeTakeFirstOrThrow();
    for (const id of [ticketId, other])
      expect(await eventsOf(ctx.db, id)).toEqual([
        { type: 'ticket.tag_added', actor: userId, data: { tagId: tag.id } },
      ]);
  });

  it('merge and split', async () => {
    const { mailboxId, actor, userId, ticketId: into } = await setup();
    const from = await createTicket(ctx.db, { mailboxId, createdAt: new Date() });
    const fromMessages = await ctx.db
      .selectFrom('messages')
      .select('id')
      .where('ticket_id', '=', from)
      .execute();
    await changeTicket(ctx.db, from, { tags: ['Fusion'] }, actor);
    const tag = await ctx.db
      .selectFrom('tags')
      .select('id')
      .where('name', '=', 'Fusion')
      .executeTakeFirstOrThrow();
    await mergeTickets(ctx.db, from, into, actor);
    expect((await eventsOf(ctx.db, from)).slice(1)).toEqual([
      {
        type: 'ticket.status_changed',
        actor: userId,
        data: { from: 'active', to: 'closed', reason: 'merged' },
      },
      { type: 'ticket.merged', actor: userId, data: { intoTicketId: into } },
    ]);
    expect(await eventsOf(ctx.db, into)).toEqual([
      {
        type: 'ticket.merge_received',
        actor: userId,
        data: { fromTicketId: from, messageIds: fromMessages.map((m) => m.id) },
      },
      { type: 'ticket.tag_added', actor: userId, data: { tagId: tag.id } },
    ]);

    const moved = fromMessages[0]?.id ?? 0;
    const split = await splitMessage(ctx.db, moved, actor);
    expect((await eventsOf(ctx.db, into)).slice(2)).toEqual([
      {
        type: 'ticket.split',
        actor: userId,
        data: { toTicketId: split.ticketId, messageIds: [moved] },
      },
    ]);
    expect(await eventsOf(ctx.db, split.ticketId)).toEqual([
      {
        type: 'ticket.opened',
        actor: userId,
        data: {
          channel: 'email',
          status: 'active',
          contactId: null,
          organisationId: null,
          linkedTicketId: into,
          splitFromTicketId: into,
        },
      },
    ]);
  });

  it('a reply, a note and a call: message.added, the status change and the first response', async () => {
    const { mailboxId } = await mailMailbox(ctx.db);
    const actor = await agent(ctx.db);
    const userId = actor.userId as string;
    const created = new Date(Date.now() - 60_000);
    const ticketId = await createTicket(ctx.db, { mailboxId, createdAt: created });
    const contact = await ctx.db
      .insertInto('contacts')
      .values({ email: `events-${Date.now()}@example.org` })
      .returning('id')
      .executeTakeFirstOrThrow();
    await ctx.db
      .updateTable('tickets')
      .set({ contact_id: contact.id })
      .where('id', '=', ticketId)
      .execute();

    const note = await addNote(ctx.db, { ticketId, authorUserId: userId, body: 'Interne.' });
    const reply = await replyToTicket(ctx.db, signer, {
      ticketId,
      authorUserId: userId,
      body: 'Bonjour.',
    });
    const call = await logPhoneCall(ctx.db, {
      ticketId,
      authorUserId: userId,
      direction: 'outbound',
      durationSeconds: 60,
      summary: 'Rappel.',
    });
    const facts = await ctx.db
      .selectFrom('tickets')
      .select(['first_response_seconds', 'first_response_business_seconds'])
      .where('id', '=', ticketId)
      .executeTakeFirstOrThrow();
    expect(await eventsOf(ctx.db, ticketId)).toEqual([
      {
        type: 'message.added',
        actor: userId,
        data: { messageId: note.messageId, kind: 'note', authorUserId: userId },
      },
      {
        type: 'message.added',
        actor: userId,
        data: { messageId: reply.messageId, kind: 'reply', authorUserId: userId },
      },
      { type: 'ticket.status_changed', actor: userId, data: { from: 'active', to: 'pending' } },
      {
        type: 'ticket.first_response',
        actor: userId,
        data: {
          messageId: reply.messageId,
          seconds: facts.first_response_seconds,
          businessSeconds: facts.first_response_business_seconds,
        },
      },
      // the call comes after the reply: the first response stays the reply's
      {
        type: 'message.added',
        actor: userId,
        data: { messageId: call.messageId, kind: 'phone', authorUserId: userId },
      },
    ]);

    await recordRating(ctx.db, { messageId: reply.messageId, level: 'great', comment: null });
    await recordRating(ctx.db, { messageId: reply.messageId, level: 'okay', comment: null });
    const rating = await ctx.db
      .selectFrom('ratings')
      .select('id')
      .where('message_id', '=', reply.messageId)
      .executeTakeFirstOrThrow();
    await anonymiseTickets(ctx.db, [ticketId]);
    expect((await eventsOf(ctx.db, ticketId)).slice(5)).toEqual([
      {
        type: 'ticket.rated',
        actor: 'contact',
        data: { messageId: reply.messageId, ratingId: rating.id, value: 3 },
      },
      {
        type: 'ticket.rated',
        actor: 'contact',
        data: { messageId: reply.messageId, ratingId: rating.id, value: 2 },
      },
      { type: 'ticket.anonymised', actor: 'system', data: {} },
    ]);
  });

  it('the first response of stored timing facts, once', async () => {
    const { mailboxId, ticketId } = await setup();
    const at = new Date();
    const reply = await addMessage(ctx.db, ticketId, mailboxId, 'reply', at);
    await refreshTicketTimings(ctx.db, [ticketId]);
    expect(await eventsOf(ctx.db, ticketId)).toEqual([]); // no actor: a fixture's bulk write
    await ctx.db
      .updateTable('tickets')
      .set({ first_response_at: null, first_response_seconds: null })
      .where('id', '=', ticketId)
      .execute();
    await refreshTicketTimings(ctx.db, [ticketId], undefined, { kind: 'system' });
    await refreshTicketTimings(ctx.db, [ticketId], undefined, { kind: 'system' });
    const events = await eventsOf(ctx.db, ticketId);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'ticket.first_response',
      actor: 'system',
      data: { messageId: reply },
    });
  });
});
