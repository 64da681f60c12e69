import { createHash } from 'node:crypto';
import { OpenAPIHono, z } from '@hono/zod-openapi';
import {
  createInventoryEntryInputSchema,
  districtImportInputSchema,
  districtImportResultSchema,
  districtListQuerySchema,
  districtSchema,
  inventoryEntrySchema,
  inventoryFiltersSchema,
  inventoryImportInputSchema,
  inventoryImportPreviewSchema,
  inventoryListQuerySchema,
  inventoryPageSchema,
  inventorySummarySchema,
  updateInventoryEntryInputSchema,
} from '@essor/shared/territory';
import { requireUser } from '../../lib/authz';
import { actorOf, type AppEnv } from '../../lib/context';
import { csvResponse } from '../../lib/csv';
import { csvFile, defineRoute, idParams, json, jsonBody } from '../../lib/route';
import { getDistrict, importDistricts, listDistricts, TERRITORY_READERS, TERRITORY_WRITERS } from './districts';
import { createInventoryEntry, exportInventory, getInventoryEntry, inventorySummary, listInventory, updateInventoryEntry } from './inventory';
import { commitInventoryImport, previewInventoryImport } from './inventory-import';

const tags = ['territory'];
const ADMINS = ['admin'] as const;
const structureBody = { body: { structureId: 'structure' } } as const;
const entryScope = { params: { id: 'inventory_entry' } } as const;

// ---- Districts ----

const listDistrictsRoute = defineRoute(TERRITORY_READERS, {
  method: 'get',
  path: '/districts',
  tags,
  summary: "The districts (with their GeoJSON outlines) of the structures the caller reaches and of the nodes above them",
  request: { query: districtListQuerySchema },
  responses: { 200: { description: 'The districts', ...json(z.array(districtSchema)) }, 304: { description: 'Unchanged since the ETag sent' }, 404: { description: 'Unknown structure' } },
});

const importDistrictsRoute = defineRoute(
  ADMINS,
  {
    method: 'post',
    path: '/districts/import',
    tags,
    summary: "Loads a city's official district outlines (GeoJSON FeatureCollection with a name per feature), merged or replacing by name",
    request: jsonBody(districtImportInputSchema),
    responses: {
      200: { description: 'What changed, and the districts now', ...json(districtImportResultSchema) },
      404: { description: 'Unknown structure' },
      422: { description: 'A feature without a name, a geometry that is not a Polygon or MultiPolygon, a ring left open, a name twice' },
    },
  },
  structureBody,
);

const getDistrictRoute = defineRoute(
  TERRITORY_READERS,
  {
    method: 'get',
    path: '/districts/{id}',
    tags,
    summary: 'One district with its outline',
    request: { params: idParams },
    responses: { 200: { description: 'The district', ...json(districtSchema) }, 404: { description: 'Unknown district' } },
  },
  { params: { id: 'district' } },
);

// ---- Inventory ----

const listInventoryRoute = defineRoute(TERRITORY_READERS, {
  method: 'get',
  path: '/inventory',
  tags,
  summary: 'The SSE actors of the inventories the caller reaches, by name, with filters',
  request: { query: inventoryListQuerySchema },
  responses: { 200: { description: 'A page of actors', ...json(inventoryPageSchema) } },
});

const exportInventoryRoute = defineRoute(TERRITORY_READERS, {
  method: 'get',
  path: '/inventory.csv',
  tags,
  summary: 'The inventory as CSV, with the same filters',
  request: { query: inventoryFiltersSchema },
  responses: csvFile,
});

const summaryRoute = defineRoute(TERRITORY_READERS, {
  method: 'get',
  path: '/inventory/summary',
  tags,
  summary: 'Actors, employees and members counted by district, sector, legal form and size band, with the same filters',
  request: { query: inventoryFiltersSchema },
  responses: { 200: { description: 'The counts', ...json(inventorySummarySchema) } },
});

const previewRoute = defineRoute(
  TERRITORY_WRITERS,
  {
    method: 'post',
    path: '/inventory/import/preview',
    tags,
    summary: 'Reads an inventory CSV (UTF-8 or Windows-1252, French or English headers) and says per row what it would do; nothing is written',
    request: jsonBody(inventoryImportInputSchema),
    responses: {
      200: { description: 'Each row with its action or its errors', ...json(inventoryImportPreviewSchema) },
      404: { description: 'Unknown structure' },
      409: { description: 'This file was imported already' },
      413: { description: 'File larger than 2 MB' },
      422: { description: 'Not a CSV, required columns missing, no row, or more than 5000 rows' },
    },
  },
  structureBody,
);

const commitRoute = defineRoute(
  TERRITORY_WRITERS,
  {
    method: 'post',
    path: '/inventory/import/commit',
    tags,
    summary: 'Imports an inventory CSV in one transaction, only when every row is good',
    request: jsonBody(inventoryImportInputSchema),
    responses: {
      200: { description: 'The rows imported, with the import', ...json(inventoryImportPreviewSchema) },
      404: { description: 'Unknown structure' },
      409: { description: 'This file was imported already' },
      413: { description: 'File larger than 2 MB' },
      422: { description: 'Rows with errors (each named): nothing was imported' },
    },
  },
  structureBody,
);

const addEntryRoute = defineRoute(
  TERRITORY_WRITERS,
  {
    method: 'post',
    path: '/inventory',
    tags,
    summary: "Adds an actor by hand: its organisation and its entry in the structure's inventory",
    request: jsonBody(createInventoryEntryInputSchema),
    responses: {
      201: { description: 'The new entry', ...json(inventoryEntrySchema) },
      409: { description: 'The registration number is already in this inventory' },
    },
  },
  structureBody,
);

const getEntryRoute = defineRoute(
  TERRITORY_READERS,
  {
    method: 'get',
    path: '/inventory/{id}',
    tags,
    summary: 'One actor of the inventory',
    request: { params: idParams },
    responses: { 200: { description: 'The entry', ...json(inventoryEntrySchema) }, 404: { description: 'Unknown actor' } },
  },
  entryScope,
);

const updateEntryRoute = defineRoute(
  TERRITORY_WRITERS,
  {
    method: 'patch',
    path: '/inventory/{id}',
    tags,
    summary: 'Changes an actor: counts, contact, coordinates, status, registration number, and its organisation (name, legal form, sector, district)',
    request: { params: idParams, ...jsonBody(updateInventoryEntryInputSchema) },
    responses: {
      200: { description: 'The entry now', ...json(inventoryEntrySchema) },
      404: { description: 'Unknown actor' },
      409: { description: 'The registration number is already in this inventory' },
    },
  },
  entryScope,
);

/** The API of the districts and the SSE actor inventory under /api/territory. */
export const territoryRoutes = new OpenAPIHono<AppEnv>()
  .openapi(listDistrictsRoute, async (c) => {
    const body = JSON.stringify(await listDistricts(c.get('db'), requireUser(c.get('user')), c.req.valid('query')));
    const etag = `W/"${createHash('sha1').update(body).digest('base64url')}"`;
    const headers = { ETag: etag, 'Cache-Control': 'private, max-age=300', Vary: 'Cookie' };
    if (c.req.header('if-none-match') === etag) return c.body(null, 304, headers) as never;
    return c.body(body, 200, { ...headers, 'Content-Type': 'application/json; charset=UTF-8' }) as never;
  })
  .openapi(importDistrictsRoute, async (c) => c.json(await importDistricts(c.get('db'), actorOf(c.var), requireUser(c.get('user')), c.req.valid('json')), 200))
  .openapi(getDistrictRoute, async (c) => c.json(await getDistrict(c.get('db'), requireUser(c.get('user')), c.req.valid('param').id), 200))
  .openapi(listInventoryRoute, async (c) => c.json(await listInventory(c.get('db'), requireUser(c.get('user')), c.req.valid('query')), 200))
  .openapi(exportInventoryRoute, async (c) => csvResponse(await exportInventory(c.get('db'), requireUser(c.get('user')), c.req.valid('query')), 'inventory.csv') as never)
  .openapi(summaryRoute, async (c) => c.json(await inventorySummary(c.get('db'), requireUser(c.get('user')), c.req.valid('query')), 200))
  .openapi(previewRoute, async (c) => c.json(await previewInventoryImport(c.get('db'), requireUser(c.get('user')), c.req.valid('json')), 200))
  .openapi(commitRoute, async (c) => c.json(await commitInventoryImport(c.get('db'), actorOf(c.var), requireUser(c.get('user')), c.req.valid('json')), 200))
  .openapi(addEntryRoute, async (c) => {
    const user = requireUser(c.get('user'));
    const id = await createInventoryEntry(c.get('db'), actorOf(c.var), user, c.req.valid('json'));
    return c.json(await getInventoryEntry(c.get('db'), user, id), 201);
  })
  .openapi(getEntryRoute, async (c) => c.json(await getInventoryEntry(c.get('db'), requireUser(c.get('user')), c.req.valid('param').id), 200))
  .openapi(updateEntryRoute, async (c) => {
    const user = requireUser(c.get('user'));
    const { id } = c.req.valid('param');
    await updateInventoryEntry(c.get('db'), actorOf(c.var), user, id, c.req.valid('json'));
    return c.json(await getInventoryEntry(c.get('db'), user, id), 200);
  });
