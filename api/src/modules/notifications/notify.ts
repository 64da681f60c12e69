import type { Locale } from '@essor/shared/auth';
import { DEFAULT_CHANNELS, type NotificationChannel, type NotificationKind } from '@essor/shared/notifications';
import type { Role } from '@essor/shared/roles';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { users } from '../../db/schema/auth';
import { notificationPreferences, notifications } from '../../db/schema/notifications';
import { memberships, structures } from '../../db/schema/structures';
import { DEFAULT_PUBLIC_URL, queueMail, type MailAttachment } from '../mail/public';
import { renderNotification } from './templates';
import { anyOf } from '../../lib/any-of';

export interface NotifyInput {
  kind: NotificationKind;
  /** User ids; duplicates and nulls are dropped. */
  recipients: (string | null | undefined)[];
  /** The structure whose data the event is about (null for account events). */
  structureId: string | null;
  /** Names the business event: the same key never notifies the same person twice for the same kind. */
  eventKey: string;
  /** The template's parameters (rendered in each reader's language). */
  params: Record<string, unknown>;
  /** Where in the admin it leads. */
  link?: string | null;
  /** Joined to the e-mail of those who chose e-mail (an iCalendar invite). */
  attachments?: MailAttachment[];
  /** The admin's public address, for the links in e-mails; ESSOR_PUBLIC_URL (or the default) when not given. */
  publicUrl?: string;
}

/** Where e-mailed links point when the caller does not say (services called outside a request, jobs). */
export function defaultPublicUrl(): string {
  return (process.env.ESSOR_PUBLIC_URL || DEFAULT_PUBLIC_URL).replace(/\/+$/, '');
}

/** The channel each of these people chose for this kind, or the kind's default. */
export async function channelsFor(tx: Db, userIds: string[], kind: NotificationKind): Promise<Map<string, NotificationChannel>> {
  const chosen = userIds.length
    ? await tx
        .select({ userId: notificationPreferences.userId, channel: notificationPreferences.channel })
        .from(notificationPreferences)
        .where(and(anyOf(notificationPreferences.userId, userIds), eq(notificationPreferences.kind, kind)))
    : [];
  const byUser = new Map(chosen.map((c) => [c.userId, c.channel as NotificationChannel]));
  return new Map(userIds.map((id) => [id, byUser.get(id) ?? DEFAULT_CHANNELS[kind]]));
}

/**
 * Notifies people of a business event, in the caller's transaction (so it is written with the change or
 * not at all). Each person gets one in-app row, with the channel they chose for the kind; those who chose
 * e-mail get one message in their language. The row's unique (person, kind, event) decides: a replayed
 * request or a job run twice inserts nothing, so it queues nothing either.
 */
export async function notify(tx: Db, input: NotifyInput): Promise<void> {
  const recipients = [...new Set(input.recipients.filter((r): r is string => Boolean(r)))];
  if (recipients.length === 0) return;
  const channels = await channelsFor(tx, recipients, input.kind);
  const inserted = await tx
    .insert(notifications)
    .values(
      recipients.map((userId) => ({
        userId,
        structureId: input.structureId,
        kind: input.kind,
        eventKey: input.eventKey,
        params: input.params,
        link: input.link ?? null,
        channel: channels.get(userId)!,
      })),
    )
    .onConflictDoNothing()
    .returning({ userId: notifications.userId, channel: notifications.channel });
  const emailed = inserted.filter((row) => row.channel === 'email').map((row) => row.userId);
  if (emailed.length === 0) return;
  const people = await tx
    .select({ id: users.id, email: users.email, name: users.name, locale: users.locale })
    .from(users)
    .where(and(anyOf(users.id, emailed), eq(users.status, 'active')));
  const publicUrl = (input.publicUrl ?? defaultPublicUrl()).replace(/\/+$/, '');
  for (const person of people) {
    const locale: Locale = person.locale === 'en' ? 'en' : 'fr';
    const rendered = renderNotification(input.kind, locale, input.params);
    await queueMail(tx, {
      to: person.email,
      locale,
      kind: 'notification',
      userId: person.id,
      structureId: input.structureId,
      params: { name: person.name, title: rendered.title, paragraphs: rendered.paragraphs, link: input.link ? `${publicUrl}${input.link}` : null },
      attachments: input.attachments,
    });
  }
}

/** The people holding one of these roles on this structure or on a structure above it. */
export async function peopleReaching(tx: Db, structureId: string, roles: readonly Role[]): Promise<string[]> {
  const rows = await tx
    .selectDistinct({ userId: memberships.userId })
    .from(memberships)
    .innerJoin(structures, eq(structures.id, structureId))
    .where(and(anyOf(memberships.role, [...roles]), sql`${structures.path} like '%/' || ${memberships.structureId}::text || '/%'`));
  return rows.map((r) => r.userId);
}
