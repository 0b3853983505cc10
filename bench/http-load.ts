/**
 * The benchmarks' HTTP load generator: `concurrency` clients in a closed loop
 * (each sends its next request when the previous answer has arrived), in a
 * worker thread so that it never shares the event loop of the server it
 * measures. Each client owns one keep-alive HTTP/1.1 connection (a TCP socket
 * over loopback), writes each request as bytes serialised once, and reads the
 * answer with a minimal parser (status line, Content-Length or chunked body),
 * as wrk and autocannon do: node:http's client objects cost more CPU per
 * request than the server's handling of a cached page (and fetch several
 * times more), taken from the same two cores as the server.
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

const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const net = require('node:net');
const { base, requests, total, concurrency, warmup, expectText } = workerData;
const now = () => Number(process.hrtime.bigint()) / 1e6;
const url = new URL(base);
const port = Number(url.port);
const host = url.hostname;
// Each request as the bytes sent on the wire, built once.
const prepared = requests.map((r) => {
  const body = r.body ? Buffer.from(r.body) : Buffer.alloc(0);
  const lines = [(r.method || 'GET') + ' ' + r.path + ' HTTP/1.1', 'Host: ' + url.host, 'Connection: keep-alive'];
  for (const [name, value] of Object.entries(r.headers || {})) lines.push(name + ': ' + value);
  if (r.body) lines.push('Content-Length: ' + body.length);
  return Buffer.concat([Buffer.from(lines.join('\\r\\n') + '\\r\\n\\r\\n', 'latin1'), body]);
});
const expected = expectText ? Buffer.from(expectText) : null;
const headerEnd = Buffer.from('\\r\\n\\r\\n');

// One client: one connection, one request at a time, reconnecting when the server closes it.
function client() {
  let socket = null;
  let pending = null; // { resolve, reject }
  let buffer = Buffer.alloc(0);
  let answer = null; // { status, length, chunked, close, bodyStart }
  const fail = (error) => {
    const p = pending;
    pending = null;
    socket = null;
    buffer = Buffer.alloc(0);
    answer = null;
    if (p) p.reject(error);
  };
  const parse = () => {
    if (!pending) return;
    if (!answer) {
      const end = buffer.indexOf(headerEnd);
      if (end < 0) return;
      const head = buffer.toString('latin1', 0, end).split('\\r\\n');
      const status = Number(head[0].split(' ')[1]);
      let length = null;
      let chunked = false;
      let close = false;
      for (let i = 1; i < head.length; i++) {
        const colon = head[i].indexOf(':');
        const name = head[i].slice(0, colon).trim().toLowerCase();
        const value = head[i].slice(colon + 1).trim().toLowerCase();
        if (name === 'content-length') length = Number(value);
        else if (name === 'transfer-encoding') chunked = value.includes('chunked');
        else if (name === 'connection') close = value === 'close';
      }
      answer = { status, length: length ?? (chunked ? null : 0), chunked, close, bodyStart: end + 4 };
    }
    let body;
    let used;
    if (answer.chunked) {
      const parts = [];
      let at = answer.bodyStart;
      for (;;) {
        const lineEnd = buffer.indexOf('\\r\\n', at);
        if (lineEnd < 0) return;
        const size = Number.parseInt(buffer.toString('latin1', at, lineEnd), 16);
        if (size === 0) {
          // the last chunk, then optional trailers, then an empty line
          const end = buffer.indexOf(headerEnd, lineEnd);
          if (end < 0) return;
          used = end + 4;
          break;
        }
        if (buffer.length < lineEnd + 2 + size + 2) return;
        parts.push(buffer.subarray(lineEnd + 2, lineEnd + 2 + size));
        at = lineEnd + 2 + size + 2;
      }
      body = Buffer.concat(parts);
    } else {
      if (buffer.length < answer.bodyStart + answer.length) return;
      used = answer.bodyStart + answer.length;
      body = buffer.subarray(answer.bodyStart, used);
    }
    const result = { status: answer.status, found: expected ? body.includes(expected) : true };
    buffer = buffer.subarray(used);
    const close = answer.close;
    answer = null;
    const p = pending;
    pending = null;
    if (close) { socket.destroy(); socket = null; }
    p.resolve(result);
  };
  const open = () => new Promise((resolve, reject) => {
    const s = net.connect(port, host, () => resolve(s));
    s.setNoDelay(true);
    s.on('data', (chunk) => {
      buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk]);
      parse();
    });
    s.on('error', (error) => { if (s === socket) fail(error); else reject(error); });
    s.on('close', () => { if (s === socket) fail(new Error('connection closed')); });
  });
  return async (request) => {
    if (!socket) socket = await open();
    return new Promise((resolve, reject) => {
      pending = { resolve, reject };
      socket.write(request);
    });
  };
}

const clients = Array.from({ length: concurrency }, client);
const loop = async (count, record) => {
  let next = 0;
  await Promise.all(clients.slice(0, Math.min(concurrency, count)).map(async (send) => {
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
