import { z } from 'zod';

/**
 * Open data: what a territory publishes, without signing in. Aggregates only (no person, no contact),
 * small figures suppressed (docs/decisions/0022-open-data.md).
 */

/** Why Licence Ouverte 2.0 rather than ODbL: docs/decisions/0022-open-data.md. */
export const OPEN_DATA_LICENCE = {
  id: 'etalab-2.0',
  name: 'Licence Ouverte / Open Licence 2.0',
  url: 'https://www.etalab.gouv.fr/licence-ouverte-open-licence/',
} as const;

/** A cell counting fewer organisations (or projects) than this is suppressed. */
export const MIN_ORGANISATIONS = 3;
/** A cell counting fewer people than this (and more than none) is suppressed. */
export const MIN_PEOPLE = 5;

export const OPEN_DATASETS = ['inventory', 'impact', 'districts'] as const;
export type OpenDatasetId = (typeof OPEN_DATASETS)[number];
export const OPEN_FORMATS = ['csv', 'json', 'geojson'] as const;
export type OpenFormat = (typeof OPEN_FORMATS)[number];

export const openLicenceSchema = z.object({ id: z.string(), name: z.string(), url: z.string() }).meta({ id: 'OpenDataLicence' });

export const openFieldSchema = z
  .object({
    name: z.string(),
    type: z.enum(['string', 'integer', 'number', 'boolean', 'geometry']),
    nullable: z.boolean(),
    definitionFr: z.string(),
    definitionEn: z.string(),
  })
  .meta({ id: 'OpenDataField' });
export type OpenField = z.infer<typeof openFieldSchema>;

export const openDatasetSchema = z
  .object({
    id: z.enum(OPEN_DATASETS),
    titleFr: z.string(),
    titleEn: z.string(),
    descriptionFr: z.string(),
    descriptionEn: z.string(),
    formats: z.array(z.enum(OPEN_FORMATS)),
    /** A path template: `{territoryId}` and `{format}` filled in by the reader. */
    path: z.string(),
    updateFrequency: z.enum(['continuous', 'daily', 'yearly']),
    fields: z.array(openFieldSchema),
  })
  .meta({ id: 'OpenDataset' });
export type OpenDataset = z.infer<typeof openDatasetSchema>;

export const openCatalogueSchema = z
  .object({
    publisher: z.object({ name: z.string(), url: z.string() }),
    licence: openLicenceSchema,
    suppression: z.object({ minOrganisations: z.number().int(), minPeople: z.number().int(), ruleFr: z.string(), ruleEn: z.string() }),
    datasets: z.array(openDatasetSchema),
  })
  .meta({ id: 'OpenDataCatalogue' });
export type OpenCatalogue = z.infer<typeof openCatalogueSchema>;

export const openTerritorySchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    territory: z.string(),
    kind: z.string(),
    currency: z.string(),
    districts: z.number().int(),
  })
  .meta({ id: 'OpenTerritory' });
export type OpenTerritory = z.infer<typeof openTerritorySchema>;

export const openTerritoryParams = z.object({ territoryId: z.uuid() });

export const openYearQuerySchema = z.object({
  /** The calendar year of the figures; default: the latest year with actual figures (else this year). */
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});
export type OpenYearQuery = z.infer<typeof openYearQuerySchema>;

/** Actors of one district, sector and legal form: counts only. */
export const openInventoryCellSchema = z
  .object({
    /** The district's name; null: organisations whose district is not one of the territory's. */
    district: z.string().nullable(),
    sector: z.string(),
    legalForm: z.string(),
    organisations: z.number().int().nullable(),
    employees: z.number().int().nullable(),
    suppressed: z.boolean(),
  })
  .meta({ id: 'OpenInventoryCell' });
export type OpenInventoryCell = z.infer<typeof openInventoryCellSchema>;

export const openInventoryTotalSchema = openInventoryCellSchema.pick({ district: true, organisations: true, employees: true, suppressed: true }).meta({ id: 'OpenInventoryTotal' });
export type OpenInventoryTotal = z.infer<typeof openInventoryTotalSchema>;

export const openInventorySchema = z
  .object({
    territory: openTerritorySchema,
    licence: openLicenceSchema,
    rows: z.array(openInventoryCellSchema),
    /** Per district (district null: not located), then `total` for the territory. */
    districts: z.array(openInventoryTotalSchema),
    total: openInventoryTotalSchema,
  })
  .meta({ id: 'OpenInventory' });
export type OpenInventory = z.infer<typeof openInventorySchema>;

/** The measure `money_disbursed`: money paid out to the projects by the funds, per currency (minor units). */
export const MONEY_DISBURSED = 'money_disbursed';

export const openImpactCellSchema = z
  .object({
    year: z.number().int(),
    district: z.string().nullable(),
    /** An indicator code of the standard catalogue, or `money_disbursed`. */
    measure: z.string(),
    unit: z.string(),
    /** For money: the ISO currency; the figures are then minor units. */
    currency: z.string().nullable(),
    projects: z.number().int().nullable(),
    baseline: z.number().nullable(),
    target: z.number().nullable(),
    actual: z.number().nullable(),
    suppressed: z.boolean(),
  })
  .meta({ id: 'OpenImpactCell' });
export type OpenImpactCell = z.infer<typeof openImpactCellSchema>;

export const openIndicatorSchema = z
  .object({ code: z.string(), unit: z.string(), nameFr: z.string(), nameEn: z.string(), definitionFr: z.string(), definitionEn: z.string(), sdgTargets: z.array(z.string()), irisCode: z.string().nullable() })
  .meta({ id: 'OpenIndicator' });
export type OpenIndicator = z.infer<typeof openIndicatorSchema>;

export const openImpactSchema = z
  .object({
    territory: openTerritorySchema,
    licence: openLicenceSchema,
    year: z.number().int(),
    indicators: z.array(openIndicatorSchema),
    rows: z.array(openImpactCellSchema),
    /** The territory's totals per measure and currency (district null). */
    totals: z.array(openImpactCellSchema),
  })
  .meta({ id: 'OpenImpact' });
export type OpenImpact = z.infer<typeof openImpactSchema>;

/** What a district's feature carries; a suppressed figure is null and named in `suppressedFields`. */
export const openDistrictPropertiesSchema = z
  .object({
    name: z.string(),
    code: z.string(),
    population: z.number().int().nullable(),
    year: z.number().int(),
    organisations: z.number().int().nullable(),
    employees: z.number().int().nullable(),
    jobs: z.number().nullable(),
    jobsWomen: z.number().nullable(),
    jobsYouth: z.number().nullable(),
    suppressed: z.boolean(),
    suppressedFields: z.array(z.string()),
  })
  .meta({ id: 'OpenDistrictProperties' });
export type OpenDistrictProperties = z.infer<typeof openDistrictPropertiesSchema>;

export const openDistrictsSchema = z
  .object({
    type: z.literal('FeatureCollection'),
    licence: openLicenceSchema,
    territory: openTerritorySchema,
    features: z.array(
      z.object({
        type: z.literal('Feature'),
        id: z.string(),
        properties: openDistrictPropertiesSchema,
        geometry: z.object({ type: z.enum(['Polygon', 'MultiPolygon']), coordinates: z.array(z.unknown()) }),
      }),
    ),
  })
  .meta({ id: 'OpenDistricts' });
export type OpenDistricts = z.infer<typeof openDistrictsSchema>;

/** The indicator codes the jobs figures of the districts read. */
export const OPEN_JOB_CODES = { jobs: 'jobs_created_fte', jobsWomen: 'jobs_women', jobsYouth: 'jobs_youth' } as const;
