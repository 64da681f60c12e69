import type { CreateIndicatorInput, Indicator, IndicatorListQuery, UpdateIndicatorInput } from '@essor/shared/impact';
import { createIndicatorInputSchema, updateIndicatorInputSchema } from '@essor/shared/impact';
import { hasAnyRole, type Role } from '@essor/shared/roles';
import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { impactIndicators } from '../../db/schema/impact';
import { structures } from '../../db/schema/structures';
import { recordAudit, type Actor } from '../../lib/audit';
import type { CurrentUser } from '../../lib/context';
import { toCsv } from '../../lib/csv';
import { Conflict, isUniqueViolation, NotFound } from '../../lib/errors';
import { holderProjectIds } from '../../lib/holder-projects';
import { reaches, structureForCreate, structuresReached } from '../../lib/scope';
import { rowsOf } from '../../lib/rows';

/** Who reads the catalogue: the structure's people, elected officials, and holders (for their figures form). */
export const INDICATOR_READERS = ['admin', 'staff', 'coach', 'fund_manager', 'elected_official', 'project_holder'] as const satisfies readonly Role[];
/** Who adds and edits a structure's own indicators. */
export const INDICATOR_EDITORS = ['admin', 'staff'] as const satisfies readonly Role[];

type IndicatorRow = typeof impactIndicators.$inferSelect;

/**
 * A condition on the indicator's structure (aliased `s`): the standard catalogue, plus the indicators of
 * these structures and of every structure above them.
 */
export function visibleFrom(structureIds: readonly string[]): SQL {
  if (structureIds.length === 0) return sql`${impactIndicators.standard}`;
  const ids = sql.join(structureIds.map((id) => sql`${id}::uuid`), sql`, `);
  return sql`(${impactIndicators.standard} or exists (select 1 from structures t where t.id in (${ids}) and t.path like ${structures.path} || '%'))`;
}

/** The structures whose catalogue the caller reads: those their roles reach, and those of their own projects. */
async function readerStructures(db: Db, user: CurrentUser): Promise<string[]> {
  const ids = new Set(structuresReached(user, INDICATOR_READERS));
  if (hasAnyRole(user.roles, ['project_holder'])) {
    const own = await holderProjectIds(db, user.id);
    if (own.length) {
      const rows = rowsOf<{ structure_id: string }>(
        await db.execute(sql`select distinct structure_id::text as structure_id from projects where id in (${sql.join(own.map((id) => sql`${id}::uuid`), sql`, `)})`),
      );
      for (const r of rows) ids.add(r.structure_id);
    }
  }
  return [...ids];
}

function editableBy(user: CurrentUser, row: Pick<IndicatorRow, 'standard' | 'structureId'>): boolean {
  return !row.standard && reaches(user, row.structureId, INDICATOR_EDITORS);
}

/** The indicators visible from these structures, with the caller's rights on each. */
export async function readIndicators(db: Db, user: CurrentUser, visibleTo: readonly string[], where: SQL[] = []): Promise<Indicator[]> {
  const rows = await db
    .select({
      i: impactIndicators,
      structureName: structures.name,
      hasFigures: sql<boolean>`exists (select 1 from project_indicator_values v where v.indicator_id = ${impactIndicators.id})`,
    })
    .from(impactIndicators)
    .innerJoin(structures, eq(structures.id, impactIndicators.structureId))
    .where(and(visibleFrom(visibleTo), ...where))
    .orderBy(desc(impactIndicators.standard), asc(impactIndicators.category), asc(impactIndicators.code), asc(structures.name));
  return rows.map(({ i, structureName, hasFigures }) => shapeIndicator(user, i, structureName, Boolean(hasFigures)));
}

function shapeIndicator(user: CurrentUser, i: IndicatorRow, structureName: string, hasFigures: boolean): Indicator {
  return {
    id: i.id,
    structureId: i.structureId,
    structureName,
    code: i.code,
    nameFr: i.nameFr,
    nameEn: i.nameEn,
    definitionFr: i.definitionFr,
    definitionEn: i.definitionEn,
    unit: i.unit as Indicator['unit'],
    category: i.category as Indicator['category'],
    aggregation: i.aggregation as Indicator['aggregation'],
    sdgTargets: i.sdgTargets,
    irisCode: i.irisCode,
    standard: i.standard,
    active: i.active,
    editable: editableBy(user, i),
    hasFigures,
  };
}

/** The standard catalogue and the indicators of the structures the caller reaches and of those above them. */
export async function listIndicators(db: Db, user: CurrentUser, query: IndicatorListQuery = {}): Promise<Indicator[]> {
  const where: SQL[] = [];
  if (query.category) where.push(eq(impactIndicators.category, query.category));
  if (query.active) where.push(eq(impactIndicators.active, query.active === 'true'));
  if (query.structureId) where.push(eq(impactIndicators.structureId, query.structureId));
  return readIndicators(db, user, await readerStructures(db, user), where);
}

/** The catalogue as the caller reads it, with the same filters, as CSV. */
export async function exportIndicators(db: Db, user: CurrentUser, query: IndicatorListQuery = {}): Promise<string> {
  return toCsv(await listIndicators(db, user, query), [
    { header: 'code', value: (i) => i.code },
    { header: 'name_fr', value: (i) => i.nameFr },
    { header: 'name_en', value: (i) => i.nameEn },
    { header: 'unit', value: (i) => i.unit },
    { header: 'category', value: (i) => i.category },
    { header: 'aggregation', value: (i) => i.aggregation },
    { header: 'sdg_targets', value: (i) => i.sdgTargets.join(' ') },
    { header: 'iris_code', value: (i) => i.irisCode },
    { header: 'structure', value: (i) => i.structureName },
    { header: 'standard', value: (i) => (i.standard ? 'true' : 'false') },
    { header: 'active', value: (i) => (i.active ? 'true' : 'false') },
    { header: 'definition_fr', value: (i) => i.definitionFr },
    { header: 'definition_en', value: (i) => i.definitionEn },
  ]);
}

async function getIndicator(db: Db, user: CurrentUser, id: string): Promise<Indicator> {
  const [found] = await readIndicators(db, user, structuresReached(user, INDICATOR_READERS), [eq(impactIndicators.id, id)]);
  if (!found) throw new NotFound('thing.impact_indicator');
  return found;
}

/** A structure's own indicator; its code is unique within the structure. */
export async function createIndicator(db: Db, actor: Actor, user: CurrentUser, raw: CreateIndicatorInput): Promise<Indicator> {
  const input = createIndicatorInputSchema.parse(raw);
  const structureId = structureForCreate(user, input.structureId, INDICATOR_EDITORS);
  try {
    const row = await db.transaction(async (tx) => {
      const [created] = await tx
        .insert(impactIndicators)
        .values({ ...input, structureId, sdgTargets: [...new Set(input.sdgTargets)], standard: false })
        .returning();
      await recordAudit(tx, actor, { action: 'impact_indicator.create', entity: 'impact_indicator', entityId: created.id, after: created });
      return created;
    });
    return getIndicator(db, user, row.id);
  } catch (error) {
    if (isUniqueViolation(error)) throw new Conflict('impact.code_taken', { code: ['field.indicator_code_taken'] });
    throw error;
  }
}

/** Names, definitions, SDG targets, IRIS+ code, active; the unit only while no figure uses it. Standard ones stay as they are. */
export async function updateIndicator(db: Db, actor: Actor, user: CurrentUser, id: string, raw: UpdateIndicatorInput): Promise<Indicator> {
  const input = updateIndicatorInputSchema.parse(raw);
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(impactIndicators).where(eq(impactIndicators.id, id)).for('update');
    if (!before || !reaches(user, before.structureId, INDICATOR_READERS)) throw new NotFound('thing.impact_indicator');
    if (before.standard) throw new Conflict('impact.standard_locked');
    if (!reaches(user, before.structureId, INDICATOR_EDITORS)) throw new NotFound('thing.impact_indicator');
    if (input.unit !== undefined && input.unit !== before.unit) {
      const used = rowsOf(await tx.execute(sql`select 1 from project_indicator_values where indicator_id = ${id}::uuid limit 1`));
      if (used.length) throw new Conflict('impact.unit_fixed', { unit: ['field.unit_fixed'] });
    }
    const changes = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
    if (changes.sdgTargets) changes.sdgTargets = [...new Set(changes.sdgTargets as string[])];
    const [after] = await tx
      .update(impactIndicators)
      .set({ ...changes, updatedAt: new Date() })
      .where(eq(impactIndicators.id, id))
      .returning();
    await recordAudit(tx, actor, { action: 'impact_indicator.update', entity: 'impact_indicator', entityId: id, before, after });
  });
  return getIndicator(db, user, id);
}
