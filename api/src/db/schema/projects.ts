import { bigint, date, foreignKey, index, integer, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { cohorts, programmes } from './programmes';
import { structureColumn } from './structures';

/** An SSE organisation: cooperative, association, mutual, social enterprise, EIG or informal group. */
export const organisations = pgTable(
  'organisations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    legalForm: text('legal_form').notNull(),
    /** For an informal group on its way to a legal form: the form it is working towards. */
    targetLegalForm: text('target_legal_form'),
    sector: text('sector').notNull(),
    district: text('district').notNull(),
    territory: text('territory').notNull(),
    foundersCount: integer('founders_count').notNull().default(0),
    womenCount: integer('women_count').notNull().default(0),
    youthCount: integer('youth_count').notNull().default(0),
    description: text('description').notNull().default(''),
    contactName: text('contact_name'),
    contactEmail: text('contact_email'),
    contactPhone: text('contact_phone'),
    ownerUserId: uuid('owner_user_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  // The inventory's order (name, then id): a page is read off the index instead of sorting every actor in reach.
  (t) => [index('organisations_owner_idx').on(t.ownerUserId), index('organisations_name_idx').on(t.name)],
);

/** A project carried by an organisation, the unit that is supported, coached and financed. */
export const projects = pgTable(
  'projects',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    structureId: structureColumn(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    programmeId: uuid('programme_id').references(() => programmes.id),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    /** coaching | co_financing | equipment | guarantee | community_bonds */
    needs: text('needs').array().notNull().default([]),
    district: text('district').notNull(),
    totalBudgetMinor: bigint('total_budget_minor', { mode: 'number' }).notNull().default(0),
    currency: text('currency').notNull(),
    /** Where the project stands in the support pipeline (applicant, incubated, financed, alumni ...). */
    stage: text('stage').notNull().default('applicant'),
    holderUserId: uuid('holder_user_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    index('projects_org_idx').on(t.organisationId),
    index('projects_holder_idx').on(t.holderUserId),
    index('projects_created_idx').on(t.createdAt, t.id),
    index('projects_structure_idx').on(t.structureId, t.createdAt),
    unique('projects_id_structure_uq').on(t.id, t.structureId),
  ],
);

export const cohortMembers = pgTable(
  'cohort_members',
  {
    cohortId: uuid('cohort_id')
      .notNull()
      .references(() => cohorts.id),
    /** The cohort's programme, kept here so the database itself refuses one project in two cohorts of one programme. */
    programmeId: uuid('programme_id').notNull(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    joinedAt: timestamp('joined_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.cohortId, t.projectId] }),
    index('cohort_members_project_idx').on(t.projectId),
    unique('cohort_members_programme_project_uq').on(t.programmeId, t.projectId),
    foreignKey({ name: 'cohort_members_cohort_programme_fk', columns: [t.cohortId, t.programmeId], foreignColumns: [cohorts.id, cohorts.programmeId] }),
  ],
);

/** A project's milestone (legal registration, first sale, first hire ...); tranches of financing can hang on one. */
export const milestones = pgTable(
  'milestones',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    structureId: structureColumn(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    dueOn: date('due_on'),
    /** planned | reached | missed | cancelled */
    status: text('status').notNull().default('planned'),
    evidence: text('evidence'),
    reachedOn: date('reached_on'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    index('milestones_project_idx').on(t.projectId),
    index('milestones_structure_idx').on(t.structureId, t.dueOn),
    // The list's order (due day, undated last, then id): a page is read off the index instead of sorting every milestone in reach.
    index('milestones_due_idx').on(t.dueOn.asc().nullsLast(), t.id),
    foreignKey({ name: 'milestones_project_structure_fk', columns: [t.projectId, t.structureId], foreignColumns: [projects.id, projects.structureId] }),
  ],
);
