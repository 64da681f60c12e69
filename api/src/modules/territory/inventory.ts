import type { LegalForm } from '@essor/shared/projects';
import {
  SIZE_BAND_RANGES,
  sizeBandOf,
  type CreateInventoryEntryInput,
  type InventoryEntry,
  type InventoryFilters,
  type InventoryListQuery,
  type InventoryPage,
  type InventorySummary,
  type UpdateInventoryEntryInput,
} from '@essor/shared/territory';
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { inventoryEntries } from '../../db/schema/impact';
import { organisations } from '../../db/schema/projects';
import { structures } from '../../db/schema/structures';
import { recordAudit, type Actor } from '../../lib/audit';
import type { CurrentUser } from '../../lib/context';
import { allPages, decodeCursor, pageFrom, encodeCursor, WALK_PAGE_SIZE } from '../../lib/cursor';
import { csvStream, type CsvColumn } from '../../lib/csv';
import { Conflict, Invalid, isUniqueViolation, NotFound } from '../../lib/errors';
import { cachedFigures } from '../../lib/figures-cache';
import { inReach, structureForCreate, structuresReached } from '../../lib/scope';
import { resolveDistrict, TERRITORY_READERS, TERRITORY_WRITERS } from './districts';
import { containsPattern } from '../../lib/like';

const ACCENTED = 'ÀÂÄÁÃÅÇÉÈÊËÍÌÎÏÑÓÒÔÖÕÚÙÛÜÝàâäáãåçéèêëíìîïñóòôöõúùûüýÿ–—’';
const PLAIN = "AAAAAACEEEEIIIINOOOOOUUUUYaaaaaaceeeeiiiinooooouuuuyy--'";

/** Accents and case folded the same way in SQL (translate + lower work alike on both drivers) and here. */
function foldSql(column: SQL | typeof organisations.name): SQL {
  return sql`lower(translate(${column}, ${ACCENTED}, ${PLAIN}))`;
}
export function foldText(text: string): string {
  let out = '';
  for (const ch of text) {
    const i = ACCENTED.indexOf(ch);
    out += i >= 0 ? PLAIN[i] : ch;
  }
  return out.toLowerCase();
}

// One index probe per row of the page (a scalar subquery with a limit): `exists` lets the planner hash every project instead.
const inPipelineSql = sql<boolean>`coalesce((select true from projects p where p.organisation_id = ${inventoryEntries.organisationId} limit 1), false)`;

const selection = {
  e: inventoryEntries,
  structureName: structures.name,
  name: organisations.name,
  legalForm: organisations.legalForm,
  sector: organisations.sector,
  district: organisations.district,
  territory: organisations.territory,
  contactName: organisations.contactName,
  contactEmail: organisations.contactEmail,
  contactPhone: organisations.contactPhone,
  inPipeline: inPipelineSql,
};

type Selected = {
  e: typeof inventoryEntries.$inferSelect;
  structureName: string;
  name: string;
  legalForm: string;
  sector: string;
  district: string;
  territory: string;
  contactName: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
  inPipeline: boolean | string;
};

const num = (v: string | null) => (v === null ? null : Number(v));

function shape(row: Selected): InventoryEntry {
  const { e } = row;
  return {
    id: e.id,
    structureId: e.structureId,
    structureName: row.structureName,
    organisationId: e.organisationId,
    name: row.name,
    legalForm: row.legalForm as LegalForm,
    sector: row.sector,
    district: row.district,
    territory: row.territory,
    registrationNumber: e.registrationNumber,
    employees: e.employees,
    members: e.members,
    sizeBand: sizeBandOf(e.employees),
    annualRevenueMinor: e.annualRevenueMinor,
    currency: e.currency,
    contactName: row.contactName,
    contactEmail: row.contactEmail,
    contactPhone: row.contactPhone,
    address: e.address,
    website: e.website,
    latitude: num(e.latitude),
    longitude: num(e.longitude),
    status: e.status as InventoryEntry['status'],
    source: e.source as InventoryEntry['source'],
    inPipeline: row.inPipeline === true || row.inPipeline === 't' || row.inPipeline === 'true',
    updatedAt: e.updatedAt.toISOString(),
  };
}

/** The conditions of the filters, inside the caller's reach. */
function filtersOf(user: CurrentUser, f: InventoryFilters): SQL[] {
  const where: SQL[] = [inReach(inventoryEntries.structureId, user, TERRITORY_READERS)];
  if (f.q) where.push(sql`${foldSql(organisations.name)} like ${containsPattern(foldText(f.q))}`);
  if (f.district) where.push(eq(organisations.district, f.district));
  if (f.sector) where.push(sql`lower(${organisations.sector}) = lower(${f.sector})`);
  if (f.legalForm) where.push(eq(organisations.legalForm, f.legalForm));
  if (f.status) where.push(eq(inventoryEntries.status, f.status));
  if (f.source) where.push(eq(inventoryEntries.source, f.source));
  if (f.sizeBand) {
    const [min, max] = SIZE_BAND_RANGES[f.sizeBand];
    where.push(sql`${inventoryEntries.employees} >= ${min}`);
    if (max !== null) where.push(sql`${inventoryEntries.employees} < ${max}`);
  }
  if (f.structureId) where.push(sql`${structures.path} like ${`%/${f.structureId}/%`}`);
  return where;
}

function baseQuery(db: Db) {
  return db
    .select(selection)
    .from(inventoryEntries)
    .innerJoin(organisations, eq(organisations.id, inventoryEntries.organisationId))
    .innerJoin(structures, eq(structures.id, inventoryEntries.structureId));
}

/** The inventory the caller reaches, by organisation name, paged by keyset. */
export async function listInventory(db: Db, user: CurrentUser, query: InventoryListQuery): Promise<InventoryPage> {
  const where = filtersOf(user, query);
  if (query.cursor) {
    const [name, id] = decodeCursor(query.cursor);
    if (typeof name !== 'string' || typeof id !== 'string' || !/^[0-9a-f-]{36}$/i.test(id)) throw new Invalid('error.cursor_unknown', { cursor: ['field.cursor_unknown'] });
    where.push(sql`(${organisations.name}, ${inventoryEntries.id}) > (${name}, ${id}::uuid)`);
  }
  const rows = (await baseQuery(db)
    .where(and(...where))
    .orderBy(asc(organisations.name), asc(inventoryEntries.id))
    .limit(query.limit + 1)) as Selected[];
  return pageFrom(rows.map(shape), query.limit, (r) => encodeCursor(r.name, r.id));
}

export async function getInventoryEntry(db: Db, user: CurrentUser, id: string): Promise<InventoryEntry> {
  const [row] = (await baseQuery(db).where(and(eq(inventoryEntries.id, id), inReach(inventoryEntries.structureId, user, TERRITORY_READERS)))) as Selected[];
  if (!row) throw new NotFound('thing.inventory_entry');
  return shape(row);
}

const CSV_COLUMNS: CsvColumn<InventoryEntry>[] = [
  { header: 'name', value: (r) => r.name },
  { header: 'legal_form', value: (r) => r.legalForm },
  { header: 'sector', value: (r) => r.sector },
  { header: 'district', value: (r) => r.district },
  { header: 'structure', value: (r) => r.structureName },
  { header: 'registration_number', value: (r) => r.registrationNumber },
  { header: 'employees', value: (r) => r.employees },
  { header: 'members', value: (r) => r.members },
  { header: 'size_band', value: (r) => r.sizeBand },
  { header: 'status', value: (r) => r.status },
  { header: 'source', value: (r) => r.source },
  { header: 'in_pipeline', value: (r) => (r.inPipeline ? 'yes' : 'no') },
  { header: 'address', value: (r) => r.address },
  { header: 'website', value: (r) => r.website },
  { header: 'latitude', value: (r) => r.latitude },
  { header: 'longitude', value: (r) => r.longitude },
  { header: 'contact_name', value: (r) => r.contactName },
  { header: 'contact_email', value: (r) => r.contactEmail },
  { header: 'contact_phone', value: (r) => r.contactPhone },
];

/** The whole filtered inventory as CSV, walked page by page. */
export async function exportInventory(db: Db, user: CurrentUser, filters: InventoryFilters): Promise<ReadableStream<Uint8Array>> {
  return csvStream(
    allPages((cursor) => listInventory(db, user, { ...filters, cursor, limit: WALK_PAGE_SIZE })),
    CSV_COLUMNS,
  );
}

/** Counts of actors, employees and members by district, sector, legal form and size band, with the same filters. */
export async function inventorySummary(db: Db, user: CurrentUser, filters: InventoryFilters): Promise<InventorySummary> {
  // Computed once per state of the data and per view (the structures reached and the filters), whoever asks.
  const view = JSON.stringify([[...structuresReached(user, TERRITORY_READERS)].sort(), filters]);
  return cachedFigures(db, `inventory-summary:${view}`, () => computeSummary(db, user, filters));
}

async function computeSummary(db: Db, user: CurrentUser, filters: InventoryFilters): Promise<InventorySummary> {
  const where = and(...filtersOf(user, filters));
  const band = sql<string>`case when ${inventoryEntries.employees} < 10 then 'micro' when ${inventoryEntries.employees} < 50 then 'small' when ${inventoryEntries.employees} < 250 then 'medium' else 'large' end`;
  const by = async (key: SQL<string> | typeof organisations.district) => {
    const rows = await db
      .select({
        key: sql<string>`${key}`,
        actors: sql<number>`count(*)::int`,
        employees: sql<number>`coalesce(sum(${inventoryEntries.employees}), 0)::int`,
        members: sql<number>`coalesce(sum(${inventoryEntries.members}), 0)::int`,
      })
      .from(inventoryEntries)
      .innerJoin(organisations, eq(organisations.id, inventoryEntries.organisationId))
      .innerJoin(structures, eq(structures.id, inventoryEntries.structureId))
      .where(where)
      .groupBy(sql`1`)
      .orderBy(sql`2 desc`, sql`1`);
    return rows.map((r) => ({ key: r.key, actors: Number(r.actors), employees: Number(r.employees), members: Number(r.members) }));
  };
  const [byDistrict, bySector, byLegalForm, bySizeBand] = [await by(organisations.district), await by(sql<string>`${organisations.sector}`), await by(sql<string>`${organisations.legalForm}`), await by(band)];
  const total = byDistrict.reduce((t, r) => ({ actors: t.actors + r.actors, employees: t.employees + r.employees, members: t.members + r.members }), { actors: 0, employees: 0, members: 0 });
  return { total, byDistrict, bySector, byLegalForm, bySizeBand };
}

function entryValues(input: Partial<CreateInventoryEntryInput>) {
  const values: Partial<typeof inventoryEntries.$inferInsert> = {};
  if (input.registrationNumber !== undefined) values.registrationNumber = input.registrationNumber || null;
  if (input.employees !== undefined) values.employees = input.employees;
  if (input.members !== undefined) values.members = input.members;
  if (input.address !== undefined) values.address = input.address;
  if (input.website !== undefined) values.website = input.website;
  if (input.latitude !== undefined) values.latitude = input.latitude === null ? null : input.latitude.toFixed(6);
  if (input.longitude !== undefined) values.longitude = input.longitude === null ? null : input.longitude.toFixed(6);
  if (input.status !== undefined) values.status = input.status;
  return values;
}

function checkCoordinates(input: { latitude?: number | null; longitude?: number | null }) {
  if ((input.latitude === null || input.latitude === undefined) !== (input.longitude === null || input.longitude === undefined)) {
    throw new Invalid('territory.coordinates_pair', { latitude: ['field.coordinates_pair'], longitude: ['field.coordinates_pair'] });
  }
}

/** A manual addition: a new organisation and its entry in the structure's inventory. */
export async function createInventoryEntry(db: Db, actor: Actor, user: CurrentUser, input: CreateInventoryEntryInput): Promise<string> {
  const structureId = structureForCreate(user, input.structureId, TERRITORY_WRITERS);
  checkCoordinates(input);
  try {
    return await db.transaction(async (tx) => {
      const district = await resolveDistrict(tx, structureId, input.district);
      const [structure] = await tx.select({ territory: structures.territory, currency: structures.currency }).from(structures).where(eq(structures.id, structureId));
      if (!structure) throw new NotFound('thing.structure');
      await assertRegistrationFree(tx, structureId, input.registrationNumber ?? null, null);
      const [org] = await tx
        .insert(organisations)
        .values({
          name: input.name,
          legalForm: input.legalForm,
          sector: input.sector,
          district,
          territory: structure.territory,
          contactName: input.contactName ?? null,
          contactEmail: input.contactEmail ?? null,
          contactPhone: input.contactPhone ?? null,
        })
        .returning({ id: organisations.id });
      const [entry] = await tx
        .insert(inventoryEntries)
        .values({ structureId, organisationId: org.id, source: 'manual', ...entryValues(input) })
        .returning();
      await recordAudit(tx, actor, { action: 'inventory_entry.create', entity: 'inventory_entry', entityId: entry.id, after: { ...entry, name: input.name, legalForm: input.legalForm, sector: input.sector, district } });
      return entry.id;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new Conflict('territory.entry_exists');
    throw error;
  }
}

async function assertRegistrationFree(tx: Db, structureId: string, registrationNumber: string | null, exceptId: string | null) {
  if (!registrationNumber) return;
  const [other] = await tx
    .select({ id: inventoryEntries.id })
    .from(inventoryEntries)
    .where(and(eq(inventoryEntries.structureId, structureId), eq(inventoryEntries.registrationNumber, registrationNumber), exceptId ? sql`${inventoryEntries.id} <> ${exceptId}::uuid` : undefined));
  if (other) throw new Conflict('territory.registration_taken', { registrationNumber: ['field.registration_taken'] });
}

/** Changes an entry and, for name, legal form, sector, district and contact, the organisation it points at. */
export async function updateInventoryEntry(db: Db, actor: Actor, user: CurrentUser, id: string, input: UpdateInventoryEntryInput): Promise<void> {
  await db.transaction(async (tx) => {
    const [entry] = await tx
      .select()
      .from(inventoryEntries)
      .where(and(eq(inventoryEntries.id, id), inReach(inventoryEntries.structureId, user, TERRITORY_WRITERS)))
      .for('update');
    if (!entry) throw new NotFound('thing.inventory_entry');
    const [org] = await tx.select().from(organisations).where(eq(organisations.id, entry.organisationId));
    const latitude = input.latitude !== undefined ? input.latitude : num(entry.latitude);
    const longitude = input.longitude !== undefined ? input.longitude : num(entry.longitude);
    checkCoordinates({ latitude, longitude });
    if (input.registrationNumber) await assertRegistrationFree(tx, entry.structureId, input.registrationNumber, entry.id);
    const orgChanges: Partial<typeof organisations.$inferInsert> = {};
    if (input.name !== undefined) orgChanges.name = input.name;
    if (input.legalForm !== undefined) orgChanges.legalForm = input.legalForm;
    if (input.sector !== undefined) orgChanges.sector = input.sector;
    if (input.district !== undefined) orgChanges.district = await resolveDistrict(tx, entry.structureId, input.district);
    if (input.contactName !== undefined) orgChanges.contactName = input.contactName;
    if (input.contactEmail !== undefined) orgChanges.contactEmail = input.contactEmail;
    if (input.contactPhone !== undefined) orgChanges.contactPhone = input.contactPhone;
    const now = new Date();
    if (Object.keys(orgChanges).length) await tx.update(organisations).set({ ...orgChanges, updatedAt: now }).where(eq(organisations.id, org.id));
    const [after] = await tx
      .update(inventoryEntries)
      .set({ ...entryValues(input), updatedAt: now })
      .where(eq(inventoryEntries.id, id))
      .returning();
    await recordAudit(tx, actor, {
      action: 'inventory_entry.update',
      entity: 'inventory_entry',
      entityId: id,
      before: { ...entry, name: org.name, legalForm: org.legalForm, sector: org.sector, district: org.district },
      after: { ...after, ...orgChanges },
    });
  });
}
