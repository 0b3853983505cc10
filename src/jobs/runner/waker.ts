/**
 * Pauses that end early: `wait(channel, ms)` resolves after `ms` or at the
 * next `wake(channel)`. A wake that finds nobody waiting is kept, so the next
 * wait on that channel returns at once (a reply written while the outbox
 * pass runs is sent by the pass right after, not 2 s later).
 */
export class Waker {
  readonly #waiting = new Map<string, () => void>();
  readonly #pending = new Set<string>();
  #closed = false;

  wait(channel: string, ms: number): Promise<void> {
    // Even a wait that ends at once yields to timers and I/O: PGlite answers
    // through microtasks alone, so a loop of queries and pending wakes would
    // otherwise starve every timer of the process.
    if (this.#closed || this.#pending.delete(channel))
      return new Promise((resolve) => setImmediate(resolve));
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      const waiting = this.#waiting;
      function done() {
        clearTimeout(timer);
        waiting.delete(channel);
        setImmediate(resolve);
      }
      waiting.set(channel, done);
    });
  }

  wake(channel: string): void {
    const waiting = this.#waiting.get(channel);
    if (waiting) waiting();
    else this.#pending.add(channel);
  }

  /** Ends every wait, now and later (the runner is stopping). */
  wakeAll(): void {
    this.#closed = true;
    for (const done of [...this.#waiting.values()]) done();
  }
}
