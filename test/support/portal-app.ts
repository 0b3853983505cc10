/**
 * Test support for the help centre: the real app with a temporary blob store
 * and chosen limits, published starter articles, form tokens and multipart
 * bodies built by hand (what a browser sends).
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { defaultPortalLimits, type PortalLimits } from '../../src/config/portal-limits.ts';
import type { Database } from '../../src/db/client.ts';
import type { DB } from '../../src/db/schema.ts';
import { systemActor } from '../../src/domain/audit/record-audit.ts';
import { issueFormToken } from '../../src/portal/abuse/form-token.ts';
import { publishArticle } from '../../src/portal/kb/edit-articles.ts';
import { type BlobStore, createBlobStore } from '../../src/storage/blob-store.ts';
import { buildTestApp, testSecret } from '../http.ts';

export async function buildPortalApp(
  database: Database,
  limits: Partial<PortalLimits> = {},
): Promise<{ app: FastifyInstance; blobs: BlobStore }> {
  const blobs = createBlobStore(await mkdtemp(path.join(os.tmpdir(), 'guichet-portal-')));
  const app = await buildTestApp(database, 'http://localhost:3000', {
    portal: { blobs, limits: { ...defaultPortalLimits, minSubmitSeconds: 0, ...limits } },
  });
  return { app, blobs };
}

/** Publishes every starter article (they are loaded as drafts). */
export async function publishStarterArticles(db: Kysely<DB>): Promise<void> {
  const rows = await db
    .selectFrom('kb_articles')
    .select('id')
    .where('published_at', 'is', null)
    .execute();
  for (const row of rows) await publishArticle(db, row.id, systemActor);
}

/** A token issued `ageSeconds` ago for this site and nature. */
export const tokenFor = (departement: string, nature: string, ageSeconds = 10): string =>
  issueFormToken(testSecret, departement, nature, Date.now() - ageSeconds * 1000);

export type UploadFile = { field?: string; name: string; type?: string; bytes: Buffer };

/** A multipart/form-data body as a browser builds it. */
export function multipart(
  fields: [string, string][] | Record<string, string>,
  files: UploadFile[] = [],
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----guichet${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  const entries = Array.isArray(fields) ? fields : Object.entries(fields);
  for (const [name, value] of entries)
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
      ),
    );
  for (const file of files) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'pieces'}"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
      ),
      file.bytes,
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(chunks),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** A valid contact form for département 44 and `nature`. */
export function contactFields(
  nature = 'identifiants-oublies',
  overrides: Record<string, string> = {},
): Record<string, string> {
  return {
    nature,
    jeton: tokenFor('44', nature),
    vus: '',
    site_web: '',
    nom: 'Martin',
    prenom: 'Claire',
    email: 'claire.martin@example.org',
    email_confirmation: 'claire.martin@example.org',
    telephone: '02 40 00 00 00',
    numero_unique: '',
    message: 'Je ne retrouve plus mon mot de passe.',
    ...overrides,
  };
}

/** Small valid files of each accepted type. */
export const sampleFiles = {
  pdf: Buffer.from(
    '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
  ),
  png: Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    Buffer.alloc(64, 7),
  ]),
  jpg: Buffer.concat([
    Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
    Buffer.alloc(64, 1),
    Buffer.from([0xff, 0xd9]),
  ]),
};
