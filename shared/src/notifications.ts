import { z } from 'zod';

/** Every kind of notification Essor sends; each has one template per language (api/src/modules/notifications). */
export const NOTIFICATION_KINDS = [
  'application.submitted',
  'application.received',
  'application.moved',
  'application.decided',
  'committee.convened',
  'approval.requested',
  'approval.given',
  'approval.refused',
  'session.booked',
  'session.moved',
  'session.cancelled',
  'session.reminder',
  'instalment.due',
  'instalment.overdue',
  'bond.reserved_from_waitlist',
  'bond.reservation_lapsed',
  'bond.offering_cancelled',
] as const;
export const notificationKindSchema = z.enum(NOTIFICATION_KINDS);
export type NotificationKind = z.infer<typeof notificationKindSchema>;

export const NOTIFICATION_CHANNELS = ['in_app', 'email', 'digest'] as const;
export const notificationChannelSchema = z.enum(NOTIFICATION_CHANNELS);
export type NotificationChannel = z.infer<typeof notificationChannelSchema>;

/**
 * How each kind is heard of when the person chose nothing: e-mail for what people must not miss, the
 * app alone for the rest. The one place these defaults are written.
 */
export const DEFAULT_CHANNELS: Record<NotificationKind, NotificationChannel> = {
  'application.submitted': 'in_app',
  'application.received': 'email',
  'application.moved': 'in_app',
  'application.decided': 'email',
  'committee.convened': 'email',
  'approval.requested': 'email',
  'approval.given': 'email',
  'approval.refused': 'email',
  'session.booked': 'email',
  'session.moved': 'email',
  'session.cancelled': 'email',
  'session.reminder': 'email',
  'instalment.due': 'email',
  'instalment.overdue': 'email',
  'bond.reserved_from_waitlist': 'email',
  'bond.reservation_lapsed': 'email',
  'bond.offering_cancelled': 'email',
};

/** One notification as the bell shows it, its text rendered in the reader's language. */
export const notificationSchema = z
  .object({
    id: z.uuid(),
    kind: notificationKindSchema,
    title: z.string(),
    body: z.string(),
    link: z.string().nullable(),
    channel: notificationChannelSchema,
    createdAt: z.string(),
    readAt: z.string().nullable(),
  })
  .meta({ id: 'Notification' });
export type Notification = z.infer<typeof notificationSchema>;

export const notificationQuerySchema = z
  .object({
    cursor: z.string().max(500).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    unread: z.enum(['true', 'false']).optional(),
  })
  .meta({ id: 'NotificationQuery' });
export type NotificationQuery = z.infer<typeof notificationQuerySchema>;

export const unreadCountSchema = z.object({ unread: z.number().int() }).meta({ id: 'UnreadCount' });
export type UnreadCount = z.infer<typeof unreadCountSchema>;

/** Every kind with the channel in force for this person, and whether it is their choice or the default. */
export const notificationPreferencesSchema = z
  .object({
    preferences: z.array(z.object({ kind: notificationKindSchema, channel: notificationChannelSchema, isDefault: z.boolean(), defaultChannel: notificationChannelSchema })),
  })
  .meta({ id: 'NotificationPreferences' });
export type NotificationPreferences = z.infer<typeof notificationPreferencesSchema>;

/** The kinds to change, each to a channel; kinds not named keep their setting. */
export const updateNotificationPreferencesSchema = z
  .object({
    preferences: z
      .array(z.object({ kind: notificationKindSchema, channel: notificationChannelSchema }).strict())
      .min(1)
      .max(NOTIFICATION_KINDS.length),
  })
  .strict()
  .meta({ id: 'UpdateNotificationPreferences' });
export type UpdateNotificationPreferences = z.infer<typeof updateNotificationPreferencesSchema>;
