import { readFile, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { cliActor } from '../domain/audit/record-audit.ts';
import { exportConfiguration } from '../domain/configuration/export-configuration.ts';
import { importConfiguration } from '../domain/configuration/import-configuration.ts';
import { AppError } from '../errors/app-error.ts';
import { withDatabase } from './open-configured-database.ts';
import { readStdin } from './read-secret.ts';

/** "Cannot read|write FILE: ENOENT" — the system's code is what people search for. */
function fileError(verb: 'read' | 'write', file: string, error: unknown): AppError {
  const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  return new AppError('invalid_input', `Cannot ${verb} ${file}: ${reason}`);
}

/** Reads JSON from a file, or standard input for `-`; invalid_input with the reason otherwise. */
export async function readJson(file: string): Promise<unknown> {
  let text: string;
  try {
    text = file === '-' ? await readStdin() : await readFile(file, 'utf8');
  } catch (error) {
    throw fileError('read', file, error);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new AppError('invalid_input', `${file} is not valid JSON: ${(error as Error).message}`);
  }
}

async function writeText(file: string, text: string): Promise<void> {
  try {
    await writeFile(file, text);
  } catch (error) {
    throw fileError('write', file, error);
  }
}

export function registerConfigCommands(program: Command): void {
  const config = program
    .command('config')
    .description('move the configuration (mailboxes, fields, values, settings) between instances');

  config
    .command('export')
    .description('write the configuration as JSON')
    .option('--out <file>', 'file to write (default: standard output)')
    .action(async (options: { out?: string }) => {
      await withDatabase(async ({ db }) => {
        const text = `${JSON.stringify(await exportConfiguration(db), null, 2)}\n`;
        if (options.out) {
          await writeText(options.out, text);
          process.stderr.write(`Configuration written to ${options.out}\n`);
        } else {
          process.stdout.write(text);
        }
      });
    });

  config
    .command('import')
    .description('apply a configuration JSON file (all or nothing); - reads standard input')
    .argument('<file>', 'the JSON file written by `guichet config export`')
    .action(async (file: string) => {
      const document = await readJson(file);
      await withDatabase(async ({ db }) => {
        const summary = await importConfiguration(db, document, cliActor);
        process.stdout.write(`${JSON.stringify(summary)}\n`);
      });
    });
}
