/**
 * A race of the inbox cache found by a browser test on a loaded machine: a
 * request whose browser has seen event N joined a check of the newest event that
 * had started before N was committed, so it was served the answer kept from
 * before N — and the inbox stayed empty until the next event. The newest-event
 * reader is held here by hand to replay that order exactly.
 */
import type { Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { waitFor } from '../../../test/wait-for.ts';
import type { DB } from '../../db/schema.ts';
import { createInboxCache } from './inbox-cache.ts';

it('reads the newest event again when the check it joined started before the event it was told of', async () => {
  const pending: ((id: number) => void)[] = [];
  const newest = () => new Promise<number>((resolve) => pending.push(resolve));
  const noDatabase = null as unknown as Kysely<DB>;
  const cache = createInboxCache(noDatabase, { freshMs: 60_000 }, Date.now, newest);
  let computed = 0;
  const compute = async () => {
    computed += 1;
    return computed;
  };

  // an agent's list: the first check starts (event 6 is not committed yet)
  const before = cache.get('inbox', compute);
  await waitFor(() => (pending.length === 1 ? true : undefined), 'the first check');
  // event 6 commits; the live stream tells a browser, which asks with it
  const after = cache.get('inbox', compute, 6);
  pending[0]?.(5);
  expect(await before).toBe(1);
  // the answer kept at 5 must not be served to a browser that saw 6
  await waitFor(() => (pending.length === 2 ? true : undefined), 'a second check');
  pending[1]?.(6);
  expect(await after).toBe(2);
  // and once at 6, it is shared again
  expect(await cache.get('inbox', compute, 6)).toBe(2);
});
