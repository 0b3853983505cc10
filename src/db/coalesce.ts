/**
 * Group commit for small writes: `coalesce(write)` returns a function that
 * takes one item and resolves with its result, while `write` receives the
 * items in batches. The first item is written at once; the items that arrive
 * while that write runs are written together by the next one, and so on. So
 * a lone request waits for nothing, and under load many requests share one
 * statement, one round trip and one commit.
 *
 *   const take = coalesce((n: number[]) => takeNumbers(db, n.length));
 *   const number = await take(1);
 *
 * `write` must return one result per item, in order; when it fails, every
 * item of its batch fails with the same error (later batches still run).
 */
export function coalesce<I, O>(write: (items: I[]) => Promise<O[]>): (item: I) => Promise<O> {
  let waiting: { item: I; resolve: (value: O) => void; reject: (error: unknown) => void }[] = [];
  let writing = false;
  const drain = async () => {
    writing = true;
    while (waiting.length > 0) {
      const batch = waiting;
      waiting = [];
      try {
        const results = await write(batch.map((w) => w.item));
        if (results.length !== batch.length)
          throw new Error(`coalesce: ${results.length} results for ${batch.length} items`);
        for (const [i, w] of batch.entries()) w.resolve(results[i] as O);
      } catch (error) {
        for (const w of batch) w.reject(error);
      }
    }
    writing = false;
  };
  return (item) =>
    new Promise<O>((resolve, reject) => {
      waiting.push({ item, resolve, reject });
      if (!writing) void drain();
    });
}

/** One coalescing function per database handle (never shared between two databases). */
export function coalescePerHandle<H extends object, I, O>(
  write: (handle: H, items: I[]) => Promise<O[]>,
): (handle: H, item: I) => Promise<O> {
  const perHandle = new WeakMap<H, (item: I) => Promise<O>>();
  return (handle, item) => {
    let take = perHandle.get(handle);
    if (!take) {
      take = coalesce((items: I[]) => write(handle, items));
      perHandle.set(handle, take);
    }
    return take(item);
  };
}
