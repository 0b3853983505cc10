/**
 * The security headers of every response (CSP, frame, referrer, HSTS…), as
 * Helmet computes them from our options, but computed once at start: the
 * options never change per request, and building Helmet's middleware for each
 * request (as @fastify/helmet does) parsed the CSP again every time. The
 * headers are set on the raw response before the route runs, exactly where
 * Helmet set them, so a route can still replace one (the help centre's CSP)
 * or remove one (X-Frame-Options of the embeddable widget).
 */
import type { ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

export type SecurityHeaders = {
  /** Header name (as Helmet spells it) and value, in Helmet's order. */
  set: [string, string][];
  /** Headers Helmet removes (X-Powered-By). */
  removed: string[];
};

/** Runs Helmet once on a stand-in response and records what it does. */
export function computeSecurityHeaders(options: HelmetOptions): SecurityHeaders {
  const headers: SecurityHeaders = { set: [], removed: [] };
  const recorder = {
    setHeader(name: string, value: unknown) {
      headers.set.push([name, String(value)]);
      return recorder;
    },
    removeHeader(name: string) {
      headers.removed.push(name);
    },
  };
  let failure: unknown;
  helmet(options)({} as never, recorder as unknown as ServerResponse, (error?: unknown) => {
    failure = error;
  });
  if (failure) throw failure;
  return headers;
}

/** Sets the headers of `options` on every response of `app` (and its child scopes). */
export function installSecurityHeaders(app: FastifyInstance, options: HelmetOptions): void {
  const { set, removed } = computeSecurityHeaders(options);
  app.addHook('onRequest', (_request, reply, done) => {
    const raw = reply.raw;
    for (const name of removed) raw.removeHeader(name);
    for (const [name, value] of set) raw.setHeader(name, value);
    done();
  });
}
