import { expect, it } from 'vitest';
import { describeEachBackend } from '../../../test/backends.ts';
import { addMessage, createTicket, withDefaultConfiguration } from '../../../test/factories.ts';
import { refreshTicketTimings } from './ticket-timings.ts';

describeEachBackend('ticket timing facts', (ctx) => {
  it('stores the first reply or phone call, in calendar and business seconds', async () => {
    const { partenaires: mailbox = '' } = await withDefaultConfiguration(ctx.db);
    // Tuesday 3 March 2020, 17:00 Paris (16:00 UTC)
    const created = new Date('2020-03-03T16:00:00Z');
    const phoneFirst = await createTicket(ctx.db, { mailboxId: mailbox, createdAt: created });
    await addMessage(ctx.db, phoneFirst, mailbox, 'note', new Date('2020-03-03T16:10:00Z'));
    await addMessage(ctx.db, phoneFirst, mailbox, 'reply', new Date('2020-03-04T09:00:00Z'));
    await addMessage(ctx.db, phoneFirst, mailbox, 'phone', new Date('2020-03-04T08:30:00Z'));
    const silent = await createTicket(ctx.db, { mailboxId: mailbox, createdAt: created });
    await addMessage(ctx.db, silent, mailbox, 'note', new Date('2020-03-03T16:30:00Z'));

    await refreshTicketTimings(ctx.db, [phoneFirst, silent, phoneFirst]);

    const rows = await ctx.db
      .selectFrom('tickets')
      .select([
        'id',
        'first_response_at',
        'first_response_seconds',
        'first_response_business_seconds',
      ])
      .where('id', 'in', [phoneFirst, silent])
      .orderBy('id')
      .execute();
    expect(rows).toEqual([
      {
        id: phoneFirst,
        first_response_at: new Date('2020-03-04T08:30:00Z'),
        first_response_seconds: 59_400,
        // 17:00–17:30 on Tuesday, 9:00–9:30 on Wednesday
        first_response_business_seconds: 3600,
      },
      {
        id: silent,
        first_response_at: null,
        first_response_seconds: null,
        first_response_business_seconds: null,
      },
    ]);
    await refreshTicketTimings(ctx.db, []);
  });
});
