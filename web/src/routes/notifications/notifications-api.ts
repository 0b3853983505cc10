/** The notification, preference, snooze and follow-up calls (issue 18 §2, §4). */
import type {
  NotificationListDto,
  NotificationPreferencesDto,
} from '@shared/notification-contracts.ts';
import { request } from '../../api/client.ts';

export const notificationsKey = ['notifications'] as const;
export const notificationPreferencesKey = ['notification-preferences'] as const;

export const notificationsApi = {
  list: () => request<NotificationListDto>('GET', '/api/me/notifications?limit=30'),
  markRead: (which: { ids: number[] } | { all: true }) =>
    request<{ changed: number }>('POST', '/api/me/notifications/read', which),
  preferences: () => request<NotificationPreferencesDto>('GET', '/api/me/notification-preferences'),
  savePreferences: (choice: NotificationPreferencesDto) =>
    request<NotificationPreferencesDto>('PUT', '/api/me/notification-preferences', choice),
  snooze: (ticketId: number, until: string | null) =>
    request<undefined>('POST', `/api/tickets/${ticketId}/snooze`, { until }),
  followUp: (
    ticketId: number,
    followUp: { days: number; action: 'remind' | 'close'; savedReplyId: string | null } | null,
  ) => request<undefined>('POST', `/api/tickets/${ticketId}/follow-up`, { followUp }),
};
