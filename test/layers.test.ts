/**
 * The layering of .dependency-cruiser.cjs bites: a small tree of files, each
 * crossing one door the wrong way (or none), checked by the same command as
 * `npm run lint` (scripts/depcruise.mjs with the repository's rules). The
 * tree is written in a temporary folder, so the repository never holds a
 * wrong-way import, even for a moment.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

/** path → contents; each file's comment says what it breaks. */
const tree: Record<string, string> = {
  'tsconfig.json': JSON.stringify({
    compilerOptions: { paths: { '@shared/*': ['./src/shared/*'] } },
  }),
  'src/http/app.ts': 'export const app = 1;\n',
  'src/shared/contracts.ts': 'export type Dto = { id: string };\n',
  'src/errors/app-error.ts': 'export class AppError extends Error {}\n',
  // infrastructure → transport
  'src/db/wrong.ts': "import { app } from '../http/app.ts';\nexport const x = app;\n",
  // infrastructure → infrastructure: allowed (the control)
  'src/db/right.ts':
    "import { AppError } from '../errors/app-error.ts';\nexport const y = AppError;\n",
  // domain → feature, by a type only: a type is a door too
  'src/domain/wrong.ts': "import type { A } from '../mail/a.ts';\nexport type Z = A;\n",
  // a file loop inside one layer (reported once)
  'src/mail/a.ts': "import { b } from './b.ts';\nexport type A = string;\nexport const a = b;\n",
  'src/mail/b.ts': "import { a } from './a.ts';\nexport const b = 1;\nexport const c = () => a;\n",
  // web → a server folder other than shared (JSX: the .tsx parser is in use)
  'web/src/wrong.tsx':
    "import { AppError } from '../../src/errors/app-error.ts';\nexport const W = () => <p>{String(AppError)}</p>;\n",
  // web → shared through the alias: allowed
  'web/src/right.tsx':
    "import type { Dto } from '@shared/contracts.ts';\nexport const R = (p: Dto) => <p>{p.id}</p>;\n",
  // shared → a Node module (shared is read by the browser too)
  'src/shared/wrong.ts':
    "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n",
  // production code → the test harness
  'src/portal/wrong.ts':
    "import { helper } from '../../test/helper.ts';\nexport const p = helper;\n",
  'test/helper.ts': 'export const helper = 1;\n',
};

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'guichet-layers-'));
  for (const [file, text] of Object.entries(tree)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), text);
  }
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

type Violation = { rule: { name: string }; from: string; to: string };

/** `npm run depcruise` in the temporary tree, with extra arguments. */
function cruise(...extra: string[]): Promise<{ code: number; stdout: string }> {
  const script = path.join(root, 'scripts/depcruise.mjs');
  const config = path.join(root, '.dependency-cruiser.cjs');
  const args = [script, 'src', 'web/src', 'test', '--config', config, ...extra];
  return new Promise((resolve) => {
    execFile('node', args, { cwd: dir, maxBuffer: 64 * 1024 * 1024 }, (error, stdout) => {
      resolve({ code: typeof error?.code === 'number' ? error.code : error ? -1 : 0, stdout });
    });
  });
}

it('fails on every wrong-way import, and only on those', async () => {
  // As lint runs it: the exit code is the number of errors.
  const lint = await cruise();
  expect(lint.code).toBe(6);
  const { stdout } = await cruise('--output-type', 'json');
  const { violations } = (JSON.parse(stdout) as { summary: { violations: Violation[] } }).summary;
  const found = violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).sort();
  expect(found).toEqual(
    [
      'domain-not-up: src/domain/wrong.ts → src/mail/a.ts',
      'infrastructure-not-up: src/db/wrong.ts → src/http/app.ts',
      'no-circular: src/mail/a.ts → src/mail/b.ts',
      'shared-no-packages: src/shared/wrong.ts → fs',
      'src-not-to-tests: src/portal/wrong.ts → test/helper.ts',
      'web-only-web-and-shared: web/src/wrong.tsx → src/errors/app-error.ts',
    ].sort(),
  );
});
