import { expect, it } from 'vitest';
import { describeEachBackend } from '../../test/backends.ts';
import { createTicket, withDefaultConfiguration } from '../../test/factories.ts';
import {
  assertTicketVisible,
  mailboxScopeOf,
  restrictToScope,
  setMailboxScope,
} from './mailbox-access.ts';

describeEachBackend('mailbox access', (ctx) => {
  async function user(role: 'agent' | 'supervisor', email: string) {
    return ctx.db
      .insertInto('users')
      .values({ email, name: email, role })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  it('an agent sees every mailbox until restricted, then only the listed ones', async () => {
    const mailboxes = await withDefaultConfiguration(ctx.db);
    const partenaires = mailboxes.partenaires as string;
    const demandeurs = mailboxes.demandeurs as string;
    const agent = await user('agent', 'agent.scope@example.org');
    expect(await mailboxScopeOf(ctx.db, agent)).toBe('all');

    await setMailboxScope(ctx.db, agent.id, [partenaires]);
    const restricted = await ctx.db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', agent.id)
      .executeTakeFirstOrThrow();
    expect(await mailboxScopeOf(ctx.db, restricted)).toEqual([partenaires]);

    const hidden = await createTicket(ctx.db, { mailboxId: demandeurs, createdAt: new Date() });
    const shown = await createTicket(ctx.db, { mailboxId: partenaires, createdAt: new Date() });
    expect(await assertTicketVisible(ctx.db, restricted, shown)).toBe(partenaires);
    await expect(assertTicketVisible(ctx.db, restricted, hidden)).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(assertTicketVisible(ctx.db, restricted, 987_654_321)).rejects.toMatchObject({
      code: 'not_found',
    });
    expect(restrictToScope([partenaires], [demandeurs])).toEqual([]);
    expect(restrictToScope([partenaires], undefined)).toEqual([partenaires]);

    await setMailboxScope(ctx.db, agent.id, []);
    const none = await ctx.db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', agent.id)
      .executeTakeFirstOrThrow();
    expect(await mailboxScopeOf(ctx.db, none)).toEqual([]);
  });

  it('supervisors see every mailbox whatever the list says', async () => {
    const mailboxes = await withDefaultConfiguration(ctx.db);
    const supervisor = await user('supervisor', 'sup.scope@example.org');
    await setMailboxScope(ctx.db, supervisor.id, [mailboxes.partenaires as string]);
    const row = await ctx.db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', supervisor.id)
      .executeTakeFirstOrThrow();
    expect(await mailboxScopeOf(ctx.db, row)).toBe('all');
  });
});
