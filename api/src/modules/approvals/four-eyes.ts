import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client';
import { auditLog } from '../../db/schema/audit';

/**
 * Who had a hand on a money document (co-financing, loans, equipment quotes), read by decisions.ts: whoever
 * created, prepared or changed a document (every audited action on it), or voted on it in a committee
 * (the `voterIds` an audited action names), never decides on it. The people the row itself names
 * (creator, preparer) count too, so a row written without its audit is still guarded.
 */
export async function handsOn(db: Db, entity: string, entityIds: string[]): Promise<Map<string, Set<string>>> {
  const hands = new Map<string, Set<string>>(entityIds.map((id) => [id, new Set<string>()]));
  if (entityIds.length === 0) return hands;
  const rows = await db
    .select({ entityId: auditLog.entityId, actorId: auditLog.actorId, after: auditLog.after })
    .from(auditLog)
    .where(and(eq(auditLog.entity, entity), inArray(auditLog.entityId, entityIds)));
  for (const row of rows) {
    const set = hands.get(row.entityId)!;
    if (row.actorId) set.add(row.actorId);
    const voters = (row.after as { voterIds?: unknown } | null)?.voterIds;
    if (Array.isArray(voters)) for (const v of voters) if (typeof v === 'string') set.add(v);
  }
  return hands;
}

export interface MoneyDocument {
  entity: string;
  entityId: string;
  /** People the row names as having acted on it (creator, preparer ...). */
  people: (string | null)[];
}

/** The set of people who may not decide on this document. */
export async function handsOnDocument(db: Db, doc: MoneyDocument): Promise<Set<string>> {
  const set = (await handsOn(db, doc.entity, [doc.entityId])).get(doc.entityId)!;
  for (const person of doc.people) if (person) set.add(person);
  return set;
}

/** For inbox queries: true for documents this person never had a hand on. */
export function noHandOn(entity: string, idColumn: AnyPgColumn, userId: string): SQL {
  return sql`not exists (select 1 from audit_log h where h.entity = ${entity} and h.entity_id = ${idColumn}::text
    and (h.actor_id = ${userId} or coalesce(h.after->'voterIds', '[]'::jsonb) @> jsonb_build_array(${userId}::text)))`;
}

