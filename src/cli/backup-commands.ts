/** `guichet backup`, `guichet restore` and `guichet check` (issue 8 §6; see README "Backups"). */
import path from 'node:path';
import type { Command } from 'commander';
import { createBackup, type Instance } from '../backup/backup.ts';
import { checkConsistency } from '../backup/check-consistency.ts';
import { restoreBackup } from '../backup/restore.ts';
import { ensureDataDir, loadConfig } from '../config.ts';
import { withDatabase } from './open-configured-database.ts';

function instanceOf(): Instance {
  const config = loadConfig();
  return { database: config.database, dataDir: config.dataDir };
}

/** Runs the consistency check and prints it; true when nothing is wrong. */
async function runCheck(): Promise<boolean> {
  return withDatabase(async ({ db }, config) => {
    const report = await checkConsistency(db, path.join(config.dataDir, 'blobs'));
    for (const warning of report.warnings) process.stdout.write(`warning: ${warning}\n`);
    if (report.problems.length === 0) {
      process.stdout.write(
        `OK: ${report.checked.migrations} migrations, ${report.checked.blobs} referenced blobs, ${report.checked.rules} consistency rules checked.\n`,
      );
      return true;
    }
    process.stdout.write(`${report.problems.length} problem(s) found:\n`);
    for (const problem of report.problems) process.stdout.write(`  - ${problem}\n`);
    return false;
  });
}

export function registerBackupCommands(program: Command): void {
  program
    .command('backup')
    .description(
      'write the database and the file store to one archive (embedded: stop serve first)',
    )
    .requiredOption('--out <file>', 'the archive to write (a tar file)')
    .action(async (options: { out: string }) => {
      const instance = instanceOf();
      await ensureDataDir(instance.dataDir);
      const manifest = await createBackup(instance, options.out);
      process.stdout.write(
        `Backup written to ${options.out}: ${manifest.counts.tickets ?? 0} tickets, ${manifest.counts.messages ?? 0} messages, ${manifest.blobs.count} files (migration ${manifest.migration.version}).\n`,
      );
      if (manifest.skippedBlobs.length > 0)
        process.stderr.write(
          `guichet: ${manifest.skippedBlobs.length} damaged file(s) left out; run guichet check.\n`,
        );
    });

  program
    .command('restore')
    .description('restore an archive written by `guichet backup` into an empty instance')
    .argument('<file>', 'the archive')
    .option('--force', 'replace a non-empty instance (the old embedded data folder is kept aside)')
    .action(async (file: string, options: { force?: boolean }) => {
      const instance = instanceOf();
      const manifest = await restoreBackup(instance, file, { force: options.force === true });
      process.stdout.write(
        `Restored the backup of ${manifest.createdAt}: ${manifest.counts.tickets ?? 0} tickets, ${manifest.blobs.count} files.\n`,
      );
      if (!(await runCheck())) process.exitCode = 1;
    });

  program
    .command('check')
    .description('check migrations, references between rows, and the files of the store')
    .action(async () => {
      if (!(await runCheck())) process.exitCode = 1;
    });
}
