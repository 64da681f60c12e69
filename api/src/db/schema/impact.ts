import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, foreignKey, index, integer, jsonb, numeric, pgTable, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { organisations, projects } from './projects';
import { structureColumn } from './structures';

/**
 * An impact indicator: jobs created, jobs held by women, people served, tonnes of waste diverted ...
 * The standard catalogue belongs to the root structure (`standard`); a structure adds its own.
 */
export const impactIndicators = pgTable(
  'impact_indicators',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    structureId: structureColumn(),
    code: text('code').notNull(),
    nameFr: text('name_fr').notNull(),
    nameEn: text('name_en').notNull(),
    definitionFr: text('definition_fr').notNull().default(''),
    definitionEn: text('definition_en').notNull().default(''),
    /** fte | people | count | money | tonnes | kwh | hectares | percent */
    unit: text('unit').notNull(),
    /** jobs | inclusion | economy | social | environment */
    category: text('category').notNull(),
    /** `sum`: a flow, the periods add up (people served); `latest`: a stock, the last period holds (jobs held). */
    aggregation: text('aggregation').notNull(),
    /** SDG targets it serves ('8.5', '5.5' ...). */
    sdgTargets: text('sdg_targets').array().notNull().default([]),
    /** The IRIS+ metric it matches, where one fits ('OI8869' ...). */
    irisCode: text('iris_code'),
    standard: boolean('standard').notNull().default(false),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    unique('impact_indicators_structure_code_uq').on(t.structureId, t.code),
    check('impact_indicators_unit_ck', sql`${t.unit} in ('fte', 'people', 'count', 'money', 'tonnes', 'kwh', 'hectares', 'percent')`),
    check('impact_indicators_category_ck', sql`${t.category} in ('jobs', 'inclusion', 'economy', 'social', 'environment')`),
    check('impact_indicators_aggregation_ck', sql`${t.aggregation} in ('sum', 'latest')`),
    check('impact_indicators_code_ck', sql`${t.code} ~ '^[a-z][a-z0-9_]{1,47}$'`),
  ],
);

/**
 * A project's baseline, target or actual for one indicator and period. Rows are never changed: a
 * correction supersedes the row it corrects, so the history of who entered what stays.
 */
export const projectIndicatorValues = pgTable(
  'project_indicator_values',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    structureId: structureColumn(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    indicatorId: uuid('indicator_id')
      .notNull()
      .references(() => impactIndicators.id),
    /** baseline | target | actual */
    kind: text('kind').notNull(),
    periodStart: date('period_start').notNull(),
    periodEnd: date('period_end').notNull(),
    /** Exact decimal (2 places); for a money indicator, minor units of `currency`. */
    value: numeric('value', { precision: 18, scale: 2 }).notNull(),
    currency: text('currency'),
    /** staff | holder | visit */
    source: text('source').notNull(),
    note: text('note').notNull().default(''),
    enteredBy: uuid('entered_by')
      .notNull()
      .references(() => users.id),
    enteredAt: timestamp('entered_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    supersededAt: timestamp('superseded_at', { withTimezone: true, precision: 3 }),
    supersededBy: uuid('superseded_by'),
  },
  (t) => [
    check('project_indicator_values_kind_ck', sql`${t.kind} in ('baseline', 'target', 'actual')`),
    check('project_indicator_values_source_ck', sql`${t.source} in ('staff', 'holder', 'visit')`),
    check('project_indicator_values_period_ck', sql`${t.periodStart} <= ${t.periodEnd}`),
    check('project_indicator_values_value_ck', sql`${t.value} >= 0`),
    check('project_indicator_values_currency_ck', sql`${t.currency} is null or ${t.currency} ~ '^[A-Z]{3}$'`),
    // One current figure per project, indicator, kind and period end.
    uniqueIndex('project_indicator_values_current_uq')
      .on(t.projectId, t.indicatorId, t.kind, t.periodEnd)
      .where(sql`${t.supersededAt} is null`),
    index('project_indicator_values_structure_idx').on(t.structureId, t.indicatorId, t.kind),
    index('project_indicator_values_project_idx').on(t.projectId, t.indicatorId),
    foreignKey({ name: 'project_indicator_values_project_structure_fk', columns: [t.projectId, t.structureId], foreignColumns: [projects.id, projects.structureId] }),
  ],
);

/** A district of a structure's territory (borough, commune, arrondissement), with its outline as GeoJSON. */
export const districts = pgTable(
  'districts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    structureId: structureColumn(),
    /** The name projects and organisations carry in their `district`. */
    name: text('name').notNull(),
    code: text('code').notNull(),
    territory: text('territory').notNull(),
    population: integer('population'),
    /** A GeoJSON Polygon or MultiPolygon geometry, in WGS 84 longitude/latitude. */
    geometry: jsonb('geometry').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [unique('districts_structure_name_uq').on(t.structureId, t.name), index('districts_territory_idx').on(t.territory)],
);

/**
 * An SSE actor in a structure's territorial inventory: the organisation itself is the one the pipeline
 * uses (`organisations`), this row holds what the inventory keeps of it there.
 */
export const inventoryEntries = pgTable(
  'inventory_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    structureId: structureColumn(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    /** The business or association register number (NEQ, ICE, NINEA ...), when known. */
    registrationNumber: text('registration_number'),
    employees: integer('employees').notNull().default(0),
    members: integer('members').notNull().default(0),
    annualRevenueMinor: bigint('annual_revenue_minor', { mode: 'number' }),
    currency: text('currency'),
    address: text('address').notNull().default(''),
    website: text('website'),
    latitude: numeric('latitude', { precision: 9, scale: 6 }),
    longitude: numeric('longitude', { precision: 9, scale: 6 }),
    /** active | closed */
    status: text('status').notNull().default('active'),
    /** pipeline | import | manual */
    source: text('source').notNull(),
    lastImportId: uuid('last_import_id'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    unique('inventory_entries_structure_org_uq').on(t.structureId, t.organisationId),
    index('inventory_entries_structure_idx').on(t.structureId, t.status),
    index('inventory_entries_org_idx').on(t.organisationId),
    check('inventory_entries_status_ck', sql`${t.status} in ('active', 'closed')`),
    check('inventory_entries_source_ck', sql`${t.source} in ('pipeline', 'import', 'manual')`),
    check('inventory_entries_counts_ck', sql`${t.employees} >= 0 and ${t.members} >= 0`),
    check('inventory_entries_latitude_ck', sql`${t.latitude} is null or ${t.latitude} between -90 and 90`),
    check('inventory_entries_longitude_ck', sql`${t.longitude} is null or ${t.longitude} between -180 and 180`),
  ],
);

/** A CSV file imported into an inventory: one file once, with what it created and updated. */
export const inventoryImports = pgTable(
  'inventory_imports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    structureId: structureColumn(),
    filename: text('filename').notNull(),
    sha256: text('sha256').notNull(),
    rowsCount: integer('rows_count').notNull(),
    createdCount: integer('created_count').notNull(),
    updatedCount: integer('updated_count').notNull(),
    importedBy: uuid('imported_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [unique('inventory_imports_structure_sha_uq').on(t.structureId, t.sha256)],
);
