import type { CurrencyCode } from '@essor/shared/money';
import type {
  LegalForm,
  Organisation,
  OrganisationListQuery,
  Project,
  ProjectListQuery,
  ProjectNeed,
  UpdateOrganisationInput,
  UpdateProjectInput,
} from '@essor/shared/projects';
import type { Role } from '@essor/shared/roles';
import { and, desc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client';
import { inventoryEntries } from '../../db/schema/impact';
import { programmes } from '../../db/schema/programmes';
import { organisations, projects } from '../../db/schema/projects';
import { structures } from '../../db/schema/structures';
import { recordAudit, type Actor } from '../../lib/audit';
import type { CurrentUser } from '../../lib/context';
import { allPages, decodeTimeCursor, encodeCursor, pageFrom, WALK_PAGE_SIZE } from '../../lib/cursor';
import { Invalid, NotFound } from '../../lib/errors';
import { builtOnce, builtPerShape, filterValues, givenFilters, placedEquals } from '../../lib/prepared';
import { inPlaceholderReach, inReach, structuresReached } from '../../lib/scope';
import { containsPattern } from '../../lib/like';

type OrganisationRow = typeof organisations.$inferSelect;

export function toOrganisation(row: OrganisationRow): Organisation {
  return {
    id: row.id,
    name: row.name,
    legalForm: row.legalForm as LegalForm,
    targetLegalForm: row.targetLegalForm as Organisation['targetLegalForm'],
    sector: row.sector,
    district: row.district,
    territory: row.territory,
    foundersCount: row.foundersCount,
    womenCount: row.womenCount,
    youthCount: row.youthCount,
    description: row.description,
    contactName: row.contactName,
    contactEmail: row.contactEmail,
    contactPhone: row.contactPhone,
    createdAt: row.createdAt.toISOString(),
  };
}

const projectColumns = {
  project: projects,
  organisationName: organisations.name,
  legalForm: organisations.legalForm,
  programmeCode: programmes.code,
  programmeName: programmes.name,
  structureName: structures.name,
};

type ProjectJoinRow = { project: typeof projects.$inferSelect; organisationName: string; legalForm: string; programmeCode: string | null; programmeName: string | null; structureName: string };

export function toProject(row: ProjectJoinRow): Project {
  const p = row.project;
  return {
    id: p.id,
    structureId: p.structureId,
    structureName: row.structureName,
    organisationId: p.organisationId,
    organisationName: row.organisationName,
    legalForm: row.legalForm as LegalForm,
    programmeId: p.programmeId,
    programmeCode: row.programmeCode,
    programmeName: row.programmeName,
    title: p.title,
    description: p.description,
    needs: p.needs as ProjectNeed[],
    district: p.district,
    totalBudgetMinor: p.totalBudgetMinor,
    currency: p.currency as CurrencyCode,
    stage: p.stage,
    holderUserId: p.holderUserId,
    createdAt: p.createdAt.toISOString(),
  };
}

const FILTERS = ['q', 'programmeId', 'stage', 'legalForm'] as const;

/**
 * Lists show the projects of the structures `roles` reach for this person. The page's query is built once per
 * shape (which filters are given, first page or after a cursor); the values come as placeholders.
 */
const projectsPage = builtPerShape((db, has, shape) => {
  const where: SQL[] = [inPlaceholderReach(projects.structureId)];
  if (has('q')) where.push(or(ilike(projects.title, sql.placeholder('q')), ilike(organisations.name, sql.placeholder('q')))!);
  if (has('programmeId')) where.push(eq(projects.programmeId, sql.placeholder('programmeId')));
  if (has('stage')) where.push(eq(projects.stage, sql.placeholder('stage')));
  if (has('legalForm')) where.push(eq(organisations.legalForm, sql.placeholder('legalForm')));
  if (has('cursor')) where.push(sql`(${projects.createdAt}, ${projects.id}) < (${sql.placeholder('at')}::timestamptz, ${sql.placeholder('id')}::uuid)`);
  return selectProjects(db)
    .where(and(...where))
    .orderBy(desc(projects.createdAt), desc(projects.id))
    .limit(sql.placeholder('limit'))
    .prepare(`essor_projects_${shape}`);
});

function selectProjects(db: Db) {
  return db
    .select(projectColumns)
    .from(projects)
    .innerJoin(organisations, eq(organisations.id, projects.organisationId))
    .innerJoin(structures, eq(structures.id, projects.structureId))
    .leftJoin(programmes, eq(programmes.id, projects.programmeId));
}

export async function listProjects(db: Db, user: CurrentUser, roles: readonly Role[], query: ProjectListQuery) {
  const [at, id] = query.cursor ? decodeTimeCursor(query.cursor) : [null, null];
  const shape = [...FILTERS.map((name) => Boolean(query[name]) && name), Boolean(at) && 'cursor'];
  const rows = await projectsPage(db, shape).execute({
    reach: structuresReached(user, roles),
    q: query.q ? containsPattern(query.q) : null,
    programmeId: query.programmeId ?? null,
    stage: query.stage ?? null,
    legalForm: query.legalForm ?? null,
    at,
    id,
    limit: query.limit + 1,
  });
  const page = pageFrom(rows, query.limit, (row) => encodeCursor(row.project.createdAt.toISOString(), row.project.id));
  return { items: page.items.map(toProject), nextCursor: page.nextCursor };
}

export function exportProjects(db: Db, user: CurrentUser, roles: readonly Role[], query: Omit<ProjectListQuery, 'cursor' | 'limit'>): AsyncGenerator<Project[]> {
  return allPages((cursor) => listProjects(db, user, roles, { ...query, cursor, limit: WALK_PAGE_SIZE }));
}

const projectById = builtOnce((db) => selectProjects(db).where(eq(projects.id, sql.placeholder('id'))).prepare('essor_project_by_id'));

export async function getProject(db: Db, id: string): Promise<Project> {
  const [row] = await projectById(db).execute({ id });
  if (!row) throw new NotFound('thing.project');
  return toProject(row);
}

export async function updateProject(db: Db, actor: Actor, id: string, input: UpdateProjectInput): Promise<Project> {
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(projects).where(eq(projects.id, id)).for('update');
    if (!current) throw new NotFound('thing.project');
    await tx
      .update(projects)
      .set({ ...input, updatedAt: new Date() })
      .where(eq(projects.id, id));
    const after = await getProject(tx, id);
    const { createdAt: _c, ...before } = toProject({
      project: current,
      organisationName: after.organisationName,
      legalForm: after.legalForm,
      programmeCode: after.programmeCode,
      programmeName: after.programmeName,
      structureName: after.structureName,
    });
    const { createdAt: _a, ...afterView } = after;
    await recordAudit(tx, actor, { action: 'project.update', entity: 'project', entityId: id, before, after: afterView });
    return after;
  });
}

/**
 * An organisation belongs to no one structure: it is seen by those whose roles reach a structure that supports one
 * of its projects or keeps it in its inventory. Another city's applicants, their contacts included, stay out of sight.
 */
function organisationInReach(user: CurrentUser, roles: readonly Role[]): SQL {
  return organisationReachedBy((column) => inReach(column, user, roles));
}

function organisationReachedBy(inReachOf: (column: AnyPgColumn) => SQL): SQL {
  return sql`(exists (select 1 from ${projects} where ${projects.organisationId} = ${organisations.id} and ${inReachOf(projects.structureId)})
    or exists (select 1 from ${inventoryEntries} where ${inventoryEntries.organisationId} = ${organisations.id} and ${inReachOf(inventoryEntries.structureId)}))`;
}

const ORGANISATION_FILTERS = ['legalForm', 'territory'] as const;

/** A page of organisations, built once per shape: the filters given (a search matches the name or the sector), first page or after a cursor. */
const organisationsPage = builtPerShape((db, has, shape) => {
  const where: SQL[] = [organisationReachedBy(inPlaceholderReach), ...placedEquals(has, organisations, ORGANISATION_FILTERS)];
  if (has('q')) where.push(or(ilike(organisations.name, sql.placeholder('q')), ilike(organisations.sector, sql.placeholder('q')))!);
  if (has('cursor')) where.push(sql`(${organisations.createdAt}, ${organisations.id}) < (${sql.placeholder('at')}::timestamptz, ${sql.placeholder('id')}::uuid)`);
  return db
    .select()
    .from(organisations)
    .where(and(...where))
    .orderBy(desc(organisations.createdAt), desc(organisations.id))
    .limit(sql.placeholder('limit'))
    .prepare(`essor_organisations_${shape}`);
});

export async function listOrganisations(db: Db, user: CurrentUser, roles: readonly Role[], query: OrganisationListQuery) {
  const [at, id] = query.cursor ? decodeTimeCursor(query.cursor) : [null, null];
  const rows = await organisationsPage(db, [...givenFilters(query, ORGANISATION_FILTERS), Boolean(query.q) && 'q', Boolean(at) && 'cursor']).execute({
    reach: structuresReached(user, roles),
    ...filterValues(query, ORGANISATION_FILTERS),
    q: query.q ? containsPattern(query.q) : null,
    at,
    id,
    limit: query.limit + 1,
  });
  const page = pageFrom(rows, query.limit, (row) => encodeCursor(row.createdAt.toISOString(), row.id));
  return { items: page.items.map(toOrganisation), nextCursor: page.nextCursor };
}

export function exportOrganisations(db: Db, user: CurrentUser, roles: readonly Role[], query: Omit<OrganisationListQuery, 'cursor' | 'limit'>): AsyncGenerator<Organisation[]> {
  return allPages((cursor) => listOrganisations(db, user, roles, { ...query, cursor, limit: WALK_PAGE_SIZE }));
}

/** One organisation, for a module that already checked the caller's right to the row naming it (an application). */
export async function getOrganisation(db: Db, id: string): Promise<Organisation> {
  const [row] = await db.select().from(organisations).where(eq(organisations.id, id));
  if (!row) throw new NotFound('thing.organisation');
  return toOrganisation(row);
}

/** One organisation as its route answers it: 404 outside the caller's reach. */
export async function readOrganisation(db: Db, user: CurrentUser, roles: readonly Role[], id: string): Promise<Organisation> {
  const [row] = await db.select().from(organisations).where(and(eq(organisations.id, id), organisationInReach(user, roles)));
  if (!row) throw new NotFound('thing.organisation');
  return toOrganisation(row);
}

export async function updateOrganisation(db: Db, actor: Actor, user: CurrentUser, roles: readonly Role[], id: string, input: UpdateOrganisationInput): Promise<Organisation> {
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(organisations).where(and(eq(organisations.id, id), organisationInReach(user, roles))).for('update');
    if (!current) throw new NotFound('thing.organisation');
    const merged = { ...current, ...input };
    if (merged.womenCount > merged.foundersCount || merged.youthCount > merged.foundersCount) {
      throw new Invalid('projects.founders_count', { foundersCount: ['field.fewer_than_women_or_youth'] });
    }
    const targetLegalForm = merged.legalForm === 'informal_group' ? merged.targetLegalForm : null;
    if (input.targetLegalForm && merged.legalForm !== 'informal_group') {
      throw new Invalid('projects.informal_group_target_form', { targetLegalForm: ['field.not_informal_group'] });
    }
    const [row] = await tx
      .update(organisations)
      .set({ ...input, targetLegalForm, updatedAt: new Date() })
      .where(eq(organisations.id, id))
      .returning();
    const after = toOrganisation(row);
    await recordAudit(tx, actor, { action: 'organisation.update', entity: 'organisation', entityId: id, before: toOrganisation(current), after });
    return after;
  });
}
