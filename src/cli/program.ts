import { Command } from 'commander';
import { registerBackupCommands } from './backup-commands.ts';
import { registerConfigCommands } from './config-commands.ts';
import { registerImportCommands } from './import-commands.ts';
import { registerMailCommands } from './mail-commands.ts';
import { withDatabase } from './open-configured-database.ts';
import { registerPrivacyCommands } from './privacy-commands.ts';
import { registerReportCommands } from './report-commands.ts';
import { serve } from './serve.ts';
import { registerUserCommands } from './user-commands.ts';

/** The `guichet` command and its subcommands. Settings come from the environment (see README). */
export function buildProgram(): Command {
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
    .action(async (options: { build?: boolean }) => serve(options));

  program
    .command('migrate')
    .description('apply pending database migrations, then exit')
    .action(async () => {
      await withDatabase(async () => {
        process.stdout.write('Database schema is up to date.\n');
      });
    });

  registerUserCommands(program);
  registerConfigCommands(program);
  registerReportCommands(program);
  registerMailCommands(program);
  registerImportCommands(program);
  registerPrivacyCommands(program);
  registerBackupCommands(program);
  return program;
}
