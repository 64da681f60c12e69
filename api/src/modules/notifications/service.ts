import type { Locale } from '@essor/shared/auth';
import {
  DEFAULT_CHANNELS,
  NOTIFICATION_KINDS,
  type Notification,
  type NotificationChannel,
  type NotificationKind,
  type NotificationPreferences,
  type NotificationQuery,
  type UpdateNotificationPreferences,
} from '@essor/shared/notifications';
import { and, asc, count, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { users } from '../../db/schema/auth';
import { notificationPreferences, notifications } from '../../db/schema/notifications';
import { recordAudit, type Actor } from '../../lib/audit';
import type { CurrentUser } from '../../lib/context';
import { decodeTimeCursor, encodeCursor, pageFrom } from '../../lib/cursor';
import { builtPerShape } from '../../lib/prepared';
import { NotFound } from '../../lib/errors';
import { queueMail } from '../mail/public';
import { defaultPublicUrl } from './notify';
import { renderNotification } from './templates';
import { anyOf } from '../../lib/any-of';

type NotificationRow = typeof notifications.$inferSelect;

const localeOf = (user: Pick<CurrentUser, 'locale'>): Locale => (user.locale === 'en' ? 'en' : 'fr');

function toNotification(row: NotificationRow, locale: Locale): Notification {
  const rendered = renderNotification(row.kind as NotificationKind, locale, row.params as Record<string, unknown>);
  return {
    id: row.id,
    kind: row.kind as NotificationKind,
    title: rendered.title,
    body: rendered.paragraphs.join('\n'),
    link: row.link,
    channel: row.channel,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt?.toISOString() ?? null,
  };
}

/**
 * Kinds this version knows: a row of a kind since removed stays in the table but is not shown. One array
 * parameter rather than one per kind: this runs on every page of the bell and the list (decision 0024).
 */
const knownKind = sql`${notifications.kind} = any(${sql.param([...NOTIFICATION_KINDS])}::text[])`;

/** A page of one person's notifications, built once per shape: all or unread, first page or after a cursor. */
const notificationsPage = builtPerShape((db, has, shape) => {
  const where: SQL[] = [eq(notifications.userId, sql.placeholder('userId')), knownKind];
  if (has('unread')) where.push(isNull(notifications.readAt));
  if (has('cursor')) {
    where.push(sql`(${notifications.createdAt}, ${notifications.id}) < (${sql.placeholder('at')}::timestamptz, ${sql.placeholder('id')}::uuid)`);
  }
  return db
    .select()
    .from(notifications)
    .where(and(...where))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(sql.placeholder('limit'))
    .prepare(`essor_notifications_${shape}`);
});

/** The caller's own notifications, newest first, in their language. */
export async function listNotifications(db: Db, user: CurrentUser, query: NotificationQuery) {
  const [at, id] = query.cursor ? decodeTimeCursor(query.cursor) : [null, null];
  const rows = await notificationsPage(db, [query.unread === 'true' && 'unread', Boolean(at) && 'cursor']).execute({ userId: user.id, at, id, limit: query.limit + 1 });
  const page = pageFrom(rows, query.limit, (row) => encodeCursor(row.createdAt.toISOString(), row.id));
  return { items: page.items.map((row) => toNotification(row, localeOf(user))), nextCursor: page.nextCursor };
}

export async function unreadCount(db: Db, user: CurrentUser): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, user.id), isNull(notifications.readAt), knownKind));
  return Number(row?.n ?? 0);
}

/** Marks one of the caller's notifications read (again is harmless); someone else's is a 404, as if unknown. */
export async function markRead(db: Db, user: CurrentUser, id: string): Promise<Notification> {
  const [row] = await db
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, now())` })
    .where(and(eq(notifications.id, id), eq(notifications.userId, user.id)))
    .returning();
  if (!row) throw new NotFound('thing.notification');
  return toNotification(row, localeOf(user));
}

export async function markAllRead(db: Db, user: CurrentUser): Promise<number> {
  const rows = await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.userId, user.id), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return rows.length;
}

export async function getPreferences(db: Db, userId: string): Promise<NotificationPreferences> {
  const rows = await db.select().from(notificationPreferences).where(eq(notificationPreferences.userId, userId));
  const chosen = new Map(rows.map((r) => [r.kind, r.channel as NotificationChannel]));
  return {
    preferences: NOTIFICATION_KINDS.map((kind) => ({
      kind,
      channel: chosen.get(kind) ?? DEFAULT_CHANNELS[kind],
      isDefault: !chosen.has(kind),
      defaultChannel: DEFAULT_CHANNELS[kind],
    })),
  };
}

/** Changes the channel of the kinds named; the change is audited (before and after, per kind). */
export async function setPreferences(db: Db, actor: Actor, user: CurrentUser, input: UpdateNotificationPreferences): Promise<NotificationPreferences> {
  await db.transaction(async (tx) => {
    const before = await getPreferences(tx, user.id);
    const now = new Date();
    for (const { kind, channel } of input.preferences) {
      await tx
        .insert(notificationPreferences)
        .values({ userId: user.id, kind, channel, updatedAt: now })
        .onConflictDoUpdate({ target: [notificationPreferences.userId, notificationPreferences.kind], set: { channel, updatedAt: now } });
    }
    const named = new Set(input.preferences.map((p) => p.kind));
    const pick = (prefs: NotificationPreferences) => Object.fromEntries(prefs.preferences.filter((p) => named.has(p.kind)).map((p) => [p.kind, p.channel]));
    await recordAudit(tx, actor, {
      action: 'notification_preferences.update',
      entity: 'user',
      entityId: user.id,
      structureId: null,
      before: pick(before),
      after: Object.fromEntries(input.preferences.map((p) => [p.kind, p.channel])),
    });
  });
  return getPreferences(db, user.id);
}

export interface DigestReport {
  people: number;
  notifications: number;
}

/**
 * The daily digest: one e-mail per person gathering their digest-channel notifications not sent yet,
 * which are then marked. Rows are locked with SKIP LOCKED, so two runs never send the same row twice.
 */
export async function sendDigests(db: Db, options: { publicUrl?: string } = {}): Promise<DigestReport> {
  const publicUrl = (options.publicUrl ?? defaultPublicUrl()).replace(/\/+$/, '');
  return db.transaction(async (tx) => {
    const rows = await tx
      .select()
      .from(notifications)
      .where(and(eq(notifications.channel, 'digest'), isNull(notifications.digestedAt), knownKind))
      .orderBy(asc(notifications.userId), asc(notifications.createdAt), asc(notifications.id))
      .for('update', { skipLocked: true });
    if (rows.length === 0) return { people: 0, notifications: 0 };
    const byUser = new Map<string, NotificationRow[]>();
    for (const row of rows) byUser.set(row.userId, [...(byUser.get(row.userId) ?? []), row]);
    const people = await tx
      .select({ id: users.id, email: users.email, name: users.name, locale: users.locale, status: users.status })
      .from(users)
      .where(anyOf(users.id, [...byUser.keys()]));
    let sentTo = 0;
    for (const person of people) {
      if (person.status !== 'active') continue;
      const locale: Locale = person.locale === 'en' ? 'en' : 'fr';
      const items = byUser.get(person.id)!.map((row) => {
        const rendered = renderNotification(row.kind as NotificationKind, locale, row.params as Record<string, unknown>);
        return { title: rendered.title, body: rendered.paragraphs.join(' '), link: row.link ? `${publicUrl}${row.link}` : null };
      });
      await queueMail(tx, {
        to: person.email,
        locale,
        kind: 'notification_digest',
        userId: person.id,
        structureId: null,
        params: { name: person.name, items, settingsLink: `${publicUrl}/account/notifications` },
      });
      sentTo++;
    }
    // Rows of people who cannot receive mail are marked too: they stay in the bell, and are not retried daily.
    await tx
      .update(notifications)
      .set({ digestedAt: new Date() })
      .where(anyOf(notifications.id, rows.map((r) => r.id)));
    return { people: sentTo, notifications: rows.length };
  });
}
