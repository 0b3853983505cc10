/**
 * A contact form submission records `ticket.opened` then `message.added` (actor:
 * the contact) in the same statement as the ticket (issue 17).
 */
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { describeEachBackend } from '../../../test/backends.ts';
import { withDefaultConfiguration } from '../../../test/factories.ts';
import { signer } from '../../../test/mail.ts';
import { type BlobStore, createBlobStore } from '../../storage/blob-store.ts';
import { submitContact } from './submit-contact.ts';

describeEachBackend('contact form ticket events', (ctx) => {
  let blobs: BlobStore;
  beforeAll(async () => {
    await withDefaultConfiguration(ctx.db);
    blobs = createBlobStore(path.join(await mkdtemp(path.join(os.tmpdir(), 'guichet-form-')), 'b'));
  });

  it('records ticket.opened, message.added and the filed département with the ticket, in that order', async () => {
    const at = new Date('2026-11-16T10:00:00Z');
    const result = await submitContact(
      { db: ctx.db, blobs, signer },
      {
        departement: '44',
        nature: { key: 'doublon', label: 'Demande en doublon', valueId: null },
        input: {
          lastName: 'Martin',
          firstName: 'Jeanne',
          email: 'jeanne.martin@example.org',
          phone: null,
          numeroUnique: null,
          message: 'Ma demande apparaît deux fois.',
        },
        files: [{ filename: 'note.txt', contentType: 'text/plain', bytes: Buffer.from('note') }],
        viewedArticleIds: [],
        at,
      },
    );
    const ticket = await ctx.db
      .selectFrom('tickets')
      .select(['mailbox_id', 'contact_id', 'channel'])
      .where('id', '=', result.ticketId)
      .executeTakeFirstOrThrow();
    expect(ticket.channel).toBe('form');
    const message = await ctx.db
      .selectFrom('messages')
      .select('id')
      .where('ticket_id', '=', result.ticketId)
      .executeTakeFirstOrThrow();
    const filed = await ctx.db
      .selectFrom('ticket_field_values')
      .select(['field_id', 'value_id'])
      .where('ticket_id', '=', result.ticketId)
      .where('auto_filled', '=', true)
      .executeTakeFirstOrThrow();
    const events = await ctx.db
      .selectFrom('ticket_events')
      .select(['type', 'mailbox_id', 'actor_kind', 'actor_user_id', 'data', 'at'])
      .where('ticket_id', '=', result.ticketId)
      .orderBy('id')
      .execute();
    expect(events).toEqual([
      {
        type: 'ticket.opened',
        mailbox_id: ticket.mailbox_id,
        actor_kind: 'contact',
        actor_user_id: null,
        data: {
          channel: 'form',
          status: 'active',
          contactId: ticket.contact_id,
          organisationId: null,
          linkedTicketId: null,
        },
        at,
      },
      {
        type: 'message.added',
        mailbox_id: ticket.mailbox_id,
        actor_kind: 'contact',
        actor_user_id: null,
        data: { messageId: message.id, kind: 'customer', authorUserId: null },
        at,
      },
      // the département filed by Guichet itself (issue 17: auto-filled values record their event)
      {
        type: 'ticket.field_changed',
        mailbox_id: ticket.mailbox_id,
        actor_kind: 'system',
        actor_user_id: null,
        data: { fieldId: filed.field_id, from: null, to: filed.value_id },
        at,
      },
    ]);
  });
});
