import type { Db } from '../db/client';
import { auditLog } from '../db/schema/audit';

/** Who is acting: the signed-in user (or nobody, for public pages) and the request that carried it. */
export interface Actor {
  id: string | null;
  email: string | null;
  requestId: string | null;
}

export const SYSTEM_ACTOR: Actor = { id: null, email: 'system', requestId: null };

export interface AuditRecord {
  action: string;
  entity: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
  /** The structure whose data changed; read from the row's own `structureId` when not given. */
  structureId?: string | null;
}

function structureOf(value: unknown): string | null {
  const id = value && typeof value === 'object' ? (value as { structureId?: unknown }).structureId : undefined;
  return typeof id === 'string' ? id : null;
}

/** Writes the audit row inside the caller's transaction, so a failed mutation leaves none. */
export async function recordAudit(tx: Db, actor: Actor, record: AuditRecord): Promise<void> {
  await tx.insert(auditLog).values({
    actorId: actor.id,
    actorEmail: actor.email,
    action: record.action,
    entity: record.entity,
    entityId: record.entityId,
    before: record.before === undefined ? null : toJson(record.before),
    after: record.after === undefined ? null : toJson(record.after),
    requestId: actor.requestId,
    structureId: record.structureId !== undefined ? record.structureId : (structureOf(record.after) ?? structureOf(record.before)),
  });
}

function toJson(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (_key, v) => (typeof v === 'bigint' ? v.toString() : v)));
}
