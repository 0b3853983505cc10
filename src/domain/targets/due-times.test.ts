/**
 * Due times under response targets (issue 18), on both backends: each ticket
 * write moves its due time in its own transaction (domain/tickets/ticket-due-times.ts).
 * Time is controlled by the dates given to the writers, never by the clock.
 */
import { expect, it } from 'vitest';
import { describeEachBackend } from '../../../test/backends.ts';
import { dueOf, freshMailbox, openAt, supervisor, terms } from '../../../test/support/targets.ts';
import { appendCustomerMessage } from '../tickets/append-customer-message.ts';
import { changeTicket } from '../tickets/change-ticket.ts';
import { logPhoneCall } from '../tickets/log-phone-call.ts';
import { changeTarget, createTarget } from './manage-targets.ts';

describeEachBackend('due times of response targets', (ctx) => {
  it('a first-response target in calendar time; a phone call is the first response', async () => {
    const mailboxId = await freshMailbox(ctx.db);
    const sup = await supervisor(ctx.db);
    await createTarget(
      ctx.db,
      {
        mailboxId,
        fieldValueId: null,
        organisationTypeValueId: null,
        terms: terms({
          firstResponseMinutes: 60,
          resolutionMinutes: 3 * 24 * 60,
          warnBeforeMinutes: 15,
        }),
      },
      sup,
      new Date('2026-01-01T00:00:00Z'),
    );
    const id = await openAt(ctx.db, mailboxId, new Date('2026-03-02T10:00:00Z'));
    expect(await dueOf(ctx.db, id)).toEqual({
      at: '2026-03-02T11:00:00.000Z',
      kind: 'first_response',
      detail: '2026-03-02T11:00:00.000Z',
      warnAt: '2026-03-02T10:45:00.000Z',
    });
    await logPhoneCall(ctx.db, {
      ticketId: id,
      direction: 'outbound',
      durationSeconds: 120,
      summary: 'Rappelé',
      authorUserId: sup.userId,
      at: new Date('2026-03-02T10:20:00Z'),
    });
    // answered by the call: the resolution is what is due now
    expect(await dueOf(ctx.db, id)).toMatchObject({
      at: '2026-03-05T10:00:00.000Z',
      kind: 'resolution',
    });
    // the customer writes again: the next response is due (no next-response duration: none)
    await ctx.db.transaction().execute((trx) =>
      appendCustomerMessage(trx, {
        ticket: { id, mailboxId, status: 'pending' },
        message: {
          kind: 'customer',
          body_text: 'Merci',
          created_at: new Date('2026-03-03T08:00:00Z'),
        },
        reopen: false,
        wake: true,
      }),
    );
    expect((await dueOf(ctx.db, id)).kind).toBe('resolution');
    // closed: no due time, no row for the escalation job
    await changeTicket(ctx.db, id, { status: 'closed' }, sup);
    expect(await dueOf(ctx.db, id)).toEqual({ at: null, kind: null, detail: null, warnAt: null });
  });

  it('a next-response target after the customer answers', async () => {
    const mailboxId = await freshMailbox(ctx.db);
    const sup = await supervisor(ctx.db);
    await createTarget(
      ctx.db,
      {
        mailboxId,
        fieldValueId: null,
        organisationTypeValueId: null,
        terms: terms({ firstResponseMinutes: 60, nextResponseMinutes: 120 }),
      },
      sup,
      new Date('2026-01-01T00:00:00Z'),
    );
    const id = await openAt(ctx.db, mailboxId, new Date('2026-03-02T10:00:00Z'));
    await logPhoneCall(ctx.db, {
      ticketId: id,
      direction: 'outbound',
      durationSeconds: 60,
      summary: 'Appel',
      authorUserId: sup.userId,
      at: new Date('2026-03-02T10:30:00Z'),
    });
    expect((await dueOf(ctx.db, id)).at).toBeNull();
    await ctx.db.transaction().execute((trx) =>
      appendCustomerMessage(trx, {
        ticket: { id, mailboxId, status: 'active' },
        message: {
          kind: 'customer',
          body_text: 'Re',
          created_at: new Date('2026-03-02T12:00:00Z'),
        },
        reopen: false,
        wake: true,
      }),
    );
    expect(await dueOf(ctx.db, id)).toMatchObject({
      at: '2026-03-02T14:00:00.000Z',
      kind: 'next_response',
    });
  });

  it('business hours across a French holiday and a weekend', async () => {
    const mailboxId = await freshMailbox(ctx.db);
    const sup = await supervisor(ctx.db);
    await createTarget(
      ctx.db,
      {
        mailboxId,
        fieldValueId: null,
        organisationTypeValueId: null,
        terms: terms({ firstResponseMinutes: 120, businessHours: true }),
      },
      sup,
      new Date('2026-01-01T00:00:00Z'),
    );
    // Thursday 7 May 2026, 16:30 Paris: 1 h left that day; Friday 8 May is a public holiday,
    // then the weekend; the second hour ends on Monday 11 May at 10:00 Paris (08:00 UTC).
    const id = await openAt(ctx.db, mailboxId, new Date('2026-05-07T14:30:00Z'));
    expect(await dueOf(ctx.db, id)).toMatchObject({
      at: '2026-05-11T08:00:00.000Z',
      kind: 'first_response',
    });
  });

  it('a target changed mid-year applies to tickets opened afterwards', async () => {
    const mailboxId = await freshMailbox(ctx.db);
    const sup = await supervisor(ctx.db);
    const targetId = await createTarget(
      ctx.db,
      {
        mailboxId,
        fieldValueId: null,
        organisationTypeValueId: null,
        terms: terms({ firstResponseMinutes: 24 * 60 }),
      },
      sup,
      new Date('2026-01-01T00:00:00Z'),
    );
    const before = await openAt(ctx.db, mailboxId, new Date('2026-06-01T08:00:00Z'));
    await changeTarget(
      ctx.db,
      targetId,
      terms({ firstResponseMinutes: 60 }),
      sup,
      new Date('2026-07-01T00:00:00Z'),
    );
    const after = await openAt(ctx.db, mailboxId, new Date('2026-07-02T08:00:00Z'));
    // the earlier ticket keeps its version, even when written again after the change
    await changeTicket(ctx.db, before, { assigneeId: sup.userId }, sup);
    expect((await dueOf(ctx.db, before)).at).toBe('2026-06-02T08:00:00.000Z');
    expect((await dueOf(ctx.db, after)).at).toBe('2026-07-02T09:00:00.000Z');
    // removed from 1 August: later tickets have no due time
    await changeTarget(ctx.db, targetId, null, sup, new Date('2026-08-01T00:00:00Z'));
    const removed = await openAt(ctx.db, mailboxId, new Date('2026-08-02T08:00:00Z'));
    expect((await dueOf(ctx.db, removed)).at).toBeNull();
  });

  it('a target narrowed to an organisation type wins over the mailbox-wide one', async () => {
    const mailboxId = await freshMailbox(ctx.db);
    const sup = await supervisor(ctx.db);
    const partnerType = await ctx.db
      .selectFrom('field_values')
      .innerJoin('fields', 'fields.id', 'field_values.field_id')
      .select('field_values.id')
      .where('fields.key', '=', 'partner_type')
      .executeTakeFirstOrThrow();
    const org = await ctx.db
      .insertInto('organisations')
      .values({ name: `Bailleur ${mailboxId.slice(0, 8)}`, partner_type_value_id: partnerType.id })
      .returning('id')
      .executeTakeFirstOrThrow();
    const since = new Date('2026-01-01T00:00:00Z');
    const wide = { mailboxId, fieldValueId: null, organisationTypeValueId: null };
    await createTarget(
      ctx.db,
      { ...wide, terms: terms({ firstResponseMinutes: 24 * 60 }) },
      sup,
      since,
    );
    await createTarget(
      ctx.db,
      {
        ...wide,
        organisationTypeValueId: partnerType.id,
        terms: terms({ firstResponseMinutes: 60 }),
      },
      sup,
      since,
    );
    await expect(
      createTarget(ctx.db, { ...wide, terms: terms({ firstResponseMinutes: 5 }) }, sup, since),
    ).rejects.toThrow(/already exists/);
    const partner = await openAt(ctx.db, mailboxId, new Date('2026-03-02T10:00:00Z'), org.id);
    const other = await openAt(ctx.db, mailboxId, new Date('2026-03-02T10:00:00Z'));
    expect((await dueOf(ctx.db, partner)).at).toBe('2026-03-02T11:00:00.000Z');
    expect((await dueOf(ctx.db, other)).at).toBe('2026-03-03T10:00:00.000Z');
  });
});
