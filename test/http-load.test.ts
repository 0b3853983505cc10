/**
 * The benchmarks' load generator (bench/http-load.ts) reads real HTTP/1.1
 * answers correctly: Content-Length and chunked bodies, large bodies, a
 * server that closes the connection, request bodies, statuses and the
 * expected text of each answer.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { httpLoad } from '../bench/http-load.ts';

let server: http.Server;
let base = '';
let handled = 0;

beforeAll(async () => {
  server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      handled += 1;
      if (request.url === '/chunked') {
        response.write('bonjour ');
        response.end('en morceaux');
      } else if (request.url === '/close') {
        response.setHeader('connection', 'close');
        response.end('au revoir');
      } else if (request.url === '/post') {
        response.end(`reçu ${body.length} caractères – Message envoyé`);
      } else {
        response.statusCode = request.url === '/absent' ? 404 : 200;
        response.end('x'.repeat(request.url === '/grand' ? 300_000 : 10));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

it('counts every answer of a mixed closed loop, reconnecting when the server closes', async () => {
  handled = 0;
  const paths = ['/petit', '/grand', '/chunked', '/close', '/absent'];
  const result = await httpLoad({
    base,
    requests: paths.map((path) => ({ path })),
    total: 500,
    concurrency: 8,
    warmup: 20,
  });
  expect(result.latencies).toHaveLength(500);
  expect(result.statuses).toEqual({ 200: 400, 404: 100 });
  expect(result.failed).toBe(100);
  expect(handled).toBe(520);
});

it('sends request bodies and checks the expected text (chunked or not)', async () => {
  const posted = await httpLoad({
    base,
    requests: [
      {
        method: 'POST',
        path: '/post',
        body: Buffer.from('é'.repeat(5000)),
        headers: { 'content-type': 'text/plain; charset=utf-8' },
      },
    ],
    total: 50,
    concurrency: 4,
    expectText: 'reçu 5000 caractères – Message envoyé',
  });
  expect(posted.statuses).toEqual({ 200: 50 });
  expect(posted.failed).toBe(0);
  const chunked = await httpLoad({
    base,
    requests: [{ path: '/chunked' }],
    total: 20,
    concurrency: 2,
    expectText: 'bonjour en morceaux',
  });
  expect(chunked.failed).toBe(0);
  const missing = await httpLoad({
    base,
    requests: [{ path: '/petit' }],
    total: 5,
    concurrency: 1,
    expectText: 'Message envoyé',
  });
  expect(missing.failed).toBe(5);
});
