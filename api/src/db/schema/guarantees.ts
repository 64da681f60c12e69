import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, check, date, foreignKey, index, integer, pgTable, primaryKey, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { funds } from './funds';
import { projects } from './projects';
import { structureColumn } from './structures';

export const GUARANTEE_STATUSES = ['prepared', 'active', 'rejected', 'cancelled', 'released', 'called', 'paid', 'closed'] as const;
export const RISK_CLASSES = ['performing', 'watch', 'doubtful', 'loss'] as const;
export const FEE_BASES = ['upfront', 'yearly_outstanding'] as const;
export const CALL_STATUSES = ['pending', 'approved', 'rejected', 'paid'] as const;
export const OUTSTANDING_SOURCES = ['issue', 'bank', 'schedule'] as const;

/** A bank that lends to SSE enterprises against the guarantee fund's promise (one per name in a structure). */
export const guaranteeBanks = pgTable(
  'guarantee_banks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    structureId: structureColumn(),
    name: text('name').notNull(),
    contactName: text('contact_name').notNull().default(''),
    contactEmail: text('contact_email').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [unique('guarantee_banks_structure_name_uq').on(t.structureId, t.name), unique('guarantee_banks_id_structure_uq').on(t.id, t.structureId)],
);

/**
 * The terms a guarantee fund agreed with one bank: the coverage range (a higher ceiling for enterprises
 * led by women), the most it guarantees per enterprise, its fee and how it is charged, how long after a
 * default the bank may call, and optionally a portfolio cap (calls paid stop at a share of what is covered).
 */
export const guaranteeAgreements = pgTable(
  'guarantee_agreements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    structureId: structureColumn(),
    fundId: uuid('fund_id').notNull(),
    bankId: uuid('bank_id').notNull(),
    currency: text('currency').notNull(),
    minCoverageBps: integer('min_coverage_bps').notNull(),
    maxCoverageBps: integer('max_coverage_bps').notNull(),
    /** The ceiling for enterprises led by women (null: the same as everyone's). */
    maxCoverageWomenBps: integer('max_coverage_women_bps'),
    maxGuaranteedMinor: bigint('max_guaranteed_minor', { mode: 'number' }).notNull(),
    feeRateBps: integer('fee_rate_bps').notNull(),
    feeBasis: text('fee_basis', { enum: FEE_BASES }).notNull(),
    claimDeadlineDays: integer('claim_deadline_days').notNull(),
    /** Capped portfolio guarantee: calls paid under this agreement stop at this share of the amounts it guarantees. */
    portfolioCapBps: integer('portfolio_cap_bps'),
    signedOn: date('signed_on').notNull(),
    status: text('status').notNull().default('active'),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    unique('guarantee_agreements_fund_bank_uq').on(t.fundId, t.bankId),
    unique('guarantee_agreements_id_structure_uq').on(t.id, t.structureId),
    foreignKey({ name: 'guarantee_agreements_fund_structure_fk', columns: [t.fundId, t.structureId], foreignColumns: [funds.id, funds.structureId] }),
    foreignKey({ name: 'guarantee_agreements_bank_structure_fk', columns: [t.bankId, t.structureId], foreignColumns: [guaranteeBanks.id, guaranteeBanks.structureId] }),
    check('guarantee_agreements_coverage_ck', sql`${t.minCoverageBps} > 0 and ${t.minCoverageBps} <= ${t.maxCoverageBps} and ${t.maxCoverageBps} <= 10000 and (${t.maxCoverageWomenBps} is null or (${t.maxCoverageWomenBps} >= ${t.maxCoverageBps} and ${t.maxCoverageWomenBps} <= 10000))`),
    check('guarantee_agreements_terms_ck', sql`${t.maxGuaranteedMinor} > 0 and ${t.feeRateBps} >= 0 and ${t.feeRateBps} <= 10000 and ${t.claimDeadlineDays} > 0 and (${t.portfolioCapBps} is null or ${t.portfolioCapBps} between 1 and 10000)`),
    check('guarantee_agreements_basis_ck', sql`${t.feeBasis} in ('upfront', 'yearly_outstanding')`),
    check('guarantee_agreements_status_ck', sql`${t.status} in ('active', 'ended')`),
    check('guarantee_agreements_currency_ck', sql`${t.currency} ~ '^[A-Z]{3}$'`),
  ],
);

/**
 * A guarantee fund's rules: how far its exposure may go beyond its net assets (a leverage cap, in percent:
 * 500 is 5x), the provision rate per risk class, and the days in arrears that move a loan to each class.
 */
export const guaranteePolicies = pgTable(
  'guarantee_policies',
  {
    fundId: uuid('fund_id').primaryKey(),
    structureId: structureColumn(),
    leverageCapPct: integer('leverage_cap_pct').notNull(),
    performingBps: integer('performing_bps').notNull(),
    watchBps: integer('watch_bps').notNull(),
    doubtfulBps: integer('doubtful_bps').notNull(),
    lossBps: integer('loss_bps').notNull(),
    watchAfterDays: integer('watch_after_days').notNull().default(30),
    doubtfulAfterDays: integer('doubtful_after_days').notNull().default(90),
    lossAfterDays: integer('loss_after_days').notNull().default(180),
    updatedBy: uuid('updated_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({ name: 'guarantee_policies_fund_structure_fk', columns: [t.fundId, t.structureId], foreignColumns: [funds.id, funds.structureId] }),
    check('guarantee_policies_cap_ck', sql`${t.leverageCapPct} between 1 and 10000`),
    check('guarantee_policies_rates_ck', sql`0 <= ${t.performingBps} and ${t.performingBps} <= ${t.watchBps} and ${t.watchBps} <= ${t.doubtfulBps} and ${t.doubtfulBps} <= ${t.lossBps} and ${t.lossBps} <= 10000`),
    check('guarantee_policies_days_ck', sql`0 < ${t.watchAfterDays} and ${t.watchAfterDays} < ${t.doubtfulAfterDays} and ${t.doubtfulAfterDays} < ${t.lossAfterDays}`),
  ],
);

/**
 * A guarantee on one bank loan to an enterprise of the pipeline (a project). `guaranteed_minor` is the
 * coverage times the loan amount, the most the fund can ever pay; `exposure_minor` the coverage times the
 * loan's outstanding principal now; `provision_minor` what the books hold against it for its risk class.
 * Those three move only with their journal entries, under the fund's row lock.
 */
export const guarantees = pgTable(
  'guarantees',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    number: bigserial('number', { mode: 'number' }).notNull().unique(),
    structureId: structureColumn(),
    fundId: uuid('fund_id').notNull(),
    agreementId: uuid('agreement_id').notNull(),
    bankId: uuid('bank_id').notNull(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    bankLoanRef: text('bank_loan_ref').notNull(),
    loanAmountMinor: bigint('loan_amount_minor', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    loanRateBps: integer('loan_rate_bps').notNull(),
    termMonths: integer('term_months').notNull(),
    graceMonths: integer('grace_months').notNull().default(0),
    /** annuity | declining: the loan's amortisation, which moves the exposure when the bank reports nothing. */
    method: text('method').notNull(),
    /** The day the bank paid the loan out; its instalments fall due month by month after it. */
    disbursedOn: date('disbursed_on').notNull(),
    coverageBps: integer('coverage_bps').notNull(),
    guaranteedMinor: bigint('guaranteed_minor', { mode: 'number' }).notNull(),
    womenLed: boolean('women_led').notNull().default(false),
    purpose: text('purpose').notNull().default(''),
    status: text('status', { enum: GUARANTEE_STATUSES }).notNull().default('prepared'),
    riskClass: text('risk_class', { enum: RISK_CLASSES }).notNull().default('performing'),
    outstandingMinor: bigint('outstanding_minor', { mode: 'number' }).notNull(),
    outstandingOn: date('outstanding_on').notNull(),
    daysInArrears: integer('days_in_arrears').notNull().default(0),
    arrearsMinor: bigint('arrears_minor', { mode: 'number' }).notNull().default(0),
    exposureMinor: bigint('exposure_minor', { mode: 'number' }).notNull().default(0),
    provisionMinor: bigint('provision_minor', { mode: 'number' }).notNull().default(0),
    feesMinor: bigint('fees_minor', { mode: 'number' }).notNull().default(0),
    paidMinor: bigint('paid_minor', { mode: 'number' }).notNull().default(0),
    recoveredMinor: bigint('recovered_minor', { mode: 'number' }).notNull().default(0),
    preparedBy: uuid('prepared_by').notNull(),
    decidedBy: uuid('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true, precision: 3 }),
    issuedOn: date('issued_on'),
    releasedOn: date('released_on'),
    closedOn: date('closed_on'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    unique('guarantees_bank_loan_uq').on(t.bankId, t.bankLoanRef),
    unique('guarantees_id_structure_uq').on(t.id, t.structureId),
    foreignKey({ name: 'guarantees_fund_structure_fk', columns: [t.fundId, t.structureId], foreignColumns: [funds.id, funds.structureId] }),
    foreignKey({ name: 'guarantees_agreement_structure_fk', columns: [t.agreementId, t.structureId], foreignColumns: [guaranteeAgreements.id, guaranteeAgreements.structureId] }),
    foreignKey({ name: 'guarantees_bank_structure_fk', columns: [t.bankId, t.structureId], foreignColumns: [guaranteeBanks.id, guaranteeBanks.structureId] }),
    index('guarantees_structure_idx').on(t.structureId, t.status),
    index('guarantees_fund_idx').on(t.fundId, t.status),
    index('guarantees_project_idx').on(t.projectId),
    check('guarantees_status_ck', sql`${t.status} in ('prepared', 'active', 'rejected', 'cancelled', 'released', 'called', 'paid', 'closed')`),
    check('guarantees_risk_ck', sql`${t.riskClass} in ('performing', 'watch', 'doubtful', 'loss')`),
    check('guarantees_method_ck', sql`${t.method} in ('annuity', 'declining')`),
    check('guarantees_currency_ck', sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check('guarantees_loan_ck', sql`${t.loanAmountMinor} > 0 and ${t.loanRateBps} >= 0 and ${t.termMonths} > 0 and ${t.graceMonths} >= 0 and ${t.graceMonths} < ${t.termMonths}`),
    check('guarantees_coverage_ck', sql`${t.coverageBps} between 1 and 10000 and ${t.guaranteedMinor} > 0 and ${t.guaranteedMinor} <= ${t.loanAmountMinor}`),
    check('guarantees_amounts_ck', sql`${t.outstandingMinor} >= 0 and ${t.outstandingMinor} <= ${t.loanAmountMinor} and ${t.exposureMinor} >= 0 and ${t.exposureMinor} <= ${t.guaranteedMinor} and ${t.provisionMinor} >= 0 and ${t.provisionMinor} <= ${t.guaranteedMinor} and ${t.feesMinor} >= 0 and ${t.arrearsMinor} >= 0 and ${t.daysInArrears} >= 0`),
    check('guarantees_paid_ck', sql`${t.paidMinor} >= 0 and ${t.paidMinor} <= ${t.guaranteedMinor} and ${t.recoveredMinor} >= 0 and ${t.recoveredMinor} <= ${t.paidMinor}`),
    check('guarantees_four_eyes_ck', sql`${t.decidedBy} is null or ${t.decidedBy} <> ${t.preparedBy}`),
  ],
);

/**
 * The loan's outstanding principal as known on a day: at issue, from the bank's monthly report, or moved
 * on from the schedule when the bank reports nothing. The exposure history the charts draw.
 */
export const guaranteeOutstandings = pgTable(
  'guarantee_outstandings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    structureId: structureColumn(),
    guaranteeId: uuid('guarantee_id').notNull(),
    asOf: date('as_of').notNull(),
    source: text('source', { enum: OUTSTANDING_SOURCES }).notNull(),
    outstandingMinor: bigint('outstanding_minor', { mode: 'number' }).notNull(),
    arrearsMinor: bigint('arrears_minor', { mode: 'number' }).notNull().default(0),
    daysInArrears: integer('days_in_arrears').notNull().default(0),
    exposureMinor: bigint('exposure_minor', { mode: 'number' }).notNull(),
    importId: uuid('import_id'),
    enteredBy: uuid('entered_by'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    unique('guarantee_outstandings_day_uq').on(t.guaranteeId, t.asOf, t.source),
    foreignKey({ name: 'guarantee_outstandings_guarantee_structure_fk', columns: [t.guaranteeId, t.structureId], foreignColumns: [guarantees.id, guarantees.structureId] }),
    index('guarantee_outstandings_structure_idx').on(t.structureId, t.asOf),
    check('guarantee_outstandings_source_ck', sql`${t.source} in ('issue', 'bank', 'schedule')`),
    check('guarantee_outstandings_amounts_ck', sql`${t.outstandingMinor} >= 0 and ${t.arrearsMinor} >= 0 and ${t.daysInArrears} >= 0 and ${t.exposureMinor} >= 0`),
  ],
);

/** A bank's monthly report file, posted once (its SHA-256 is unique in the structure). */
export const guaranteeReportImports = pgTable(
  'guarantee_report_imports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    structureId: structureColumn(),
    bankId: uuid('bank_id').notNull(),
    fileName: text('file_name').notNull(),
    sha256: text('sha256').notNull(),
    rowCount: integer('row_count').notNull(),
    postedBy: uuid('posted_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    unique('guarantee_report_imports_sha_uq').on(t.structureId, t.sha256),
    unique('guarantee_report_imports_id_structure_uq').on(t.id, t.structureId),
    foreignKey({ name: 'guarantee_report_imports_bank_structure_fk', columns: [t.bankId, t.structureId], foreignColumns: [guaranteeBanks.id, guaranteeBanks.structureId] }),
  ],
);

/** Each change of a guarantee's risk class or provision, with the entry that moved the provision. */
export const guaranteeRiskChanges = pgTable(
  'guarantee_risk_changes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    structureId: structureColumn(),
    guaranteeId: uuid('guarantee_id').notNull(),
    fromClass: text('from_class').notNull(),
    toClass: text('to_class').notNull(),
    /** arrears | visit | exposure | call | release */
    reason: text('reason').notNull(),
    exposureMinor: bigint('exposure_minor', { mode: 'number' }).notNull(),
    provisionBeforeMinor: bigint('provision_before_minor', { mode: 'number' }).notNull(),
    provisionAfterMinor: bigint('provision_after_minor', { mode: 'number' }).notNull(),
    journalEntryId: bigint('journal_entry_id', { mode: 'number' }),
    occurredOn: date('occurred_on').notNull(),
    changedBy: uuid('changed_by'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({ name: 'guarantee_risk_changes_guarantee_structure_fk', columns: [t.guaranteeId, t.structureId], foreignColumns: [guarantees.id, guarantees.structureId] }),
    index('guarantee_risk_changes_guarantee_idx').on(t.guaranteeId, t.createdAt),
    check('guarantee_risk_changes_class_ck', sql`${t.fromClass} in ('performing', 'watch', 'doubtful', 'loss') and ${t.toClass} in ('performing', 'watch', 'doubtful', 'loss')`),
  ],
);

/**
 * The bank calls the guarantee after a default, with its declared loss: the payout is the coverage times
 * the loss, capped at the guaranteed amount (and the agreement's portfolio cap), approved with four eyes,
 * then paid. One open call per guarantee.
 */
export const guaranteeCalls = pgTable(
  'guarantee_calls',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    structureId: structureColumn(),
    guaranteeId: uuid('guarantee_id').notNull(),
    defaultedOn: date('defaulted_on').notNull(),
    calledOn: date('called_on').notNull(),
    declaredLossMinor: bigint('declared_loss_minor', { mode: 'number' }).notNull(),
    claimedMinor: bigint('claimed_minor', { mode: 'number' }).notNull(),
    payoutMinor: bigint('payout_minor', { mode: 'number' }).notNull(),
    status: text('status', { enum: CALL_STATUSES }).notNull().default('pending'),
    note: text('note').notNull().default(''),
    madeBy: uuid('made_by').notNull(),
    decidedBy: uuid('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true, precision: 3 }),
    approvedOn: date('approved_on'),
    paidOn: date('paid_on'),
    approvalEntryId: bigint('approval_entry_id', { mode: 'number' }),
    paymentEntryId: bigint('payment_entry_id', { mode: 'number' }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({ name: 'guarantee_calls_guarantee_structure_fk', columns: [t.guaranteeId, t.structureId], foreignColumns: [guarantees.id, guarantees.structureId] }),
    unique('guarantee_calls_id_structure_uq').on(t.id, t.structureId),
    uniqueIndex('guarantee_calls_one_open_uq').on(t.guaranteeId).where(sql`${t.status} in ('pending', 'approved', 'paid')`),
    check('guarantee_calls_status_ck', sql`${t.status} in ('pending', 'approved', 'rejected', 'paid')`),
    check('guarantee_calls_amounts_ck', sql`${t.declaredLossMinor} > 0 and ${t.claimedMinor} > 0 and ${t.payoutMinor} >= 0 and ${t.payoutMinor} <= ${t.claimedMinor}`),
    check('guarantee_calls_dates_ck', sql`${t.calledOn} >= ${t.defaultedOn}`),
    check('guarantee_calls_four_eyes_ck', sql`${t.decidedBy} is null or ${t.decidedBy} <> ${t.madeBy}`),
  ],
);

/** What the bank recovered from the borrower after a call paid: shared at the guarantee's coverage rate. */
export const guaranteeRecoveries = pgTable(
  'guarantee_recoveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    structureId: structureColumn(),
    guaranteeId: uuid('guarantee_id').notNull(),
    callId: uuid('call_id').notNull(),
    receivedOn: date('received_on').notNull(),
    bankRecoveredMinor: bigint('bank_recovered_minor', { mode: 'number' }).notNull(),
    fundShareMinor: bigint('fund_share_minor', { mode: 'number' }).notNull(),
    journalEntryId: bigint('journal_entry_id', { mode: 'number' }).notNull(),
    enteredBy: uuid('entered_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({ name: 'guarantee_recoveries_guarantee_structure_fk', columns: [t.guaranteeId, t.structureId], foreignColumns: [guarantees.id, guarantees.structureId] }),
    foreignKey({ name: 'guarantee_recoveries_call_structure_fk', columns: [t.callId, t.structureId], foreignColumns: [guaranteeCalls.id, guaranteeCalls.structureId] }),
    index('guarantee_recoveries_guarantee_idx').on(t.guaranteeId),
    check('guarantee_recoveries_amounts_ck', sql`${t.bankRecoveredMinor} > 0 and ${t.fundShareMinor} >= 0 and ${t.fundShareMinor} <= ${t.bankRecoveredMinor}`),
  ],
);

/** Each fee charged on a guarantee (once at issue, or yearly on the outstanding), with its income entry. */
export const guaranteeFees = pgTable(
  'guarantee_fees',
  {
    structureId: structureColumn(),
    guaranteeId: uuid('guarantee_id').notNull(),
    chargedOn: date('charged_on').notNull(),
    basis: text('basis', { enum: FEE_BASES }).notNull(),
    baseMinor: bigint('base_minor', { mode: 'number' }).notNull(),
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
    journalEntryId: bigint('journal_entry_id', { mode: 'number' }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'guarantee_fees_pk', columns: [t.guaranteeId, t.chargedOn] }),
    foreignKey({ name: 'guarantee_fees_guarantee_structure_fk', columns: [t.guaranteeId, t.structureId], foreignColumns: [guarantees.id, guarantees.structureId] }),
    check('guarantee_fees_amounts_ck', sql`${t.baseMinor} >= 0 and ${t.amountMinor} >= 0`),
  ],
);
