import { sql } from 'drizzle-orm';
import { bigserial, boolean, check, customType, foreignKey, index, integer, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { programmes } from './programmes';
import { projects } from './projects';
import { structureColumn } from './structures';

/** Raw bytes; PGlite hands back a Uint8Array and postgres-js a Buffer, services always see a Buffer. */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

/** A project's application to a programme's call, moved along the pipeline draft -> ... -> decision. */
export const applications = pgTable(
  'applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    structureId: structureColumn(),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => programmes.id),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    holderUserId: uuid('holder_user_id')
      .notNull()
      .references(() => users.id),
    /** draft | submitted | screening | committee | accepted | waitlisted | rejected | withdrawn */
    status: text('status').notNull().default('draft'),
    motivation: text('motivation').notNull().default(''),
    locale: text('locale').notNull().default('fr'),
    submittedAt: timestamp('submitted_at', { withTimezone: true, precision: 3 }),
    decidedAt: timestamp('decided_at', { withTimezone: true, precision: 3 }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    unique('applications_programme_project_uq').on(t.programmeId, t.projectId),
    index('applications_programme_status_idx').on(t.programmeId, t.status),
    index('applications_holder_idx').on(t.holderUserId),
    index('applications_created_idx').on(t.createdAt, t.id),
    index('applications_structure_idx').on(t.structureId, t.createdAt),
    foreignKey({ name: 'applications_programme_structure_fk', columns: [t.programmeId, t.structureId], foreignColumns: [programmes.id, programmes.structureId] }),
    foreignKey({ name: 'applications_project_structure_fk', columns: [t.projectId, t.structureId], foreignColumns: [projects.id, projects.structureId] }),
    check(
      'applications_status_ck',
      sql`${t.status} in ('draft', 'submitted', 'screening', 'committee', 'accepted', 'waitlisted', 'rejected', 'withdrawn')`,
    ),
  ],
);

/** The timeline: every move of an application, with who made it, when and why. */
export const applicationEvents = pgTable(
  'application_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    reason: text('reason'),
    actorId: uuid('actor_id').references(() => users.id),
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [index('application_events_application_idx').on(t.applicationId, t.id)],
);

/** Messages on an application: to the holder (they read them) or internal notes between staff. */
export const applicationMessages = pgTable(
  'application_messages',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    authorId: uuid('author_id').references(() => users.id),
    /** holder | internal */
    audience: text('audience').notNull(),
    body: text('body').notNull(),
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [index('application_messages_application_idx').on(t.applicationId, t.id), check('application_messages_audience_ck', sql`${t.audience} in ('holder', 'internal')`)],
);

/** Files joined to an application, kept in the database; type and size are checked before insert. */
export const applicationAttachments = pgTable(
  'application_attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    content: bytea('content').notNull(),
    uploadedBy: uuid('uploaded_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [index('application_attachments_application_idx').on(t.applicationId), check('application_attachments_size_ck', sql`${t.sizeBytes} > 0`)],
);

/** One line of the programme's eligibility checklist as staff filled it for an application. */
export const screeningResults = pgTable(
  'screening_results',
  {
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    criterionKey: text('criterion_key').notNull(),
    passed: boolean('passed').notNull(),
    reason: text('reason'),
    checkedBy: uuid('checked_by').references(() => users.id),
    checkedAt: timestamp('checked_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.applicationId, t.criterionKey] }),
    check('screening_results_reason_ck', sql`${t.passed} or coalesce(length(${t.reason}), 0) > 0`),
  ],
);
