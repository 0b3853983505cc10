/**
 * Runs the rules' regular expressions with a bound (issue 19 §4). Patterns were checked
 * when saved (src/shared/safe-pattern.ts); here every match runs on at most
 * `ruleLimits.textChars` characters inside a V8 context with a time limit, which
 * interrupts even a backtracking match. All the patterns one message needs run in
 * one call (one limit for the lot, `batchMs`); when that call runs out of time, each
 * pattern runs again alone under `singleMs`, and the one that runs out counts as not
 * matching (the rule names it in its last error). Mail intake never hangs on a pattern.
 */
import vm from 'node:vm';
import { ruleLimits } from '../../shared/automation-contracts.ts';

export type PatternQuery = { pattern: string; caseSensitive: boolean; text: string };

/** The key of a pattern query's answer. */
export const patternKey = (q: { pattern: string; caseSensitive: boolean }, where: string): string =>
  `${q.caseSensitive ? 's' : 'i'}:${where}:${q.pattern}`;

const batchMs = 50;
const singleMs = 10;

const script = new vm.Script(`
  (() => {
    const out = [];
    for (const q of queries) out.push(new RegExp(q.pattern, q.caseSensitive ? 'u' : 'iu').test(q.text));
    return out;
  })()
`);

// one context for every call (calls are synchronous: they never overlap)
const context = vm.createContext({ queries: [] as PatternQuery[] });

function runInSandbox(queries: readonly PatternQuery[], timeout: number): boolean[] | null {
  context.queries = queries.map((q) => ({ ...q, text: q.text.slice(0, ruleLimits.textChars) }));
  try {
    const result = script.runInContext(context, { timeout }) as unknown;
    return Array.isArray(result) ? result.map((r) => r === true) : null;
  } catch {
    return null;
  } finally {
    context.queries = [];
  }
}

export type PatternOutcome = { matched: boolean[]; timedOut: Set<number> };

/** Matches each query; a query that runs out of time does not match and is listed. */
export function runPatterns(queries: readonly PatternQuery[]): PatternOutcome {
  if (queries.length === 0) return { matched: [], timedOut: new Set() };
  const all = runInSandbox(queries, batchMs);
  if (all) return { matched: all, timedOut: new Set() };
  const timedOut = new Set<number>();
  const matched = queries.map((query, i) => {
    const one = runInSandbox([query], singleMs);
    if (!one) timedOut.add(i);
    return one?.[0] ?? false;
  });
  return { matched, timedOut };
}
