import type { AuditEntry, AuditListQuery } from '@essor/shared/audit';
import { and, desc, eq, gte, ilike, isNull, lt, lte, or, type SQL } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client';
import { applications } from '../../db/schema/applications';
import { auditLog } from '../../db/schema/audit';
import { users } from '../../db/schema/auth';
import { actionItems, coaches, coachingPlans, coachingSessions } from '../../db/schema/coaching';
import { committeeSessions } from '../../db/schema/committee';
import { equipmentAssets, equipmentQuotes } from '../../db/schema/equipment';
import { followupVisits } from '../../db/schema/followup';
import { cofinancingRequests, funders, funds } from '../../db/schema/funds';
import { journalEntries } from '../../db/schema/ledger';
import { loans } from '../../db/schema/loans';
import { cohorts, programmes } from '../../db/schema/programmes';
import { milestones, organisations, projects } from '../../db/schema/projects';
import { structures } from '../../db/schema/structures';
import type { CurrentUser } from '../../lib/context';
import { allPages, decodeIdCursor, encodeCursor, pageFrom, WALK_PAGE_SIZE } from '../../lib/cursor';
import { inReach, structuresReached } from '../../lib/scope';
import { anyOf } from '../../lib/any-of';

type AuditRow = typeof auditLog.$inferSelect;

type Labels = Map<string, string>;

/** Where each kind of audited row finds its name: its own column, or the title of the project it is about. */
const NAMED: Record<string, { table: PgTable; id: AnyPgColumn; label: AnyPgColumn }> = {
  user: { table: users, id: users.id, label: users.name },
  structure: { table: structures, id: structures.id, label: structures.name },
  programme: { table: programmes, id: programmes.id, label: programmes.name },
  cohort: { table: cohorts, id: cohorts.id, label: cohorts.name },
  project: { table: projects, id: projects.id, label: projects.title },
  organisation: { table: organisations, id: organisations.id, label: organisations.name },
  committee_session: { table: committeeSessions, id: committeeSessions.id, label: committeeSessions.title },
  coaching_session: { table: coachingSessions, id: coachingSessions.id, label: coachingSessions.title },
  coach: { table: coaches, id: coaches.id, label: coaches.name },
  fund: { table: funds, id: funds.id, label: funds.name },
  funder: { table: funders, id: funders.id, label: funders.name },
  milestone: { table: milestones, id: milestones.id, label: milestones.title },
  action_item: { table: actionItems, id: actionItems.id, label: actionItems.description },
  journal_entry: { table: journalEntries, id: journalEntries.id, label: journalEntries.description },
  equipment_asset: { table: equipmentAssets, id: equipmentAssets.id, label: equipmentAssets.item },
};
const ABOUT_A_PROJECT: Record<string, { table: PgTable; id: AnyPgColumn; projectId: AnyPgColumn }> = {
  application: { table: applications, id: applications.id, projectId: applications.projectId },
  cofinancing: { table: cofinancingRequests, id: cofinancingRequests.id, projectId: cofinancingRequests.projectId },
  loan: { table: loans, id: loans.id, projectId: loans.projectId },
  equipment_quote: { table: equipmentQuotes, id: equipmentQuotes.id, projectId: equipmentQuotes.projectId },
  followup_visit: { table: followupVisits, id: followupVisits.id, projectId: followupVisits.projectId },
  coaching_plan: { table: coachingPlans, id: coachingPlans.id, projectId: coachingPlans.projectId },
};
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Names for the rows a page of the trail mentions (one query per kind of row), and for its authors. */
async function labelsFor(db: Db, rows: AuditRow[]): Promise<{ entities: Labels; actors: Labels }> {
  const byKind = new Map<string, Set<string>>();
  for (const row of rows) {
    if (!UUID.test(row.entityId) || !(row.entity in NAMED || row.entity in ABOUT_A_PROJECT)) continue;
    byKind.set(row.entity, (byKind.get(row.entity) ?? new Set()).add(row.entityId));
  }
  const actorIds = [...new Set(rows.map((r) => r.actorId).filter((id): id is string => Boolean(id && UUID.test(id))))];
  // One read per kind and one for the actors, side by side.
  const labelled = Promise.all(
    [...byKind].map(async ([kind, idSet]) => {
      const ids = [...idSet];
      const named = NAMED[kind];
      const found = named
        ? await db.select({ id: named.id, label: named.label }).from(named.table).where(anyOf(named.id, ids))
        : await db
            .select({ id: ABOUT_A_PROJECT[kind].id, label: projects.title })
            .from(ABOUT_A_PROJECT[kind].table)
            .innerJoin(projects, eq(projects.id, ABOUT_A_PROJECT[kind].projectId))
            .where(anyOf(ABOUT_A_PROJECT[kind].id, ids));
      return found.map((f) => [`${kind}:${String(f.id)}`, String(f.label)] as const);
    }),
  );
  const named = actorIds.length ? db.select({ id: users.id, name: users.name }).from(users).where(anyOf(users.id, actorIds)) : Promise.resolve([]);
  const [kinds, people] = await Promise.all([labelled, named]);
  const entities: Labels = new Map(kinds.flat());
  const actors: Labels = new Map(people.map((u) => [u.id, u.name]));
  return { entities, actors };
}

function toEntry(row: AuditRow, labels: { entities: Labels; actors: Labels } = { entities: new Map(), actors: new Map() }): AuditEntry {
  return {
    id: String(row.id),
    at: row.at.toISOString(),
    actorId: row.actorId,
    actorEmail: row.actorEmail,
    actorName: row.actorId ? (labels.actors.get(row.actorId) ?? null) : null,
    action: row.action,
    entity: row.entity,
    entityId: row.entityId,
    entityLabel: labels.entities.get(`${row.entity}:${row.entityId}`) ?? null,
    before: row.before ?? null,
    after: row.after ?? null,
    requestId: row.requestId,
  };
}

function endOfDay(value: string): Date {
  return value.length === 10 ? new Date(`${value}T23:59:59.999Z`) : new Date(value);
}

/** A node's admins read the trail of their structures; rows of no structure (accounts, sign-ins) only admins of a top node. */
function readableBy(admin: CurrentUser): SQL {
  const mine = inReach(auditLog.structureId, admin, ['admin']);
  const ofTopNode = structuresReached(admin, ['admin']).some((id) => (admin.reach.paths[id] ?? '').split('/').filter(Boolean).length === 1);
  return ofTopNode ? or(mine, isNull(auditLog.structureId))! : mine;
}

function auditFilters(admin: CurrentUser, query: Omit<AuditListQuery, 'cursor' | 'limit'>): SQL[] {
  const where: SQL[] = [readableBy(admin)];
  if (query.entity) where.push(eq(auditLog.entity, query.entity));
  if (query.entityId) where.push(eq(auditLog.entityId, query.entityId));
  if (query.action) where.push(ilike(auditLog.action, `${query.action.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`));
  if (query.actor) where.push(ilike(auditLog.actorEmail, `%${query.actor.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`));
  if (query.from) where.push(gte(auditLog.at, new Date(query.from)));
  if (query.to) where.push(lte(auditLog.at, endOfDay(query.to)));
  return where;
}

export async function listAudit(db: Db, admin: CurrentUser, query: AuditListQuery) {
  const where = auditFilters(admin, query);
  if (query.cursor) where.push(lt(auditLog.id, decodeIdCursor(query.cursor)));
  const rows = await db
    .select()
    .from(auditLog)
    .where(and(...where))
    .orderBy(desc(auditLog.id))
    .limit(query.limit + 1);
  const page = pageFrom(rows, query.limit, (row) => encodeCursor(row.id, row.id));
  const labels = await labelsFor(db, page.items);
  return { items: page.items.map((row) => toEntry(row, labels)), nextCursor: page.nextCursor };
}

export function exportAudit(db: Db, admin: CurrentUser, query: Omit<AuditListQuery, 'cursor' | 'limit'>): AsyncGenerator<AuditEntry[]> {
  return allPages((cursor) => listAudit(db, admin, { ...query, cursor, limit: WALK_PAGE_SIZE }));
}
