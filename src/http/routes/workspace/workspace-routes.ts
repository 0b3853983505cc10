/**
 * The agent workspace's API (issue 6): inbox and counts, the ticket view and
 * its changes, merge, split, bulk actions, presence, and the live stream.
 * Agents and above; every ticket outside the caller's mailboxes is a 404.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../../db/schema.ts';
import type { Actor } from '../../../domain/audit/record-audit.ts';
import { recordAudit } from '../../../domain/audit/record-audit.ts';
import { filterOptions } from '../../../domain/inbox/filter-options.ts';
import { folderCounts } from '../../../domain/inbox/folder-counts.ts';
import {
  createInboxCache,
  type InboxCache,
  type InboxCacheOptions,
  scopeKey,
} from '../../../domain/inbox/inbox-cache.ts';
import { listInboxPage } from '../../../domain/inbox/list-inbox.ts';
import { ticketIdByNumber } from '../../../domain/inbox/ticket-by-number.ts';
import { ticketView } from '../../../domain/inbox/ticket-view.ts';
import { heartbeat, leave } from '../../../domain/presence/presence.ts';
import { liveSessionUser } from '../../../domain/sessions/sessions.ts';
import { bulkChange } from '../../../domain/tickets/bulk-change.ts';
import { changeTicket } from '../../../domain/tickets/change-ticket.ts';
import { classifyTicket } from '../../../domain/tickets/classify-ticket.ts';
import { createLiveHub, livePosition } from '../../../domain/tickets/events/live-events.ts';
import { mergeTickets } from '../../../domain/tickets/merge-tickets.ts';
import { setFieldRequired } from '../../../domain/tickets/required-fields.ts';
import { splitMessage, ticketOfMessage } from '../../../domain/tickets/split-message.ts';
import { AppError } from '../../../errors/app-error.ts';
import {
  assertTicketVisible,
  type MailboxScope,
  mailboxScopeOf,
} from '../../../policies/mailbox-access.ts';
import {
  presentFilterOptions,
  presentFolderCounts,
  presentInboxPage,
} from '../../../presenters/inbox.ts';
import { presentPresence } from '../../../presenters/presence.ts';
import { presentTicketView } from '../../../presenters/ticket-view.ts';
import {
  bulkSchema,
  classifySchema,
  fieldRequirementSchema,
  inboxQuerySchema,
  livePositionHeader,
  liveSeenHeader,
  mergeSchema,
  presenceSchema,
  splitSchema,
  ticketChangeSchema,
} from '../../../shared/workspace-contracts.ts';
import { routePathOf } from '../../hooks/route-path.ts';
import { requireRole, sessionOf } from '../../hooks/sessions.ts';
import { idParam, parseInput } from '../../validate.ts';

export const actorOf = (request: FastifyRequest): Actor => ({
  userId: sessionOf(request).user.id,
  label: null,
  ip: request.ip,
});

const ticketIdOf = (request: FastifyRequest) => idParam((request.params as { id?: unknown }).id);

/** The ticket id of the address, once the caller is known to see it (else 404). */
async function visibleTicket(db: Kysely<DB>, request: FastifyRequest): Promise<number> {
  const ticketId = ticketIdOf(request);
  await assertTicketVisible(db, sessionOf(request).user, ticketId);
  return ticketId;
}

const json = 'application/json; charset=utf-8';

/** A live event id sent in header `name` (malformed: none). */
function eventIdHeader(request: FastifyRequest, name: string): number | undefined {
  const header = request.headers[name];
  return typeof header === 'string' && /^\d{1,15}$/.test(header) ? Number(header) : undefined;
}

/** The newest live event the browser has seen (header `x-guichet-live`), if sent. */
const liveSeen = (request: FastifyRequest) => eventIdHeader(request, liveSeenHeader);

/** A request through which tickets may change (not a read, a presence beat or a login). */
const changesTickets = (request: FastifyRequest): boolean => {
  const route = routePathOf(request);
  return (
    !['GET', 'HEAD', 'OPTIONS'].includes(request.method) &&
    route.startsWith('/api/') &&
    !route.startsWith('/api/presence') &&
    !route.startsWith('/api/auth/')
  );
};

/** An answer and the live position read before it (issue 16 §16). */
type Positioned = { json: string; position: number };

/** Reads the live position, then computes the answer: the stream resumes from there. */
const positioned =
  (db: Kysely<DB>, compute: () => Promise<string>) => async (): Promise<Positioned> => {
    const position = await livePosition(db);
    return { position, json: await compute() };
  };

/** Sends a positioned answer: its JSON, and its live position in a header. */
const sendPositioned = (reply: FastifyReply, answer: Positioned) =>
  reply.type(json).header(livePositionHeader, String(answer.position)).send(answer.json);

export const countsQuery = z
  .object({ mailbox: z.union([z.uuid(), z.array(z.uuid()).max(20)]).optional() })
  .strict();

export function workspaceRoutes(
  app: FastifyInstance,
  deps: { db: Kysely<DB>; cache?: Partial<InboxCacheOptions> },
): void {
  const { db } = deps;
  const agent = { preHandler: requireRole('agent') };
  const supervisor = { preHandler: requireRole('supervisor') };

  const cache = createInboxCache(db, deps.cache);
  app.addHook('onResponse', async (request, reply) => {
    if (changesTickets(request) && reply.statusCode < 400) cache.invalidate();
  });

  app.get('/api/inbox', agent, async (request, reply) => {
    const query = parseInput(inboxQuerySchema, request.query);
    const user = sessionOf(request).user;
    const scope = await mailboxScopeOf(db, user);
    const filters = {
      ...query,
      mailboxes: query.mailbox,
      statuses: query.status,
      fields: query.field,
    };
    const list = positioned(db, async () =>
      presentInboxPage(await listInboxPage(db, user, scope, filters)),
    );
    if (filters.q) return sendPositioned(reply, await list());
    const own = filters.folder === 'mine' || filters.assignee !== undefined;
    const key = `inbox|${own ? user.id : ''}|${scopeKey(scope)}|${JSON.stringify(query)}`;
    return sendPositioned(reply, await cache.get(key, list, liveSeen(request)));
  });

  app.get('/api/inbox/counts', agent, async (request, reply) => {
    const query = parseInput(countsQuery, request.query);
    const user = sessionOf(request).user;
    const mailboxes = query.mailbox === undefined ? undefined : [query.mailbox].flat();
    const scope = await mailboxScopeOf(db, user);
    const key = `counts|${user.id}|${scopeKey(scope)}|${JSON.stringify(mailboxes ?? null)}`;
    const counts = positioned(db, () =>
      folderCounts(db, user, scope, mailboxes).then((answer) =>
        JSON.stringify(presentFolderCounts(answer)),
      ),
    );
    return sendPositioned(reply, await cache.get(key, counts, liveSeen(request)));
  });

  app.get('/api/inbox/filter-options', agent, async (request) =>
    presentFilterOptions(
      await filterOptions(db, await mailboxScopeOf(db, sessionOf(request).user)),
    ),
  );

  // The web app's addresses carry the ticket's number (/tickets/27474): it asks for the id here.
  app.get('/api/tickets/by-number/:number', agent, async (request) => {
    const number = idParam((request.params as { number?: unknown }).number);
    const ticketId = await ticketIdByNumber(db, number);
    if (ticketId === null) throw new AppError('not_found', 'No such ticket.');
    await assertTicketVisible(db, sessionOf(request).user, ticketId);
    return { id: ticketId, number };
  });

  app.get('/api/tickets/:id', agent, async (request, reply) => {
    const ticketId = await visibleTicket(db, request);
    const view = await ticketView(db, ticketId);
    void reply.header(livePositionHeader, String(view.livePosition));
    await recordAudit(db, {
      action: 'ticket.viewed',
      actorUserId: sessionOf(request).user.id,
      targetType: 'ticket',
      targetId: String(ticketId),
      ip: request.ip,
    });
    const { user } = sessionOf(request);
    return presentTicketView(view, user.signature, user.role === 'admin' ? 'admin' : 'agent');
  });

  app.patch('/api/tickets/:id', agent, async (request) => {
    const ticketId = await visibleTicket(db, request);
    const change = parseInput(ticketChangeSchema, request.body);
    const changed = await changeTicket(db, ticketId, change, actorOf(request));
    return { changed };
  });

  app.put('/api/tickets/:id/fields', agent, async (request) => {
    const ticketId = await visibleTicket(db, request);
    const input = parseInput(classifySchema, request.body);
    await classifyTicket(db, ticketId, input, actorOf(request));
    return { ok: true };
  });

  app.post('/api/tickets/:id/merge', agent, async (request) => {
    const ticketId = await visibleTicket(db, request);
    const input = parseInput(mergeSchema, request.body);
    await assertTicketVisible(db, sessionOf(request).user, input.intoTicketId);
    const into = await mergeTickets(db, ticketId, input.intoTicketId, actorOf(request));
    const target = await db
      .selectFrom('tickets')
      .select('number')
      .where('id', '=', into)
      .executeTakeFirstOrThrow();
    return { ticketId: into, number: target.number };
  });

  app.post('/api/messages/:id/split', agent, async (request, reply) => {
    const messageId = idParam((request.params as { id?: unknown }).id);
    parseInput(splitSchema, request.body ?? {});
    const ticketId = await ticketOfMessage(db, messageId);
    if (ticketId === null) throw new AppError('not_found', 'No such message.');
    await assertTicketVisible(db, sessionOf(request).user, ticketId);
    const result = await splitMessage(db, messageId, actorOf(request));
    return reply.status(201).send(result);
  });

  app.post('/api/tickets/bulk', agent, async (request) => {
    const input = parseInput(bulkSchema, request.body);
    const user = sessionOf(request).user;
    return bulkChange(db, await mailboxScopeOf(db, user), input, actorOf(request));
  });

  app.post('/api/tickets/:id/presence', agent, async (request) => {
    const ticketId = ticketIdOf(request);
    const mailboxId = await assertTicketVisible(db, sessionOf(request).user, ticketId);
    const input = parseInput(presenceSchema, request.body);
    const presence = await heartbeat(db, {
      ticketId,
      mailboxId,
      userId: sessionOf(request).user.id,
      typing: input.typing,
    });
    return presentPresence(presence);
  });

  app.delete('/api/tickets/:id/presence', agent, async (request, reply) => {
    const ticketId = await visibleTicket(db, request);
    await leave(db, ticketId, sessionOf(request).user.id);
    return reply.status(204).send();
  });

  app.patch('/api/fields/:id', supervisor, async (request) => {
    const params = z.object({ id: z.uuid() }).safeParse(request.params);
    if (!params.success) throw new AppError('not_found', 'No such field.');
    const input = parseInput(fieldRequirementSchema, request.body);
    await setFieldRequired(db, params.data.id, input.requiredToClose, actorOf(request));
    return { id: params.data.id, requiredToClose: input.requiredToClose };
  });

  liveRoute(app, db, cache);
}

export const liveQuery = z.object({ after: z.coerce.number().int().min(0).optional() }).strict();

/**
 * How often an open stream checks that its session is still live and its
 * mailboxes unchanged: a disabled user, a logout elsewhere or a new mailbox
 * restriction ends the stream within this delay (the browser reconnects, and
 * gets 401 or its new scope).
 */
export const liveRecheckMs = 5_000;

const sameScope = (a: MailboxScope, b: MailboxScope): boolean =>
  a === 'all' || b === 'all' ? a === b : a.length === b.length && a.every((id) => b.includes(id));

/** GET /api/live: server-sent events (`ticket`, `message`, `presence`) of the visible mailboxes. */
function liveRoute(app: FastifyInstance, db: Kysely<DB>, cache: InboxCache): void {
  const hub = createLiveHub(db, { observe: cache.observe });
  app.addHook('onClose', async () => hub.close());
  app.get('/api/live', { preHandler: requireRole('agent') }, async (request, reply) => {
    const query = parseInput(liveQuery, request.query);
    const resumeFrom = eventIdHeader(request, 'last-event-id') ?? query.after;
    const session = sessionOf(request);
    const scope = await mailboxScopeOf(db, session.user);
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-content-type-options': 'nosniff',
      'x-accel-buffering': 'no',
    });
    raw.write('retry: 3000\n: connected\n\n');
    const from = resumeFrom ?? (await livePosition(db));
    const unsubscribe = await hub.subscribe(
      scope,
      (event) => {
        raw.write(`id: ${event.id}\nevent: ${event.kind}\ndata: ${JSON.stringify(event)}\n\n`);
      },
      from,
      session.user.id,
    );
    // Where the stream starts: the browser reads its lists again, sending this id, so
    // that nothing that happened before it is missing (an answer kept by the inbox
    // cache is never older than the id a request carries).
    raw.write(`id: ${from}\nevent: hello\ndata: ${JSON.stringify({ id: from })}\n\n`);
    const keepAlive = setInterval(() => raw.write(': ping\n\n'), 20_000);
    keepAlive.unref();
    const recheck = setInterval(() => {
      void (async () => {
        const user = await liveSessionUser(db, session.id);
        if (!user || !sameScope(scope, await mailboxScopeOf(db, user))) raw.end();
      })().catch((error: unknown) =>
        request.log.warn({ err: error }, 'live stream recheck failed'),
      );
    }, liveRecheckMs);
    recheck.unref();
    request.raw.on('close', () => {
      clearInterval(keepAlive);
      clearInterval(recheck);
      unsubscribe();
    });
  });
}
