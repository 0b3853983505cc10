/**
 * `guichet privacy …`: the retention job and a person's data from the command line.
 *
 *   guichet privacy retention --dry-run | --run
 *   guichet privacy find TERM
 *   guichet privacy export TERM --requested-by TEXT --out FILE.zip
 *   guichet privacy erase TERM --requested-by TEXT --yes
 *   guichet privacy scan-sensitive        flag older messages holding a NIR or an IBAN
 *
 * The CLI acts as 'cli' in the audit log and the request register.
 */
import { rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import type { Config } from '../config.ts';
import { cliActor } from '../domain/audit/record-audit.ts';
import { erasePerson } from '../domain/privacy/erase-person.ts';
import { exportPerson } from '../domain/privacy/export-person.ts';
import { findPerson } from '../domain/privacy/find-person.ts';
import { parsePersonQuery } from '../domain/privacy/person-query.ts';
import { parseRequester } from '../domain/privacy/privacy-requests.ts';
import { runRetention } from '../domain/privacy/run-retention.ts';
import { flagSensitiveMessages } from '../domain/privacy/sensitive-kinds.ts';
import { AppError } from '../errors/app-error.ts';
import { createBlobStore } from '../storage/blob-store.ts';
import { withDatabase } from './open-configured-database.ts';

const blobsOf = (config: Config) => createBlobStore(path.join(config.dataDir, 'blobs'));
const out = (line: string) => process.stdout.write(`${line}\n`);

export function registerPrivacyCommands(program: Command): void {
  const privacy = program
    .command('privacy')
    .description('personal data: retention, a person’s export and erasure');

  privacy
    .command('retention')
    .description('anonymise the tickets past their mailbox retention (or count them)')
    .option('--dry-run', 'only count the tickets that would be anonymised')
    .option('--run', 'anonymise them now')
    .action(async (options: { dryRun?: boolean; run?: boolean }) => {
      if (Boolean(options.dryRun) === Boolean(options.run))
        throw new AppError('invalid_input', 'Give exactly one of --dry-run or --run.');
      await withDatabase(async (database, config) => {
        const result = await runRetention(database.db, blobsOf(config), {
          dryRun: Boolean(options.dryRun),
          trigger: 'cli',
          actor: cliActor,
        });
        out(
          result.dryRun
            ? `${result.tickets} ticket(s) would be anonymised (run ${result.runId}).`
            : `${result.tickets} ticket(s) anonymised, ${result.attachments} attachment(s) and ${result.blobsRemoved} file(s) removed (run ${result.runId}).`,
        );
      });
    });

  privacy
    .command('find <term>')
    .description('list what Guichet holds about a person (e-mail, name, phone or number)')
    .action(async (term: string) => {
      const query = parsePersonQuery(term);
      await withDatabase(async (database) => {
        const found = await findPerson(database.db, query);
        out(`${found.contacts.length} contact(s), ${found.tickets.length} ticket(s).`);
        for (const t of found.tickets)
          out(
            `#${t.number}\t${t.mailboxSlug}\t${t.status}\t${t.createdAt.toISOString().slice(0, 10)}\t${t.reasons.join(',')}`,
          );
        const e = found.elsewhere;
        out(
          `Elsewhere: ${e.auditEvents} audit event(s), ${e.outbox} outbox row(s), ${e.loginThrottle} login counter(s).`,
        );
      });
    });

  privacy
    .command('export <term>')
    .description('write a zip of everything about a person')
    .requiredOption('--requested-by <text>', 'who asked (recorded)')
    .requiredOption('--out <file>', 'the zip to write')
    .action(async (term: string, options: { requestedBy: string; out: string }) => {
      const query = parsePersonQuery(term);
      const requestedBy = parseRequester(options.requestedBy);
      await withDatabase(async (database, config) => {
        const result = await exportPerson(database.db, blobsOf(config), query, {
          requestedBy,
          actor: cliActor,
        });
        const temporary = `${options.out}.${process.pid}.tmp`;
        try {
          await writeFile(temporary, result.zip, { mode: 0o600 });
          await rename(temporary, options.out);
        } catch (error) {
          const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
          throw new AppError('invalid_input', `Cannot write ${options.out}: ${reason}`);
        }
        out(
          `${result.tickets} ticket(s), ${result.messages} message(s), ${result.attachments} file(s) written to ${options.out}.`,
        );
      });
    });

  privacy
    .command('erase <term>')
    .description(
      'erase a person everywhere (tickets anonymised, statistics kept); cannot be undone',
    )
    .requiredOption('--requested-by <text>', 'who asked (recorded)')
    .option('--yes', 'confirm the erasure')
    .action(async (term: string, options: { requestedBy: string; yes?: boolean }) => {
      const query = parsePersonQuery(term);
      const requestedBy = parseRequester(options.requestedBy);
      if (!options.yes)
        throw new AppError('invalid_input', 'Erasure cannot be undone: add --yes to confirm.');
      await withDatabase(async (database, config) => {
        const result = await erasePerson(database.db, blobsOf(config), query, {
          requestedBy,
          actor: cliActor,
        });
        out(
          `Erased: ${result.tickets} ticket(s), ${result.contacts} contact(s), ${result.attachments} attachment(s), ${result.blobsRemoved} file(s); request ${result.requestId}.`,
        );
        for (const trace of result.remaining)
          out(`Still found in ${trace.table}.${trace.column}: ${trace.rows} row(s) (not erased).`);
      });
    });

  privacy
    .command('scan-sensitive')
    .description('flag older messages (imports, mail before this version) holding a NIR or an IBAN')
    .action(async () => {
      await withDatabase(async (database) => {
        out(`${await flagSensitiveMessages(database.db)} message(s) flagged.`);
      });
    });
}
