/**
 * A webhook receiver for tests (issue 21 §3): a real HTTP server on 127.0.0.1
 * that records every request (headers and exact body) and answers with the
 * status the test sets (200 up, 503 down, 302 a redirect).
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';

export type Received = { headers: IncomingHttpHeaders; body: string; path: string };

export async function startReceiver() {
  const received: Received[] = [];
  const state: { status: number; location?: string } = { status: 200 };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      if (state.status >= 200 && state.status < 300)
        received.push({ headers: request.headers, body, path: request.url ?? '/' });
      response.writeHead(state.status, state.location ? { location: state.location } : {});
      response.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    url: `http://127.0.0.1:${address.port}/hook`,
    received,
    /** Every request, answered or not. */
    set(status: number, location?: string) {
      state.status = status;
      state.location = location;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
