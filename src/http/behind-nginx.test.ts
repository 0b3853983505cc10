/**
 * Guichet behind Debian's real nginx (issue 21 §7), with the configuration of
 * docs/deploy.md as it is written there (only host names, ports and paths
 * changed): TLS with a self-signed certificate, TRUST_PROXY so that the audit
 * log shows the visitor's address (and not a forged X-Forwarded-For), the
 * session cookie Secure behind https, the CSRF origin check through the proxy,
 * and the live stream (server-sent events) arriving through nginx while open.
 *
 * The visitor connects from 127.0.0.5, nginx reaches Guichet from 127.0.0.1:
 * the two addresses differ, so the audit log tells which one Guichet believed.
 * nginx is required where CI=true (scripts/test-services.sh installs it).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test/backends.ts';
import { makeUser, testPassword, testSecret } from '../../test/http.ts';
import { freePort } from '../../test/ports.ts';
import { waitFor } from '../../test/wait-for.ts';
import { loadConfig } from '../config.ts';
import type { Database } from '../db/client.ts';
import { applyDefaultConfiguration } from '../domain/configuration/apply-default-config.ts';
import { openTicket } from '../domain/tickets/open-ticket.ts';
import { buildApp } from './app.ts';

const nginxPath = process.env.NGINX_PATH ?? '/usr/sbin/nginx';
const nginxMissing = !existsSync(nginxPath);
if (nginxMissing && process.env.CI === 'true')
  throw new Error(
    `nginx is required in CI (scripts/test-services.sh installs it): ${nginxPath} is missing`,
  );
if (nginxMissing)
  console.warn(`⚠ nginx not found at ${nginxPath}: the reverse-proxy test is SKIPPED.`);

const repoRoot = path.resolve(import.meta.dirname, '..', '..');
const visitor = '127.0.0.5';

/** The ```nginx block of docs/deploy.md, for this machine. */
async function siteConfig(options: { app: number; http: number; https: number; dir: string }) {
  const doc = await readFile(path.join(repoRoot, 'docs', 'deploy.md'), 'utf8');
  const block = /```nginx\n([\s\S]*?)```/.exec(doc)?.[1];
  if (!block) throw new Error('docs/deploy.md has no nginx block');
  const replaced = block
    .replace('server 127.0.0.1:3000;', `server 127.0.0.1:${options.app};`)
    .replace(/^\s*listen \[::\].*$/gm, '')
    .replace('listen 80;', `listen 127.0.0.1:${options.http};`)
    .replace('listen 443 ssl http2;', `listen 127.0.0.1:${options.https} ssl http2;`)
    .replaceAll('server_name guichet.example.org;', 'server_name localhost;')
    .replace(/ssl_certificate \S+;/, `ssl_certificate ${options.dir}/cert.pem;`)
    .replace(/ssl_certificate_key \S+;/, `ssl_certificate_key ${options.dir}/key.pem;`);
  for (const expected of [`127.0.0.1:${options.app}`, `127.0.0.1:${options.https}`, 'cert.pem'])
    if (!replaced.includes(expected))
      throw new Error(`docs/deploy.md changed: ${expected} not set`);
  return replaced;
}

type Answer = {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
};

describe.skipIf(nginxMissing)('behind nginx', () => {
  let dir = '';
  let nginx: ChildProcess | undefined;
  let database: Database;
  let app: FastifyInstance;
  let ca: Buffer;
  const ports = { app: 0, http: 0, https: 0 };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'guichet-nginx-'));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=DNS:localhost',
        '-keyout',
        `${dir}/key.pem`,
        '-out',
        `${dir}/cert.pem`,
      ],
      { stdio: 'ignore' },
    );
    ca = await readFile(`${dir}/cert.pem`);
    ports.app = await freePort();
    ports.http = await freePort();
    ports.https = await freePort();

    database = await openTestDatabase('pglite');
    await applyDefaultConfiguration(database.db);
    const config = loadConfig({
      PUBLIC_URL: `https://localhost:${ports.https}`,
      TRUST_PROXY: '127.0.0.1',
      LOG_LEVEL: 'silent',
    });
    await writeFile(path.join(dir, 'index.html'), '<!doctype html><title>Guichet</title>');
    app = await buildApp({ config, database, sessionSecret: testSecret, webRoot: dir });
    await app.listen({ host: '127.0.0.1', port: ports.app });

    const site = await siteConfig({ ...ports, dir });
    const temp = ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'];
    await writeFile(
      path.join(dir, 'nginx.conf'),
      [
        process.getuid?.() === 0 ? 'user root;' : '',
        'worker_processes 1;',
        `pid ${dir}/nginx.pid;`,
        `error_log ${dir}/error.log;`,
        'events { worker_connections 256; }',
        'http {',
        `  access_log ${dir}/access.log;`,
        ...temp.map((t) => `  ${t === 'body' ? 'client_body' : t}_temp_path ${dir}/${t};`),
        site,
        '}',
      ].join('\n'),
    );
    nginx = spawn(
      nginxPath,
      ['-e', `${dir}/error.log`, '-p', dir, '-c', `${dir}/nginx.conf`, '-g', 'daemon off;'],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let failed = '';
    nginx.stderr?.on('data', (chunk: Buffer) => {
      failed += chunk.toString();
    });
    await waitFor(
      () =>
        new Promise<true | undefined>((resolve) => {
          if (failed) throw new Error(`nginx did not start: ${failed}`);
          const socket = net.connect(ports.https, '127.0.0.1');
          socket.once('connect', () => {
            socket.destroy();
            resolve(true);
          });
          socket.once('error', () => resolve(undefined));
        }),
      'nginx to listen',
    );
  }, 60_000);

  afterAll(async () => {
    nginx?.kill('SIGTERM');
    await app?.close();
    await database?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** A request to nginx over TLS, from the visitor's address. */
  const call = (
    method: string,
    url: string,
    options: { headers?: Record<string, string>; body?: unknown } = {},
  ): Promise<Answer> =>
    new Promise((resolve, reject) => {
      const body = options.body === undefined ? undefined : JSON.stringify(options.body);
      const request = https.request(
        {
          host: '127.0.0.1',
          port: ports.https,
          servername: 'localhost',
          localAddress: visitor,
          ca,
          method,
          path: url,
          agent: false,
          headers: {
            host: `localhost:${ports.https}`,
            ...(body ? { 'content-type': 'application/json' } : {}),
            ...options.headers,
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (c: Buffer) => chunks.push(c));
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              headers: response.headers,
              body: Buffer.concat(chunks).toString(),
            }),
          );
        },
      );
      request.on('error', reject);
      request.end(body);
    });

  it('believes nginx about the visitor, sets Secure cookies, checks origins, streams live events', async () => {
    const { email } = await makeUser(database, 'agent');
    // A forged X-Forwarded-For: nginx replaces it with the address it saw.
    const login = await call('POST', '/api/auth/login', {
      headers: { 'x-forwarded-for': '198.51.100.9' },
      body: { email, password: testPassword },
    });
    expect(login.status).toBe(200);
    const setCookie = String(login.headers['set-cookie']);
    expect(setCookie).toMatch(/^__Host-guichet_session=/);
    expect(setCookie).toMatch(/; Secure/);
    expect(setCookie).toMatch(/; HttpOnly/);
    expect(login.headers['strict-transport-security']).toMatch(/max-age=/);
    const audit = await database.db
      .selectFrom('audit_events')
      .select(['action', 'ip'])
      .where('action', '=', 'auth.login')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit.ip).toBe(visitor);

    const cookie = setCookie.split(';')[0] ?? '';
    const csrf = (JSON.parse(login.body) as { csrfToken: string }).csrfToken;

    // The live stream, through nginx: the first lines at once, then a ticket's event while open.
    const received: string[] = [];
    const stream = https.request({
      host: '127.0.0.1',
      port: ports.https,
      servername: 'localhost',
      localAddress: visitor,
      ca,
      path: '/api/live',
      agent: false,
      headers: { host: `localhost:${ports.https}`, cookie, accept: 'text/event-stream' },
    });
    const opened = new Promise<string | undefined>((resolve, reject) => {
      stream.on('response', (response) => {
        resolve(response.headers['content-type']);
        response.on('data', (chunk: Buffer) => received.push(chunk.toString()));
      });
      stream.on('error', reject);
    });
    stream.end();
    expect(await opened).toMatch(/^text\/event-stream/);
    await waitFor(() => (received.join('').includes('event: hello') ? true : undefined), 'hello');
    const mailbox = await database.db
      .selectFrom('mailboxes')
      .select('id')
      .executeTakeFirstOrThrow();
    const at = new Date();
    const ticket = await database.db
      .transaction()
      .execute((trx) =>
        openTicket(
          trx,
          { mailboxId: mailbox.id, subject: 'Par le proxy', contactId: null, channel: 'email', at },
          { kind: 'customer', body_text: 'Bonjour', created_at: at },
        ),
      );
    await waitFor(
      () => (received.join('').includes(`"ticketId":${ticket.id}`) ? true : undefined),
      'the ticket event through nginx',
    );
    stream.destroy();

    // A change through the proxy: our origin (https, the public host) passes; another does not.
    const foreign = await call('POST', '/api/auth/logout', {
      headers: { cookie, 'x-csrf-token': csrf, origin: 'https://evil.example.org' },
    });
    expect(foreign.status).toBe(403);
    const logout = await call('POST', '/api/auth/logout', {
      headers: { cookie, 'x-csrf-token': csrf, origin: `https://localhost:${ports.https}` },
    });
    expect(logout.status).toBeLessThan(300);

    // Plain HTTP is sent to HTTPS.
    const plain = await new Promise<Answer>((resolve, reject) => {
      const socket = net.connect(ports.http, '127.0.0.1', () => {
        socket.write('GET /inbox HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
      });
      let text = '';
      socket.on('data', (c: Buffer) => {
        text += c.toString();
      });
      socket.on('end', () =>
        resolve({
          status: Number(text.split(' ')[1]),
          headers: { location: /\r\nLocation: (\S+)/i.exec(text)?.[1] },
          body: text,
        }),
      );
      socket.on('error', reject);
    });
    expect(plain.status).toBe(301);
    expect(plain.headers.location).toBe('https://localhost/inbox');
  }, 60_000);
});
