/**
 * `guichet --help` lists the command groups without loading them (program.ts's
 * `listing`): the list must read exactly as the groups' own registration would.
 */
import { describe, expect, it } from 'vitest';
import { buildProgram } from './program.ts';

describe('the guichet program', () => {
  it('lists every group as the groups themselves register it', async () => {
    const listed = await buildProgram(['--help']);
    const registered = await buildProgram(['--help'], { everyGroup: true });
    expect(listed.helpInformation()).toBe(registered.helpInformation());
    expect(listed.commands.map((c) => c.name())).toEqual(registered.commands.map((c) => c.name()));
  });

  it('loads only the group a command line names, `help GROUP` included', async () => {
    for (const argv of [
      ['user', 'add', '--help'],
      ['help', 'user'],
      ['--help', 'user'],
    ]) {
      const program = await buildProgram(argv);
      const user = program.commands.find((c) => c.name() === 'user');
      expect(
        user?.commands.map((c) => c.name()),
        argv.join(' '),
      ).toContain('add');
      expect(program.commands.find((c) => c.name() === 'config')).toBeUndefined();
    }
    const restore = await buildProgram(['restore', 'archive.tar']);
    expect(restore.commands.map((c) => c.name())).toEqual([
      'serve',
      'migrate',
      'backup',
      'restore',
      'check',
    ]);
  });
});
