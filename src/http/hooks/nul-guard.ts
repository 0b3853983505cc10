/**
 * Refuses any request whose body, query or path parameters hold U+0000.
 * PostgreSQL's `text` cannot store byte 0, so such a string used to travel to
 * the database and come back as a 500 (issue 16 §3: login, notes, replies,
 * calls, tags, `q=%00`). One hook, before validation, answers 400 instead.
 *
 * Binary bodies (an uploaded export, a CSV file) are Buffers and are not
 * looked at; the help centre's multipart fields are read in its route, which
 * makes the same check (see `containsNul`).
 */
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../errors/app-error.ts';

const nul = '\u0000';

/** Whether a parsed value (string, array, plain object, nested) holds U+0000 in a key or a string. */
export function containsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes(nul);
  if (depth > 32 || value === null || typeof value !== 'object') return false;
  if (Buffer.isBuffer(value) || ArrayBuffer.isView(value)) return false;
  // A streamed body (an uploaded export) is read by its route, never walked here.
  if (typeof (value as { pipe?: unknown }).pipe === 'function') return false;
  if (Array.isArray(value)) return value.some((item) => containsNul(item, depth + 1));
  return Object.entries(value).some(
    ([key, item]) => key.includes(nul) || containsNul(item, depth + 1),
  );
}

export function installNulGuard(app: FastifyInstance): void {
  app.addHook('preValidation', (request, _reply, done) => {
    if (containsNul(request.params) || containsNul(request.query) || containsNul(request.body)) {
      return done(
        new AppError('invalid_input', 'Text may not contain the NUL character (U+0000).'),
      );
    }
    done();
  });
}
