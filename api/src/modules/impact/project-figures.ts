import { randomUUID } from 'node:crypto';
import type { EnterFigureInput, FigureRow, IndicatorFigures, MyProject, ProjectFigures } from '@essor/shared/impact';
import { enterFigureInputSchema, percentOfTarget } from '@essor/shared/impact';
import { hasAnyRole, type Role } from '@essor/shared/roles';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { users } from '../../db/schema/auth';
import { impactIndicators, projectIndicatorValues } from '../../db/schema/impact';
import { organisations, projects } from '../../db/schema/projects';
import { structures } from '../../db/schema/structures';
import { recordAudit, type Actor } from '../../lib/audit';
import type { CurrentUser } from '../../lib/context';
import { toCsv } from '../../lib/csv';
import { Conflict, isUniqueViolation, NotFound, Unprocessable } from '../../lib/errors';
import { holderProjectIds } from '../../lib/holder-projects';
import type { MessageKey } from '../../lib/messages/render';
import { msg } from '../../lib/messages/render';
import { reaches } from '../../lib/scope';
import { readIndicators, visibleFrom } from './catalogue';
import { projectFigures } from './figures';
import { anyOf } from '../../lib/any-of';

/** Who reads a project's figures: its structure's people and elected officials, and its holder. */
export const FIGURE_READERS = ['admin', 'staff', 'coach', 'fund_manager', 'elected_official', 'project_holder'] as const satisfies readonly Role[];
/** Who enters figures: the structure's staff-side people who follow the project, and its holder (from their space). */
export const FIGURE_ENTERERS = ['admin', 'staff', 'coach', 'fund_manager', 'project_holder'] as const satisfies readonly Role[];
const STAFF_READERS = FIGURE_READERS.filter((r) => r !== 'project_holder');
const STAFF_ENTERERS = FIGURE_ENTERERS.filter((r) => r !== 'project_holder');

export function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}

interface ProjectAccess {
  project: { id: string; title: string; organisationName: string; structureId: string; currency: string; stage: string };
  /** As whom the caller enters figures; null: they may not. */
  source: 'staff' | 'holder' | null;
}

/** The project as the caller stands towards it; 404 when they neither follow it nor hold it. */
async function projectAccess(db: Db, user: CurrentUser, projectId: string): Promise<ProjectAccess> {
  const [project] = await db
    .select({ id: projects.id, title: projects.title, organisationName: organisations.name, structureId: projects.structureId, currency: projects.currency, stage: projects.stage })
    .from(projects)
    .innerJoin(organisations, eq(organisations.id, projects.organisationId))
    .where(eq(projects.id, projectId));
  if (!project) throw new NotFound('thing.project');
  const holder = hasAnyRole(user.roles, ['project_holder']) && (await holderProjectIds(db, user.id)).includes(projectId);
  const staffRead = reaches(user, project.structureId, STAFF_READERS);
  if (!staffRead && !holder) throw new NotFound('thing.project');
  const source = reaches(user, project.structureId, STAFF_ENTERERS) ? 'staff' : holder ? 'holder' : null;
  return { project, source };
}

async function historyOf(db: Db, projectId: string): Promise<FigureRow[]> {
  const rows = await db
    .select({ v: projectIndicatorValues, enteredByName: users.name })
    .from(projectIndicatorValues)
    .innerJoin(users, eq(users.id, projectIndicatorValues.enteredBy))
    .where(eq(projectIndicatorValues.projectId, projectId))
    .orderBy(desc(projectIndicatorValues.enteredAt), desc(projectIndicatorValues.periodEnd));
  return rows.map(({ v, enteredByName }) => ({
    id: v.id,
    indicatorId: v.indicatorId,
    kind: v.kind as FigureRow['kind'],
    periodStart: v.periodStart,
    periodEnd: v.periodEnd,
    value: v.value,
    currency: v.currency,
    source: v.source as FigureRow['source'],
    note: v.note,
    enteredById: v.enteredBy,
    enteredByName,
    enteredAt: v.enteredAt.toISOString(),
    supersededAt: v.supersededAt?.toISOString() ?? null,
    supersededBy: v.supersededBy,
  }));
}

/** Per indicator the project reports on: baseline, target and actual by the figures rule, the periods and every row entered. */
export async function getProjectFigures(db: Db, user: CurrentUser, projectId: string): Promise<ProjectFigures> {
  const access = await projectAccess(db, user, projectId);
  const [history, figures, available] = await Promise.all([
    historyOf(db, projectId),
    projectFigures(db, { projects: sql`select ${projectId}::uuid` }),
    readIndicators(db, user, [access.project.structureId], [eq(impactIndicators.active, true)]),
  ]);
  const used = [...new Set(history.map((h) => h.indicatorId))];
  const indicators = used.length
    ? await db.select().from(impactIndicators).where(anyOf(impactIndicators.id, used)).orderBy(impactIndicators.category, impactIndicators.code)
    : [];
  const result: IndicatorFigures[] = indicators.map((i) => {
    const figure = figures.find((f) => f.indicatorId === i.id);
    const rows = history.filter((h) => h.indicatorId === i.id);
    const periods = new Map<string, { periodStart: string; periodEnd: string; target: string | null; actual: string | null }>();
    for (const row of rows) {
      if (row.supersededAt || row.kind === 'baseline') continue;
      // Targets and actuals meet by period end (a yearly target and the second half-year's actual share one row).
      const period = periods.get(row.periodEnd) ?? { periodStart: row.periodStart, periodEnd: row.periodEnd, target: null, actual: null };
      if (row.periodStart < period.periodStart) period.periodStart = row.periodStart;
      period[row.kind] = row.value;
      periods.set(row.periodEnd, period);
    }
    const target = figure?.target ?? null;
    const actual = figure?.actual ?? null;
    return {
      indicator: { id: i.id, code: i.code, nameFr: i.nameFr, nameEn: i.nameEn, unit: i.unit as IndicatorFigures['indicator']['unit'], category: i.category as IndicatorFigures['indicator']['category'], aggregation: i.aggregation as IndicatorFigures['indicator']['aggregation'], sdgTargets: i.sdgTargets, standard: i.standard },
      currency: figure?.currency ?? null,
      baseline: figure?.baseline ?? null,
      target,
      actual,
      percentOfTarget: percentOfTarget(actual, target),
      periods: [...periods.values()].sort((a, b) => a.periodEnd.localeCompare(b.periodEnd)),
      history: rows,
    };
  });
  return { project: access.project, canEnter: access.source !== null, source: access.source, today: todayIso(), indicators: result, available };
}

/**
 * A baseline, target or actual for one period. A current row of the same project, indicator, kind and
 * period end is superseded by the new one (rows never change, so who entered what stays), in one transaction.
 */
export async function enterFigure(db: Db, actor: Actor, user: CurrentUser, projectId: string, raw: EnterFigureInput): Promise<FigureRow> {
  const input = enterFigureInputSchema.parse(raw);
  const access = await projectAccess(db, user, projectId);
  if (!access.source) throw new NotFound('thing.project');
  const { project } = access;
  if (input.periodStart > input.periodEnd) throw new Unprocessable('impact.period_order', 'invalid', { periodEnd: ['field.period_order'] });
  const [indicator] = await db
    .select({ i: impactIndicators })
    .from(impactIndicators)
    .innerJoin(structures, eq(structures.id, impactIndicators.structureId))
    .where(and(eq(impactIndicators.id, input.indicatorId), visibleFrom([project.structureId])));
  if (!indicator) throw new Unprocessable('impact.unknown_indicator', 'invalid', { indicatorId: ['field.unknown_indicator'] });
  const { i } = indicator;
  if (!i.active) throw new Unprocessable('impact.indicator_inactive', 'invalid', { indicatorId: ['field.indicator_inactive'] });
  const unitName = { key: `impact_unit.${i.unit}` as MessageKey };
  if (input.unit !== i.unit) throw new Unprocessable(msg('impact.unit_mismatch', { unit: unitName }), 'invalid', { unit: [msg('field.unit_mismatch', { unit: unitName })] });
  const currency = input.currency ?? null;
  if (i.unit === 'money') {
    if (!currency) throw new Unprocessable(msg('impact.currency_required', { currency: project.currency }), 'invalid', { currency: ['field.required'] });
    if (currency !== project.currency) {
      throw new Unprocessable(msg('impact.currency_mismatch', { currency: project.currency }), 'invalid', { currency: [msg('field.currency_mismatch', { currency: project.currency })] });
    }
    if (!/^\d+(\.0{1,2})?$/.test(input.value)) throw new Unprocessable('impact.money_whole', 'invalid', { value: ['field.money_whole'] });
  } else if (currency) {
    throw new Unprocessable('impact.currency_not_allowed', 'invalid', { currency: ['field.currency_not_allowed'] });
  }
  const today = todayIso();
  if (input.kind !== 'target' && input.periodEnd > today) throw new Unprocessable(msg('impact.period_future', { today }), 'invalid', { periodEnd: ['field.period_future'] });

  try {
    const id = await db.transaction(async (tx) => {
      const [previous] = await tx
        .select()
        .from(projectIndicatorValues)
        .where(
          and(
            eq(projectIndicatorValues.projectId, projectId),
            eq(projectIndicatorValues.indicatorId, i.id),
            eq(projectIndicatorValues.kind, input.kind),
            eq(projectIndicatorValues.periodEnd, input.periodEnd),
            isNull(projectIndicatorValues.supersededAt),
          ),
        )
        .for('update');
      const newId = randomUUID();
      if (previous) await tx.update(projectIndicatorValues).set({ supersededAt: new Date(), supersededBy: newId }).where(eq(projectIndicatorValues.id, previous.id));
      const [row] = await tx
        .insert(projectIndicatorValues)
        .values({
          id: newId,
          structureId: project.structureId,
          projectId,
          indicatorId: i.id,
          kind: input.kind,
          periodStart: input.periodStart,
          periodEnd: input.periodEnd,
          value: input.value,
          currency: i.unit === 'money' ? currency : null,
          source: access.source!,
          note: input.note,
          enteredBy: user.id,
        })
        .returning();
      await recordAudit(tx, actor, {
        action: previous ? 'indicator_value.correct' : 'indicator_value.enter',
        entity: 'indicator_value',
        entityId: row.id,
        before: previous ?? undefined,
        after: row,
      });
      return row.id;
    });
    const history = await historyOf(db, projectId);
    return history.find((h) => h.id === id)!;
  } catch (error) {
    if (isUniqueViolation(error)) throw new Conflict('impact.figure_busy');
    throw error;
  }
}

/** Every row entered for the project, superseded ones included, as CSV. */
export async function exportProjectFigures(db: Db, user: CurrentUser, projectId: string): Promise<string> {
  await projectAccess(db, user, projectId);
  const history = await historyOf(db, projectId);
  const ids = [...new Set(history.map((h) => h.indicatorId))];
  const codes = new Map(
    (ids.length ? await db.select({ id: impactIndicators.id, code: impactIndicators.code, nameFr: impactIndicators.nameFr, unit: impactIndicators.unit }).from(impactIndicators).where(anyOf(impactIndicators.id, ids)) : []).map((r) => [r.id, r]),
  );
  return toCsv(history, [
    { header: 'indicator_code', value: (r) => codes.get(r.indicatorId)?.code },
    { header: 'indicator_name', value: (r) => codes.get(r.indicatorId)?.nameFr },
    { header: 'unit', value: (r) => codes.get(r.indicatorId)?.unit },
    { header: 'kind', value: (r) => r.kind },
    { header: 'period_start', value: (r) => r.periodStart },
    { header: 'period_end', value: (r) => r.periodEnd },
    { header: 'value', value: (r) => r.value },
    { header: 'currency', value: (r) => r.currency },
    { header: 'source', value: (r) => r.source },
    { header: 'note', value: (r) => r.note },
    { header: 'entered_by', value: (r) => r.enteredByName },
    { header: 'entered_at', value: (r) => r.enteredAt },
    { header: 'superseded_at', value: (r) => r.supersededAt },
    { header: 'current', value: (r) => (r.supersededAt === null ? 'true' : 'false') },
  ]);
}

/** A holder's projects, each with its targets and actuals per indicator. */
export async function listMyProjects(db: Db, user: CurrentUser): Promise<MyProject[]> {
  const ids = await holderProjectIds(db, user.id);
  if (!ids.length) return [];
  const rows = await db
    .select({
      id: projects.id,
      title: projects.title,
      organisationName: organisations.name,
      structureName: structures.name,
      currency: projects.currency,
      stage: projects.stage,
      lastEnteredAt: sql<string | null>`(select max(v.entered_at) from project_indicator_values v where v.project_id = ${projects.id})`,
    })
    .from(projects)
    .innerJoin(organisations, eq(organisations.id, projects.organisationId))
    .innerJoin(structures, eq(structures.id, projects.structureId))
    .where(anyOf(projects.id, ids))
    .orderBy(projects.title);
  const figures = await projectFigures(db, { projects: sql`select id from projects where id in (${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)})` });
  const indicatorIds = [...new Set(figures.map((f) => f.indicatorId))];
  const names = new Map(
    (indicatorIds.length ? await db.select({ id: impactIndicators.id, nameFr: impactIndicators.nameFr, nameEn: impactIndicators.nameEn }).from(impactIndicators).where(anyOf(impactIndicators.id, indicatorIds)) : []).map((r) => [r.id, r]),
  );
  return rows.map((p) => ({
    ...p,
    lastEnteredAt: p.lastEnteredAt ? new Date(p.lastEnteredAt).toISOString() : null,
    figures: figures
      .filter((f) => f.projectId === p.id)
      .map((f) => ({
        indicatorId: f.indicatorId,
        code: f.code,
        nameFr: names.get(f.indicatorId)?.nameFr ?? f.code,
        nameEn: names.get(f.indicatorId)?.nameEn ?? f.code,
        unit: f.unit as MyProject['figures'][number]['unit'],
        currency: f.currency,
        target: f.target,
        actual: f.actual,
        percentOfTarget: percentOfTarget(f.actual, f.target),
      })),
  }));
}
