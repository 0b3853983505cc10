/** A user's notifications as the bell reads them (issue 18 §4). */
import type { NotificationRow } from '../domain/notifications/list-notifications.ts';
import type { NotificationDto, NotificationListDto } from '../shared/notification-contracts.ts';

export function presentNotification(row: NotificationRow): NotificationDto {
  const dueAt = row.data.dueAt;
  return {
    id: Number(row.id),
    kind: row.kind,
    createdAt: new Date(row.created_at).toISOString(),
    read: row.read_at !== null,
    ticket: { id: Number(row.ticket_id), number: Number(row.number), subject: row.subject },
    actorName: row.actor_name,
    target:
      row.kind === 'target' && typeof dueAt === 'string'
        ? { dueAt, missed: row.data.missed === true }
        : null,
  };
}

export const presentNotificationList = (list: {
  rows: NotificationRow[];
  unread: number;
}): NotificationListDto => ({ items: list.rows.map(presentNotification), unread: list.unread });
