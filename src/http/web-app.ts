/**
 * Serves the built React app (dist/web) with an SPA fallback: any GET that is
 * not an API route and accepts HTML gets index.html. Hashed assets are cached
 * for a year; index.html never.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { isApiRequest } from './hooks/route-path.ts';

// The repository (where package.json is): two folders up from src/http/, four from dist/server/src/http/.
const root = new URL(
  existsSync(new URL('../../package.json', import.meta.url)) ? '../../' : '../../../../',
  import.meta.url,
);
export const defaultWebRoot = fileURLToPath(new URL('dist/web/', root));

const notBuilt = `<!doctype html><html lang="fr"><meta charset="utf-8"><title>Guichet</title>
<p>L'application web n'est pas construite. Lancez <code>npm start</code> (ou <code>npm run build</code>).</p>
<p lang="en">The web app is not built. Run <code>npm start</code> (or <code>npm run build</code>).</p></html>`;

export async function installWebApp(app: FastifyInstance, webRoot: string): Promise<void> {
  const built = existsSync(path.join(webRoot, 'index.html'));
  if (built) {
    await app.register(fastifyStatic, {
      root: webRoot,
      wildcard: false,
      index: false,
      setHeaders: (res, file) => {
        const immutable = file.includes(`${path.sep}assets${path.sep}`);
        void res.header(
          'cache-control',
          immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
  }
  app.setNotFoundHandler(async (request, reply) => {
    const wantsHtml =
      request.method === 'GET' && (request.headers.accept ?? '').includes('text/html');
    if (isApiRequest(request) || !wantsHtml) {
      return reply.status(404).send({ error: { code: 'not_found', message: 'Not found.' } });
    }
    if (!built) return reply.status(503).type('text/html; charset=utf-8').send(notBuilt);
    void reply.header('cache-control', 'no-cache');
    return reply.type('text/html; charset=utf-8').sendFile('index.html');
  });
}
