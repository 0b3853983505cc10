/**
 * Messages written before numéros uniques were read get theirs from the backfill
 * job (issue 20 §3), slice by slice, up to the mark of migration 0065, once.
 */
import { expect, it } from 'vitest';
import { describeEachBackend } from '../../../test/backends.ts';
import { withDefaultConfiguration } from '../../../test/factories.ts';
import { backfillDemandNumbers } from './demand-numbers-backfill.ts';

describeEachBackend('numéros uniques of older messages', (ctx) => {
  it('reads every message up to the mark, slice by slice, then stops', async () => {
    const { partenaires: mailboxId = '' } = await withDefaultConfiguration(ctx.db);
    const at = new Date(Date.UTC(2020, 5, 1));
    // written straight into the tables, as before this feature
    const ticket = await ctx.db
      .insertInto('tickets')
      .values({
        mailbox_id: mailboxId,
        subject: 'Restauration 044 1121 123456 78A9B',
        channel: 'import',
        created_at: at,
        last_message_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const bodies = [
      'Bonjour, rien ici : 06 12 34 56 78.',
      '<p>La demande&nbsp;035-0320-012345-AB12C est bloquée.</p>',
      'Encore 035 0320 012345 AB12C.',
    ];
    const messages = await ctx.db
      .insertInto('messages')
      .values(
        bodies.map((body, i) => ({
          ticket_id: ticket.id,
          mailbox_id: mailboxId,
          kind: 'customer' as const,
          created_at: at,
          body_text: i === 1 ? null : body,
          body_html: i === 1 ? body : null,
        })),
      )
      .returning('id')
      .execute();
    const upTo = Math.max(...messages.map((m) => Number(m.id)));
    await ctx.db
      .insertInto('job_state')
      .values({ key: 'demand_numbers.backfill', value: JSON.stringify({ cursor: 0, upTo }) })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({ value: JSON.stringify({ cursor: 0, upTo }) }),
      )
      .execute();
    let passes = 0;
    while (await backfillDemandNumbers(ctx.db, Math.ceil(upTo / 3) + 1)) passes += 1;
    expect(passes).toBeGreaterThan(0);
    const numbers = await ctx.db
      .selectFrom('ticket_demand_numbers')
      .select(['numero', 'source'])
      .where('ticket_id', '=', ticket.id)
      .orderBy('numero')
      .execute();
    expect(numbers).toEqual([
      { numero: '0350320012345AB12C', source: 'text' },
      { numero: '044112112345678A9B', source: 'text' },
    ]);
    // done for good: a further pass reads nothing
    expect(await backfillDemandNumbers(ctx.db)).toBe(false);
  });
});
