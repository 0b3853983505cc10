/**
 * Test support for the workspace route suites: the real app on the suite's database with
 * the default configuration, one logged-in user per role plus an agent restricted to the
 * applicants' mailbox, a `call` helper that sends their cookie and CSRF token, and a
 * ticket factory (contact, ticket, first customer message).
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll } from 'vitest';
import type { DB } from '../../src/db/schema.ts';
import { recordTicketEvents } from '../../src/domain/tickets/events/record-events.ts';
import { setMailboxScope } from '../../src/policies/mailbox-access.ts';
import type { BackendContext } from '../backends.ts';
import { withDefaultConfiguration } from '../factories.ts';
import { buildTestApp, type LoggedIn, logIn, makeUser } from '../http.ts';

let seq = 0;
/** A ticket with a contact and a customer message; returns its id and number. */
export async function ticket(
  db: Kysely<DB>,
  spec: {
    mailboxId: string;
    subject?: string;
    body?: string;
    contactName?: string;
    email?: string;
    status?: 'active' | 'pending' | 'closed' | 'spam';
    assigneeId?: string | null;
    at?: Date;
  },
): Promise<{ id: number; number: number }> {
  seq += 1;
  const at = spec.at ?? new Date(Date.UTC(2026, 0, 1, 9, 0, seq));
  const contact = await db
    .insertInto('contacts')
    .values({
      email: spec.email ?? `c${seq}-${randomBytes(3).toString('hex')}@example.org`,
      name: spec.contactName ?? `Contact ${seq}`,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const row = await db
    .insertInto('tickets')
    .values({
      mailbox_id: spec.mailboxId,
      subject: spec.subject ?? `Sujet ${seq}`,
      status: spec.status ?? 'active',
      assignee_id: spec.assigneeId ?? null,
      contact_id: contact.id,
      channel: 'email',
      created_at: at,
      last_message_at: at,
    })
    .returning(['id', 'number'])
    .executeTakeFirstOrThrow();
  const message = await db
    .insertInto('messages')
    .values({
      ticket_id: row.id,
      mailbox_id: spec.mailboxId,
      kind: 'customer',
      author_contact_id: contact.id,
      subject: spec.subject ?? `Sujet ${seq}`,
      body_text: spec.body ?? 'Bonjour, une question.',
      created_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  // The events a mail writer records (the live stream and the inbox cache read them).
  const ref = { ticketId: row.id, mailboxId: spec.mailboxId };
  await recordTicketEvents(db, { kind: 'contact' }, [
    {
      type: 'ticket.opened',
      ...ref,
      data: {
        channel: 'email',
        status: spec.status ?? 'active',
        contactId: contact.id,
        organisationId: null,
      },
    },
    {
      type: 'message.added',
      ...ref,
      data: { messageId: message.id, kind: 'customer', authorUserId: null },
    },
  ]);
  return row;
}

export type WorkspaceCall = (
  as: string,
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  url: string,
  payload?: unknown,
  headers?: Record<string, string>,
) => Promise<LightMyRequestResponse>;

export type WorkspaceTestApp = {
  /** The app; set once the suite's beforeAll hook has run. */
  readonly app: FastifyInstance;
  /** Mailbox ids of the default configuration; set by the beforeAll hook. */
  readonly partners: string;
  readonly applicants: string;
  /** Logged-in users by role ('anonymous' is null), plus 'restricted' (applicants only). */
  readonly who: Record<string, LoggedIn | null>;
  /** User ids by the same keys as `who`. */
  readonly ids: Record<string, string>;
  /** An inject as `as`, with its cookie and CSRF token (none for anonymous). */
  readonly call: WorkspaceCall;
};

/**
 * Registers the hooks that build the app and log the users in; call it at the top of a
 * `describeEachBackend` body. The values behind `app`, `partners` and `applicants` exist
 * only inside tests and later hooks.
 */
export function useWorkspaceTestApp(
  ctx: BackendContext,
  extra: Parameters<typeof buildTestApp>[2] = {},
): WorkspaceTestApp {
  let app: FastifyInstance | undefined;
  let partners = '';
  let applicants = '';
  const who: Record<string, LoggedIn | null> = { anonymous: null };
  const ids: Record<string, string> = {};
  const ready = (): FastifyInstance => {
    if (!app) throw new Error('workspace test app not built yet (use it inside tests or hooks)');
    return app;
  };
  beforeAll(async () => {
    app = await buildTestApp(ctx.database, undefined, extra);
    const mailboxes = await withDefaultConfiguration(ctx.db);
    partners = mailboxes.partenaires ?? '';
    applicants = mailboxes.demandeurs ?? '';
    for (const role of ['viewer', 'agent', 'supervisor', 'admin'] as const) {
      const made = await makeUser(ctx.database, role);
      ids[role] = made.user.id;
      who[role] = await logIn(app, made.email);
    }
    const restricted = await makeUser(ctx.database, 'agent');
    ids.restricted = restricted.user.id;
    await setMailboxScope(ctx.db, restricted.user.id, [applicants]);
    who.restricted = await logIn(app, restricted.email);
  });
  afterAll(async () => {
    await app?.close();
  });

  const call: WorkspaceCall = (as, method, url, payload, headers = {}) => {
    const user = who[as];
    return ready().inject({
      method,
      url,
      ...(payload === undefined ? {} : { payload: payload as object }),
      headers: user ? { ...headers, cookie: user.cookie, 'x-csrf-token': user.csrfToken } : headers,
    });
  };

  return {
    get app() {
      return ready();
    },
    get partners() {
      return partners;
    },
    get applicants() {
      return applicants;
    },
    who,
    ids,
    call,
  };
}
