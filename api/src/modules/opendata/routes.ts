import { createHash } from 'node:crypto';
import { OpenAPIHono, z } from '@hono/zod-openapi';
import {
  openCatalogueSchema,
  openDistrictsSchema,
  openImpactSchema,
  openInventorySchema,
  openTerritoryParams,
  openTerritorySchema,
  openYearQuerySchema,
  type OpenImpactCell,
  type OpenInventoryCell,
} from '@essor/shared/open-data';
import type { Context } from 'hono';
import type { AppEnv } from '../../lib/context';
import { cachedFigures } from '../../lib/figures-cache';
import { toCsv } from '../../lib/csv';
import { defineRoute, json } from '../../lib/route';
import { openCatalogue } from './catalogue';
import { listTerritories, publisherName, territoryDistricts, territoryImpact, territoryInventory } from './service';

/** The API of the open data: aggregated public figures under /api/open-data. No session, no personal data. */
const tags = ['open-data'];
const notFound = { 404: { description: 'No territory publishes under this id' } };
const csv = { 200: { description: 'CSV file (UTF-8 with BOM); a withheld figure is an empty cell, with suppressed = true', content: { 'text/csv': { schema: z.string() } } } };

const catalogueRoute = defineRoute('public', {
  method: 'get',
  path: '/',
  tags,
  summary: 'The open data catalogue: datasets, their fields and definitions, licence, update frequency, publisher, suppression rule',
  responses: { 200: { description: 'The catalogue', ...json(openCatalogueSchema) } },
});

const territoriesRoute = defineRoute('public', {
  method: 'get',
  path: '/territories',
  tags,
  summary: 'The city-level structures that publish open data',
  responses: { 200: { description: 'The territories', ...json(z.array(openTerritorySchema)) } },
});

const inventoryJsonRoute = defineRoute('public', {
  method: 'get',
  path: '/{territoryId}/inventory.json',
  tags,
  summary: "The territory's SSE actors by district, sector and legal form (counts and employees; small figures withheld)",
  request: { params: openTerritoryParams },
  responses: { 200: { description: 'The inventory', ...json(openInventorySchema) }, ...notFound },
});

const inventoryCsvRoute = defineRoute('public', {
  method: 'get',
  path: '/{territoryId}/inventory.csv',
  tags,
  summary: 'The same inventory as CSV',
  request: { params: openTerritoryParams },
  responses: { ...csv, ...notFound },
});

const impactJsonRoute = defineRoute('public', {
  method: 'get',
  path: '/{territoryId}/impact.json',
  tags,
  summary: "The year's indicator figures and money disbursed, by district and in all (small figures withheld)",
  request: { params: openTerritoryParams, query: openYearQuerySchema },
  responses: { 200: { description: 'The impact figures', ...json(openImpactSchema) }, ...notFound },
});

const impactCsvRoute = defineRoute('public', {
  method: 'get',
  path: '/{territoryId}/impact.csv',
  tags,
  summary: 'The same impact figures as CSV: the districts (level district; an empty district is outside the known ones), then the totals (level territory)',
  request: { params: openTerritoryParams, query: openYearQuerySchema },
  responses: { ...csv, ...notFound },
});

const districtsRoute = defineRoute('public', {
  method: 'get',
  path: '/{territoryId}/districts.geojson',
  tags,
  summary: "The districts' outlines (GeoJSON) with their aggregated figures as properties",
  request: { params: openTerritoryParams, query: openYearQuerySchema },
  responses: { 200: { description: 'A GeoJSON FeatureCollection', content: { 'application/geo+json': { schema: openDistrictsSchema } } }, ...notFound },
});

/** Public figures change when staff enter them: an hour's cache, revalidated by ETag. */
const CACHE_CONTROL = 'public, max-age=3600';

/** The body with caching headers; 304 when the caller already holds this version. */
function published(c: Context<AppEnv>, body: string, contentType: string, filename?: string): Response {
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  const headers: Record<string, string> = {
    'cache-control': CACHE_CONTROL,
    etag,
    vary: 'Accept-Encoding',
    // Open data: any site may read it (no cookie is needed nor read).
    'access-control-allow-origin': '*',
    'cross-origin-resource-policy': 'cross-origin',
  };
  const match = c.req.header('if-none-match');
  if (match && match.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) return new Response(null, { status: 304, headers });
  headers['content-type'] = contentType;
  if (filename) headers['content-disposition'] = `attachment; filename="${filename}"`;
  return new Response(body, { status: 200, headers });
}

/**
 * Each territory's figures are computed once per state of the data (lib/figures-cache.ts): every visitor and
 * every reuser's robot reads the same aggregates, which proxies may keep an hour anyway (Cache-Control).
 */
function once<T>(c: Context<AppEnv>, key: string, compute: () => Promise<T>): Promise<T> {
  const figures = cachedFigures(c.get('db'), `open-data:${key}`, compute);
  // Handed around before it is awaited (the districts use the inventory and impact figures): a refusal is the
  // awaiting caller's to answer, never an unhandled rejection meanwhile.
  figures.catch(() => {});
  return figures;
}

const jsonOf = (c: Context<AppEnv>, value: unknown) => published(c, JSON.stringify(value), 'application/json; charset=utf-8');
const inventoryOf = (c: Context<AppEnv>, territoryId: string) => once(c, `inventory:${territoryId}`, () => territoryInventory(c.get('db'), territoryId));
const impactOf = (c: Context<AppEnv>, territoryId: string, year?: number) => once(c, `impact:${territoryId}:${year ?? ''}`, () => territoryImpact(c.get('db'), territoryId, year));
const slug = (name: string) => name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'territoire';

const inventoryCsv = (rows: OpenInventoryCell[]) =>
  toCsv(rows, [
    { header: 'district', value: (r) => r.district },
    { header: 'sector', value: (r) => r.sector },
    { header: 'legal_form', value: (r) => r.legalForm },
    { header: 'organisations', value: (r) => r.organisations },
    { header: 'employees', value: (r) => r.employees },
    { header: 'suppressed', value: (r) => String(r.suppressed) },
  ]);

const impactCsv = (rows: (OpenImpactCell & { level: 'district' | 'territory' })[]) =>
  toCsv(rows, [
    { header: 'year', value: (r) => r.year },
    { header: 'level', value: (r) => r.level },
    { header: 'district', value: (r) => r.district },
    { header: 'measure', value: (r) => r.measure },
    { header: 'unit', value: (r) => r.unit },
    { header: 'currency', value: (r) => r.currency },
    { header: 'projects', value: (r) => r.projects },
    { header: 'baseline', value: (r) => r.baseline },
    { header: 'target', value: (r) => r.target },
    { header: 'actual', value: (r) => r.actual },
    { header: 'suppressed', value: (r) => String(r.suppressed) },
  ]);

export const openDataRoutes = new OpenAPIHono<AppEnv>()
  .openapi(catalogueRoute, async (c) => jsonOf(c, openCatalogue(await once(c, 'publisher', () => publisherName(c.get('db'))))) as never)
  .openapi(territoriesRoute, async (c) => jsonOf(c, await once(c, 'territories', () => listTerritories(c.get('db')))) as never)
  .openapi(inventoryJsonRoute, async (c) => jsonOf(c, await inventoryOf(c, c.req.valid('param').territoryId)) as never)
  .openapi(inventoryCsvRoute, async (c) => {
    const inventory = await inventoryOf(c, c.req.valid('param').territoryId);
    return published(c, inventoryCsv(inventory.rows), 'text/csv; charset=utf-8', `inventaire-ess-${slug(inventory.territory.territory || inventory.territory.name)}.csv`) as never;
  })
  .openapi(impactJsonRoute, async (c) => jsonOf(c, await impactOf(c, c.req.valid('param').territoryId, c.req.valid('query').year)) as never)
  .openapi(impactCsvRoute, async (c) => {
    const impact = await impactOf(c, c.req.valid('param').territoryId, c.req.valid('query').year);
    const rows = [...impact.rows.map((r) => ({ ...r, level: 'district' as const })), ...impact.totals.map((r) => ({ ...r, level: 'territory' as const }))];
    return published(c, impactCsv(rows), 'text/csv; charset=utf-8', `impact-${slug(impact.territory.territory || impact.territory.name)}-${impact.year}.csv`) as never;
  })
  .openapi(districtsRoute, async (c) => {
    const { territoryId } = c.req.valid('param');
    const { year } = c.req.valid('query');
    const districts = await once(c, `districts:${territoryId}:${year ?? ''}`, () =>
      territoryDistricts(c.get('db'), territoryId, year, { inventory: inventoryOf(c, territoryId), impact: impactOf(c, territoryId, year) }),
    );
    return published(c, JSON.stringify(districts), 'application/geo+json; charset=utf-8') as never;
  });
