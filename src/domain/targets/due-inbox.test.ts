/**
 * The inbox by due time (issue 18): the sort `due` lists the soonest due first
 * and tickets without a due time last, page after page; the folder "Échéances
 * proches" holds the active tickets due within the hour or late; each summary
 * carries its due time.
 */
import { expect, it } from 'vitest';
import { describeEachBackend } from '../../../test/backends.ts';
import { dueOf, freshMailbox, openAt, supervisor, terms } from '../../../test/support/targets.ts';
import { listInbox } from '../inbox/list-inbox.ts';
import { createTarget } from './manage-targets.ts';

const minutes = (n: number) => new Date(Date.now() + n * 60_000);

describeEachBackend('the inbox by due time', (ctx) => {
  it('sorts by due time, pages with a cursor, and holds a folder of the nearest', async () => {
    const mailboxId = await freshMailbox(ctx.db);
    const sup = await supervisor(ctx.db);
    const scope = { mailboxId, fieldValueId: null, organisationTypeValueId: null };
    await createTarget(
      ctx.db,
      { ...scope, terms: terms({ firstResponseMinutes: 90 }) },
      sup,
      minutes(-180),
    );
    const none = await openAt(ctx.db, mailboxId, minutes(-240)); // before the target
    const later = await openAt(ctx.db, mailboxId, minutes(-5)); // due in 85 min
    const late = await openAt(ctx.db, mailboxId, minutes(-120)); // 30 min late
    const soon = await openAt(ctx.db, mailboxId, minutes(-60)); // due in 30 min
    const user = { id: sup.userId };
    const seen: number[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 10; pages++) {
      const page = await listInbox(ctx.db, user, 'all', {
        folder: 'all',
        mailboxes: [mailboxId],
        sort: 'due',
        limit: 3,
        cursor,
      });
      seen.push(...page.tickets.map((t) => t.id));
      cursor = page.nextCursor ?? undefined;
      if (!cursor) break;
    }
    expect(seen).toEqual([late, soon, later, none]);
    const nearest = await listInbox(ctx.db, user, 'all', {
      folder: 'due_soon',
      mailboxes: [mailboxId],
      sort: 'due',
      limit: 10,
    });
    expect(nearest.tickets.map((t) => t.id)).toEqual([late, soon]);
    expect(nearest.tickets[0]?.due).toEqual({
      at: (await dueOf(ctx.db, late)).at,
      kind: 'first_response',
    });
    expect(seen.length).toBe(4);
  });
});
