import { AppError } from '../../errors/app-error.ts';

const isUniqueViolation = (error: unknown): boolean =>
  (error as { code?: string } | undefined)?.code === '23505';

/**
 * Runs `work`; a unique violation (a name or a domain taken by a concurrent
 * writer between our check and our write) becomes AppError('conflict').
 */
export async function conflictOnDuplicate<T>(
  work: () => Promise<T>,
  message = 'Another change to the directory got there first: reload and try again.',
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('conflict', message);
    throw error;
  }
}
