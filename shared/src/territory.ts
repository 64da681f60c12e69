import { z } from 'zod';
import { pageOf, pageQuerySchema } from './pagination';
import { legalFormSchema } from './projects';

// ---- Districts ----

const position = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]).rest(z.number());
const ring = z.array(position).min(4);
export const polygonSchema = z.object({ type: z.literal('Polygon'), coordinates: z.array(ring).min(1) });
export const multiPolygonSchema = z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(ring).min(1)).min(1) });
/** A district's outline: a GeoJSON Polygon or MultiPolygon in WGS 84 longitude/latitude. */
export const districtGeometrySchema = z.discriminatedUnion('type', [polygonSchema, multiPolygonSchema]).meta({ id: 'DistrictGeometry' });
export type DistrictGeometry = z.infer<typeof districtGeometrySchema>;

export const districtSchema = z
  .object({
    id: z.uuid(),
    structureId: z.uuid(),
    structureName: z.string(),
    name: z.string(),
    code: z.string(),
    territory: z.string(),
    population: z.number().int().nullable(),
    geometry: districtGeometrySchema,
  })
  .meta({ id: 'District' });
export type District = z.infer<typeof districtSchema>;

export const districtListQuerySchema = z.object({ structureId: z.uuid().optional() });
export type DistrictListQuery = z.infer<typeof districtListQuerySchema>;

/** A city's official outlines: a FeatureCollection whose features carry a `name` (and maybe `code`, `population`). */
export const districtImportInputSchema = z
  .object({
    structureId: z.uuid(),
    /** `merge` keeps districts not in the file; `replace` removes those no project or actor names. */
    mode: z.enum(['merge', 'replace']).default('merge'),
    territory: z.string().trim().min(1).max(120).optional(),
    geojson: z.object({
      type: z.literal('FeatureCollection'),
      features: z
        .array(
          z.object({
            type: z.literal('Feature'),
            properties: z.record(z.string(), z.unknown()).nullable(),
            geometry: z.unknown(),
          }),
        )
        .min(1)
        .max(500),
    }),
  })
  .meta({ id: 'DistrictImportInput' });
export type DistrictImportInput = z.infer<typeof districtImportInputSchema>;

export const districtImportResultSchema = z
  .object({ created: z.number().int(), updated: z.number().int(), removed: z.number().int(), districts: z.array(districtSchema) })
  .meta({ id: 'DistrictImportResult' });
export type DistrictImportResult = z.infer<typeof districtImportResultSchema>;

// ---- Inventory ----

export const SIZE_BANDS = ['micro', 'small', 'medium', 'large'] as const;
export const sizeBandSchema = z.enum(SIZE_BANDS);
export type SizeBand = z.infer<typeof sizeBandSchema>;

/** micro < 10 employees, small < 50, medium < 250, large beyond. */
export function sizeBandOf(employees: number): SizeBand {
  if (employees < 10) return 'micro';
  if (employees < 50) return 'small';
  if (employees < 250) return 'medium';
  return 'large';
}
/** The employee range [min, max) of each band, for filters in SQL. */
export const SIZE_BAND_RANGES: Record<SizeBand, [number, number | null]> = { micro: [0, 10], small: [10, 50], medium: [50, 250], large: [250, null] };

export const INVENTORY_STATUSES = ['active', 'closed'] as const;
export const inventoryStatusSchema = z.enum(INVENTORY_STATUSES);
export const INVENTORY_SOURCES = ['pipeline', 'import', 'manual'] as const;
export const inventorySourceSchema = z.enum(INVENTORY_SOURCES);
export type InventorySource = z.infer<typeof inventorySourceSchema>;

export const inventoryEntrySchema = z
  .object({
    id: z.uuid(),
    structureId: z.uuid(),
    structureName: z.string(),
    organisationId: z.uuid(),
    name: z.string(),
    legalForm: legalFormSchema,
    sector: z.string(),
    district: z.string(),
    territory: z.string(),
    registrationNumber: z.string().nullable(),
    employees: z.number().int(),
    members: z.number().int(),
    sizeBand: sizeBandSchema,
    annualRevenueMinor: z.number().int().nullable(),
    currency: z.string().nullable(),
    contactName: z.string().nullable(),
    contactEmail: z.string().nullable(),
    contactPhone: z.string().nullable(),
    address: z.string(),
    website: z.string().nullable(),
    latitude: z.number().nullable(),
    longitude: z.number().nullable(),
    status: inventoryStatusSchema,
    source: inventorySourceSchema,
    /** The organisation carries at least one project of the pipeline. */
    inPipeline: z.boolean(),
    updatedAt: z.string(),
  })
  .meta({ id: 'InventoryEntry' });
export type InventoryEntry = z.infer<typeof inventoryEntrySchema>;

export const inventoryPageSchema = pageOf(inventoryEntrySchema).meta({ id: 'InventoryPage' });
export type InventoryPage = z.infer<typeof inventoryPageSchema>;

export const inventoryFiltersSchema = z.object({
  q: z.string().trim().max(120).optional(),
  district: z.string().trim().max(120).optional(),
  sector: z.string().trim().max(120).optional(),
  legalForm: legalFormSchema.optional(),
  sizeBand: sizeBandSchema.optional(),
  status: inventoryStatusSchema.optional(),
  source: inventorySourceSchema.optional(),
  structureId: z.uuid().optional(),
});
export type InventoryFilters = z.infer<typeof inventoryFiltersSchema>;
export const inventoryListQuerySchema = inventoryFiltersSchema.extend(pageQuerySchema.shape);
export type InventoryListQuery = z.infer<typeof inventoryListQuerySchema>;

const countRow = z.object({ key: z.string(), actors: z.number().int(), employees: z.number().int(), members: z.number().int() });
export const inventorySummarySchema = z
  .object({
    total: countRow.omit({ key: true }),
    byDistrict: z.array(countRow),
    bySector: z.array(countRow),
    byLegalForm: z.array(countRow),
    bySizeBand: z.array(countRow),
  })
  .meta({ id: 'InventorySummary' });
export type InventorySummary = z.infer<typeof inventorySummarySchema>;

const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();
const latitude = z.number().min(-90).max(90).nullable().optional();
const longitude = z.number().min(-180).max(180).nullable().optional();
const count = z.number().int().min(0).max(10_000_000);

const entryFields = {
  registrationNumber: optionalText(60),
  employees: count.optional(),
  members: count.optional(),
  contactName: optionalText(200),
  contactEmail: z.email().max(200).nullable().optional(),
  contactPhone: optionalText(60),
  address: z.string().trim().max(300).optional(),
  website: z.url().max(300).nullable().optional(),
  latitude,
  longitude,
  status: inventoryStatusSchema.optional(),
};

export const createInventoryEntryInputSchema = z
  .object({
    structureId: z.uuid().optional(),
    name: z.string().trim().min(2).max(200),
    legalForm: legalFormSchema,
    sector: z.string().trim().min(2).max(120),
    district: z.string().trim().min(1).max(120),
    ...entryFields,
  })
  .meta({ id: 'InventoryEntryCreateInput' });
export type CreateInventoryEntryInput = z.infer<typeof createInventoryEntryInputSchema>;

export const updateInventoryEntryInputSchema = z
  .object({
    name: z.string().trim().min(2).max(200).optional(),
    legalForm: legalFormSchema.optional(),
    sector: z.string().trim().min(2).max(120).optional(),
    district: z.string().trim().min(1).max(120).optional(),
    ...entryFields,
  })
  .meta({ id: 'InventoryEntryUpdateInput' });
export type UpdateInventoryEntryInput = z.infer<typeof updateInventoryEntryInputSchema>;

// ---- CSV import ----

export const INVENTORY_IMPORT_MAX_BYTES = 2 * 1024 * 1024;
export const INVENTORY_IMPORT_MAX_ROWS = 5000;

export const inventoryImportInputSchema = z
  .object({ structureId: z.uuid(), filename: z.string().trim().min(1).max(200), contentBase64: z.string().min(4) })
  .meta({ id: 'InventoryImportInput' });
export type InventoryImportInput = z.infer<typeof inventoryImportInputSchema>;

export const importActionSchema = z.enum(['create', 'update', 'unchanged']);
export type ImportAction = z.infer<typeof importActionSchema>;

export const inventoryImportRowSchema = z
  .object({
    lineNo: z.number().int(),
    name: z.string(),
    district: z.string(),
    legalForm: z.string(),
    registrationNumber: z.string().nullable(),
    employees: z.number().int().nullable(),
    members: z.number().int().nullable(),
    action: importActionSchema.nullable(),
    /** The entry an update would change. */
    entryId: z.uuid().nullable(),
    /** Message keys (territory.row_*): an empty list is a row ready to import. */
    errors: z.array(z.string()),
  })
  .meta({ id: 'InventoryImportRow' });
export type InventoryImportRow = z.infer<typeof inventoryImportRowSchema>;

export const inventoryImportPreviewSchema = z
  .object({
    structureId: z.uuid(),
    filename: z.string(),
    sha256: z.string(),
    rowCount: z.number().int(),
    errorCount: z.number().int(),
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    /** Set once the file is imported. */
    importId: z.uuid().nullable(),
    rows: z.array(inventoryImportRowSchema),
  })
  .meta({ id: 'InventoryImportPreview' });
export type InventoryImportPreview = z.infer<typeof inventoryImportPreviewSchema>;
