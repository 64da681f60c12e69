import { sql } from 'drizzle-orm';
import { check, index, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { structures } from './structures';

export const NOTIFICATION_CHANNELS = ['in_app', 'email', 'digest'] as const;

/**
 * What the bell shows: one row per recipient and event. `event_key` names the business event (the
 * decision, the session and its version ...), so a replayed request or a job run twice never notifies
 * twice. Rows about a structure's data carry its id.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    structureId: uuid('structure_id').references(() => structures.id),
    kind: text('kind').notNull(),
    eventKey: text('event_key').notNull(),
    /** The template's parameters: the text is rendered in the reader's language when read. */
    params: jsonb('params').notNull().default(sql`'{}'::jsonb`),
    /** Where in the admin the notification leads (a path). */
    link: text('link'),
    /** How this person chose to hear of this kind, when it was written. */
    channel: text('channel', { enum: NOTIFICATION_CHANNELS }).notNull().default('in_app'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true, precision: 3 }),
    /** For the daily digest: when it went out in one. */
    digestedAt: timestamp('digested_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [
    check('notifications_channel_ck', sql`${t.channel} in ('in_app', 'email', 'digest')`),
    uniqueIndex('notifications_event_uq').on(t.userId, t.kind, t.eventKey),
    index('notifications_user_idx').on(t.userId, t.createdAt, t.id),
    index('notifications_unread_idx').on(t.userId).where(sql`${t.readAt} is null`),
    index('notifications_digest_idx').on(t.channel, t.digestedAt),
    index('notifications_structure_idx').on(t.structureId),
  ],
);

/** Per person and kind: in the app only, by e-mail too, or in the daily digest. No row: the kind's default. */
export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    channel: text('channel', { enum: NOTIFICATION_CHANNELS }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind] }), check('notification_preferences_channel_ck', sql`${t.channel} in ('in_app', 'email', 'digest')`)],
);
