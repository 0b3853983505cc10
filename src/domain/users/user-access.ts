/**
 * Users management by supervisors and administrators (issue 6 §5, issue 8 §5):
 * invite, change role, disable and re-enable, which mailboxes an agent or
 * viewer sees. Rules:
 * - only an administrator creates, promotes to, or changes an administrator;
 * - nobody demotes or disables the last active administrator (checked with the
 *   administrators' rows locked, so two changes at once cannot both pass);
 * - nobody disables their own account;
 * - disabling ends every session of the user in the same transaction.
 * Each change is audited.
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB, UserRow } from '../../db/schema.ts';
import { AppError } from '../../errors/app-error.ts';
import { setMailboxScope } from '../../policies/mailbox-access.ts';
import { hasRole } from '../../policies/roles.ts';
import type { Language, RoleName } from '../../shared/contracts.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { InstanceMail } from '../mailboxes/mail-health.ts';
import { createAccountToken, type TokenSigner } from './account-tokens.ts';
import { enqueueAccountMailTellingIfItLeaves } from './enqueue-account-mail.ts';

/** An invitation's link and whether its mail can leave (else the link is shown to pass on). */
export type InvitationSent = { token: string; mailWillLeave: boolean };

/** The logged-in supervisor or administrator making a change. */
export type Manager = { user: Pick<UserRow, 'id' | 'role'>; ip: string | null };

export type MailboxChoice = 'all' | readonly string[];

function audit(
  db: Kysely<DB>,
  manager: Manager,
  action: string,
  userId: string,
  details?: Record<string, unknown>,
): Promise<void> {
  return recordAudit(db, {
    action,
    actorUserId: manager.user.id,
    ip: manager.ip,
    targetType: 'user',
    targetId: userId,
    details,
  });
}

/** Throws forbidden unless `manager` may act on an account with role `role`. */
function assertMayHandle(manager: Manager, role: RoleName): void {
  if (!hasRole(manager.user.role, 'supervisor'))
    throw new AppError('forbidden', 'Your role does not allow this.');
  if (role === 'admin' && manager.user.role !== 'admin')
    throw new AppError('forbidden', 'Only an administrator manages administrators.');
}

async function requireUserById(db: Kysely<DB>, id: string): Promise<UserRow> {
  const user = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  if (!user) throw new AppError('not_found', 'No such user.');
  return user;
}

/** Refuses unknown mailbox ids (400) before they reach a foreign key. */
async function assertMailboxesExist(db: Kysely<DB>, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const found = await db.selectFrom('mailboxes').select('id').where('id', 'in', ids).execute();
  if (found.length !== new Set(ids).size)
    throw new AppError('invalid_input', 'Unknown mailbox in the list.');
}

/**
 * Locks the active administrators' rows and throws conflict when `userId` is
 * the only one left (call inside the transaction that demotes or disables it).
 */
async function assertNotLastAdmin(trx: Transaction<DB>, userId: string): Promise<void> {
  const { rows } = await sql<{ id: string }>`
    select id from users where role = 'admin' and disabled_at is null order by id for update`.execute(
    trx,
  );
  if (rows.length <= 1 && rows.some((r) => r.id === userId))
    throw new AppError(
      'conflict',
      'This is the last active administrator: make another administrator first.',
    );
}

export type Invitation = {
  email: string;
  name: string;
  role: RoleName;
  language: Language;
  mailboxes: MailboxChoice;
};

/**
 * Creates an account without a password and mails it a single-use link
 * (7 days) to choose one. 409 when the e-mail is taken.
 */
export async function inviteUser(
  db: Kysely<DB>,
  signer: TokenSigner,
  input: Invitation,
  manager: Manager,
  instance: InstanceMail = { relay: false, smtpListener: false },
): Promise<{ user: UserRow; invitation: InvitationSent }> {
  assertMayHandle(manager, input.role);
  const email = input.email.trim().toLowerCase();
  if (input.mailboxes !== 'all') await assertMailboxesExist(db, input.mailboxes);
  return db.transaction().execute(async (trx) => {
    const user = await trx
      .insertInto('users')
      .values({
        email,
        name: input.name,
        role: input.role,
        language: input.language,
        password_hash: null,
        all_mailboxes: input.mailboxes === 'all',
      })
      .onConflict((oc) => oc.column('email').doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!user) throw new AppError('conflict', `A user with the e-mail ${email} already exists.`);
    if (input.mailboxes !== 'all' && input.mailboxes.length > 0) {
      await trx
        .insertInto('user_mailboxes')
        .values([...new Set(input.mailboxes)].map((m) => ({ user_id: user.id, mailbox_id: m })))
        .execute();
    }
    const token = await createAccountToken(trx, signer, {
      userId: user.id,
      purpose: 'invitation',
      createdBy: manager.user.id,
    });
    const mailWillLeave = await enqueueAccountMailTellingIfItLeaves(trx, {
      tokenId: token.id,
      to: email,
      instance,
    });
    await audit(trx, manager, 'user.invited', user.id, {
      role: input.role,
      mailboxes: input.mailboxes === 'all' ? 'all' : input.mailboxes.length,
      mailWillLeave,
    });
    return { user, invitation: { token: token.token, mailWillLeave } };
  });
}

/** Sends a new invitation link to an invited user who has not chosen a password yet. */
export async function resendInvitation(
  db: Kysely<DB>,
  signer: TokenSigner,
  userId: string,
  manager: Manager,
  instance: InstanceMail = { relay: false, smtpListener: false },
): Promise<InvitationSent> {
  const user = await requireUserById(db, userId);
  assertMayHandle(manager, user.role);
  if (user.password_hash !== null || user.disabled_at !== null)
    throw new AppError('conflict', 'This account is not waiting for an invitation.');
  return db.transaction().execute(async (trx) => {
    const token = await createAccountToken(trx, signer, {
      userId: user.id,
      purpose: 'invitation',
      createdBy: manager.user.id,
    });
    const mailWillLeave = await enqueueAccountMailTellingIfItLeaves(trx, {
      tokenId: token.id,
      to: user.email,
      instance,
    });
    await audit(trx, manager, 'user.invitation_resent', user.id, { mailWillLeave });
    return { token: token.token, mailWillLeave };
  });
}

/** Changes a user's role (name too, optionally). */
export async function updateUser(
  db: Kysely<DB>,
  userId: string,
  changes: { role?: RoleName | undefined; name?: string | undefined },
  manager: Manager,
): Promise<UserRow> {
  const user = await requireUserById(db, userId);
  assertMayHandle(manager, user.role);
  if (changes.role) assertMayHandle(manager, changes.role);
  return db.transaction().execute(async (trx) => {
    if (changes.role && changes.role !== 'admin' && user.role === 'admin')
      await assertNotLastAdmin(trx, user.id);
    const updated = await trx
      .updateTable('users')
      .set({
        ...(changes.role ? { role: changes.role } : {}),
        ...(changes.name ? { name: changes.name } : {}),
        updated_at: new Date(),
      })
      .where('id', '=', user.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (changes.role && changes.role !== user.role)
      await audit(trx, manager, 'user.role_changed', user.id, {
        from: user.role,
        to: changes.role,
      });
    if (changes.name && changes.name !== user.name)
      await audit(trx, manager, 'user.renamed', user.id);
    return updated;
  });
}

/** Disables (every session ends at once) or re-enables an account. */
export async function setUserEnabled(
  db: Kysely<DB>,
  userId: string,
  enabled: boolean,
  manager: Manager,
): Promise<UserRow> {
  const user = await requireUserById(db, userId);
  assertMayHandle(manager, user.role);
  if (!enabled && user.id === manager.user.id)
    throw new AppError('conflict', 'You cannot disable your own account.');
  return db.transaction().execute(async (trx) => {
    if (!enabled && user.role === 'admin') await assertNotLastAdmin(trx, user.id);
    const updated = await trx
      .updateTable('users')
      .set({ disabled_at: enabled ? null : new Date(), updated_at: new Date() })
      .where('id', '=', user.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (!enabled) {
      const ended = await trx
        .deleteFrom('sessions')
        .where('user_id', '=', user.id)
        .executeTakeFirst();
      await audit(trx, manager, 'user.disabled', user.id, {
        sessionsEnded: Number(ended.numDeletedRows),
      });
    } else {
      await audit(trx, manager, 'user.enabled', user.id);
    }
    return updated;
  });
}

/** Sets which mailboxes an agent or viewer sees (supervisors and admins see all). */
export async function changeMailboxScope(
  db: Kysely<DB>,
  userId: string,
  mailboxes: MailboxChoice,
  manager: Manager,
): Promise<void> {
  const user = await requireUserById(db, userId);
  assertMayHandle(manager, user.role);
  if (hasRole(user.role, 'supervisor'))
    throw new AppError('conflict', 'Supervisors and administrators see every mailbox.');
  if (mailboxes !== 'all') await assertMailboxesExist(db, mailboxes);
  await setMailboxScope(db, user.id, mailboxes === 'all' ? 'all' : [...new Set(mailboxes)]);
  await audit(db, manager, 'user.mailboxes_changed', user.id, {
    mailboxes: mailboxes === 'all' ? 'all' : [...new Set(mailboxes)],
  });
}

export type UserAccessRow = UserRow & {
  mailboxIds: string[];
  secondFactor: boolean;
  invitationPending: boolean;
};

/** Every user with what the users screen shows: mailboxes, second factor, pending invitation. */
export async function listUsersWithAccess(db: Kysely<DB>): Promise<UserAccessRow[]> {
  const [users, scopes, totp] = await Promise.all([
    db.selectFrom('users').selectAll().orderBy('email').execute(),
    db.selectFrom('user_mailboxes').select(['user_id', 'mailbox_id']).execute(),
    db.selectFrom('user_totp').select('user_id').where('enabled_at', 'is not', null).execute(),
  ]);
  const withTotp = new Set(totp.map((t) => t.user_id));
  return users.map((user) => ({
    ...user,
    mailboxIds: scopes.filter((s) => s.user_id === user.id).map((s) => s.mailbox_id),
    secondFactor: withTotp.has(user.id),
    invitationPending: user.password_hash === null,
  }));
}
