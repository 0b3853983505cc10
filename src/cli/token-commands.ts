/**
 * `guichet token create|list|revoke` (issue 21 §1): service tokens for
 * another system, made by whoever runs the server. `create` prints the token
 * alone on standard output (shown once: `TOKEN=$(guichet token create …)`).
 */
import { type Command, Option } from 'commander';
import {
  createToken,
  listTokens,
  revokeToken,
  tokenStatusOf,
} from '../domain/api-tokens/manage-tokens.ts';
import { cliActor } from '../domain/audit/record-audit.ts';
import { findUserByEmail } from '../domain/users/manage-users.ts';
import { AppError } from '../errors/app-error.ts';
import { maxTokenDays, type TokenScope, tokenScopes } from '../shared/api-token-contracts.ts';
import { withDatabase } from './open-configured-database.ts';

/** A whole number of days between 1 and maxTokenDays, or a clear refusal (exit 2). */
function days(value: string): number {
  if (!/^\d{1,4}$/.test(value) || Number(value) < 1 || Number(value) > maxTokenDays)
    throw new AppError('invalid_input', `--expires takes 1 to ${maxTokenDays} days.`);
  return Number(value);
}

/** A token id as the list prints it. */
function tokenId(value: string): number {
  if (!/^[1-9]\d{0,14}$/.test(value)) throw new AppError('invalid_input', 'No such token id.');
  return Number(value);
}

export function registerTokenCommands(program: Command): void {
  const token = program
    .command('token')
    .description('API tokens for other systems: create, list, revoke');

  token
    .command('create')
    .description('create a service token for a user and print it (shown once)')
    .requiredOption('--user <email>', 'the user the token acts as')
    .requiredOption('--name <name>', 'what the token is for (shown in lists and the audit log)')
    .addOption(
      new Option('--scope <scope...>', 'what the token may reach')
        .choices(tokenScopes)
        .makeOptionMandatory(),
    )
    .option('--expires <days>', `days until it expires (1 to ${maxTokenDays})`, '90')
    .action(
      async (options: { user: string; name: string; scope: TokenScope[]; expires: string }) => {
        const expiresInDays = days(options.expires);
        await withDatabase(async ({ db }) => {
          const user = await findUserByEmail(db, options.user);
          if (!user) throw new AppError('not_found', `No user has the e-mail ${options.user}.`);
          const created = await createToken(
            db,
            user,
            { name: options.name, scopes: options.scope, expiresInDays, kind: 'service' },
            cliActor,
          );
          process.stdout.write(`${created.token}\n`);
        });
      },
    );

  token
    .command('list')
    .description('list every token (never the tokens themselves)')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      await withDatabase(async ({ db }) => {
        const rows = (await listTokens(db)).map((row) => ({
          id: row.id,
          name: row.name,
          kind: row.kind,
          user: row.user_email,
          scopes: row.scopes,
          prefix: row.prefix,
          status: tokenStatusOf(row),
          expiresAt: row.expires_at?.toISOString() ?? null,
          lastUsedAt: row.last_used_at?.toISOString() ?? null,
        }));
        if (options.json) {
          process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
          return;
        }
        if (rows.length === 0) process.stdout.write('No tokens.\n');
        for (const r of rows)
          process.stdout.write(
            `${r.id}\t${r.prefix}…\t${r.status}\t${r.user}\t${r.scopes.join(',')}\t` +
              `${r.name}\texpires ${r.expiresAt ?? 'never'}\tlast used ${r.lastUsedAt ?? 'never'}\n`,
          );
      });
    });

  token
    .command('revoke')
    .description('revoke a token at once (its id from `guichet token list`)')
    .argument('<id>', 'token id')
    .action(async (id: string) => {
      const tokenIdValue = tokenId(id);
      await withDatabase(async ({ db }) => {
        const row = await revokeToken(db, tokenIdValue, cliActor);
        process.stdout.write(`Revoked token ${row.id} (${row.name}).\n`);
      });
    });
}
