/**
 * `npm run bench -- cli`: how long the `guichet` command takes to start, against a bare
 * `node -e 0` on the same machine (issue 17's target: `guichet --help` within 5×). Runs
 * alternate, one at a time; the medians of several runs are printed, and their ratio.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { buildServerIfStale } from '../bin/build-server.mjs';

const bin = fileURLToPath(new URL('../bin/guichet.mjs', import.meta.url));
const runs = 15;

function timed(args: string[]): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`node ${args.join(' ')}: exit ${result.status}`);
  return elapsed;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

export function benchCliStart(print: (label: string, value: string) => void): void {
  buildServerIfStale();
  const commands: Record<string, string[]> = {
    'node -e 0': ['-e', '0'],
    'guichet --help': [bin, '--help'],
    'guichet user --help': [bin, 'user', '--help'],
  };
  const times = new Map<string, number[]>(Object.keys(commands).map((label) => [label, []]));
  for (const args of Object.values(commands)) timed(args); // warm the file cache
  for (let i = 0; i < runs; i++)
    for (const [label, args] of Object.entries(commands)) times.get(label)?.push(timed(args));
  const bare = median(times.get('node -e 0') ?? []);
  for (const [label, values] of times) {
    const value = median(values);
    const ratio = label === 'node -e 0' ? '' : ` (${(value / bare).toFixed(1)}× node -e 0)`;
    print(`[cli] ${label}, median of ${runs}`, `${value.toFixed(0)} ms${ratio}`);
  }
}
