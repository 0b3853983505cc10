/**
 * Statements marked as prepared run as named prepared statements on the
 * server (parsed once per connection) and as usual on PGlite, with the same
 * results each time.
 */
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachBackend } from '../../test/backends.ts';
import { executePrepared, markPrepared, preparedName } from './prepared.ts';

describeEachBackend('prepared statements', (ctx) => {
  it('gives the same rows on every execution, with other parameters each time', async () => {
    for (const n of [1, 3, 2, 3]) {
      const rows = await executePrepared(
        ctx.db,
        sql<{ v: number }>`select v from generate_series(1, ${n}::int) as v order by v`.compile(
          ctx.db,
        ),
      );
      expect(rows.map((r) => r.v)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    }
  });

  it('is really prepared on the server', async () => {
    const query = sql<{ n: number }>`select ${2}::int * 21 as n`.compile(ctx.db);
    const [first] = await executePrepared(ctx.db, query);
    expect(first?.n).toBe(42);
    const name = preparedName(query.sql);
    expect(name).toMatch(/^guichet_[0-9a-f]{16}$/);
    if (ctx.database.kind !== 'postgres') return;
    // Each pooled connection prepares it on first use: run it on every connection, then look.
    const seen = await Promise.all(
      Array.from({ length: 10 }, async () =>
        ctx.db.connection().execute(async (conn) => {
          await executePrepared(conn, query);
          const found = await sql<{ n: number }>`select count(*)::int as n
            from pg_prepared_statements where name = ${name}`.execute(conn);
          return found.rows[0]?.n;
        }),
      ),
    );
    expect(seen).toContain(1);
  });
});

it('leaves room for fixed statements however many varying texts a caller marks', () => {
  for (let i = 0; i < 200; i++) markPrepared(`select ${i} -- varying test`, true);
  expect(preparedName('select 59 -- varying test')).toBeDefined();
  expect(preparedName('select 60 -- varying test')).toBeUndefined();
  markPrepared('select 1 -- a fixed statement');
  expect(preparedName('select 1 -- a fixed statement')).toBeDefined();
});

it('keeps a bounded number of marked texts', () => {
  for (let i = 0; i < 500; i++) markPrepared(`select ${i} -- bound test`);
  expect(preparedName('select 499 -- bound test')).toBeUndefined();
});
