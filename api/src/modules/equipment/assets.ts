import type { Asset, AssetListQuery } from '@essor/shared/equipment';
import type { CurrencyCode } from '@essor/shared/money';
import type { Page } from '@essor/shared/pagination';
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { equipmentAssets } from '../../db/schema/equipment';
import { projects } from '../../db/schema/projects';
import { recordAudit, type Actor } from '../../lib/audit';
import { allPages, decodeCursor, encodeCursor, pageFrom, WALK_PAGE_SIZE } from '../../lib/cursor';
import { Conflict, Invalid, NotFound, Unprocessable } from '../../lib/errors';
import { msg, named } from '../../lib/messages/render';
import { builtPerShape, filterValues, givenFilters, placedEquals } from '../../lib/prepared';
import { inViewerReach, viewerShape, viewerValues, visibleRowPlaced, type Viewer } from '../../lib/viewer';
import { ensureFinanceable, ensureFinances } from '../funds/public';

type AssetRow = typeof equipmentAssets.$inferSelect;

function toAsset(row: AssetRow, projectTitle: string | null): Asset {
  return {
    id: row.id,
    structureId: row.structureId,
    fundId: row.fundId,
    quoteId: row.quoteId,
    projectId: row.projectId,
    projectTitle,
    item: row.item,
    serialNumber: row.serialNumber,
    valueMinor: row.valueMinor,
    currency: row.currency as CurrencyCode,
    status: row.status as Asset['status'],
    acquiredOn: row.acquiredOn,
    returnedOn: row.returnedOn,
    note: row.note,
  };
}

type AssetListFilters = Omit<AssetListQuery, 'cursor' | 'limit'>;

const FILTERS = ['fundId', 'projectId', 'status'] as const;

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** After the item (acquired on|item; id) in the register's order; a cursor we never handed out is a 400, not a 500. */
function afterAsset(cursor: string): { day: string; item: string; id: string } {
  const [key, id] = decodeCursor(cursor);
  const bar = typeof key === 'string' ? key.indexOf('|') : -1;
  const day = typeof key === 'string' ? key.slice(0, bar) : '';
  if (bar < 0 || !ISO_DAY.test(day) || Number.isNaN(Date.parse(day)) || typeof id !== 'string' || !UUID.test(id)) {
    throw new Invalid('error.cursor_unknown', { cursor: ['field.cursor_unknown'] });
  }
  return { day, item: (key as string).slice(bar + 1), id };
}

/** A page of the asset register, built once per shape: the viewer, the filters given, first page or after a cursor. */
const assetsPage = builtPerShape((db, has, shape) => {
  const where: SQL[] = [visibleRowPlaced(has, equipmentAssets.structureId, equipmentAssets.projectId)];
  where.push(...placedEquals(has, equipmentAssets, FILTERS));
  if (has('cursor')) {
    where.push(sql`(${equipmentAssets.acquiredOn}, ${equipmentAssets.item}, ${equipmentAssets.id}) > (${sql.placeholder('day')}::date, ${sql.placeholder('item')}::text, ${sql.placeholder('id')}::uuid)`);
  }
  return db
    .select({ a: equipmentAssets, projectTitle: projects.title })
    .from(equipmentAssets)
    .leftJoin(projects, eq(projects.id, equipmentAssets.projectId))
    .where(and(...where))
    .orderBy(asc(equipmentAssets.acquiredOn), asc(equipmentAssets.item), asc(equipmentAssets.id))
    .limit(sql.placeholder('limit'))
    .prepare(`essor_assets_${shape}`);
});

/** The asset register in reach, oldest acquired first (then item, then id), one keyset page at a time. */
export async function listAssets(db: Db, viewer: Viewer, query: AssetListQuery): Promise<Page<Asset>> {
  const after = query.cursor ? afterAsset(query.cursor) : null;
  const rows = await assetsPage(db, [viewerShape(viewer), ...givenFilters(query, FILTERS), Boolean(after) && 'cursor']).execute({
    ...viewerValues(viewer),
    ...filterValues(query, FILTERS),
    day: after?.day ?? null,
    item: after?.item ?? null,
    id: after?.id ?? null,
    limit: query.limit + 1,
  });
  const page = pageFrom(rows, query.limit, ({ a }) => encodeCursor(`${a.acquiredOn}|${a.item}`, a.id));
  return { items: page.items.map(({ a, projectTitle }) => toAsset(a, projectTitle)), nextCursor: page.nextCursor };
}

/** Every item the filters select, page after page (the CSV export). */
export function exportAssets(db: Db, viewer: Viewer, query: AssetListFilters, pageSize = WALK_PAGE_SIZE): AsyncGenerator<Asset[]> {
  return allPages((cursor) => listAssets(db, viewer, { ...query, cursor, limit: pageSize }));
}

async function assetChange(db: Db, actor: Actor, id: string, action: string, change: (row: AssetRow) => Partial<AssetRow>): Promise<Asset> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(equipmentAssets).where(eq(equipmentAssets.id, id)).for('update');
    if (!row) throw new NotFound('thing.equipment_asset');
    const patch = change(row);
    const [updated] = await tx.update(equipmentAssets).set({ ...patch, updatedAt: new Date() }).where(eq(equipmentAssets.id, id)).returning();
    await recordAudit(tx, actor, { action, entity: 'equipment_asset', entityId: id, before: { projectId: row.projectId, status: row.status }, after: patch, structureId: row.structureId });
    const [project] = updated.projectId ? await tx.select({ title: projects.title }).from(projects).where(eq(projects.id, updated.projectId)) : [];
    return toAsset(updated, project?.title ?? null);
  });
}

export function updateAsset(db: Db, actor: Actor, id: string, input: { serialNumber?: string; note?: string }) {
  return assetChange(db, actor, id, 'equipment.asset.update', () => input);
}

/** The project stops or no longer needs it: the item comes back to the fund, which keeps it on its books. */
export function returnAsset(db: Db, actor: Actor, id: string, input: { returnedOn: string; note: string }) {
  return assetChange(db, actor, id, 'equipment.asset.return', (row) => {
    if (row.status !== 'in_service') throw new Conflict(msg('equipment.item_status', { status: named('asset_status', row.status) }));
    return { status: 'returned', projectId: null, returnedOn: input.returnedOn, note: input.note || row.note };
  });
}

export function reassignAsset(db: Db, actor: Actor, id: string, projectId: string) {
  return db.transaction(async (tx) => {
    const [project] = await tx.select().from(projects).where(eq(projects.id, projectId));
    if (!project) throw new Unprocessable('money.unknown_project', 'invalid', { projectId: ['field.unknown_project'] });
    const [asset] = await tx.select({ structureId: equipmentAssets.structureId }).from(equipmentAssets).where(eq(equipmentAssets.id, id));
    if (asset) await ensureFinances(tx, asset, project);
    await ensureFinanceable(tx, project.id);
    return assetChange(tx, actor, id, 'equipment.asset.reassign', (row) => {
      if (row.status !== 'returned') throw new Conflict('equipment.reassign_returned');
      if (row.currency !== project.currency) throw new Unprocessable('equipment.other_currency', 'invalid', { projectId: ['field.other_currency'] });
      return { status: 'in_service', projectId, returnedOn: null };
    });
  });
}

/**
 * When a project stops, everything it holds comes back to the fund in one step (other modules call this
 * too); `viewer` limits it to the funds of the structures the caller works for.
 */
export async function returnProjectAssets(db: Db, actor: Actor, viewer: Viewer, projectId: string, input: { returnedOn: string; note: string }): Promise<Asset[]> {
  return db.transaction(async (tx) => {
    const [project] = await tx.select({ id: projects.id }).from(projects).where(eq(projects.id, projectId));
    if (!project) throw new NotFound('thing.project');
    const held = await tx
      .select({ id: equipmentAssets.id })
      .from(equipmentAssets)
      .where(and(eq(equipmentAssets.projectId, projectId), eq(equipmentAssets.status, 'in_service'), inViewerReach(viewer, equipmentAssets.structureId)));
    const returned: Asset[] = [];
    for (const asset of held) returned.push(await returnAsset(tx, actor, asset.id, input));
    return returned;
  });
}
