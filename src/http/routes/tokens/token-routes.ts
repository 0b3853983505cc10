/**
 * API tokens in the app (issue 21 §1). Everyone manages their own personal
 * tokens (GET/POST /api/tokens, DELETE /api/tokens/:id); administrators see
 * every token, make service tokens for a user and revoke any
 * (/api/admin/tokens). A token is shown once, in the creation's answer. These
 * routes need a logged-in session: a token never manages tokens
 * (policies/token-scopes.ts).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB, UserRow } from '../../../db/schema.ts';
import {
  createToken,
  listTokens,
  revokeToken,
  type TokenWithUser,
} from '../../../domain/api-tokens/manage-tokens.ts';
import type { Actor } from '../../../domain/audit/record-audit.ts';
import { findUserByEmail } from '../../../domain/users/manage-users.ts';
import { AppError } from '../../../errors/app-error.ts';
import { presentApiToken } from '../../../presenters/api-token.ts';
import {
  type ApiTokenListDto,
  type CreatedTokenDto,
  createServiceTokenSchema,
  createTokenSchema,
} from '../../../shared/api-token-contracts.ts';
import { requireRole, sessionOf } from '../../hooks/sessions.ts';
import { idParam, parseInput } from '../../validate.ts';

const actorOf = (request: FastifyRequest): Actor => ({
  userId: sessionOf(request).user.id,
  label: null,
  ip: request.ip,
});

const withUser = (
  row: Omit<TokenWithUser, 'user_email' | 'user_name'>,
  user: Pick<UserRow, 'email' | 'name'>,
): TokenWithUser => ({ ...row, user_email: user.email, user_name: user.name });

const tokenIdOf = (request: FastifyRequest) => idParam((request.params as { id?: unknown }).id);

export function tokenRoutes(app: FastifyInstance, deps: { db: Kysely<DB> }): void {
  const { db } = deps;
  const anyone = { preHandler: requireRole('viewer') };
  const admin = { preHandler: requireRole('admin') };

  app.get('/api/tokens', anyone, async (request) => {
    const rows = await listTokens(db, { userId: sessionOf(request).user.id });
    return { tokens: rows.map((row) => presentApiToken(row)) } satisfies ApiTokenListDto;
  });

  app.post('/api/tokens', anyone, async (request, reply) => {
    const input = parseInput(createTokenSchema, request.body);
    const user = sessionOf(request).user;
    const { token, row } = await createToken(
      db,
      user,
      { ...input, kind: 'personal' },
      actorOf(request),
    );
    void reply.status(201).header('cache-control', 'no-store');
    return { token, apiToken: presentApiToken(withUser(row, user)) } satisfies CreatedTokenDto;
  });

  app.delete('/api/tokens/:id', anyone, async (request) => {
    const user = sessionOf(request).user;
    const row = await revokeToken(db, tokenIdOf(request), actorOf(request), user.id);
    return presentApiToken(withUser(row, user));
  });

  app.get('/api/admin/tokens', admin, async () => {
    const rows = await listTokens(db);
    return { tokens: rows.map((row) => presentApiToken(row)) } satisfies ApiTokenListDto;
  });

  app.post('/api/admin/tokens', admin, async (request, reply) => {
    const { userEmail, ...input } = parseInput(createServiceTokenSchema, request.body);
    const user = await findUserByEmail(db, userEmail);
    if (!user) throw new AppError('invalid_input', 'No user has this e-mail address.');
    const { token, row } = await createToken(
      db,
      user,
      { ...input, kind: 'service' },
      actorOf(request),
    );
    void reply.status(201).header('cache-control', 'no-store');
    return { token, apiToken: presentApiToken(withUser(row, user)) } satisfies CreatedTokenDto;
  });

  app.delete('/api/admin/tokens/:id', admin, async (request) => {
    const row = await revokeToken(db, tokenIdOf(request), actorOf(request));
    const [listed] = (await listTokens(db, { userId: row.user_id })).filter((t) => t.id === row.id);
    if (!listed) throw new AppError('not_found', 'No such token.');
    return presentApiToken(listed);
  });
}
