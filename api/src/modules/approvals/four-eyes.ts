import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client';
import { auditLog } from '../../db/schema/audit';
import { anyOf, anyOfPlaced } from '../../lib/any-of';
import { builtOnce } from '../../lib/prepared';

/**
 * Who had a hand on a money document (co-financing, loans, equipment quotes), read by decisions.ts: whoever
 * created, prepared or changed a document (every audited action on it), or voted on it in a committee
 * (the `voterIds` an audited action names), never decides on it. The people the row itself names
 * (creator, preparer) count too, so a row written without its audit is still guarded.
 */
async function handsOn(db: Db, entity: string, entityIds: string[]): Promise<Map<string, Set<string>>> {
  const hands = new Map<string, Set<string>>(entityIds.map((id) => [id, new Set<string>()]));
  if (entityIds.length === 0) return hands;
  const rows = await db
    .select({ entityId: auditLog.entityId, actorId: auditLog.actorId, voters: sql<unknown>`${auditLog.after}->'voterIds'` })
    .from(auditLog)
    .where(and(eq(auditLog.entity, entity), anyOf(auditLog.entityId, entityIds)));
  for (const row of rows) {
    const set = hands.get(row.entityId)!;
    if (row.actorId) set.add(row.actorId);
    if (Array.isArray(row.voters)) for (const v of row.voters) if (typeof v === 'string') set.add(v);
  }
  return hands;
}

/**
 * The documents among `entityIds` this person had a hand on, for a list's allowed actions: one read that answers
 * only the matching ids (the audit rows themselves, often dozens per document, stay in the database).
 */
export async function touchedBy(db: Db, entity: string, entityIds: string[], userId: string): Promise<Set<string>> {
  if (entityIds.length === 0) return new Set();
  const rows = await touchedQuery(db).execute({ entity, ids: entityIds, userId });
  return new Set(rows.map((row) => row.entityId));
}

/** An audit row by the person whose id comes as the `userId` value, or naming them among a committee's voters. */
const handOnCondition = sql`(${auditLog.actorId} = ${sql.placeholder('userId')}::uuid or coalesce(${auditLog.after}->'voterIds', '[]'::jsonb) @> jsonb_build_array(${sql.placeholder('userId')}::text))`;

/** Built once: every list of money documents runs it on each page (decision 0024). */
const touchedQuery = builtOnce((db) =>
  db
    .selectDistinct({ entityId: auditLog.entityId })
    .from(auditLog)
    .where(and(eq(auditLog.entity, sql.placeholder('entity')), anyOfPlaced(auditLog.entityId, 'ids'), handOnCondition))
    .prepare('essor_touched_by'),
);

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

/** For inbox queries: true for documents this person (an id, or the placeholder it comes as) never had a hand on. */
export function noHandOn(entity: string, idColumn: AnyPgColumn, userId: string | SQL): SQL {
  return sql`not exists (select 1 from audit_log h where h.entity = ${entity} and h.entity_id = ${idColumn}::text
    and (h.actor_id = ${userId} or coalesce(h.after->'voterIds', '[]'::jsonb) @> jsonb_build_array(${userId}::text)))`;
}

