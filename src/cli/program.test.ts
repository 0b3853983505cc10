/**
 * `guichet --help` lists the command groups without loading them (program.ts's
 * `listing`): the list must read exactly as the groups' own registration would,
 * and a command line loads only the group it names. Checked on the compiled
 * program (dist/server, built by the global setup), in one process: importing
 * every group through vitest's transform would cost far more.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { serverDir } from '../../bin/build-server.mjs';
import { run } from '../../test/cli.ts';

/** Help and command trees of the compiled program, for each command line given. */
const inspect = `
const { buildProgram } = await import(process.argv[1]);
const tree = (program) => program.commands.map((c) => [c.name(), c.commands.map((s) => s.name())]);
const result = {
  registered: (await buildProgram(['--help'], { everyGroup: true })).helpInformation(),
  listed: (await buildProgram(['--help'])).helpInformation(),
  trees: {},
};
for (const argv of JSON.parse(process.argv[2])) result.trees[argv.join(' ')] = tree(await buildProgram(argv));
process.stdout.write(JSON.stringify(result));
`;

type Inspected = {
  registered: string;
  listed: string;
  trees: Record<string, [string, string[]][]>;
};

function inspectProgram(commandLines: string[][]): Promise<Inspected> {
  const program = pathToFileURL(path.join(serverDir, 'src', 'cli', 'program.js')).href;
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--input-type=module', '-e', inspect, program, JSON.stringify(commandLines)],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(JSON.parse(out) as Inspected) : reject(new Error(`exit ${code}`)),
    );
  });
}

describe('the guichet program', () => {
  it('lists every group as the groups register it, and loads only the group named', async () => {
    const lines = [
      ['user', 'add', '--help'],
      ['help', 'user'],
      ['--help', 'user'],
      ['restore', 'a.tar'],
    ];
    const [inspected, help] = await Promise.all([inspectProgram(lines), run(['--help'], {})]);
    expect(inspected.listed).toBe(inspected.registered);
    expect(help.stdout).toBe(inspected.registered);

    for (const line of lines.slice(0, 3)) {
      const tree = new Map(inspected.trees[line.join(' ')]);
      expect(tree.get('user'), line.join(' ')).toContain('add');
      expect(tree.has('config'), line.join(' ')).toBe(false);
    }
    expect(inspected.trees['restore a.tar']?.map(([name]) => name)).toEqual([
      'serve',
      'migrate',
      'backup',
      'restore',
      'check',
    ]);
  });
});
