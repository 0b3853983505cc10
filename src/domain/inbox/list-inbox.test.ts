/**
 * A broad search (more matching tickets than the search reads by id) walks the
 * list in its own order: the pages it gives, followed to the end, are exactly
 * the matching tickets in the list's order, each once — the same as a search
 * that reads every match by id — including when a step ends short of a page.
 */
import { expect, it } from 'vitest';
import { describeEachBackend } from '../../../test/backends.ts';
import { withDefaultConfiguration } from '../../../test/factories.ts';
import { ticket } from '../../../test/support/workspace-app.ts';
import { type InboxFilters, listInbox, type SearchTuning } from './list-inbox.ts';

const everything: SearchTuning = { walkFirst: 1, searchCap: 1_000_000, walkMax: 1 };
const broad: SearchTuning = { walkFirst: 2, searchCap: 3, walkMax: 6 };

describeEachBackend('broad searches', (ctx) => {
  it('walks the list: every match once, in order, across short and empty pages', async () => {
    const mailboxes = await withDefaultConfiguration(ctx.db);
    const mailboxId = mailboxes.partenaires ?? '';
    const wanted: number[] = [];
    for (let i = 0; i < 40; i++) {
      // a match in the body, the subject or the contact's name, then long runs of others
      const kind = i < 30 ? i % 7 : 9;
      const created = await ticket(ctx.db, {
        mailboxId,
        subject: kind === 1 ? 'Attestation demandée' : `Sujet ${i}`,
        body: kind === 0 ? 'Il me faut une attestation de dépôt.' : 'Une autre question.',
        contactName: kind === 2 ? 'Agence Attestations' : `Personne ${i}`,
        at: new Date(Date.UTC(2026, 0, 1, 8, i)),
      });
      if (kind <= 2) wanted.push(created.id);
    }
    wanted.reverse(); // newest first
    const user = { id: '00000000-0000-4000-8000-000000000000' };
    const read = async (tuning: SearchTuning, limit: number) => {
      const seen: number[] = [];
      let pages = 0;
      let cursor: string | undefined;
      do {
        const filters: InboxFilters = { folder: 'all', sort: 'recent', q: 'attestations', limit };
        const page = await listInbox(ctx.db, user, 'all', { ...filters, cursor }, tuning);
        seen.push(...page.tickets.map((t) => t.id));
        cursor = page.nextCursor ?? undefined;
        pages += 1;
      } while (cursor && pages < 100);
      return { seen, pages };
    };
    const byId = await read(everything, 4);
    expect(byId.seen).toEqual(wanted);
    const walked = await read(broad, 4);
    expect(walked.seen).toEqual(wanted);
    // 14 matches in pages of 4 would be 4 pages; steps of at most 6 tickets end some short
    expect(walked.pages).toBeGreaterThan(4);
    const oldestFirst = await listInbox(
      ctx.db,
      user,
      'all',
      { folder: 'all', sort: 'oldest', q: 'attestations', limit: 3 },
      { ...broad, walkMax: 1000 },
    );
    expect(oldestFirst.tickets.map((t) => t.id)).toEqual(wanted.slice(-3).reverse());
  });

  it('refuses a mailbox id that is not a UUID (mailbox ids are written into the query)', async () => {
    const user = { id: '00000000-0000-4000-8000-000000000000' };
    for (const id of ["x') or true --", '00000000-0000-4000-8000-00000000000g', ''])
      await expect(
        listInbox(ctx.db, user, 'all', {
          folder: 'all',
          sort: 'recent',
          limit: 5,
          mailboxes: [id],
        }),
      ).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('a search with a digit goes to the index, and walks the list past searchCap', async () => {
    const mailboxes = await withDefaultConfiguration(ctx.db);
    const mailboxId = mailboxes.demandeurs ?? '';
    const wanted: number[] = [];
    for (let i = 0; i < 20; i++) {
      const created = await ticket(ctx.db, {
        mailboxId,
        body: i % 2 === 0 ? 'Campagne 2031 de renouvellement.' : 'Autre chose.',
        at: new Date(Date.UTC(2026, 1, 1, 8, i)),
      });
      if (i % 2 === 0) wanted.push(created.id);
    }
    wanted.reverse();
    const user = { id: '00000000-0000-4000-8000-000000000000' };
    for (const tuning of [everything, broad, { ...broad, searchCap: 5 }]) {
      const seen: number[] = [];
      let cursor: string | undefined;
      for (let pages = 0; pages < 50; pages++) {
        const page = await listInbox(
          ctx.db,
          user,
          'all',
          { folder: 'all', sort: 'recent', q: 'campagne 2031', limit: 4, cursor },
          tuning,
        );
        seen.push(...page.tickets.map((t) => t.id));
        cursor = page.nextCursor ?? undefined;
        if (!cursor) break;
      }
      expect(seen).toEqual(wanted);
    }
  });
});
