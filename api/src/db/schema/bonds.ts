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
