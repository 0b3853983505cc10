/**
 * Each agent's notification choices (issue 18 §4): which kinds in the app
 * (bell, desktop), which also by e-mail, at once or as a digest every N
 * minutes. No stored row means the defaults (notification-contracts.ts).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import {
  defaultNotificationPreferences,
  type NotificationKind,
  type NotificationPreferencesDto,
  notificationKinds,
} from '../../shared/notification-contracts.ts';

const known = (kinds: readonly string[]): NotificationKind[] =>
  notificationKinds.filter((kind) => kinds.includes(kind));

/** The choices of these users (defaults for those who never chose). */
export async function preferencesOf(
  db: Kysely<DB>,
  userIds: readonly string[],
): Promise<Map<string, NotificationPreferencesDto>> {
  const out = new Map<string, NotificationPreferencesDto>();
  for (const id of userIds) out.set(id, defaultNotificationPreferences);
  if (userIds.length === 0) return out;
  const rows = await db
    .selectFrom('notification_preferences')
    .selectAll()
    .where('user_id', 'in', [...new Set(userIds)])
    .execute();
  for (const row of rows)
    out.set(row.user_id, {
      appKinds: known(row.app_kinds),
      mailKinds: known(row.mail_kinds),
      mailMode: row.mail_mode,
      digestMinutes: row.digest_minutes,
      desktop: row.desktop,
    });
  return out;
}

export async function preferencesOfUser(
  db: Kysely<DB>,
  userId: string,
): Promise<NotificationPreferencesDto> {
  return (await preferencesOf(db, [userId])).get(userId) ?? defaultNotificationPreferences;
}

/** Saves a user's choices (kinds deduplicated, in the contract's order). */
export async function savePreferences(
  db: Kysely<DB>,
  userId: string,
  choice: NotificationPreferencesDto,
): Promise<NotificationPreferencesDto> {
  const row = {
    app_kinds: known(choice.appKinds),
    mail_kinds: known(choice.mailKinds),
    mail_mode: choice.mailMode,
    digest_minutes: choice.digestMinutes,
    desktop: choice.desktop,
    updated_at: new Date(),
  };
  await db
    .insertInto('notification_preferences')
    .values({ user_id: userId, ...row })
    .onConflict((oc) => oc.column('user_id').doUpdateSet(row))
    .execute();
  return preferencesOfUser(db, userId);
}
