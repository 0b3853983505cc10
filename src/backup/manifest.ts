/**
 * The manifest of a backup archive (its last entry, `manifest.json`): what
 * the archive holds and how to check it before anything is restored.
 *
 *   format         "guichet-backup", formatVersion 1
 *   backend        "pglite" (part database/pgdata.tar.gz: PGlite's dumpDataDir)
 *                  or "postgres" (part database/dump.pgc: pg_dump custom format)
 *   migration      the last Guichet migration applied in the saved database
 *   counts         rows of the main tables, and the blobs (number, bytes)
 *   parts          name, size and SHA-256 of every entry but the blobs
 *   blobsDigest    SHA-256 of the sorted blob names: each blob is named by the
 *                  SHA-256 of its bytes, so each one checks itself
 */
import { z } from 'zod';

export const manifestName = 'manifest.json';
export const formatVersion = 1;
export const databasePart = { pglite: 'database/pgdata.tar.gz', postgres: 'database/dump.pgc' };
export const blobEntryPattern = /^blobs\/([0-9a-f]{2})\/([0-9a-f]{2})\/([0-9a-f]{64})$/;

export const countedTables = [
  'mailboxes',
  'users',
  'contacts',
  'tickets',
  'messages',
  'attachments',
  'ratings',
  'audit_events',
] as const;

export const manifestSchema = z.object({
  format: z.literal('guichet-backup'),
  formatVersion: z.literal(formatVersion),
  createdAt: z.string(),
  backend: z.enum(['pglite', 'postgres']),
  migration: z.object({ version: z.number().int(), name: z.string() }),
  serverVersion: z.string().optional(),
  counts: z.record(z.string(), z.number().int().nonnegative()),
  blobs: z.object({ count: z.number().int().nonnegative(), bytes: z.number().nonnegative() }),
  blobsDigest: z.string().regex(/^[0-9a-f]{64}$/),
  skippedBlobs: z.array(z.string()).default([]),
  parts: z.array(
    z.object({ name: z.string(), size: z.number().int().nonnegative(), sha256: z.string() }),
  ),
});
export type Manifest = z.infer<typeof manifestSchema>;
