import { type Command, Option } from 'commander';
import { cliActor } from '../domain/audit/record-audit.ts';
import {
  createUser,
  listUsers,
  setPassword,
  setUserDisabled,
} from '../domain/users/manage-users.ts';
import { generatePassword } from '../domain/users/passwords.ts';
import { resetSecondFactor } from '../domain/users/second-factor.ts';
import { AppError } from '../errors/app-error.ts';
import { type Language, languageSchema, type RoleName, roles } from '../shared/contracts.ts';
import { withDatabase } from './open-configured-database.ts';
import { promptHidden, readStdin } from './read-secret.ts';

type PasswordOptions = { passwordStdin?: boolean; generate?: boolean };

/**
 * Where a new password comes from: standard input (`--password-stdin`), a
 * prompt on a terminal, or generated (`--generate`, or when standard input is
 * not a terminal) and printed once.
 */
async function obtainPassword(
  options: PasswordOptions,
): Promise<{ password: string; generated: boolean }> {
  if (options.passwordStdin) return { password: await readStdin(), generated: false };
  if (!options.generate && process.stdin.isTTY) {
    const first = await promptHidden('New password: ');
    const second = await promptHidden('Repeat it: ');
    if (first !== second) throw new AppError('invalid_input', 'The two passwords differ.');
    return { password: first, generated: false };
  }
  return { password: generatePassword(), generated: true };
}

/** The command line speaks English: a weak-password refusal is rethrown with its English text. */
async function inEnglish<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const english = error instanceof AppError ? error.details?.english : undefined;
    if (error instanceof AppError && typeof english === 'string')
      throw new AppError(error.code, english, error.details);
    throw error;
  }
}

function printGenerated(email: string, password: string): void {
  process.stdout.write(
    `  e-mail:   ${email}\n  password: ${password}\n(shown once: keep it somewhere safe)\n`,
  );
}

export function registerUserCommands(program: Command): void {
  const user = program.command('user').description('manage the people who log in to Guichet');

  user
    .command('add')
    .description('create a user')
    .argument('<email>', 'login e-mail address')
    .requiredOption('--name <name>', 'display name')
    .addOption(new Option('--role <role>', 'what the user may do').choices(roles).default('agent'))
    .addOption(
      new Option('--language <language>', 'language of the interface')
        .choices(languageSchema.options)
        .default('fr'),
    )
    .option('--password-stdin', 'read the password from standard input')
    .option('--generate', 'generate a random password and print it once')
    .action(
      async (
        email: string,
        // commander's .choices() has already refused any other role or language.
        options: PasswordOptions & { name: string; role: RoleName; language: Language },
      ) => {
        const { password, generated } = await obtainPassword(options);
        await withDatabase(async ({ db }) => {
          const created = await inEnglish(() =>
            createUser(
              db,
              {
                email,
                name: options.name,
                role: options.role,
                language: options.language,
                password,
              },
              cliActor,
            ),
          );
          process.stdout.write(`Created ${created.role} ${created.email}\n`);
          if (generated) printGenerated(created.email, password);
        });
      },
    );

  user
    .command('passwd')
    .description("set a user's password (ends their sessions)")
    .argument('<email>', 'login e-mail address')
    .option('--password-stdin', 'read the password from standard input')
    .option('--generate', 'generate a random password and print it once')
    .action(async (email: string, options: PasswordOptions) => {
      const { password, generated } = await obtainPassword(options);
      await withDatabase(async ({ db }) => {
        const changed = await inEnglish(() => setPassword(db, email, password, cliActor));
        process.stdout.write(`Password changed for ${changed.email}\n`);
        if (generated) printGenerated(changed.email, password);
      });
    });

  user
    .command('list')
    .description('list users')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      await withDatabase(async ({ db }) => {
        const users = (await listUsers(db)).map((u) => ({
          email: u.email,
          name: u.name,
          role: u.role,
          status: u.disabled_at ? 'disabled' : 'active',
          lastLogin: u.last_login_at?.toISOString() ?? null,
        }));
        if (options.json) {
          process.stdout.write(`${JSON.stringify(users, null, 2)}\n`);
          return;
        }
        for (const u of users) {
          process.stdout.write(
            `${u.email}\t${u.role}\t${u.status}\t${u.name}\t${u.lastLogin ?? 'never logged in'}\n`,
          );
        }
      });
    });

  user
    .command('reset-2fa')
    .description(
      "remove a user's second factor (lost device): TOTP secret and recovery codes; ends their sessions",
    )
    .argument('<email>', 'login e-mail address')
    .action(async (email: string) => {
      await withDatabase(async ({ db }) => {
        const { user: reset, sessionsEnded } = await resetSecondFactor(db, email, cliActor);
        process.stdout.write(
          `Second factor removed for ${reset.email} (${sessionsEnded} session(s) ended): ` +
            'they log in with their password alone, and may turn it on again.\n',
        );
      });
    });

  for (const [name, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    user
      .command(name)
      .description(
        disabled ? 'disable a user (their sessions end at once)' : 'enable a disabled user',
      )
      .argument('<email>', 'login e-mail address')
      .action(async (email: string) => {
        await withDatabase(async ({ db }) => {
          const changed = await setUserDisabled(db, email, disabled, cliActor);
          process.stdout.write(`${disabled ? 'Disabled' : 'Enabled'} ${changed.email}\n`);
        });
      });
  }
}
