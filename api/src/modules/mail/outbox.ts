import { AsyncLocalStorage } from 'node:async_hooks';
import type { Locale } from '@essor/shared/auth';
import type { MailKind, OutboxMessage, OutboxQuery, OutboxSummary } from '@essor/shared/mail';
import type { Page } from '@essor/shared/pagination';
import { and, asc, desc, eq, getTableColumns, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { outboxMessages } from '../../db/schema/mail';
import { recordAudit, type Actor } from '../../lib/audit';
import type { CurrentUser } from '../../lib/context';
import { decodeTimeCursor, encodeCursor, pageFrom } from '../../lib/cursor';
import { Conflict, NotFound } from '../../lib/errors';
import { structuresReached } from '../../lib/scope';
import { renderMail, type MailParams } from './templates';
import { anyOf, anyOfPlaced } from '../../lib/any-of';
import { builtPerShape, filterValues, givenFilters, placedEquals } from '../../lib/prepared';

/** The job queue the outbox is sent from. */
export const DELIVER_OUTBOX = 'outbox.deliver';

/** Where links point when ESSOR_PUBLIC_URL is not set: the default port on this machine. */
export const DEFAULT_PUBLIC_URL = 'http://localhost:3000';

/** How a service builds links in its e-mails and, once its transaction committed, asks for them to be sent. */
export interface MailLinks {
  publicUrl: string;
  afterQueued?: () => void;
}

/** After this many failed attempts a message is marked failed and shown to admins; an admin may queue it again. */
export const MAX_ATTEMPTS = 5;
const FIRST_RETRY_SECONDS = 30;
const LONGEST_RETRY_SECONDS = 6 * 60 * 60;
/** A message being sent is leased this long: a worker that dies mid-send leaves it to be retried after. */
const SENDING_LEASE_SECONDS = 5 * 60;

export interface MailAttachment {
  filename: string;
  contentType: string;
  /** base64 */
  content: string;
}

export interface QueuedMail<K extends MailKind> {
  to: string;
  locale: Locale;
  kind: K;
  params: MailParams[K];
  userId?: string | null;
  structureId?: string | null;
  attachments?: MailAttachment[];
}

/** Writes the message in the caller's transaction: it exists if and only if the business change commits. */
/** Per request: whether a message was queued, so the worker is woken once the request's transaction is committed. */
export const mailQueuedInRequest = new AsyncLocalStorage<{ queued: boolean }>();

export async function queueMail<K extends MailKind>(tx: Db, mail: QueuedMail<K>): Promise<string> {
  const request = mailQueuedInRequest.getStore();
  if (request) request.queued = true;
  const rendered = renderMail(mail.kind, mail.locale, mail.params);
  const [row] = await tx
    .insert(outboxMessages)
    .values({
      toAddress: mail.to,
      locale: mail.locale,
      kind: mail.kind,
      userId: mail.userId ?? null,
      structureId: mail.structureId ?? null,
      attachments: mail.attachments ?? [],
      ...rendered,
    })
    .returning({ id: outboxMessages.id });
  return row.id;
}

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  attachments: MailAttachment[];
}

/** Hands one message to the mail server; throws when the server refuses it or cannot be reached. */
export type SendMail = (mail: OutgoingMail) => Promise<void>;

/** 30 s, 60 s, 120 s ... after the n-th failed attempt, up to six hours. */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(FIRST_RETRY_SECONDS * 2 ** Math.max(0, attempts - 1), LONGEST_RETRY_SECONDS);
}

export interface DeliveryReport {
  sent: number;
  retried: number;
  failed: number;
}

/**
 * Sends the messages that are due. Each is claimed by moving its next attempt past a lease (rows locked
 * with SKIP LOCKED, so two workers never claim the same message), then sent outside any transaction:
 * a slow mail server holds no lock and no connection.
 */
export async function deliverDueMessages(db: Db, send: SendMail, options: { now?: Date; limit?: number } = {}): Promise<DeliveryReport> {
  const now = options.now ?? new Date();
  const report: DeliveryReport = { sent: 0, retried: 0, failed: 0 };
  for (;;) {
    const claimed = await db.transaction(async (tx) => {
      const due = await tx
        .select({ id: outboxMessages.id })
        .from(outboxMessages)
        .where(and(eq(outboxMessages.status, 'queued'), lte(outboxMessages.nextAttemptAt, now)))
        .orderBy(asc(outboxMessages.nextAttemptAt))
        .limit(options.limit ?? 20)
        .for('update', { skipLocked: true });
      if (due.length === 0) return [];
      return tx
        .update(outboxMessages)
        .set({ attempts: sql`${outboxMessages.attempts} + 1`, nextAttemptAt: new Date(now.getTime() + SENDING_LEASE_SECONDS * 1000) })
        .where(anyOf(outboxMessages.id, due.map((d) => d.id)))
        .returning();
    });
    if (claimed.length === 0) return report;
    for (const message of claimed) {
      try {
        await send({
          to: message.toAddress,
          subject: message.subject,
          text: message.text,
          html: message.html,
          attachments: message.attachments as MailAttachment[],
        });
        await db.update(outboxMessages).set({ status: 'sent', sentAt: new Date(), lastError: null }).where(eq(outboxMessages.id, message.id));
        report.sent++;
      } catch (error) {
        const lastError = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
        const failed = message.attempts >= MAX_ATTEMPTS;
        await db
          .update(outboxMessages)
          .set(failed ? { status: 'failed', lastError } : { lastError, nextAttemptAt: new Date(now.getTime() + retryDelaySeconds(message.attempts) * 1000) })
          .where(eq(outboxMessages.id, message.id));
        if (failed) report.failed++;
        else report.retried++;
      }
    }
  }
}

type OutboxRow = typeof outboxMessages.$inferSelect;

function toOutboxSummary(row: Omit<OutboxRow, 'text' | 'html' | 'attachments'>): OutboxSummary {
  return {
    id: row.id,
    structureId: row.structureId,
    to: row.toAddress,
    locale: row.locale as Locale,
    kind: row.kind,
    subject: row.subject,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.nextAttemptAt.toISOString(),
    lastError: row.lastError,
    createdAt: row.createdAt.toISOString(),
    sentAt: row.sentAt?.toISOString() ?? null,
  };
}

function toOutboxMessage(row: OutboxRow): OutboxMessage {
  return {
    ...toOutboxSummary(row),
    text: row.text,
    html: row.html,
    attachments: (row.attachments as MailAttachment[]).map(({ filename, contentType }) => ({ filename, contentType })),
  };
}

/**
 * An admin reads the messages about the structures they administer; account messages (no structure:
 * password resets, sign-in notices) only an admin of a top node reads.
 */
function readableBy(admin: CurrentUser): SQL {
  const { ids, top } = adminScope(admin);
  const own = ids.length ? anyOf(outboxMessages.structureId, ids) : sql`false`;
  return top ? or(own, isNull(outboxMessages.structureId))! : own;
}

/** The structures an admin administers, and whether one of them is a top node. */
function adminScope(admin: CurrentUser): { ids: string[]; top: boolean } {
  const ids = structuresReached(admin, ['admin']);
  return { ids, top: ids.some((id) => (admin.reach.paths[id] ?? '').split('/').filter(Boolean).length === 1) };
}

const OUTBOX_FILTERS = ['status', 'kind'] as const;

/**
 * A page of the outbox, built once per shape: whether the reader is a top node's admin (who reads account
 * messages too), the filters given, first page or after a cursor. Only the columns the list shows: the bodies and
 * attachments are read when a message is opened.
 */
const outboxPage = builtPerShape((db, has, shape) => {
  const own = anyOfPlaced(outboxMessages.structureId, 'reach', 'uuid');
  const where: SQL[] = [has('top') ? or(own, isNull(outboxMessages.structureId))! : own, ...placedEquals(has, outboxMessages, OUTBOX_FILTERS)];
  if (has('cursor')) where.push(sql`(${outboxMessages.createdAt}, ${outboxMessages.id}) < (${sql.placeholder('at')}::timestamptz, ${sql.placeholder('id')}::uuid)`);
  const { text: _text, html: _html, attachments: _attachments, ...listed } = getTableColumns(outboxMessages);
  return db
    .select(listed)
    .from(outboxMessages)
    .where(and(...where))
    .orderBy(desc(outboxMessages.createdAt), desc(outboxMessages.id))
    .limit(sql.placeholder('limit'))
    .prepare(`essor_outbox_${shape}`);
});

export async function listOutbox(db: Db, admin: CurrentUser, query: OutboxQuery): Promise<Page<OutboxSummary>> {
  const [at, id] = query.cursor ? decodeTimeCursor(query.cursor) : [null, null];
  const { ids, top } = adminScope(admin);
  const rows = await outboxPage(db, [top && 'top', ...givenFilters(query, OUTBOX_FILTERS), Boolean(at) && 'cursor']).execute({
    reach: ids,
    ...filterValues(query, OUTBOX_FILTERS),
    at,
    id,
    limit: query.limit + 1,
  });
  const page = pageFrom(rows, query.limit, (row) => encodeCursor(row.createdAt.toISOString(), row.id));
  return { items: page.items.map(toOutboxSummary), nextCursor: page.nextCursor };
}

export async function getOutboxMessage(db: Db, admin: CurrentUser, id: string): Promise<OutboxMessage> {
  const [row] = await db.select().from(outboxMessages).where(and(eq(outboxMessages.id, id), readableBy(admin)));
  if (!row) throw new NotFound('thing.message');
  return toOutboxMessage(row);
}

/** A failed message goes back in the queue with a fresh count of attempts (after the mail server is fixed). */
export async function requeueMessage(db: Db, actor: Actor, admin: CurrentUser, id: string): Promise<OutboxMessage> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(outboxMessages).where(and(eq(outboxMessages.id, id), readableBy(admin))).for('update');
    if (!row) throw new NotFound('thing.message');
    if (row.status !== 'failed') throw new Conflict('mail.only_failed_resent');
    const [updated] = await tx
      .update(outboxMessages)
      .set({ status: 'queued', attempts: 0, nextAttemptAt: new Date() })
      .where(eq(outboxMessages.id, id))
      .returning();
    await recordAudit(tx, actor, {
      action: 'outbox.requeue',
      entity: 'outbox_message',
      entityId: id,
      structureId: row.structureId,
      before: { status: row.status, attempts: row.attempts, lastError: row.lastError },
      after: { status: updated.status },
    });
    return toOutboxMessage(updated);
  });
}
