/**
 * The precomputed security headers are exactly those Helmet sets when it runs
 * on each request (as @fastify/helmet did), for HTTP and HTTPS deployments,
 * and a route can still replace or remove one.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import helmet from 'helmet';
import { describe, expect, it } from 'vitest';
import { securityHeaderOptions } from '../app.ts';
import { installSecurityHeaders } from './security-headers.ts';

function withRoutes(app: FastifyInstance): FastifyInstance {
  app.get('/plain', async () => ({ ok: true }));
  app.get('/framed', async (_request, reply) =>
    reply
      .removeHeader('x-frame-options')
      .header('content-security-policy', "frame-ancestors 'self' https://a.example.org")
      .send('framed'),
  );
  return app;
}

const withoutDate = (headers: Record<string, unknown>) => {
  const { date: _date, ...rest } = headers;
  return rest;
};

describe('security headers', () => {
  for (const publicUrl of ['http://localhost:3000', 'https://support.example.org']) {
    it(`match Helmet run per request (${publicUrl})`, async () => {
      const options = securityHeaderOptions(new URL(publicUrl));
      const precomputed = Fastify();
      installSecurityHeaders(precomputed, options);
      const perRequest = Fastify();
      perRequest.addHook('onRequest', (request, reply, done) =>
        helmet(options)(request.raw, reply.raw, (error) => done(error as Error | undefined)),
      );
      for (const app of [precomputed, perRequest]) withRoutes(app);
      for (const url of ['/plain', '/framed', '/missing']) {
        const [ours, theirs] = await Promise.all(
          [precomputed, perRequest].map((app) => app.inject({ method: 'GET', url })),
        );
        expect(withoutDate(ours?.headers ?? {})).toEqual(withoutDate(theirs?.headers ?? {}));
      }
      const plain = await precomputed.inject({ method: 'GET', url: '/plain' });
      expect(plain.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(plain.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(plain.headers['referrer-policy']).toBe('same-origin');
      expect(plain.headers['strict-transport-security'] !== undefined).toBe(
        publicUrl.startsWith('https:'),
      );
      const framed = await precomputed.inject({ method: 'GET', url: '/framed' });
      expect(framed.headers['x-frame-options']).toBeUndefined();
      expect(framed.headers['content-security-policy']).toBe(
        "frame-ancestors 'self' https://a.example.org",
      );
    });
  }
});
