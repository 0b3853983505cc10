/** Ports for tests that start real servers: one held open, or one free right now. */
import { createServer, type Server } from 'node:net';

/** Listens on a port the OS picks (on 127.0.0.1) and keeps it busy until `server` is closed. */
export async function listenOnSomePort(): Promise<{ server: Server; port: number }> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return { server, port: address.port };
}

/** A port that nobody listens on right now. */
export async function freePort(): Promise<number> {
  const { server, port } = await listenOnSomePort();
  await new Promise((resolve) => server.close(resolve));
  return port;
}
