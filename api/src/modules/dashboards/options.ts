import type { DashboardOptions } from '@essor/shared/impact-dashboard';
import type { CurrencyCode } from '@essor/shared/money';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import type { CurrentUser } from '../../lib/context';
import { rowsOf } from '../../lib/rows';
import { idList, structuresInView } from './filters';

/** The structures, programmes and funds (not the bond trusts) the caller's impact roles reach, for the pickers. */
export async function dashboardOptions(db: Db, user: CurrentUser): Promise<DashboardOptions> {
  const ids = structuresInView(user, undefined);
  const [structures, programmes, funds] = await Promise.all([
    db.execute(sql`select id, name, parent_id as "parentId" from structures where id in (${idList(ids)}) order by path`),
    db.execute(sql`select id, code, name, structure_id as "structureId", currency from programmes where structure_id in (${idList(ids)}) order by code`),
    db.execute(sql`select id, code, name, type, structure_id as "structureId", currency from funds where structure_id in (${idList(ids)}) and type <> 'bond_trust' order by code`),
  ]);
  return {
    structures: rowsOf<DashboardOptions['structures'][number]>(structures),
    programmes: rowsOf<DashboardOptions['programmes'][number] & { currency: CurrencyCode }>(programmes),
    funds: rowsOf<DashboardOptions['funds'][number]>(funds),
  };
}
