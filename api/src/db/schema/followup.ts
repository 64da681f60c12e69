import { sql } from 'drizzle-orm';
import { check, date, foreignKey, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { projects } from './projects';
import { structureColumn } from './structures';

/** A visit to a project after its financing: what was found and how risky it looks now. */
export const followupVisits = pgTable(
  'followup_visits',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    structureId: structureColumn(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    visitedOn: date('visited_on').notNull(),
    visitorName: text('visitor_name').notNull(),
    visitorUserId: uuid('visitor_user_id').references(() => users.id),
    findings: text('findings').notNull(),
    /** green | amber | red */
    riskRating: text('risk_rating').notNull(),
    recommendations: text('recommendations').notNull().default(''),
    nextVisitOn: date('next_visit_on'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    index('followup_visits_project_idx').on(t.projectId, t.visitedOn),
    index('followup_visits_structure_idx').on(t.structureId, t.visitedOn),
    foreignKey({ name: 'followup_visits_project_structure_fk', columns: [t.projectId, t.structureId], foreignColumns: [projects.id, projects.structureId] }),
    check('followup_visits_risk_ck', sql`${t.riskRating} in ('green', 'amber', 'red')`),
    check('followup_visits_next_ck', sql`${t.nextVisitOn} is null or ${t.nextVisitOn} >= ${t.visitedOn}`),
  ],
);
