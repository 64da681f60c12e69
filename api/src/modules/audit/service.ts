import type { AuditEntry, AuditListQuery } from '@essor/shared/audit';
import { and, desc, eq, gte, ilike, lt, lte, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { auditLog } from '../../db/schema/audit';
import { decodeCursor, encodeCursor, pageFrom } from '../../lib/cursor';

type AuditRow = typeof auditLog.$inferSelect;

function toEntry(row: AuditRow): AuditEntry {
  return {
    id: String(row.id),
    at: row.at.toISOString(),
    actorId: row.actorId,
    actorEmail: row.actorEmail,
    action: row.action,
    entity: row.entity,
    entityId: row.entityId,
    before: row.before ?? null,
    after: row.after ?? null,
    requestId: row.requestId,
  };
}

function endOfDay(value: string): Date {
  return value.length === 10 ? new Date(`${value}T23:59:59.999Z`) : new Date(value);
}

function auditFilters(query: Omit<AuditListQuery, 'cursor' | 'limit'>): SQL[] {
  const where: SQL[] = [];
  if (query.entity) where.push(eq(auditLog.entity, query.entity));
  if (query.entityId) where.push(eq(auditLog.entityId, query.entityId));
  if (query.action) where.push(ilike(auditLog.action, `${query.action.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`));
  if (query.actor) where.push(ilike(auditLog.actorEmail, `%${query.actor.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`));
  if (query.from) where.push(gte(auditLog.at, new Date(query.from)));
  if (query.to) where.push(lte(auditLog.at, endOfDay(query.to)));
  return where;
}

export async function listAudit(db: Db, query: AuditListQuery) {
  const where = auditFilters(query);
  if (query.cursor) where.push(lt(auditLog.id, Number(decodeCursor(query.cursor)[1])));
  const rows = await db
    .select()
    .from(auditLog)
    .where(and(...where))
    .orderBy(desc(auditLog.id))
    .limit(query.limit + 1);
  const page = pageFrom(rows, query.limit, (row) => encodeCursor(row.id, row.id));
  return { items: page.items.map(toEntry), nextCursor: page.nextCursor };
}

export async function exportAudit(db: Db, query: Omit<AuditListQuery, 'cursor' | 'limit'>): Promise<AuditEntry[]> {
  const rows = await db
    .select()
    .from(auditLog)
    .where(and(...auditFilters(query)))
    .orderBy(desc(auditLog.id))
    .limit(50_000);
  return rows.map(toEntry);
}
