/**
 * `guichet mail …`: a mailbox's mail settings (passwords write-only, stored
 * encrypted with MAIL_CREDENTIALS_KEY) and the dead-letter list, for
 * supervisors who prefer the command line or scripts.
 */
import path from 'node:path';
import type { Command } from 'commander';
import type { Kysely } from 'kysely';
import { resolveSessionSecret } from '../config.ts';
import type { DB } from '../db/schema.ts';
import { cliActor } from '../domain/audit/record-audit.ts';
import { getMailSettings, saveMailSettings } from '../domain/mailboxes/mail-settings.ts';
import { createMailSigner } from '../domain/signing/mail-signer.ts';
import { AppError } from '../errors/app-error.ts';
import { listDeadLetters } from '../mail/inbound/dead-letters.ts';
import { reprocessDeadLetter } from '../mail/inbound/ingest-mail.ts';
import { presentMailSettings } from '../presenters/mail-settings.ts';
import { mailSettingsInputSchema } from '../shared/mail-contracts.ts';
import { createBlobStore } from '../storage/blob-store.ts';
import { readJson } from './config-commands.ts';
import { withDatabase } from './open-configured-database.ts';

async function mailboxIdOf(db: Kysely<DB>, slug: string): Promise<string> {
  const row = await db
    .selectFrom('mailboxes')
    .select('id')
    .where('slug', '=', slug)
    .executeTakeFirst();
  if (!row) throw new AppError('not_found', `No mailbox "${slug}".`);
  return row.id;
}

/** Registers `guichet mail settings`, `dead-letters` and `reprocess`. */
export function registerMailCommands(program: Command): void {
  const mail = program
    .command('mail')
    .description('mail settings of a mailbox and mail that could not be taken in');

  mail
    .command('settings <mailbox>')
    .description('show the mail settings of a mailbox (by slug) as JSON, or change them with --set')
    .option(
      '--set <file>',
      'JSON with the settings to change (- reads standard input); passwords are write-only',
    )
    .action(async (slug: string, options: { set?: string }) => {
      await withDatabase(async ({ db }, config) => {
        const mailboxId = await mailboxIdOf(db, slug);
        let shown = await getMailSettings(db, mailboxId);
        if (options.set) {
          const parsed = mailSettingsInputSchema.safeParse(await readJson(options.set));
          if (!parsed.success) {
            const issue = parsed.error.issues[0];
            throw new AppError(
              'invalid_input',
              `Invalid mail settings: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim(),
            );
          }
          shown = await saveMailSettings(db, {
            mailboxId,
            input: parsed.data,
            key: config.mail.credentialsKey,
            actor: cliActor,
            allowance: config.mail.allowedHosts,
          });
        }
        process.stdout.write(`${JSON.stringify(presentMailSettings(shown), null, 2)}\n`);
      });
    });

  mail
    .command('dead-letters')
    .description('list inbound mail that could not be taken in')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      await withDatabase(async ({ db }) => {
        const letters = await listDeadLetters(db);
        if (options.json) {
          process.stdout.write(`${JSON.stringify(letters, null, 2)}\n`);
          return;
        }
        if (letters.length === 0) process.stdout.write('No dead letters.\n');
        for (const d of letters)
          process.stdout.write(
            `${d.id}\t${d.receivedAt.toISOString()}\t${d.source}\t${d.attempts}\t${d.reason}\n`,
          );
      });
    });

  mail
    .command('reprocess <id>')
    .description('run a dead letter through the pipeline again (it is imported once)')
    .action(async (id: string) => {
      if (!/^[1-9]\d{0,14}$/.test(id))
        throw new AppError('invalid_input', 'A dead-letter id is a positive number.');
      await withDatabase(async ({ db }, config) => {
        const signer = createMailSigner(await resolveSessionSecret(config));
        const blobs = createBlobStore(path.join(config.dataDir, 'blobs'));
        const outcome = await reprocessDeadLetter(
          { db, blobs, signer, maxBytes: config.mail.maxBytes },
          Number(id),
        );
        if (outcome.status === 'dropped' && outcome.reason === 'no such dead letter')
          throw new AppError('not_found', `No dead letter ${id}.`);
        process.stdout.write(`Dead letter ${id}: ${outcome.status}\n`);
      });
    });
}
