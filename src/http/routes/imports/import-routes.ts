/**
 * Imports from the agent app (supervisors and admins):
 *
 * - POST /api/imports/helpscout?format=jsonl|json&dryRun=true|false — body: the export file as
 *   `application/octet-stream` (streamed to disk, never buffered); optional header
 *   `x-guichet-mapping`: the mapping file as URI-encoded JSON. 202 `{ id }`; the import runs
 *   in the background.
 * - GET /api/imports — the ten latest runs (ImportRunDto[]), newest first.
 * - GET /api/imports/:id — state, progress and summary (ImportRunDto). A run whose process
 *   died (its lease ran out) is marked `interrupted` and its upload removed when read.
 * - GET /api/imports/:id/errors — the error report (CSV, downloaded, never rendered).
 */
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../../db/schema.ts';
import { AppError } from '../../../errors/app-error.ts';
import { mappingFileSchema } from '../../../import/shared/mapping-file.ts';
import { settleInterruptedImports } from '../../../import/uploads/interrupted-imports.ts';
import { errorReportPath, startUploadedImport } from '../../../import/uploads/uploaded-import.ts';
import { presentImportRun } from '../../../presenters/import-run.ts';
import {
  type ImportRunDto,
  importUploadQuerySchema,
  mappingHeader,
} from '../../../shared/contracts.ts';
import { requireRole, sessionOf } from '../../hooks/sessions.ts';

const idSchema = z.object({ id: z.uuid() });

/** 2 GiB: a Help Scout export of several years with bodies. */
export const DEFAULT_MAX_UPLOAD_BYTES = 2 * 1024 ** 3;

function parseMapping(header: string | string[] | undefined) {
  if (header === undefined) return mappingFileSchema.parse({});
  if (Array.isArray(header) || header.length > 16_384) {
    throw new AppError('invalid_input', 'The mapping header must be one value of at most 16 KB.');
  }
  let json: unknown;
  try {
    json = JSON.parse(decodeURIComponent(header));
  } catch {
    throw new AppError('invalid_input', 'The mapping header is not URI-encoded JSON.');
  }
  const parsed = mappingFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError(
      'invalid_input',
      `Mapping: ${issue?.path.join('.') || '(file)'}: ${issue?.message ?? 'invalid'}`,
    );
  }
  return parsed.data;
}

async function findRun(db: Kysely<DB>, id: unknown) {
  const parsed = idSchema.safeParse({ id });
  if (!parsed.success) throw new AppError('not_found', 'No such import.');
  const row = await db
    .selectFrom('import_runs')
    .selectAll()
    .where('id', '=', parsed.data.id)
    .executeTakeFirst();
  if (!row) throw new AppError('not_found', 'No such import.');
  return row;
}

export function importRoutes(
  app: FastifyInstance,
  deps: { db: Kysely<DB>; maxUploadBytes?: number },
): void {
  // The export arrives as a stream; startUploadedImport writes it to disk as it comes.
  app.addContentTypeParser('application/octet-stream', (_request, payload, done) => {
    done(null, payload);
  });

  app.post(
    '/api/imports/helpscout',
    {
      preHandler: requireRole('supervisor'),
      bodyLimit: deps.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES,
    },
    async (request, reply) => {
      const query = importUploadQuerySchema.safeParse(request.query);
      if (!query.success)
        throw new AppError('invalid_input', 'format must be jsonl or json; dryRun true or false.');
      const mapping = parseMapping(request.headers[mappingHeader]);
      if (!request.body || typeof (request.body as Readable).pipe !== 'function') {
        throw new AppError('invalid_input', 'Send the export as application/octet-stream.');
      }
      const session = sessionOf(request);
      const id = randomUUID();
      await startUploadedImport(deps.db, request.body as Readable, {
        runId: id,
        format: query.data.format,
        dryRun: query.data.dryRun === 'true',
        mapping,
        actor: { userId: session.user.id, label: null, ip: request.ip },
        maxBytes: deps.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES,
        fileName: query.data.name || undefined,
      });
      return reply.status(202).send({ id });
    },
  );

  // The latest runs, newest first: a run left behind by a stopped server reads as interrupted.
  app.get('/api/imports', { preHandler: requireRole('supervisor') }, async () => {
    await settleInterruptedImports(deps.db);
    const rows = await deps.db
      .selectFrom('import_runs')
      .selectAll()
      .orderBy('started_at', 'desc')
      .limit(10)
      .execute();
    return rows.map(presentImportRun) satisfies ImportRunDto[];
  });

  app.get('/api/imports/:id', { preHandler: requireRole('supervisor') }, async (request) => {
    await settleInterruptedImports(deps.db);
    const row = await findRun(deps.db, (request.params as { id?: unknown }).id);
    return presentImportRun(row) satisfies ImportRunDto;
  });

  app.get(
    '/api/imports/:id/errors',
    { preHandler: requireRole('supervisor') },
    async (request, reply) => {
      const row = await findRun(deps.db, (request.params as { id?: unknown }).id);
      const file = errorReportPath(row.id);
      try {
        await access(file);
      } catch {
        throw new AppError('not_found', 'No error report for this import on this server.');
      }
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="guichet-import-${row.id}-errors.csv"`)
        .header('x-content-type-options', 'nosniff')
        .send(createReadStream(file));
    },
  );
}
