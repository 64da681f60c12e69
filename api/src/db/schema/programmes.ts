import { bigint, date, foreignKey, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { structureColumn } from './structures';

/** A city's support programme: a call for projects with its territory, criteria, dates and envelope. */
export const programmes = pgTable(
  'programmes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    structureId: structureColumn(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    territory: text('territory').notNull(),
    /** [{ key, label }]: the eligibility checklist staff fill in at screening. */
    eligibilityCriteria: jsonb('eligibility_criteria').notNull().default([]),
    callOpensOn: date('call_opens_on'),
    callClosesOn: date('call_closes_on'),
    budgetEnvelopeMinor: bigint('budget_envelope_minor', { mode: 'number' }).notNull().default(0),
    currency: text('currency').notNull(),
    languages: text('languages').array().notNull().default(['fr']),
    status: text('status').notNull().default('draft'),
    /** [{ key, label, weight, max }]: the committee's weighted scoring grid; sessions copy it when created. */
    scoringGrid: jsonb('scoring_grid').notNull().default([]),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    index('programmes_structure_idx').on(t.structureId),
    unique('programmes_structure_code_uq').on(t.structureId, t.code),
    unique('programmes_id_structure_uq').on(t.id, t.structureId),
  ],
);

/** A promotion of projects followed together through a programme; capacity is enforced on joining. */
export const cohorts = pgTable(
  'cohorts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    structureId: structureColumn(),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => programmes.id),
    name: text('name').notNull(),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
    capacity: integer('capacity').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    index('cohorts_programme_idx').on(t.programmeId),
    index('cohorts_structure_idx').on(t.structureId),
    unique('cohorts_programme_name_uq').on(t.programmeId, t.name),
    unique('cohorts_id_structure_uq').on(t.id, t.structureId),
    unique('cohorts_id_programme_uq').on(t.id, t.programmeId),
    foreignKey({ name: 'cohorts_programme_structure_fk', columns: [t.programmeId, t.structureId], foreignColumns: [programmes.id, programmes.structureId] }),
  ],
);
