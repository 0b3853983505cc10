/**
 * The benchmarks' HTTP load generator: `concurrency` clients in a closed loop
 * (each sends its next request when the previous answer has arrived), in a
 * worker thread so that it never shares the event loop of the server it
 * measures, with node:http and keep-alive (fetch costs several times more CPU
 * per request, taken from the same two cores as the server).
 */
import { Worker } from 'node:worker_threads';

export type LoadRequest = {
  method?: 'GET' | 'POST';
  path: string;
  body?: Buffer;
  headers?: Record<string, string>;
};

export type LoadOptions = {
  /** e.g. http://127.0.0.1:3000 */
  base: string;
  /** Sent in turn (request i is requests[i % length]). */
  requests: LoadRequest[];
  total: number;
  concurrency: number;
  /** Requests sent first and not counted: connections opened, code warmed up. */
  warmup?: number;
  /** An answer counts as failed unless its status is 200 and (when given) its body holds this. */
  expectText?: string;
};

export type LoadResult = {
  /** Milliseconds, one per counted request. */
  latencies: number[];
  seconds: number;
  statuses: Record<string, number>;
  failed: number;
};

// Per request, the client does only what a closed loop needs: the request
// options (host, port, headers, body as a Buffer) are prepared once, not
// parsed from a URL each time; a body is kept only when its text is checked
// (searched as bytes, not decoded), otherwise it is read and dropped.
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const { base, requests, total, concurrency, warmup, expectText } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
const now = () => Number(process.hrtime.bigint()) / 1e6;
const url = new URL(base);
const prepared = requests.map((r) => {
  const body = r.body ? Buffer.from(r.body) : undefined;
  const headers = { ...(r.headers || {}) };
  if (body) headers['content-length'] = body.length;
  return {
    body,
    options: { host: url.hostname, port: url.port, path: r.path, method: r.method || 'GET', agent, headers },
  };
});
const expected = expectText ? Buffer.from(expectText) : null;
const send = (r) => new Promise((resolve, reject) => {
  const request = http.request(r.options, (response) => {
    const chunks = expected ? [] : null;
    if (chunks) response.on('data', (chunk) => chunks.push(chunk));
    else response.resume();
    response.on('end', () => resolve({
      status: response.statusCode,
      found: chunks ? Buffer.concat(chunks).includes(expected) : true,
    }));
    response.on('error', reject);
  });
  request.on('error', reject);
  request.end(r.body);
});
const loop = async (count, record) => {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, async () => {
    while (next < count) {
      const r = prepared[next++ % prepared.length];
      const started = now();
      let answer;
      try { answer = await send(r); } catch { answer = { status: 0, found: false }; }
      record(answer, now() - started);
    }
  }));
};
(async () => {
  await loop(warmup, () => {});
  const latencies = [];
  const statuses = {};
  let failed = 0;
  const started = now();
  await loop(total, (answer, ms) => {
    latencies.push(ms);
    statuses[answer.status] = (statuses[answer.status] || 0) + 1;
    if (answer.status !== 200 || !answer.found) failed++;
  });
  parentPort.postMessage({ latencies, statuses, failed, seconds: (now() - started) / 1000 });
})();
`;

export function httpLoad(options: LoadOptions): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerSource, {
      eval: true,
      workerData: { warmup: 0, expectText: null, ...options },
    });
    worker.once('message', (result: LoadResult) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

/** The value below which a share `q` of `values` falls (nearest rank). */
export const quantile = (values: number[], q: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
};
