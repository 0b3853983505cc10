/**
 * The `guichet` command: one binary for the server and the administration
 * tasks. Every failure Guichet expects is an AppError, printed as one line
 * with a distinct exit code; anything else is a bug and prints its stack.
 */

import { buildProgram } from './cli/program.ts';
import { isAppError } from './errors/app-error.ts';

try {
  await (await buildProgram()).parseAsync(process.argv);
} catch (error) {
  if (isAppError(error)) {
    process.stderr.write(`guichet: ${error.message}\n`);
    process.exit(error.exitCode);
  }
  process.stderr.write(`guichet: unexpected error: ${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
}
