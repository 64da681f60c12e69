import { IMPACT_DASHBOARD_READERS, type ImpactDashboardQuery } from '@essor/shared/impact-dashboard';
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import type { CurrentUser } from '../../lib/context';
import { NotFound, Unprocessable } from '../../lib/errors';
import { msg } from '../../lib/messages/render';
import { rowsOf } from '../../lib/rows';
import { structuresReached } from '../../lib/scope';

/** The dashboard's filters resolved against the caller's reach: which structures, and the SQL naming the projects in view. */
export interface DashboardScope {
  /** The structures in view: those the caller reaches, narrowed to the asked one's subtree. */
  structureIds: string[];
  programmeId: string | null;
  district: string | null;
  from: string | null;
  to: string | null;
  /** A query returning the ids of the projects in view (structure, programme, district). */
  projects: SQL;
}

export const idList = (ids: readonly string[]): SQL => (ids.length ? sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `) : sql`null::uuid`);

/** The structures the impact readers' roles reach, narrowed to `structureId`'s subtree (404 when out of reach or unknown). */
export function structuresInView(user: CurrentUser, structureId: string | undefined): string[] {
  const reached = structuresReached(user, IMPACT_DASHBOARD_READERS);
  if (!structureId) return reached;
  if (!reached.includes(structureId)) throw new NotFound('thing.structure');
  return reached.filter((id) => id === structureId || (user.reach.paths[id] ?? '').includes(`/${structureId}/`));
}

/** The programme's structure when the caller reaches it; else 404. */
export async function programmeInReach(db: Db, structureIds: readonly string[], programmeId: string): Promise<{ id: string; structureId: string; code: string; name: string; currency: string }> {
  const [row] = rowsOf<{ id: string; structure_id: string; code: string; name: string; currency: string }>(
    await db.execute(sql`select id, structure_id, code, name, currency from programmes where id = ${programmeId}::uuid`),
  );
  if (!row || !structureIds.includes(row.structure_id)) throw new NotFound('thing.programme');
  return { id: row.id, structureId: row.structure_id, code: row.code, name: row.name, currency: row.currency };
}

export async function resolveScope(db: Db, user: CurrentUser, query: ImpactDashboardQuery): Promise<DashboardScope> {
  if (query.from && query.to && query.from > query.to) {
    throw new Unprocessable(msg('dashboards.from_after_to', { from: query.from, to: query.to }), 'invalid', { from: ['field.dashboards.from_after_to'] });
  }
  const structureIds = structuresInView(user, query.structureId);
  if (query.programmeId) await programmeInReach(db, structureIds, query.programmeId);
  const programmeId = query.programmeId ?? null;
  const district = query.district ?? null;
  const projects = sql`select p.id from projects p where p.structure_id in (${idList(structureIds)})${programmeId ? sql` and p.programme_id = ${programmeId}::uuid` : sql``}${district ? sql` and p.district = ${district}` : sql``}`;
  return { structureIds, programmeId, district, from: query.from ?? null, to: query.to ?? null, projects };
}
