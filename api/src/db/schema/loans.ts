import { sql } from 'drizzle-orm';
import { bigint, bigserial, check, date, foreignKey, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { funds } from './funds';
import { projects } from './projects';
import { structureColumn } from './structures';

/** An honour loan or repayable advance from a loan fund to a project. */
export const loans = pgTable(
  'loans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    number: bigserial('number', { mode: 'number' }).notNull().unique(),
    structureId: structureColumn(),
    fundId: uuid('fund_id')
      .notNull()
      .references(() => funds.id),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    /** honour_loan | repayable_advance */
    kind: text('kind').notNull(),
    principalMinor: bigint('principal_minor', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    /** Yearly nominal rate in basis points (0 for most honour loans). */
    rateBps: integer('rate_bps').notNull(),
    termMonths: integer('term_months').notNull(),
    graceMonths: integer('grace_months').notNull(),
    /** annuity (equal instalments) | declining (equal principal) */
    method: text('method').notNull(),
    purpose: text('purpose').notNull().default(''),
    /** proposed | approved | rejected | active | closed | written_off | cancelled */
    status: text('status').notNull().default('proposed'),
    proposedBy: uuid('proposed_by').notNull(),
    decidedBy: uuid('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true, precision: 3 }),
    disbursedOn: date('disbursed_on'),
    scheduleVersion: integer('schedule_version').notNull().default(0),
    closedOn: date('closed_on'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    check('loans_principal_ck', sql`${t.principalMinor} > 0`),
    check('loans_rate_ck', sql`${t.rateBps} between 0 and 10000`),
    check('loans_term_ck', sql`${t.termMonths} between 1 and 360 and ${t.graceMonths} >= 0 and ${t.graceMonths} < ${t.termMonths}`),
    check('loans_kind_ck', sql`${t.kind} in ('honour_loan', 'repayable_advance')`),
    check('loans_method_ck', sql`${t.method} in ('annuity', 'declining')`),
    check('loans_status_ck', sql`${t.status} in ('proposed', 'approved', 'rejected', 'active', 'closed', 'written_off', 'cancelled')`),
    check('loans_four_eyes_ck', sql`${t.decidedBy} is null or ${t.decidedBy} <> ${t.proposedBy}`),
    index('loans_fund_idx').on(t.fundId, t.status),
    index('loans_project_idx').on(t.projectId),
    index('loans_structure_idx').on(t.structureId, t.status),
    foreignKey({ name: 'loans_fund_structure_fk', columns: [t.fundId, t.structureId], foreignColumns: [funds.id, funds.structureId] }),
  ],
);

/** One line of a loan's schedule; a rescheduling writes a new version and leaves the old one as history. */
export const loanInstalments = pgTable(
  'loan_instalments',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    loanId: uuid('loan_id')
      .notNull()
      .references(() => loans.id),
    version: integer('version').notNull(),
    seq: integer('seq').notNull(),
    dueOn: date('due_on').notNull(),
    principalMinor: bigint('principal_minor', { mode: 'number' }).notNull(),
    interestMinor: bigint('interest_minor', { mode: 'number' }).notNull(),
  },
  (t) => [
    unique('loan_instalments_seq_uq').on(t.loanId, t.version, t.seq),
    check('loan_instalments_amounts_ck', sql`${t.principalMinor} >= 0 and ${t.interestMinor} >= 0`),
  ],
);

/** Money received from the borrower, already split into interest then principal. */
export const loanRepayments = pgTable(
  'loan_repayments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    loanId: uuid('loan_id')
      .notNull()
      .references(() => loans.id),
    scheduleVersion: integer('schedule_version').notNull(),
    paidOn: date('paid_on').notNull(),
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
    principalMinor: bigint('principal_minor', { mode: 'number' }).notNull(),
    interestMinor: bigint('interest_minor', { mode: 'number' }).notNull(),
    journalEntryId: bigint('journal_entry_id', { mode: 'number' }).notNull(),
    recordedBy: uuid('recorded_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    check('loan_repayments_split_ck', sql`${t.amountMinor} > 0 and ${t.principalMinor} >= 0 and ${t.interestMinor} >= 0 and ${t.principalMinor} + ${t.interestMinor} = ${t.amountMinor}`),
    index('loan_repayments_loan_idx').on(t.loanId, t.paidOn),
  ],
);

/** A rescheduling or write-off proposed by one person and decided by another fund manager. */
export const loanActions = pgTable(
  'loan_actions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    loanId: uuid('loan_id')
      .notNull()
      .references(() => loans.id),
    /** reschedule | write_off */
    kind: text('kind').notNull(),
    /** reschedule: { termMonths, graceMonths, rateBps, method, startsOn } */
    params: jsonb('params').notNull().default({}),
    reason: text('reason').notNull(),
    /** pending | approved | rejected */
    status: text('status').notNull().default('pending'),
    proposedBy: uuid('proposed_by').notNull(),
    proposedAt: timestamp('proposed_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    decidedBy: uuid('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true, precision: 3 }),
    journalEntryId: bigint('journal_entry_id', { mode: 'number' }),
  },
  (t) => [
    check('loan_actions_kind_ck', sql`${t.kind} in ('reschedule', 'write_off')`),
    check('loan_actions_status_ck', sql`${t.status} in ('pending', 'approved', 'rejected')`),
    check('loan_actions_four_eyes_ck', sql`${t.decidedBy} is null or ${t.decidedBy} <> ${t.proposedBy}`),
    index('loan_actions_loan_idx').on(t.loanId),
  ],
);
