import type { TimelineEvent } from '@essor/shared/cofinancing';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { auditLog } from '../db/schema/audit';
import { users } from '../db/schema/auth';
import { builtOnce } from './prepared';

/** Built once: every money document's page reads its trail (decision 0024). */
const trail = builtOnce((db) =>
  db
    .select({ row: auditLog, actorName: users.name })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(and(eq(auditLog.entity, sql.placeholder('entity')), eq(auditLog.entityId, sql.placeholder('entityId'))))
    .orderBy(asc(auditLog.at), asc(auditLog.id))
    .prepare('essor_entity_timeline'),
);

/** What happened to one business document, oldest first, read from the audit log (who, when, what). */
export async function entityTimeline(db: Db, entity: string, entityId: string): Promise<TimelineEvent[]> {
  const rows = await trail(db).execute({ entity, entityId });
  return rows.map(({ row, actorName }) => ({ at: row.at.toISOString(), action: row.action, actorEmail: row.actorEmail, actorName, details: row.after ?? null }));
}
