/**
 * The account pages' API: links from account mail (accept an invitation,
 * reset a password), asking for a reset, and the administrators' second
 * factor. The link routes are public (the token is the credential); they
 * accept a mutation on the Origin check alone, like login.
 */
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../../db/schema.ts';
import {
  acceptInvitation,
  requestPasswordReset,
  resetPassword,
} from '../../../domain/users/account-links.ts';
import { peekAccountToken, type TokenSigner } from '../../../domain/users/account-tokens.ts';
import {
  confirmTotpEnrolment,
  disableSecondFactor,
  secondFactorEnabled,
  startTotpEnrolment,
} from '../../../domain/users/second-factor.ts';
import { AppError } from '../../../errors/app-error.ts';
import { hasRole } from '../../../policies/roles.ts';
import {
  type AccountLinkDto,
  passwordResetRequestSchema,
  type RecoveryCodesDto,
  type SecondFactorEnrolmentDto,
  type SecondFactorStatusDto,
  secondFactorCodeSchema,
  setPasswordWithTokenSchema,
} from '../../../shared/contracts.ts';
import { requireRole, sessionOf } from '../../hooks/sessions.ts';
import { parseInput } from '../../validate.ts';

const purposeSchema = z.enum(['invitation', 'password_reset']);
export const linkQuerySchema = z.strictObject({ token: z.string().min(1).max(200) });

/** A few tries a minute per IP: tokens are 256-bit, this only keeps the mailer quiet. */
const linkLimit = { rateLimit: { max: 10, timeWindow: '1 minute' }, csrf: 'origin-only' as const };

export function accountRoutes(
  app: FastifyInstance,
  deps: { db: Kysely<DB>; signer: TokenSigner; totpKey: Buffer },
): void {
  const { db } = deps;

  // Who a link is for (the page greets them); the link is not used up.
  app.get(
    '/api/account/links/:purpose',
    { config: { rateLimit: { max: 30, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const purpose = purposeSchema.safeParse((request.params as { purpose?: unknown }).purpose);
      if (!purpose.success) throw new AppError('not_found', 'Not found.');
      const { token } = parseInput(linkQuerySchema, request.query);
      const user = await peekAccountToken(db, token, purpose.data);
      void reply.header('cache-control', 'no-store');
      return { email: user.email, name: user.name } satisfies AccountLinkDto;
    },
  );

  app.post('/api/account/invitation', { config: linkLimit }, async (request, reply) => {
    const { token, password } = parseInput(setPasswordWithTokenSchema, request.body);
    await acceptInvitation(db, token, password, request.ip);
    return reply.status(204).send();
  });

  app.post('/api/account/password-reset', { config: linkLimit }, async (request, reply) => {
    const { token, password } = parseInput(setPasswordWithTokenSchema, request.body);
    await resetPassword(db, token, password, request.ip);
    return reply.status(204).send();
  });

  // The same answer whether or not the address has an account.
  app.post(
    '/api/account/password-reset/request',
    { config: { rateLimit: { max: 5, timeWindow: '1 minute' }, csrf: 'origin-only' } },
    async (request, reply) => {
      const { email } = parseInput(passwordResetRequestSchema, request.body);
      await requestPasswordReset(db, deps.signer, email, request.ip);
      return reply.status(202).send({ status: 'accepted' });
    },
  );

  const viewer = { preHandler: requireRole('viewer') };
  const admin = { preHandler: requireRole('admin') };

  app.get('/api/account/second-factor', viewer, async (request) => {
    const { user } = sessionOf(request);
    return {
      enabled: await secondFactorEnabled(db, user.id),
      offered: hasRole(user.role, 'admin'),
    } satisfies SecondFactorStatusDto;
  });

  app.post('/api/account/second-factor', admin, async (request) => {
    const { user } = sessionOf(request);
    return (await startTotpEnrolment(db, deps.totpKey, user)) satisfies SecondFactorEnrolmentDto;
  });

  app.post('/api/account/second-factor/confirm', admin, async (request) => {
    const { user } = sessionOf(request);
    const { code } = parseInput(secondFactorCodeSchema, request.body);
    const recoveryCodes = await confirmTotpEnrolment(db, deps.totpKey, user, code, {
      userId: user.id,
      label: null,
      ip: request.ip,
    });
    return { recoveryCodes } satisfies RecoveryCodesDto;
  });

  app.post('/api/account/second-factor/disable', admin, async (request, reply) => {
    const { user } = sessionOf(request);
    const { code } = parseInput(secondFactorCodeSchema, request.body);
    await disableSecondFactor(db, deps.totpKey, user, code, {
      userId: user.id,
      label: null,
      ip: request.ip,
    });
    return reply.status(204).send();
  });
}
