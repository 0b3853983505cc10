/**
 * Personal-data administration (issue 8 §1–§3), admins only:
 *
 *   GET  /api/privacy/retention                 policies per mailbox + latest runs
 *   PUT  /api/privacy/retention/:mailboxId      {months | null}
 *   POST /api/privacy/retention/preview         how many tickets a run would anonymise
 *   POST /api/privacy/retention/run             run now (logged, audited)
 *   POST /api/privacy/people/search             {query}: everything about a person
 *   POST /api/privacy/people/export             {query, requestedBy}: one zip
 *   POST /api/privacy/people/erase              {query, requestedBy, confirm: true}
 *   GET  /api/privacy/requests                  the register of requests
 *   GET  /api/privacy/attachments/flagged       likely identity and tax documents
 *   POST /api/privacy/attachments/:id/purge     delete the file, keep a tombstone
 *
 * A person is looked up with POST, never in a URL: addresses stay out of
 * access logs and browser history.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../../db/schema.ts';
import { type Actor, recordAudit } from '../../../domain/audit/record-audit.ts';
import { erasePerson } from '../../../domain/privacy/erase-person.ts';
import { exportPerson } from '../../../domain/privacy/export-person.ts';
import { findPerson } from '../../../domain/privacy/find-person.ts';
import { listFlaggedAttachments } from '../../../domain/privacy/identity-documents.ts';
import { parsePersonQuery } from '../../../domain/privacy/person-query.ts';
import { listPrivacyRequests, parseRequester } from '../../../domain/privacy/privacy-requests.ts';
import { purgeAttachment } from '../../../domain/privacy/purge-attachment.ts';
import {
  listRetentionPolicies,
  setRetentionPolicy,
} from '../../../domain/privacy/retention-policies.ts';
import {
  listRetentionRuns,
  previewRetention,
  runRetention,
} from '../../../domain/privacy/run-retention.ts';
import { AppError } from '../../../errors/app-error.ts';
import {
  presentFindings,
  presentFlaggedAttachment,
  presentPrivacyRequest,
  presentRetentionPolicy,
  presentRetentionRun,
} from '../../../presenters/privacy.ts';
import {
  type ErasureDto,
  personErasureSchema,
  personRequestSchema,
  personSearchSchema,
  type RetentionDto,
  type RetentionPreviewDto,
  retentionPolicyUpdateSchema,
} from '../../../shared/privacy-contracts.ts';
import type { BlobStore } from '../../../storage/blob-store.ts';
import { requireRole, sessionOf } from '../../hooks/sessions.ts';

const admin = { preHandler: requireRole('admin') };

const actorOf = (request: FastifyRequest): Actor => ({
  userId: sessionOf(request).user.id,
  label: null,
  ip: request.ip,
});

function parse<T>(schema: z.ZodType<T>, value: unknown, message: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new AppError('invalid_input', message);
  return parsed.data;
}

const requestMessage = 'The body must be {"query": "…", "requestedBy": "…"}.';

export function privacyRoutes(
  app: FastifyInstance,
  deps: { db: Kysely<DB>; blobs: BlobStore },
): void {
  const { db, blobs } = deps;

  app.get('/api/privacy/retention', admin, async () => {
    const [policies, runs] = await Promise.all([
      listRetentionPolicies(db),
      listRetentionRuns(db, 20),
    ]);
    return {
      policies: policies.map(presentRetentionPolicy),
      runs: runs.map(presentRetentionRun),
    } satisfies RetentionDto;
  });

  app.put('/api/privacy/retention/:mailboxId', admin, async (request) => {
    const params = z.object({ mailboxId: z.uuid() }).safeParse(request.params);
    if (!params.success) throw new AppError('not_found', 'No such mailbox.');
    const body = parse(
      retentionPolicyUpdateSchema,
      request.body,
      'The body must be {"months": 1..1200} or {"months": null}.',
    );
    await setRetentionPolicy(db, params.data.mailboxId, body.months, actorOf(request));
    const policies = await listRetentionPolicies(db);
    const policy = policies.find((p) => p.mailboxId === params.data.mailboxId);
    if (!policy) throw new AppError('not_found', 'No such mailbox.');
    return presentRetentionPolicy(policy);
  });

  app.post('/api/privacy/retention/preview', admin, async () => {
    const byMailbox = await previewRetention(db);
    const rows = Object.entries(byMailbox).map(([mailboxId, tickets]) => ({ mailboxId, tickets }));
    return {
      tickets: rows.reduce((n, r) => n + r.tickets, 0),
      byMailbox: rows,
    } satisfies RetentionPreviewDto;
  });

  app.post('/api/privacy/retention/run', admin, async (request) => {
    const result = await runRetention(db, blobs, {
      dryRun: false,
      trigger: 'api',
      actor: actorOf(request),
    });
    const [run] = await listRetentionRuns(db, 1);
    return run ? presentRetentionRun(run) : { id: result.runId };
  });

  app.post('/api/privacy/people/search', admin, async (request) => {
    const body = parse(personSearchSchema, request.body, 'The body must be {"query": "…"}.');
    const query = parsePersonQuery(body.query);
    const findings = await findPerson(db, query);
    const actor = actorOf(request);
    await recordAudit(db, {
      action: 'privacy.person_search',
      actorUserId: actor.userId,
      ip: actor.ip,
      details: { tickets: findings.tickets.length, contacts: findings.contacts.length },
    });
    return presentFindings(findings);
  });

  app.post('/api/privacy/people/export', admin, async (request, reply) => {
    const body = parse(personRequestSchema, request.body, requestMessage);
    const query = parsePersonQuery(body.query);
    const requestedBy = parseRequester(body.requestedBy);
    const result = await exportPerson(db, blobs, query, {
      requestedBy,
      actor: actorOf(request),
    });
    const day = new Date().toISOString().slice(0, 10);
    return reply
      .header('content-type', 'application/zip')
      .header('content-disposition', `attachment; filename="donnees-personnelles-${day}.zip"`)
      .header('cache-control', 'private, no-store')
      .header('x-content-type-options', 'nosniff')
      .send(result.zip);
  });

  app.post('/api/privacy/people/erase', admin, async (request) => {
    const body = parse(
      personErasureSchema,
      request.body,
      'The body must be {"query": "…", "requestedBy": "…", "confirm": true}.',
    );
    const query = parsePersonQuery(body.query);
    const requestedBy = parseRequester(body.requestedBy);
    const result = await erasePerson(db, blobs, query, { requestedBy, actor: actorOf(request) });
    return {
      requestId: result.requestId,
      tickets: result.tickets,
      contacts: result.contacts,
      attachments: result.attachments,
      rawMails: result.rawMails,
      deadLetters: result.deadLetters,
      blobsRemoved: result.blobsRemoved,
      scrubbedRows: result.scrubbed.reduce((n, t) => n + t.rows, 0),
      remaining: result.remaining,
    } satisfies ErasureDto;
  });

  app.get('/api/privacy/requests', admin, async () => ({
    requests: (await listPrivacyRequests(db)).map(presentPrivacyRequest),
  }));

  app.get('/api/privacy/attachments/flagged', admin, async () => ({
    attachments: (await listFlaggedAttachments(db)).map(presentFlaggedAttachment),
  }));

  app.post('/api/privacy/attachments/:id/purge', admin, async (request) => {
    const params = z.object({ id: z.string().max(100) }).safeParse(request.params);
    if (!params.success) throw new AppError('not_found', 'No such attachment.');
    return purgeAttachment(db, blobs, params.data.id, actorOf(request));
  });
}
