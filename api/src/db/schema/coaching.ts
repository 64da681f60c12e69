import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { cohorts } from './programmes';
import { projects } from './projects';
import { structureColumn } from './structures';

/** A person who coaches projects: a staff account or an external expert paid by the hour. */
export const coaches = pgTable(
  'coaches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    structureId: structureColumn(),
    /** The account a coach signs in with; external experts without an account have none. */
    userId: uuid('user_id').references(() => users.id),
    /** staff | external */
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    email: text('email'),
    /** lawyer | accountant | mentor | trainer | advisor */
    profession: text('profession').notNull(),
    firm: text('firm'),
    specialties: text('specialties').array().notNull(),
    languages: text('languages').array().notNull(),
    hourlyRateMinor: bigint('hourly_rate_minor', { mode: 'number' }),
    currency: text('currency'),
    /** [{ weekday 1-7, from 'HH:MM', to 'HH:MM' }] */
    weeklyAvailability: jsonb('weekly_availability').notNull().default([]),
    active: boolean('active').notNull().default(true),
    calendarTokenHash: text('calendar_token_hash'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    unique('coaches_user_uq').on(t.userId),
    index('coaches_name_idx').on(t.name),
    index('coaches_structure_idx').on(t.structureId),
    check('coaches_kind_ck', sql`${t.kind} in ('staff', 'external')`),
    // External experts are paid per hour, so they carry a rate and its currency.
    check(
      'coaches_rate_ck',
      sql`(${t.kind} = 'staff') or (${t.hourlyRateMinor} is not null and ${t.hourlyRateMinor} >= 0 and ${t.currency} is not null)`,
    ),
  ],
);

/** The hours of support a project in a cohort may receive, per type of support. */
export const coachingPlans = pgTable(
  'coaching_plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    structureId: structureColumn(),
    cohortId: uuid('cohort_id')
      .notNull()
      .references(() => cohorts.id),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    objectives: text('objectives').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    unique('coaching_plans_cohort_project_uq').on(t.cohortId, t.projectId),
    index('coaching_plans_project_idx').on(t.projectId),
    index('coaching_plans_structure_idx').on(t.structureId),
    foreignKey({ name: 'coaching_plans_cohort_structure_fk', columns: [t.cohortId, t.structureId], foreignColumns: [cohorts.id, cohorts.structureId] }),
  ],
);

export const coachingPlanBudgets = pgTable(
  'coaching_plan_budgets',
  {
    planId: uuid('plan_id')
      .notNull()
      .references(() => coachingPlans.id, { onDelete: 'cascade' }),
    supportType: text('support_type').notNull(),
    budgetMinutes: integer('budget_minutes').notNull(),
  },
  (t) => [primaryKey({ columns: [t.planId, t.supportType] }), check('coaching_plan_budgets_minutes_ck', sql`${t.budgetMinutes} >= 0`)],
);

/** One coaching session: individual (one project) or a group workshop for a cohort. */
export const coachingSessions = pgTable(
  'coaching_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    structureId: structureColumn(),
    cohortId: uuid('cohort_id')
      .notNull()
      .references(() => cohorts.id),
    /** individual | group */
    format: text('format').notNull(),
    /** The project of an individual session; null for a group workshop. */
    projectId: uuid('project_id').references(() => projects.id),
    supportType: text('support_type').notNull(),
    title: text('title').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true, precision: 3 }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true, precision: 3 }).notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    /** on_site | remote */
    mode: text('mode').notNull(),
    place: text('place').notNull().default(''),
    coachId: uuid('coach_id')
      .notNull()
      .references(() => coaches.id),
    /** scheduled | held | cancelled */
    status: text('status').notNull().default('scheduled'),
    /** Confidential: staff, admins and the session's coach only. */
    notes: text('notes').notNull().default(''),
    decisions: text('decisions').notNull().default(''),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true, precision: 3 }),
    cancellationReason: text('cancellation_reason'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    index('coaching_sessions_coach_time_idx').on(t.coachId, t.startsAt),
    index('coaching_sessions_time_idx').on(t.startsAt, t.id),
    index('coaching_sessions_cohort_idx').on(t.cohortId),
    index('coaching_sessions_project_idx').on(t.projectId),
    index('coaching_sessions_structure_time_idx').on(t.structureId, t.startsAt),
    foreignKey({ name: 'coaching_sessions_cohort_structure_fk', columns: [t.cohortId, t.structureId], foreignColumns: [cohorts.id, cohorts.structureId] }),
    check('coaching_sessions_duration_ck', sql`${t.durationMinutes} between 15 and 720`),
    check('coaching_sessions_ends_ck', sql`${t.endsAt} > ${t.startsAt}`),
    check('coaching_sessions_format_ck', sql`(${t.format} = 'individual' and ${t.projectId} is not null) or (${t.format} = 'group' and ${t.projectId} is null)`),
    check('coaching_sessions_status_ck', sql`${t.status} in ('scheduled', 'held', 'cancelled')`),
  ],
);

/** Which projects of the cohort are expected at a session, and whether they came. */
export const sessionAttendees = pgTable(
  'coaching_session_attendees',
  {
    sessionId: uuid('session_id')
      .notNull()
      .references(() => coachingSessions.id, { onDelete: 'cascade' }),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    /** expected | present | absent | excused */
    attendance: text('attendance').notNull().default('expected'),
    participants: integer('participants'),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.projectId] }), index('coaching_session_attendees_project_idx').on(t.projectId)],
);

/** Something to do after a session, with who does it and by when. */
export const actionItems = pgTable(
  'coaching_action_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => coachingSessions.id),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    description: text('description').notNull(),
    owner: text('owner').notNull(),
    dueOn: date('due_on'),
    /** open | done | dropped */
    status: text('status').notNull().default('open'),
    doneAt: timestamp('done_at', { withTimezone: true, precision: 3 }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [index('coaching_action_items_session_idx').on(t.sessionId), index('coaching_action_items_project_idx').on(t.projectId, t.status)],
);
