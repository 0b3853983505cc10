/**
 * Builds the web app (Vite) when dist/web is missing or older than its
 * sources, so that `npm start` on a fresh clone just works.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// The repository (where package.json is): two folders up from src/cli/, four from dist/server/src/cli/.
const root = fileURLToPath(
  new URL(
    existsSync(new URL('../../package.json', import.meta.url)) ? '../../' : '../../../../',
    import.meta.url,
  ),
);
const sources = ['web', 'src/shared', 'vite.config.ts', 'package-lock.json'].map((p) =>
  path.join(root, p),
);

function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target))
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

/** Whether dist/web/index.html is missing or older than any source of the web app. */
export function webBuildIsStale(webRoot: string): boolean {
  const index = path.join(webRoot, 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  return sources.some((s) => newestMtime(s) > built);
}

export async function buildWebIfStale(webRoot: string): Promise<boolean> {
  if (!webBuildIsStale(webRoot)) return false;
  process.stdout.write('Building the web app (first start or sources changed)…\n');
  const { build } = await import('vite');
  await build({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });
  return true;
}
