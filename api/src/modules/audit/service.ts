import type { AuditEntry, AuditListQuery } from '@essor/shared/audit';
import { and, desc, eq, gte, ilike, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
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
import { anyOfPlaced } from '../../lib/any-of';
import { builtOnce, builtPerShape } from '../../lib/prepared';
import { inPlaceholderReach, structuresReached } from '../../lib/scope';
import { containsPattern, escapeLike } from '../../lib/like';

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

/** Each kind's read of names, and the authors', built once (every page of the trail runs them). */
const labelReads = new Map(
  [
    ...Object.entries(NAMED).map(([kind, named]) => [kind, builtOnce((db) => db.select({ id: named.id, label: named.label }).from(named.table).where(anyOfPlaced(named.id, 'ids')).prepare(`essor_audit_names_${kind}`))] as const),
    ...Object.entries(ABOUT_A_PROJECT).map(([kind, about]) => [
      kind,
      builtOnce((db) =>
        db
          .select({ id: about.id, label: projects.title })
          .from(about.table)
          .innerJoin(projects, eq(projects.id, about.projectId))
          .where(anyOfPlaced(about.id, 'ids'))
          .prepare(`essor_audit_names_${kind}`),
      ),
    ] as const),
  ],
);
const authorNames = builtOnce((db) => db.select({ id: users.id, name: users.name }).from(users).where(anyOfPlaced(users.id, 'ids')).prepare('essor_audit_authors'));

/** An id the kind's table can hold: journal entries are numbered, every other audited row has a uuid. */
function wellFormedId(kind: string, id: string): boolean {
  return kind === 'journal_entry' ? /^[1-9]\d{0,15}$/.test(id) : UUID.test(id);
}

/** Names for the rows a page of the trail mentions (one query per kind of row), and for its authors. */
async function labelsFor(db: Db, rows: AuditRow[]): Promise<{ entities: Labels; actors: Labels }> {
  const byKind = new Map<string, Set<string>>();
  for (const row of rows) {
    if (!labelReads.has(row.entity) || !wellFormedId(row.entity, row.entityId)) continue;
    byKind.set(row.entity, (byKind.get(row.entity) ?? new Set()).add(row.entityId));
  }
  const actorIds = [...new Set(rows.map((r) => r.actorId).filter((id): id is string => Boolean(id && UUID.test(id))))];
  // One read per kind and one for the actors, side by side.
  const labelled = Promise.all(
    [...byKind].map(async ([kind, ids]) => {
      const found = await labelReads.get(kind)!(db).execute({ ids: [...ids] });
      return found.map((f) => [`${kind}:${String(f.id)}`, String(f.label)] as const);
    }),
  );
  const named = actorIds.length ? authorNames(db).execute({ ids: actorIds }) : Promise.resolve([]);
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

/** True for an admin of a top node: they also read the rows of no structure (accounts, sign-ins). */
function readsUnscoped(admin: CurrentUser): boolean {
  return structuresReached(admin, ['admin']).some((id) => (admin.reach.paths[id] ?? '').split('/').filter(Boolean).length === 1);
}

const FILTERS = ['entity', 'entityId', 'action', 'actor', 'from', 'to'] as const;

/**
 * A page of the trail, built once per shape: the filters given, whether the rows of no structure are read, first
 * page or after a cursor. A node's admins read the trail of their structures (the `reach` value).
 */
const auditPage = builtPerShape((db, has, shape) => {
  const mine = inPlaceholderReach(auditLog.structureId);
  const where: SQL[] = [has('unscoped') ? or(mine, isNull(auditLog.structureId))! : mine];
  if (has('entity')) where.push(eq(auditLog.entity, sql.placeholder('entity')));
  if (has('entityId')) where.push(eq(auditLog.entityId, sql.placeholder('entityId')));
  if (has('action')) where.push(ilike(auditLog.action, sql.placeholder('action')));
  if (has('actor')) where.push(ilike(auditLog.actorEmail, sql.placeholder('actor')));
  if (has('from')) where.push(gte(auditLog.at, sql`${sql.placeholder('from')}::timestamptz`));
  if (has('to')) where.push(lte(auditLog.at, sql`${sql.placeholder('to')}::timestamptz`));
  if (has('cursor')) where.push(lt(auditLog.id, sql.placeholder('before')));
  return db
    .select()
    .from(auditLog)
    .where(and(...where))
    .orderBy(desc(auditLog.id))
    .limit(sql.placeholder('limit'))
    .prepare(`essor_audit_${shape}`);
});

export async function listAudit(db: Db, admin: CurrentUser, query: AuditListQuery) {
  const before = query.cursor ? decodeIdCursor(query.cursor) : null;
  const shape = [readsUnscoped(admin) && 'unscoped', ...FILTERS.map((name) => Boolean(query[name]) && name), before !== null && 'cursor'];
  const rows = await auditPage(db, shape).execute({
    reach: structuresReached(admin, ['admin']),
    entity: query.entity ?? null,
    entityId: query.entityId ?? null,
    action: query.action ? `${escapeLike(query.action)}%` : null,
    actor: query.actor ? containsPattern(query.actor) : null,
    // Instants as ISO text: a placeholder's value reaches the driver unconverted (decision 0024).
    from: query.from ? new Date(query.from).toISOString() : null,
    to: query.to ? endOfDay(query.to).toISOString() : null,
    before,
    limit: query.limit + 1,
  });
  const page = pageFrom(rows, query.limit, (row) => encodeCursor(row.id, row.id));
  const labels = await labelsFor(db, page.items);
  return { items: page.items.map((row) => toEntry(row, labels)), nextCursor: page.nextCursor };
}

export function exportAudit(db: Db, admin: CurrentUser, query: Omit<AuditListQuery, 'cursor' | 'limit'>): AsyncGenerator<AuditEntry[]> {
  return allPages((cursor) => listAudit(db, admin, { ...query, cursor, limit: WALK_PAGE_SIZE }));
}
