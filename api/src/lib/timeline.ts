import type { TimelineEvent } from '@essor/shared/cofinancing';
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { auditLog } from '../db/schema/audit';
import { users } from '../db/schema/auth';

/** What happened to one business document, oldest first, read from the audit log (who, when, what). */
export async function entityTimeline(db: Db, entity: string, entityId: string): Promise<TimelineEvent[]> {
  const rows = await db
    .select({ row: auditLog, actorName: users.name })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(and(eq(auditLog.entity, entity), eq(auditLog.entityId, entityId)))
    .orderBy(asc(auditLog.at), asc(auditLog.id));
  return rows.map(({ row, actorName }) => ({ at: row.at.toISOString(), action: row.action, actorEmail: row.actorEmail, actorName, details: row.after ?? null }));
}
