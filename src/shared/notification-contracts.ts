/**
 * The agents' notifications (issue 18 §4): kinds, what the bell lists, each
 * user's choices, and the snooze and follow-up of a ticket (issue 18 §2).
 * Shared by server and web app (no Node or DOM imports).
 */
import { z } from 'zod';

/** Each kind an agent may turn on or off. `target`: a due time about to be missed, or missed. */
export const notificationKinds = [
  'new_ticket',
  'assigned',
  'customer_reply',
  'mention',
  'target',
] as const;
export type NotificationKind = (typeof notificationKinds)[number];

/** One notification of the bell. */
export type NotificationDto = {
  id: number;
  kind: NotificationKind;
  createdAt: string;
  read: boolean;
  ticket: { id: number; number: number; subject: string };
  /** Who caused it (the author of a mention, who assigned), when a colleague did. */
  actorName: string | null;
  /** `target`: the due time and whether it was missed. */
  target: { dueAt: string; missed: boolean } | null;
};

/** GET /api/notifications */
export type NotificationListDto = { items: NotificationDto[]; unread: number };

/** GET /api/notifications query: newest first, `before` an id for the next page. */
export const notificationListQuery = z
  .object({
    before: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(30),
  })
  .strict();

/** POST /api/notifications/read: these ids, or every one (`all`). */
export const markReadSchema = z.union([
  z.object({ ids: z.array(z.number().int().positive()).min(1).max(200) }).strict(),
  z.object({ all: z.literal(true) }).strict(),
]);

export const mailModes = ['immediate', 'digest'] as const;

/** GET/PUT /api/profile/notifications */
export const notificationPreferencesSchema = z
  .object({
    /** Kinds shown in the app (bell and desktop). */
    appKinds: z.array(z.enum(notificationKinds)).max(notificationKinds.length),
    /** Kinds also sent by e-mail. */
    mailKinds: z.array(z.enum(notificationKinds)).max(notificationKinds.length),
    mailMode: z.enum(mailModes),
    /** The digest's period, in minutes. */
    digestMinutes: z.number().int().min(5).max(1440),
    /** Desktop notifications while the app is open. */
    desktop: z.boolean(),
  })
  .strict();
export type NotificationPreferencesDto = z.infer<typeof notificationPreferencesSchema>;

export const defaultNotificationPreferences: NotificationPreferencesDto = {
  appKinds: [...notificationKinds],
  mailKinds: ['mention', 'target'],
  mailMode: 'immediate',
  digestMinutes: 30,
  desktop: true,
};

const futureTime = z.iso.datetime({ offset: true });

/** POST /api/tickets/:id/snooze: until then (null: wake it now). */
export const snoozeSchema = z.object({ until: futureTime.nullable() }).strict();

/** POST /api/tickets/:id/follow-up: in `days` days without an answer, remind or close (null: none). */
export const followUpSchema = z
  .object({
    followUp: z
      .object({
        days: z.number().int().min(1).max(90),
        action: z.enum(['remind', 'close']),
        savedReplyId: z.uuid().nullable(),
      })
      .strict()
      .refine((f) => f.action === 'close' || f.savedReplyId !== null, {
        message: 'a reminder needs a saved reply',
        path: ['savedReplyId'],
      })
      .nullable(),
  })
  .strict();

/** A ticket's snooze and follow-up as the ticket view and the list show them. */
export type TicketWaitsDto = {
  snoozedUntil: string | null;
  followUp: { at: string; action: 'remind' | 'close'; savedReplyId: string | null } | null;
};
