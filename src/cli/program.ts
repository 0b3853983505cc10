import { Command } from 'commander';
import { withDatabase } from './open-configured-database.ts';

type Register = (program: Command) => void;

/**
 * The command groups, loaded on demand: a process loads only the group it runs
 * (`guichet user add` never loads the web server or the report renderers), which
 * keeps every command quick to start. Help and unknown commands load them all.
 */
const groups: Record<string, () => Promise<Register>> = {
  user: async () => (await import('./user-commands.ts')).registerUserCommands,
  config: async () => (await import('./config-commands.ts')).registerConfigCommands,
  report: async () => (await import('./report-commands.ts')).registerReportCommands,
  mail: async () => (await import('./mail-commands.ts')).registerMailCommands,
  import: async () => (await import('./import-commands.ts')).registerImportCommands,
  privacy: async () => (await import('./privacy-commands.ts')).registerPrivacyCommands,
  backup: async () => (await import('./backup-commands.ts')).registerBackupCommands,
};
const groupOf: Record<string, string> = { restore: 'backup', check: 'backup' };

/** The `guichet` command and its subcommands. Settings come from the environment (see README). */
export async function buildProgram(
  argv: readonly string[] = process.argv.slice(2),
): Promise<Command> {
  const program = new Command('guichet')
    .description(
      'Guichet: help desk and support analytics. Settings are read from the environment (see README).',
    )
    .showHelpAfterError()
    // Usage errors read like every other failure: one `guichet: …` line (help follows).
    .configureOutput({
      outputError: (text, write) => write(`guichet: ${text.replace(/^error: /, '')}`),
    })
    .exitOverride((error) => {
      // Help and version are not failures; usage errors exit 2.
      process.exit(error.exitCode === 0 ? 0 : 2);
    });

  program
    .command('serve')
    .description('run the web server (applies migrations and the default configuration first)')
    .option('--build', 'build the web app first when it is missing or out of date')
    .option(
      '--role <role>',
      'all (HTTP and background jobs), web (HTTP only) or worker (jobs only)',
    )
    .option(
      '--processes <n>',
      'web processes sharing the port (PostgreSQL server only; WEB_PROCESSES)',
    )
    .action(async (options: { build?: boolean; role?: string; processes?: string }) => {
      const { serve } = await import('./serve.ts');
      await serve(options);
    });

  program
    .command('migrate')
    .description('apply pending database migrations, then exit')
    .action(async () => {
      await withDatabase(async () => {
        process.stdout.write('Database schema is up to date.\n');
      });
    });

  const first = argv.find((arg) => !arg.startsWith('-'));
  const name = first === undefined ? undefined : (groupOf[first] ?? first);
  const wanted = name !== undefined && Object.hasOwn(groups, name) ? [name] : Object.keys(groups);
  // Registered in one fixed order, so that help lists the commands the same way every time.
  const registers = await Promise.all(
    Object.keys(groups)
      .filter((group) => wanted.includes(group))
      .map((group) => groups[group]?.() ?? Promise.reject(new Error(group))),
  );
  for (const register of registers) register(program);
  return program;
}
