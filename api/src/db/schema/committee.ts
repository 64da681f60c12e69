import { sql } from 'drizzle-orm';
import { check, date, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { applications } from './applications';
import { users } from './auth';
import { cohorts, programmes } from './programmes';
import { structureColumn } from './structures';

/** A selection committee sitting: its members score the applications on its agenda against a copy of the programme's grid. */
export const committeeSessions = pgTable(
  'committee_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    structureId: structureColumn(),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => programmes.id),
    title: text('title').notNull(),
    heldOn: date('held_on').notNull(),
    /** Scorecards an application needs before the committee may decide on it. */
    quorum: integer('quorum').notNull(),
    /** The programme's scoring grid when the session was created, so later edits do not change running scores. */
    grid: jsonb('grid').notNull(),
    /** open | closed */
    status: text('status').notNull().default('open'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    index('committee_sessions_programme_idx').on(t.programmeId),
    index('committee_sessions_created_idx').on(t.createdAt, t.id),
    index('committee_sessions_structure_idx').on(t.structureId),
    foreignKey({ name: 'committee_sessions_programme_structure_fk', columns: [t.programmeId, t.structureId], foreignColumns: [programmes.id, programmes.structureId] }),
    check('committee_sessions_quorum_ck', sql`${t.quorum} >= 1`),
    check('committee_sessions_status_ck', sql`${t.status} in ('open', 'closed')`),
  ],
);

export const committeeMembers = pgTable(
  'committee_members',
  {
    sessionId: uuid('session_id')
      .notNull()
      .references(() => committeeSessions.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.userId] }), index('committee_members_user_idx').on(t.userId)],
);

/** The applications a session examines. */
export const committeeAgenda = pgTable(
  'committee_agenda',
  {
    sessionId: uuid('session_id')
      .notNull()
      .references(() => committeeSessions.id),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.applicationId] }), index('committee_agenda_application_idx').on(t.applicationId)],
);

/** A member's declared conflict of interest: it excludes them from scoring that application. */
export const committeeConflicts = pgTable(
  'committee_conflicts',
  {
    sessionId: uuid('session_id')
      .notNull()
      .references(() => committeeSessions.id),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    reason: text('reason').notNull(),
    declaredAt: timestamp('declared_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.applicationId, t.userId] })],
);

/** One member's scores for one application, submitted once: { criterionKey: integer within the grid's bounds }. */
export const committeeScorecards = pgTable(
  'committee_scorecards',
  {
    sessionId: uuid('session_id')
      .notNull()
      .references(() => committeeSessions.id),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    scores: jsonb('scores').notNull(),
    comment: text('comment').notNull().default(''),
    submittedAt: timestamp('submitted_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.applicationId, t.userId] })],
);

/** The committee's decision on one application, with its reasons and the scores it rested on. */
export const committeeDecisions = pgTable(
  'committee_decisions',
  {
    sessionId: uuid('session_id')
      .notNull()
      .references(() => committeeSessions.id),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    /** accepted | waitlisted | rejected */
    decision: text('decision').notNull(),
    reasons: text('reasons').notNull(),
    /** Weighted average in hundredths of a percent (0..10000), so no float is stored. */
    averageScoreBasisPoints: integer('average_score_bp').notNull(),
    scorecardCount: integer('scorecard_count').notNull(),
    cohortId: uuid('cohort_id').references(() => cohorts.id),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.sessionId, t.applicationId] }),
    index('committee_decisions_application_idx').on(t.applicationId),
    check('committee_decisions_decision_ck', sql`${t.decision} in ('accepted', 'waitlisted', 'rejected')`),
  ],
);
