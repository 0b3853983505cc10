import { expect, it } from 'vitest';
import { describeEachBackend } from '../../../test/backends.ts';
import {
  deflectionStats,
  flushPortalEvents,
  normaliseSearchText,
  queuePortalEvent,
  recordPortalEvent,
} from './portal-events.ts';

it('keeps no address or number in a search text', () => {
  expect(
    normaliseSearchText('Mot de passe claire@example.org 06 12 34 56 78 NIR 2550814168025'),
  ).toBe('mot de passe # nir #');
  // a numéro unique goes whole, its office code of letters too
  expect(normaliseSearchText('demande 035 0320 012345 AB12C bloquée')).toBe('demande # bloquée');
});

describeEachBackend('deflection statistics', (ctx) => {
  it('counts views, searches (and empty ones), votes, starts and submissions per month, département and nature (Paris time)', async () => {
    const at = (iso: string) => new Date(iso);
    const events = [
      { departement: '44', kind: 'article_view', at: '2026-03-31T22:30:00Z' }, // 00:30 on 1 April in Paris (UTC+2)
      {
        departement: '44',
        kind: 'search',
        query: 'bonjour',
        results: 0,
        at: '2026-04-02T10:00:00Z',
      },
      {
        departement: '44',
        kind: 'search',
        query: 'mot de passe',
        results: 3,
        at: '2026-04-02T10:00:00Z',
      },
      { departement: '44', kind: 'vote_no', natureKey: 'doublon', at: '2026-04-03T10:00:00Z' },
      { departement: '44', kind: 'form_start', natureKey: 'doublon', at: '2026-04-03T10:00:00Z' },
      { departement: '44', kind: 'form_submit', natureKey: 'doublon', at: '2026-04-03T10:01:00Z' },
      { departement: '35', kind: 'vote_yes', at: '2026-05-01T10:00:00Z' },
    ] as const;
    for (const e of events) {
      await recordPortalEvent(ctx.db, { ...e });
      await ctx.db
        .updateTable('portal_events')
        .set({ at: at(e.at) })
        .where('at', '>', new Date(Date.now() - 60_000))
        .execute();
    }
    const stats = await deflectionStats(ctx.db, { from: '2026-04-01', to: '2026-04-30' });
    expect(stats.totals).toEqual({
      articleViews: 1,
      searches: 2,
      searchesWithoutResult: 1,
      helpedYes: 0,
      helpedNo: 1,
      formStarts: 1,
      formSubmissions: 1,
    });
    expect(stats.rows.find((r) => r.natureKey === 'doublon')).toMatchObject({
      month: '2026-04',
      departement: '44',
      formSubmissions: 1,
    });
    expect(stats.emptySearches).toEqual([{ query: 'bonjour', count: 1 }]);
    const may35 = await deflectionStats(ctx.db, {
      from: '2026-05-01',
      to: '2026-05-31',
      departement: '35',
    });
    expect(may35.totals.helpedYes).toBe(1);
  });

  it('writes queued views and searches in batches, every column kept (nulls included)', async () => {
    const article = await ctx.db
      .insertInto('kb_articles')
      .values({ slug: 'article-lu', draft_title: 'Article lu' })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (let i = 0; i < 250; i++)
      queuePortalEvent(ctx.db, {
        departement: '29',
        kind: i % 2 === 0 ? 'article_view' : 'search',
        articleId: i % 2 === 0 ? article.id : null,
        natureKey: i % 10 === 0 ? 'doublon' : null,
        query: i % 2 === 0 ? null : `mot de passe 0612345678`,
        results: i % 2 === 0 ? null : i % 3,
      });
    await flushPortalEvents(ctx.db);
    const rows = await ctx.db
      .selectFrom('portal_events')
      .select(['kind', 'article_id', 'nature_key', 'query', 'results'])
      .where('departement', '=', '29')
      .orderBy('id')
      .execute();
    expect(rows).toHaveLength(250);
    expect(rows[0]).toEqual({
      kind: 'article_view',
      article_id: article.id,
      nature_key: 'doublon',
      query: null,
      results: null,
    });
    expect(rows[1]).toEqual({
      kind: 'search',
      article_id: null,
      nature_key: null,
      query: 'mot de passe #',
      results: 1,
    });
  });
});
