import type { Role } from '@essor/shared/roles';
import { districtGeometrySchema, type District, type DistrictImportInput, type DistrictImportResult, type DistrictListQuery } from '@essor/shared/territory';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { districts } from '../../db/schema/impact';
import { organisations, projects } from '../../db/schema/projects';
import { structures } from '../../db/schema/structures';
import { recordAudit, type Actor } from '../../lib/audit';
import type { CurrentUser } from '../../lib/context';
import { Invalid, NotFound, Unprocessable } from '../../lib/errors';
import { msg, type Fields } from '../../lib/messages/render';
import { assertReach, structuresReached } from '../../lib/scope';
import { anyOf } from '../../lib/any-of';

/** Who reads districts and the inventory. */
export const TERRITORY_READERS = ['admin', 'staff', 'fund_manager', 'coach', 'elected_official'] as const satisfies readonly Role[];
/** Who changes the inventory. */
export const TERRITORY_WRITERS = ['admin', 'staff'] as const satisfies readonly Role[];

/** The ids on a structure path ('/a/b/c/'): the node and every node above it. */
export function idsOnPath(path: string): string[] {
  return path.split('/').filter(Boolean);
}

/**
 * The structures whose districts a caller sees: those their roles reach, and the nodes above them (an
 * incubator works on its city's boroughs). With `structureId`, narrowed to that node, its ancestors and
 * the reached nodes below it.
 */
export function districtOwners(user: CurrentUser, roles: readonly Role[], structureId?: string): string[] {
  const reached = structuresReached(user, roles);
  if (structureId) {
    assertReach(user, structureId, roles, 'thing.structure');
    const path = user.reach.paths[structureId] ?? '';
    const below = reached.filter((id) => (user.reach.paths[id] ?? '').includes(`/${structureId}/`));
    return [...new Set([...idsOnPath(path), ...below])];
  }
  const owners = new Set<string>();
  for (const id of reached) for (const above of idsOnPath(user.reach.paths[id] ?? '')) owners.add(above);
  return [...owners];
}

type DistrictRow = typeof districts.$inferSelect & { structureName: string };

function shape(row: DistrictRow): District {
  return {
    id: row.id,
    structureId: row.structureId,
    structureName: row.structureName,
    name: row.name,
    code: row.code,
    territory: row.territory,
    population: row.population,
    geometry: row.geometry as District['geometry'],
  };
}

async function readDistricts(db: Db, where: ReturnType<typeof and>): Promise<District[]> {
  const rows = await db
    .select({ ...districtColumns(), structureName: structures.name })
    .from(districts)
    .innerJoin(structures, eq(structures.id, districts.structureId))
    .where(where)
    .orderBy(asc(districts.territory), asc(districts.name));
  return rows.map(shape);
}

function districtColumns() {
  return {
    id: districts.id,
    structureId: districts.structureId,
    name: districts.name,
    code: districts.code,
    territory: districts.territory,
    population: districts.population,
    geometry: districts.geometry,
    createdAt: districts.createdAt,
  };
}

export async function listDistricts(db: Db, user: CurrentUser, query: DistrictListQuery): Promise<District[]> {
  const owners = districtOwners(user, TERRITORY_READERS, query.structureId);
  if (owners.length === 0) return [];
  return readDistricts(db, anyOf(districts.structureId, owners));
}

export async function getDistrict(db: Db, user: CurrentUser, id: string): Promise<District> {
  const owners = districtOwners(user, TERRITORY_READERS);
  const [row] = owners.length ? await readDistricts(db, and(eq(districts.id, id), anyOf(districts.structureId, owners))) : [];
  if (!row) throw new NotFound('thing.district');
  return row;
}

/** Names folded for matching: accents, case, dashes and apostrophes of every kind. */
export function foldName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/[\u2018\u2019\u02bc`]/g, "'")
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The districts of a structure's territory: its own, its ancestors' (the city's boroughs for an
 * incubator) and its descendants'. Keyed by folded name; the value is the name as the district carries it.
 */
export async function territoryDistricts(db: Db, structureId: string): Promise<Map<string, string>> {
  const rows = await db
    .select({ name: districts.name })
    .from(districts)
    .innerJoin(structures, eq(structures.id, districts.structureId))
    .where(
      sql`exists (select 1 from ${structures} x where x.id = ${structureId}::uuid and (x.path like ${structures.path} || '%' or ${structures.path} like x.path || '%'))`,
    );
  return new Map(rows.map((r) => [foldName(r.name), r.name]));
}

// ---- Importing a city's official outlines ----

interface ParsedFeature {
  name: string;
  code: string;
  population: number | null;
  geometry: District['geometry'];
}

function parseFeatures(input: DistrictImportInput): ParsedFeature[] {
  const fields: Fields = {};
  const seen = new Set<string>();
  const parsed: ParsedFeature[] = [];
  input.geojson.features.forEach((feature, i) => {
    const at = `features.${i}`;
    const props = feature.properties ?? {};
    const name = typeof props.name === 'string' ? props.name.trim() : typeof props.nom === 'string' ? props.nom.trim() : '';
    const geometry = districtGeometrySchema.safeParse(feature.geometry);
    const problems: Fields[string] = [];
    if (!name || name.length > 120) problems.push('field.district_name');
    if (!geometry.success) problems.push('field.district_geometry');
    else if (!ringsClosed(geometry.data)) problems.push('field.district_ring_open');
    if (name && seen.has(foldName(name))) problems.push('field.district_duplicate');
    seen.add(foldName(name));
    if (problems.length) {
      fields[at] = problems;
      return;
    }
    const rawPopulation = props.population;
    const population = typeof rawPopulation === 'number' && Number.isInteger(rawPopulation) && rawPopulation >= 0 && rawPopulation < 2 ** 31 ? rawPopulation : null;
    const rawCode = props.code ?? props.id ?? props.CODEID;
    parsed.push({ name, code: typeof rawCode === 'string' || typeof rawCode === 'number' ? String(rawCode).slice(0, 40) : slug(name), population, geometry: geometry.data! });
  });
  if (Object.keys(fields).length) throw new Unprocessable(msg('territory.geojson_invalid', { count: Object.keys(fields).length }), 'invalid', fields);
  return parsed;
}

function ringsClosed(geometry: District['geometry']): boolean {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return polygons.every((rings) => rings.every((ring) => ring[0][0] === ring[ring.length - 1][0] && ring[0][1] === ring[ring.length - 1][1]));
}

function slug(name: string): string {
  return foldName(name)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40)
    .toUpperCase();
}

/**
 * Loads a city's official district outlines (a GeoJSON FeatureCollection) into a structure: a district of
 * the same name is updated, a new one created; with `replace`, a district left out of the file goes too,
 * unless a project or an organisation still names it. All or nothing.
 */
export async function importDistricts(db: Db, actor: Actor, user: CurrentUser, input: DistrictImportInput): Promise<DistrictImportResult> {
  assertReach(user, input.structureId, ['admin'], 'thing.structure');
  const features = parseFeatures(input);
  return db.transaction(async (tx) => {
    const [structure] = await tx.select().from(structures).where(eq(structures.id, input.structureId));
    if (!structure) throw new NotFound('thing.structure');
    const territory = input.territory ?? structure.territory ?? structure.name;
    const existing = await tx.select().from(districts).where(eq(districts.structureId, input.structureId));
    const byName = new Map(existing.map((d) => [foldName(d.name), d]));
    let created = 0;
    let updated = 0;
    for (const f of features) {
      const current = byName.get(foldName(f.name));
      if (current) {
        await tx
          .update(districts)
          .set({ code: f.code, population: f.population ?? current.population, geometry: f.geometry, territory })
          .where(eq(districts.id, current.id));
        updated++;
      } else {
        await tx.insert(districts).values({ structureId: input.structureId, name: f.name, code: f.code, territory, population: f.population, geometry: f.geometry });
        created++;
      }
    }
    let removed = 0;
    if (input.mode === 'replace') {
      const kept = new Set(features.map((f) => foldName(f.name)));
      const gone = existing.filter((d) => !kept.has(foldName(d.name)));
      const named = gone.length
        ? await tx
            .select({ district: organisations.district })
            .from(organisations)
            .where(anyOf(organisations.district, gone.map((d) => d.name)))
            .union(tx.select({ district: projects.district }).from(projects).where(anyOf(projects.district, gone.map((d) => d.name))))
        : [];
      const inUse = new Set(named.map((n) => n.district));
      const removable = gone.filter((d) => !inUse.has(d.name));
      if (removable.length) await tx.delete(districts).where(anyOf(districts.id, removable.map((d) => d.id)));
      removed = removable.length;
    }
    await recordAudit(tx, actor, {
      action: 'district.import',
      entity: 'structure',
      entityId: input.structureId,
      structureId: input.structureId,
      after: { mode: input.mode, created, updated, removed, names: features.map((f) => f.name) },
    });
    const rows = await tx
      .select({ ...districtColumns(), structureName: structures.name })
      .from(districts)
      .innerJoin(structures, eq(structures.id, districts.structureId))
      .where(eq(districts.structureId, input.structureId))
      .orderBy(asc(districts.name));
    return { created, updated, removed, districts: rows.map(shape) };
  });
}

/** A district name checked against a structure's territory: the name as the district carries it. */
export async function resolveDistrict(db: Db, structureId: string, name: string, field = 'district'): Promise<string> {
  const known = await territoryDistricts(db, structureId);
  if (known.size === 0) return name;
  const canonical = known.get(foldName(name));
  if (!canonical) throw new Invalid('territory.unknown_district', { [field]: ['field.unknown_district'] });
  return canonical;
}
