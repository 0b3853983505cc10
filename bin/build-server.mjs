/**
 * The compiled server (docs/adr/0011-compiled-server.md): src/ compiled by tsc
 * (tsconfig.server.json: types stripped, `.ts` imports rewritten to `.js`, no
 * type checking — `npm run lint` does that) into dist/server, with src/'s other
 * files (SQL migrations, help-centre assets…) copied beside it, so that a file
 * finds its neighbours at the same relative path as in src/.
 *
 * dist/server/.sources holds the fingerprint of what it was built from: the
 * path, size and modification time of every input file. A start compares it
 * with the tree (a few milliseconds) and rebuilds when anything was edited,
 * added, removed or renamed, or when dist/server does not exist (a fresh clone).
 *
 * Plain JavaScript: bin/guichet.mjs runs it before anything is compiled.
 * `node bin/build-server.mjs` rebuilds unconditionally.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
export const serverDir = path.join(root, 'dist', 'server');
/** What `guichet` runs. */
export const serverEntry = path.join(serverDir, 'src', 'main.js');
const stampFile = '.sources';
/** Everything the output depends on, besides src/: the compiler's settings and version, and this file. */
const configFiles = [
  'tsconfig.json',
  'tsconfig.server.json',
  'package-lock.json',
  'bin/build-server.mjs',
];

/** Test files are neither compiled nor copied (vitest runs them from src/). */
const isTest = (name) => name.endsWith('.test.ts') || name.endsWith('.test-fixture.ts');

/** The files of src/ that go into dist/server, as paths relative to src/, sorted. */
function sourceFiles() {
  const src = path.join(root, 'src');
  return readdirSync(src, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && !isTest(entry.name))
    .map((entry) => path.relative(src, path.join(entry.parentPath ?? entry.path, entry.name)))
    .sort();
}

/** The fingerprint of the inputs: one line per file (path, size, mtime), hashed. */
export function sourcesFingerprint() {
  const hash = createHash('sha256');
  const add = (file) => {
    const stat = statSync(path.join(root, file), { throwIfNoEntry: false });
    hash.update(`${file}\0${stat ? `${stat.size}\0${stat.mtimeMs}` : 'missing'}\n`);
  };
  for (const file of configFiles) add(file);
  for (const file of sourceFiles()) add(path.join('src', file));
  return hash.digest('hex');
}

/** Whether dist/server is missing or was built from other inputs than the tree's. */
export function serverBuildIsStale(fingerprint = sourcesFingerprint()) {
  try {
    return readFileSync(path.join(serverDir, stampFile), 'utf8') !== fingerprint;
  } catch {
    return true;
  }
}

function compile(outDir) {
  let tsc;
  try {
    tsc = path.join(
      path.dirname(createRequire(import.meta.url).resolve('typescript/package.json')),
      'bin',
      'tsc',
    );
  } catch {
    throw new Error('cannot compile the server: TypeScript is not installed (run `npm install`).');
  }
  const result = spawnSync(
    process.execPath,
    [tsc, '-p', path.join(root, 'tsconfig.server.json'), '--outDir', outDir],
    {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  if (result.error) throw result.error;
  if (result.status !== 0) {
    throw new Error(
      `cannot compile the server (tsc exited ${result.status ?? result.signal}):\n${result.stdout}${result.stderr}`,
    );
  }
}

/**
 * Builds dist/server from the tree: compiled into a folder of its own, then
 * swapped in, so that a process never imports a half-written build. Two
 * processes building at once both succeed (one build wins).
 */
export function buildServer() {
  const fingerprint = sourcesFingerprint();
  const unique = `${process.pid}-${Date.now()}`;
  const fresh = `${serverDir}.${unique}.new`;
  const old = `${serverDir}.${unique}.old`;
  try {
    compile(fresh);
    for (const file of sourceFiles()) {
      if (file.endsWith('.ts')) continue;
      const target = path.join(fresh, 'src', file);
      mkdirSync(path.dirname(target), { recursive: true });
      copyFileSync(path.join(root, 'src', file), target);
    }
    writeFileSync(path.join(fresh, stampFile), fingerprint);
    try {
      renameSync(serverDir, old);
    } catch (error) {
      if (error.code !== 'ENOENT') throw error;
    }
    try {
      renameSync(fresh, serverDir);
    } catch (error) {
      // Another process put its build in place between the two renames: it is as good as ours.
      if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error;
    }
  } finally {
    rmSync(fresh, { recursive: true, force: true });
    rmSync(old, { recursive: true, force: true });
  }
}

/**
 * Builds dist/server when it is stale, saying so in one line on standard
 * error (standard output belongs to the command); returns whether it built.
 */
export function buildServerIfStale() {
  if (!serverBuildIsStale()) return false;
  process.stderr.write('Compiling the server into dist/server (first run or sources changed)…\n');
  buildServer();
  return true;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) buildServer();
