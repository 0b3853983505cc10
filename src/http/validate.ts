/**
 * Validation at the HTTP boundary: a zod schema or a clear 400, never a
 * partly-trusted value in the domain.
 */
import type { z } from 'zod';
import { AppError } from '../errors/app-error.ts';

/** Parses `value` with `schema`; AppError('invalid_input') naming the first problem. */
export function parseInput<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
    throw new AppError(
      'invalid_input',
      `Invalid request: ${where}${issue?.message ?? 'bad value'}`,
    );
  }
  return parsed.data;
}

/** A positive integer id from a URL parameter; 404 for anything else (never says why). */
export function idParam(value: unknown): number {
  const text = typeof value === 'string' ? value : '';
  if (!/^[1-9][0-9]{0,14}$/.test(text)) throw new AppError('not_found', 'Not found.');
  return Number(text);
}
