/**
 * Kysely table types of users and access: accounts, sessions and login throttle (0001),
 * mailbox scope (0005), invitations, password resets and second factor (0010),
 * display preferences (0028).
 * Assembled into `DB` by ../schema.ts.
 */
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { DefaultTimestamp, Timestamp } from './columns.ts';

export type Role = 'admin' | 'supervisor' | 'agent' | 'viewer';

export type UsersTable = {
  id: Generated<string>;
  email: string;
  name: string;
  role: Role;
  password_hash: string | null;
  language: Generated<'fr' | 'en'>;
  signature: string | null;
  disabled_at: Timestamp | null;
  last_login_at: Timestamp | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
  /** Agents and viewers: false = only the mailboxes in user_mailboxes (0005). */
  all_mailboxes: Generated<boolean>;
  /** Display preferences of the app (0028). */
  color_scheme: Generated<'light' | 'dark'>;
  density: Generated<'comfortable' | 'compact'>;
};

export type UserMailboxesTable = {
  user_id: string;
  mailbox_id: string;
};

export type SessionsTable = {
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: DefaultTimestamp;
  last_seen_at: DefaultTimestamp;
  expires_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
};

export type LoginThrottleTable = {
  key: string;
  failures: Generated<number>;
  window_started_at: Timestamp;
  blocked_until: Timestamp | null;
};

export type UserRow = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;

// Migration 0010: users and access (issue 8 §5).

export type AccountTokenPurpose = 'invitation' | 'password_reset';

export type AccountTokensTable = {
  id: Generated<number>;
  user_id: string;
  purpose: AccountTokenPurpose;
  token_hash: string;
  nonce: string;
  created_by: string | null;
  created_at: DefaultTimestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
};

export type UserTotpTable = {
  user_id: string;
  secret_enc: string;
  enabled_at: Timestamp | null;
  last_step: number | null;
  created_at: DefaultTimestamp;
};

export type UserRecoveryCodesTable = {
  id: Generated<number>;
  user_id: string;
  code_hash: string;
  used_at: Timestamp | null;
};
