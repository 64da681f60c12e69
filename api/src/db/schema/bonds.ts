import { sql } from 'drizzle-orm';
import { bigint, bigserial, check, date, foreignKey, index, integer, pgTable, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { funds } from './funds';
import { projects } from './projects';
import { structureColumn } from './structures';

export const OFFERING_STATUSES = ['draft', 'approved', 'open', 'closed', 'active', 'redeemed', 'failed', 'cancelled'] as const;
export const COUPON_FREQUENCIES = ['annual', 'semiannual', 'quarterly'] as const;
export const DAY_COUNTS = ['act_365_fixed', 'thirty_360', 'act_act_icma'] as const;
export const SUBSCRIPTION_STATUSES = ['waitlisted', 'reserved', 'paid', 'lapsed', 'cancelled', 'refunded', 'allotted'] as const;

/**
 * A community bond offering: debt issued by an SSE enterprise of the pipeline (the issuer, a project),
 * sold in units to people of the community, its money held in trust in the structure's trust books
 * (`trust_fund_id`, a fund of type bond_trust) until the close. `reserved_units` and `paid_units` are
 * kept with every subscription change under the offering's row lock: the cap is checked against them.
 */
export const bondOfferings = pgTable(
  'bond_offerings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    structureId: structureColumn(),
    code: text('code').notNull().unique(),
    issuerProjectId: uuid('issuer_project_id').notNull(),
    trustFundId: uuid('trust_fund_id').notNull(),
    title: text('title').notNull(),
    /** The offer notice and the risk statement, in French and English. */
    summaryFr: text('summary_fr').notNull().default(''),
    summaryEn: text('summary_en').notNull().default(''),
    noticeFr: text('notice_fr').notNull().default(''),
    noticeEn: text('notice_en').notNull().default(''),
    useOfFunds: text('use_of_funds').notNull().default(''),
    impactAim: text('impact_aim').notNull().default(''),
    currency: text('currency').notNull(),
    unitPriceMinor: bigint('unit_price_minor', { mode: 'number' }).notNull(),
    /** The maximum raise, in units: never more are reserved or paid. */
    maxUnits: integer('max_units').notNull(),
    /** Below this many paid units at the close, every subscription is refunded. */
    minUnits: integer('min_units').notNull(),
    minUnitsPerPerson: integer('min_units_per_person').notNull().default(1),
    maxUnitsPerPerson: integer('max_units_per_person').notNull(),
    rateBps: integer('rate_bps').notNull(),
    termMonths: integer('term_months').notNull(),
    couponFrequency: text('coupon_frequency', { enum: COUPON_FREQUENCIES }).notNull(),
    dayCount: text('day_count', { enum: DAY_COUNTS }).notNull(),
    opensOn: date('opens_on').notNull(),
    closesOn: date('closes_on').notNull(),
    /** The day the bonds are issued and start earning interest (set at the close). */
    issuedOn: date('issued_on'),
    maturesOn: date('matures_on'),
    /** Days a reservation waits for its payment before it lapses and frees its units. */
    paymentDays: integer('payment_days').notNull().default(10),
    /** Tax withheld on each coupon, in basis points of the gross (kept as a liability to the tax authority). */
    withholdingBps: integer('withholding_bps').notNull().default(0),
    /** From this day the issuer may redeem early (null: only at maturity). */
    earlyRedemptionFrom: date('early_redemption_from'),
    redeemedOn: date('redeemed_on'),
    /** Why a cancelled offering was cancelled (told to every subscriber with their refund). */
    cancelledReason: text('cancelled_reason'),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true, precision: 3 }),
    status: text('status', { enum: OFFERING_STATUSES }).notNull().default('draft'),
    reservedUnits: integer('reserved_units').notNull().default(0),
    paidUnits: integer('paid_units').notNull().default(0),
    createdBy: uuid('created_by').notNull(),
    approvedBy: uuid('approved_by'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    check('bond_offerings_status_ck', sql`${t.status} in ('draft', 'approved', 'open', 'closed', 'active', 'redeemed', 'failed', 'cancelled')`),
    check('bond_offerings_frequency_ck', sql`${t.couponFrequency} in ('annual', 'semiannual', 'quarterly')`),
    check('bond_offerings_day_count_ck', sql`${t.dayCount} in ('act_365_fixed', 'thirty_360', 'act_act_icma')`),
    check('bond_offerings_currency_ck', sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check('bond_offerings_units_ck', sql`${t.unitPriceMinor} > 0 and ${t.minUnits} > 0 and ${t.minUnits} <= ${t.maxUnits}`),
    check('bond_offerings_person_ck', sql`${t.minUnitsPerPerson} > 0 and ${t.minUnitsPerPerson} <= ${t.maxUnitsPerPerson} and ${t.maxUnitsPerPerson} <= ${t.maxUnits}`),
    check('bond_offerings_terms_ck', sql`${t.rateBps} >= 0 and ${t.termMonths} > 0 and ${t.paymentDays} > 0 and ${t.opensOn} <= ${t.closesOn}`),
    check('bond_offerings_cap_ck', sql`${t.paidUnits} >= 0 and ${t.reservedUnits} >= 0 and ${t.reservedUnits} + ${t.paidUnits} <= ${t.maxUnits}`),
    check('bond_offerings_withholding_ck', sql`${t.withholdingBps} >= 0 and ${t.withholdingBps} <= 10000`),
    check('bond_offerings_four_eyes_ck', sql`${t.approvedBy} is null or ${t.approvedBy} <> ${t.createdBy}`),
    foreignKey({ name: 'bond_offerings_issuer_structure_fk', columns: [t.issuerProjectId, t.structureId], foreignColumns: [projects.id, projects.structureId] }),
    foreignKey({ name: 'bond_offerings_trust_structure_fk', columns: [t.trustFundId, t.structureId], foreignColumns: [funds.id, funds.structureId] }),
    unique('bond_offerings_id_structure_uq').on(t.id, t.structureId),
    index('bond_offerings_structure_idx').on(t.structureId, t.status),
    index('bond_offerings_public_idx').on(t.status, t.closesOn),
  ],
);

/**
 * A person registered as an investor with a structure (each structure keeps its own register of
 * holders): who they are, that they are adults, and when they accepted the terms and the risk statement.
 */
export const bondInvestors = pgTable(
  'bond_investors',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    structureId: structureColumn(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    fullName: text('full_name').notNull(),
    address: text('address').notNull(),
    bornOn: date('born_on').notNull(),
    termsAcceptedAt: timestamp('terms_accepted_at', { withTimezone: true, precision: 3 }).notNull(),
    riskAcceptedAt: timestamp('risk_accepted_at', { withTimezone: true, precision: 3 }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [unique('bond_investors_user_structure_uq').on(t.userId, t.structureId), unique('bond_investors_id_structure_uq').on(t.id, t.structureId)],
);

/**
 * A subscription: units reserved for a person, waiting for their payment under a unique reference, then
 * paid (money held in trust), and at the close allotted (numbered bonds) or refunded. When the offering is
 * full a subscription waits on the waitlist, served in `seq` order when units free up.
 */
export const bondSubscriptions = pgTable(
  'bond_subscriptions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    seq: bigserial('seq', { mode: 'number' }).notNull().unique(),
    structureId: structureColumn(),
    offeringId: uuid('offering_id').notNull(),
    investorId: uuid('investor_id').notNull(),
    units: integer('units').notNull(),
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    /** The payment reference the person writes on their transfer (unique, checksummed). */
    reference: text('reference').notNull().unique(),
    status: text('status', { enum: SUBSCRIPTION_STATUSES }).notNull(),
    /** Money received so far (payments may come in parts). */
    paidMinor: bigint('paid_minor', { mode: 'number' }).notNull().default(0),
    reservedAt: timestamp('reserved_at', { withTimezone: true, precision: 3 }),
    expiresAt: timestamp('expires_at', { withTimezone: true, precision: 3 }),
    paidAt: timestamp('paid_at', { withTimezone: true, precision: 3 }),
    closedAt: timestamp('closed_at', { withTimezone: true, precision: 3 }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    check('bond_subscriptions_status_ck', sql`${t.status} in ('waitlisted', 'reserved', 'paid', 'lapsed', 'cancelled', 'refunded', 'allotted')`),
    check('bond_subscriptions_amounts_ck', sql`${t.units} > 0 and ${t.amountMinor} > 0 and ${t.paidMinor} >= 0`),
    foreignKey({ name: 'bond_subscriptions_offering_structure_fk', columns: [t.offeringId, t.structureId], foreignColumns: [bondOfferings.id, bondOfferings.structureId] }),
    foreignKey({ name: 'bond_subscriptions_investor_structure_fk', columns: [t.investorId, t.structureId], foreignColumns: [bondInvestors.id, bondInvestors.structureId] }),
    unique('bond_subscriptions_id_structure_uq').on(t.id, t.structureId),
    index('bond_subscriptions_offering_idx').on(t.offeringId, t.status, t.seq),
    index('bond_subscriptions_investor_idx').on(t.investorId, t.createdAt),
    index('bond_subscriptions_expiry_idx').on(t.status, t.expiresAt),
  ],
);

/** A payment received for a subscription (confirmed by staff or matched from a bank statement), posted to the trust books. */
export const bondPayments = pgTable(
  'bond_payments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    structureId: structureColumn(),
    subscriptionId: uuid('subscription_id').notNull(),
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
    receivedOn: date('received_on').notNull(),
    /** manual | statement */
    source: text('source').notNull(),
    /** The bank's own reference of the credit (a statement line's), unique so a credit is never counted twice. */
    bankReference: text('bank_reference'),
    journalEntryId: bigint('journal_entry_id', { mode: 'number' }),
    recordedBy: uuid('recorded_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    check('bond_payments_amount_ck', sql`${t.amountMinor} > 0`),
    check('bond_payments_source_ck', sql`${t.source} in ('manual', 'statement')`),
    foreignKey({ name: 'bond_payments_subscription_structure_fk', columns: [t.subscriptionId, t.structureId], foreignColumns: [bondSubscriptions.id, bondSubscriptions.structureId] }),
    uniqueIndex('bond_payments_bank_reference_uq').on(t.structureId, t.bankReference).where(sql`${t.bankReference} is not null`),
    index('bond_payments_subscription_idx').on(t.subscriptionId),
  ],
);

/**
 * The register of bondholders: who holds which bond numbers of an offering, since when and until when
 * (a transfer ends one line and opens another). Allotment at the close writes the first lines.
 */
export const bondHoldings = pgTable(
  'bond_holdings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    structureId: structureColumn(),
    offeringId: uuid('offering_id').notNull(),
    investorId: uuid('investor_id').notNull(),
    firstNumber: integer('first_number').notNull(),
    lastNumber: integer('last_number').notNull(),
    heldFrom: date('held_from').notNull(),
    heldUntil: date('held_until'),
    /** allotment | transfer */
    origin: text('origin').notNull(),
    subscriptionId: uuid('subscription_id'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    check('bond_holdings_numbers_ck', sql`${t.firstNumber} > 0 and ${t.firstNumber} <= ${t.lastNumber}`),
    check('bond_holdings_origin_ck', sql`${t.origin} in ('allotment', 'transfer')`),
    check('bond_holdings_dates_ck', sql`${t.heldUntil} is null or ${t.heldFrom} <= ${t.heldUntil}`),
    foreignKey({ name: 'bond_holdings_offering_structure_fk', columns: [t.offeringId, t.structureId], foreignColumns: [bondOfferings.id, bondOfferings.structureId] }),
    foreignKey({ name: 'bond_holdings_investor_structure_fk', columns: [t.investorId, t.structureId], foreignColumns: [bondInvestors.id, bondInvestors.structureId] }),
    index('bond_holdings_offering_idx').on(t.offeringId, t.firstNumber),
    index('bond_holdings_investor_idx').on(t.investorId),
  ],
);

export const STATEMENT_FORMATS = ['csv', 'camt053'] as const;
export const STATEMENT_IMPORT_STATUSES = ['previewed', 'posted', 'discarded'] as const;
export const STATEMENT_MATCHES = ['matched', 'partial', 'overpaid', 'unknown', 'duplicate', 'ignored'] as const;

/**
 * A bank statement of a trust account, read (CSV or ISO 20022 camt.053) into a preview, then posted:
 * each credit matched to a subscription by its RF reference becomes a payment. A file is posted once.
 */
export const bondStatementImports = pgTable(
  'bond_statement_imports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    structureId: structureColumn(),
    trustFundId: uuid('trust_fund_id').notNull(),
    format: text('format', { enum: STATEMENT_FORMATS }).notNull(),
    fileName: text('file_name').notNull(),
    /** SHA-256 of the file's bytes: the same file is never posted twice. */
    fileSha256: text('file_sha256').notNull(),
    currency: text('currency').notNull(),
    status: text('status', { enum: STATEMENT_IMPORT_STATUSES }).notNull().default('previewed'),
    lineCount: integer('line_count').notNull().default(0),
    creditMinor: bigint('credit_minor', { mode: 'number' }).notNull().default(0),
    postedCount: integer('posted_count').notNull().default(0),
    createdBy: uuid('created_by').notNull(),
    postedBy: uuid('posted_by'),
    postedAt: timestamp('posted_at', { withTimezone: true, precision: 3 }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    check('bond_statement_imports_format_ck', sql`${t.format} in ('csv', 'camt053')`),
    check('bond_statement_imports_status_ck', sql`${t.status} in ('previewed', 'posted', 'discarded')`),
    foreignKey({ name: 'bond_statement_imports_trust_structure_fk', columns: [t.trustFundId, t.structureId], foreignColumns: [funds.id, funds.structureId] }),
    unique('bond_statement_imports_id_structure_uq').on(t.id, t.structureId),
    uniqueIndex('bond_statement_imports_posted_uq').on(t.structureId, t.fileSha256).where(sql`${t.status} = 'posted'`),
    index('bond_statement_imports_structure_idx').on(t.structureId, t.createdAt),
  ],
);

/** One line of an imported statement, with what it matched (or why it did not). */
export const bondStatementLines = pgTable(
  'bond_statement_lines',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    structureId: structureColumn(),
    importId: uuid('import_id').notNull(),
    lineNo: integer('line_no').notNull(),
    bookedOn: date('booked_on').notNull(),
    /** Positive for a credit, negative for a debit (debits are shown, never matched). */
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    /** The bank's own reference of the line, unique per trust account (the payment keeps it). */
    bankReference: text('bank_reference').notNull(),
    /** The RF reference found in the remittance information, if any. */
    reference: text('reference'),
    counterparty: text('counterparty').notNull().default(''),
    remittance: text('remittance').notNull().default(''),
    match: text('match', { enum: STATEMENT_MATCHES }).notNull(),
    subscriptionId: uuid('subscription_id'),
    paymentId: uuid('payment_id'),
  },
  (t) => [
    check('bond_statement_lines_match_ck', sql`${t.match} in ('matched', 'partial', 'overpaid', 'unknown', 'duplicate', 'ignored')`),
    foreignKey({ name: 'bond_statement_lines_import_structure_fk', columns: [t.importId, t.structureId], foreignColumns: [bondStatementImports.id, bondStatementImports.structureId] }),
    unique('bond_statement_lines_import_line_uq').on(t.importId, t.lineNo),
    index('bond_statement_lines_subscription_idx').on(t.subscriptionId),
  ],
);

export const PAYOUT_KINDS = ['coupon', 'redemption', 'early_redemption'] as const;
export const PAYOUT_STATUSES = ['scheduled', 'running', 'paid'] as const;

/**
 * A payout of an offering to its bondholders on a day: the interest of one coupon period, plus the
 * principal when the bonds are redeemed (at maturity or early). Its run pays each holder once
 * (`bond_payout_lines` is unique per payout and holder), can stop and resume, and shows its progress.
 */
export const bondPayouts = pgTable(
  'bond_payouts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    structureId: structureColumn(),
    offeringId: uuid('offering_id').notNull(),
    /** 1, 2, ... in the offering's schedule. */
    number: integer('number').notNull(),
    kind: text('kind', { enum: PAYOUT_KINDS }).notNull(),
    periodStart: date('period_start').notNull(),
    periodEnd: date('period_end').notNull(),
    paysOn: date('pays_on').notNull(),
    status: text('status', { enum: PAYOUT_STATUSES }).notNull().default('scheduled'),
    interestMinor: bigint('interest_minor', { mode: 'number' }).notNull().default(0),
    principalMinor: bigint('principal_minor', { mode: 'number' }).notNull().default(0),
    withheldMinor: bigint('withheld_minor', { mode: 'number' }).notNull().default(0),
    holdersTotal: integer('holders_total').notNull().default(0),
    holdersDone: integer('holders_done').notNull().default(0),
    /** The entry that called the amount due from the issuer. */
    journalEntryId: bigint('journal_entry_id', { mode: 'number' }),
    startedBy: uuid('started_by'),
    startedAt: timestamp('started_at', { withTimezone: true, precision: 3 }),
    finishedAt: timestamp('finished_at', { withTimezone: true, precision: 3 }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    check('bond_payouts_kind_ck', sql`${t.kind} in ('coupon', 'redemption', 'early_redemption')`),
    check('bond_payouts_status_ck', sql`${t.status} in ('scheduled', 'running', 'paid')`),
    check('bond_payouts_period_ck', sql`${t.periodStart} <= ${t.periodEnd} and ${t.number} > 0`),
    check('bond_payouts_amounts_ck', sql`${t.interestMinor} >= 0 and ${t.principalMinor} >= 0 and ${t.withheldMinor} >= 0 and ${t.holdersDone} <= ${t.holdersTotal}`),
    foreignKey({ name: 'bond_payouts_offering_structure_fk', columns: [t.offeringId, t.structureId], foreignColumns: [bondOfferings.id, bondOfferings.structureId] }),
    unique('bond_payouts_id_structure_uq').on(t.id, t.structureId),
    unique('bond_payouts_offering_number_uq').on(t.offeringId, t.number),
    index('bond_payouts_due_idx').on(t.status, t.paysOn),
  ],
);

/** What one holder gets from one payout: gross interest, tax withheld, net, principal; posted once. */
export const bondPayoutLines = pgTable(
  'bond_payout_lines',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    structureId: structureColumn(),
    payoutId: uuid('payout_id').notNull(),
    investorId: uuid('investor_id').notNull(),
    units: integer('units').notNull(),
    grossMinor: bigint('gross_minor', { mode: 'number' }).notNull(),
    withheldMinor: bigint('withheld_minor', { mode: 'number' }).notNull(),
    netMinor: bigint('net_minor', { mode: 'number' }).notNull(),
    principalMinor: bigint('principal_minor', { mode: 'number' }).notNull().default(0),
    journalEntryId: bigint('journal_entry_id', { mode: 'number' }),
    paidOn: date('paid_on').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    check('bond_payout_lines_amounts_ck', sql`${t.units} > 0 and ${t.grossMinor} >= 0 and ${t.withheldMinor} >= 0 and ${t.netMinor} = ${t.grossMinor} - ${t.withheldMinor} and ${t.principalMinor} >= 0`),
    foreignKey({ name: 'bond_payout_lines_payout_structure_fk', columns: [t.payoutId, t.structureId], foreignColumns: [bondPayouts.id, bondPayouts.structureId] }),
    foreignKey({ name: 'bond_payout_lines_investor_structure_fk', columns: [t.investorId, t.structureId], foreignColumns: [bondInvestors.id, bondInvestors.structureId] }),
    unique('bond_payout_lines_payout_investor_uq').on(t.payoutId, t.investorId),
    index('bond_payout_lines_investor_idx').on(t.investorId, t.paidOn),
  ],
);

/** Bonds passed from one holder to another (an inheritance, a sale within the community), recorded by staff. */
export const bondTransfers = pgTable(
  'bond_transfers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    structureId: structureColumn(),
    offeringId: uuid('offering_id').notNull(),
    fromInvestorId: uuid('from_investor_id').notNull(),
    toInvestorId: uuid('to_investor_id').notNull(),
    units: integer('units').notNull(),
    transferredOn: date('transferred_on').notNull(),
    reason: text('reason').notNull(),
    recordedBy: uuid('recorded_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    check('bond_transfers_units_ck', sql`${t.units} > 0 and ${t.fromInvestorId} <> ${t.toInvestorId}`),
    foreignKey({ name: 'bond_transfers_offering_structure_fk', columns: [t.offeringId, t.structureId], foreignColumns: [bondOfferings.id, bondOfferings.structureId] }),
    foreignKey({ name: 'bond_transfers_from_structure_fk', columns: [t.fromInvestorId, t.structureId], foreignColumns: [bondInvestors.id, bondInvestors.structureId] }),
    foreignKey({ name: 'bond_transfers_to_structure_fk', columns: [t.toInvestorId, t.structureId], foreignColumns: [bondInvestors.id, bondInvestors.structureId] }),
    index('bond_transfers_offering_idx').on(t.offeringId, t.transferredOn),
  ],
);

export const MATCH_PLEDGE_STATUSES = ['pledged', 'posted', 'released'] as const;

/**
 * Matchfunding: a fund of the structure (public or philanthropic money) pledges to match what the community
 * pays into an offering, `ratio_bps` per 10 000 (10 000 = 1 for 1), up to `cap_minor`. The cap is committed in
 * the pledging fund's books when the pledge is made; at a close above the minimum the match is paid to the
 * issuer from that fund and what is left of the cap released; at a failed or cancelled close all is released.
 */
export const bondMatchPledges = pgTable(
  'bond_match_pledges',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    structureId: structureColumn(),
    offeringId: uuid('offering_id').notNull(),
    fundId: uuid('fund_id').notNull(),
    ratioBps: integer('ratio_bps').notNull(),
    capMinor: bigint('cap_minor', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    status: text('status', { enum: MATCH_PLEDGE_STATUSES }).notNull().default('pledged'),
    /** What the fund paid at the close (0 until then, and when released). */
    matchedMinor: bigint('matched_minor', { mode: 'number' }).notNull().default(0),
    /** The entry that committed the cap in the pledging fund's books. */
    commitmentEntryId: bigint('commitment_entry_id', { mode: 'number' }),
    /** The entry that paid the match (or released the commitment) at the close. */
    settlementEntryId: bigint('settlement_entry_id', { mode: 'number' }),
    note: text('note').notNull().default(''),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    settledAt: timestamp('settled_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [
    check('bond_match_pledges_status_ck', sql`${t.status} in ('pledged', 'posted', 'released')`),
    check('bond_match_pledges_amounts_ck', sql`${t.ratioBps} > 0 and ${t.ratioBps} <= 100000 and ${t.capMinor} > 0 and ${t.matchedMinor} >= 0 and ${t.matchedMinor} <= ${t.capMinor}`),
    check('bond_match_pledges_currency_ck', sql`${t.currency} ~ '^[A-Z]{3}$'`),
    foreignKey({ name: 'bond_match_pledges_offering_structure_fk', columns: [t.offeringId, t.structureId], foreignColumns: [bondOfferings.id, bondOfferings.structureId] }),
    foreignKey({ name: 'bond_match_pledges_fund_structure_fk', columns: [t.fundId, t.structureId], foreignColumns: [funds.id, funds.structureId] }),
    unique('bond_match_pledges_offering_fund_uq').on(t.offeringId, t.fundId),
    unique('bond_match_pledges_id_structure_uq').on(t.id, t.structureId),
  ],
);
