/**
 * Maps every error to one JSON shape, `{ error: { code, message } }`.
 * AppErrors keep their message; anything else is a bug: logged with its stack,
 * answered as a bare 500 so nothing internal reaches the user.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import { type AppError, isAppError } from '../../errors/app-error.ts';
import type { ErrorDto } from '../../shared/contracts.ts';

const body = (code: string, message: string): ErrorDto => ({ error: { code, message } });

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError | Error, request, reply) => {
    if (isAppError(error)) {
      const retry = error.details?.retryAfterSeconds;
      if (typeof retry === 'number') void reply.header('retry-after', String(retry));
      if (error.status >= 500) request.log.error({ err: error }, error.message);
      // `details.public`: what an error shows its caller besides code and message.
      const extra = error.details?.public;
      const answer = body(error.code, error.message);
      if (typeof extra === 'object' && extra !== null) Object.assign(answer.error, extra);
      return reply.status(error.status).send(answer);
    }
    const fastifyError = error as FastifyError;
    const status = fastifyError.statusCode ?? 500;
    if (status === 429)
      return reply.status(429).send(body('rate_limited', 'Too many requests. Slow down.'));
    if (status >= 400 && status < 500) {
      // Fastify's own client errors (malformed JSON, body too large, bad content type).
      return reply.status(status).send(body('invalid_input', fastifyError.message));
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send(body('internal', 'Internal error.'));
  });
}
