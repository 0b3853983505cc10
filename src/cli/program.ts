import { Command, Help } from 'commander';

type Register = (program: Command) => void;

/**
 * The command groups, loaded on demand: a process loads only the group it runs
 * (`guichet user add` never loads the web server or the report renderers), which
 * keeps every command quick to start.
 */
const groups: Record<string, () => Promise<Register>> = {
  user: async () => (await import('./user-commands.ts')).registerUserCommands,
  config: async () => (await import('./config-commands.ts')).registerConfigCommands,
  report: async () => (await import('./report-commands.ts')).registerReportCommands,
  mail: async () => (await import('./mail-commands.ts')).registerMailCommands,
  import: async () => (await import('./import-commands.ts')).registerImportCommands,
  privacy: async () => (await import('./privacy-commands.ts')).registerPrivacyCommands,
  backup: async () => (await import('./backup-commands.ts')).registerBackupCommands,
  token: async () => (await import('./token-commands.ts')).registerTokenCommands,
};
const groupOf: Record<string, string> = { restore: 'backup', check: 'backup' };

/**
 * What `guichet --help` (and a usage error) lists of the groups' commands, as
 * help shows them, without loading any group: help then costs commander alone.
 * program.test.ts holds it to what the groups register.
 */
export const listing: Record<string, string> = {
  user: 'manage the people who log in to Guichet',
  config: 'move the configuration (mailboxes, fields, values, settings) between instances',
  'report [options]':
    'produce the activity report of a period as PDF, PPTX, XLSX, CSV (zip) or JSON',
  mail: 'mail settings of a mailbox and mail that could not be taken in',
  import: 'import history from Help Scout, CSV exports of other tools, or yearly totals',
  privacy: 'personal data: retention, a person’s export and erasure',
  'backup [options]':
    'write the database and the file store to one archive (embedded: stop serve first)',
  'restore [options] <file>':
    'restore an archive written by `guichet backup` into an empty instance',
  check: 'check migrations, references between rows, and the files of the store',
  token: 'API tokens for other systems: create, list, revoke',
};

/** The group a command line runs (`guichet help user …` too), if it names one. */
function groupNamed(argv: readonly string[]): string | undefined {
  const words = argv.filter((arg) => !arg.startsWith('-'));
  const first = words[0] === 'help' ? words[1] : words[0];
  const name = first === undefined ? undefined : (groupOf[first] ?? first);
  return name !== undefined && Object.hasOwn(groups, name) ? name : undefined;
}

/**
 * The `guichet` command and its subcommands. Settings come from the environment (see README).
 * `everyGroup` registers every group for real instead of listing them (for program.test.ts).
 */
export async function buildProgram(
  argv: readonly string[] = process.argv.slice(2),
  { everyGroup = false }: { everyGroup?: boolean } = {},
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
      const { withDatabase } = await import('./open-configured-database.ts');
      await withDatabase(async () => {
        process.stdout.write('Database schema is up to date.\n');
      });
    });

  const name = groupNamed(argv);
  if (everyGroup || name !== undefined) {
    // Registered in one fixed order, so that help lists the commands the same way every time.
    const wanted = Object.keys(groups).filter((group) => everyGroup || group === name);
    const registers = await Promise.all(
      wanted.map((group) => groups[group]?.() ?? Promise.reject(new Error(group))),
    );
    for (const register of registers) register(program);
  } else {
    const terms = new Map<Command, string>();
    for (const [term, description] of Object.entries(listing))
      terms.set(program.command(term.split(' ')[0] ?? term).description(description), term);
    const help = new Help();
    program.configureHelp({ subcommandTerm: (cmd) => terms.get(cmd) ?? help.subcommandTerm(cmd) });
  }
  return program;
}
