import { sql } from 'drizzle-orm';
import { bigint, bigserial, check, date, foreignKey, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { programmes } from './programmes';
import { milestones, projects } from './projects';
import { structureColumn } from './structures';

/** A solidarity fund: its own chart of accounts in the ledger, one currency, one committee threshold. */
export const funds = pgTable(
  'funds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    structureId: structureColumn(),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    /** co_financing | equipment | loan | guarantee | bond_trust (the books community bond money is held in until the close) */
    type: text('type').notNull(),
    currency: text('currency').notNull(),
    description: text('description').notNull().default(''),
    /** Approvals above this amount need a favourable committee decision first. */
    committeeThresholdMinor: bigint('committee_threshold_minor', { mode: 'number' }).notNull(),
    status: text('status').notNull().default('active'),
    /** The day the fund opened: no money moves in it before (the migration backfills it from the books). */
    openedOn: date('opened_on').notNull().defaultNow(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    check('funds_type_ck', sql`${t.type} in ('co_financing', 'equipment', 'loan', 'guarantee', 'bond_trust')`),
    check('funds_currency_ck', sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check('funds_threshold_ck', sql`${t.committeeThresholdMinor} >= 0`),
    check('funds_status_ck', sql`${t.status} in ('active', 'closed')`),
    index('funds_structure_idx').on(t.structureId),
    unique('funds_id_structure_uq').on(t.id, t.structureId),
  ],
);

/** Who puts capital into funds: the city, the region, foundations, banks. */
export const funders = pgTable(
  'funders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull().unique(),
    /** city | region | state | foundation | bank | other */
    kind: text('kind').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [check('funders_kind_ck', sql`${t.kind} in ('city', 'region', 'state', 'foundation', 'bank', 'other')`)],
);

/** A funder's payment into a fund; the money itself is the journal entry it points to. */
export const capitalContributions = pgTable(
  'capital_contributions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    fundId: uuid('fund_id')
      .notNull()
      .references(() => funds.id),
    funderId: uuid('funder_id')
      .notNull()
      .references(() => funders.id),
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    receivedOn: date('received_on').notNull(),
    journalEntryId: bigint('journal_entry_id', { mode: 'number' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [check('capital_contributions_amount_ck', sql`${t.amountMinor} > 0`), index('capital_contributions_fund_idx').on(t.fundId)],
);

/** The share of a fund set aside for one programme, with that programme's financing rules. */
export const fundEnvelopes = pgTable(
  'fund_envelopes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    structureId: structureColumn(),
    fundId: uuid('fund_id')
      .notNull()
      .references(() => funds.id),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => programmes.id),
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
    /** Largest share of a project's total budget the fund may cover, in basis points. */
    maxShareBps: integer('max_share_bps').notNull(),
    maxRequestMinor: bigint('max_request_minor', { mode: 'number' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    unique('fund_envelopes_fund_programme_uq').on(t.fundId, t.programmeId),
    foreignKey({ name: 'fund_envelopes_fund_structure_fk', columns: [t.fundId, t.structureId], foreignColumns: [funds.id, funds.structureId] }),
    check('fund_envelopes_amount_ck', sql`${t.amountMinor} > 0 and ${t.maxRequestMinor} > 0`),
    check('fund_envelopes_share_ck', sql`${t.maxShareBps} between 1 and 10000`),
  ],
);

/** A project's request for co-financing, from preparation to the last tranche. */
export const cofinancingRequests = pgTable(
  'cofinancing_requests',
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
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    purpose: text('purpose').notNull(),
    /** [{ name, amountMinor, status }]: the project's other funders, as declared. */
    otherFunders: jsonb('other_funders').notNull().default([]),
    /** draft | prepared | approved | rejected | cancelled | completed */
    status: text('status').notNull().default('draft'),
    createdBy: uuid('created_by').notNull(),
    recommendation: text('recommendation'),
    preparedBy: uuid('prepared_by'),
    preparedAt: timestamp('prepared_at', { withTimezone: true, precision: 3 }),
    /** favourable | unfavourable */
    committeeDecision: text('committee_decision'),
    committeeNote: text('committee_note'),
    committeeDecidedBy: uuid('committee_decided_by'),
    committeeDecidedAt: timestamp('committee_decided_at', { withTimezone: true, precision: 3 }),
    decidedBy: uuid('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true, precision: 3 }),
    decisionNote: text('decision_note'),
    /** The agreement's conditions, as a list of sentences the holder signs. */
    conditions: jsonb('conditions').notNull().default([]),
    agreementSignedOn: date('agreement_signed_on'),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true, precision: 3 }),
    cancelReason: text('cancel_reason'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    check('cofinancing_amount_ck', sql`${t.amountMinor} > 0`),
    check('cofinancing_status_ck', sql`${t.status} in ('draft', 'prepared', 'approved', 'rejected', 'cancelled', 'completed')`),
    check('cofinancing_committee_ck', sql`${t.committeeDecision} is null or ${t.committeeDecision} in ('favourable', 'unfavourable')`),
    check('cofinancing_four_eyes_ck', sql`${t.decidedBy} is null or ${t.preparedBy} is null or ${t.decidedBy} <> ${t.preparedBy}`),
    index('cofinancing_fund_status_idx').on(t.fundId, t.status),
    index('cofinancing_project_idx').on(t.projectId),
    index('cofinancing_structure_idx').on(t.structureId, t.status),
    foreignKey({ name: 'cofinancing_fund_structure_fk', columns: [t.fundId, t.structureId], foreignColumns: [funds.id, funds.structureId] }),
  ],
);

/** A slice of an approved co-financing, released when its milestone (if any) is reached. */
export const cofinancingTranches = pgTable(
  'cofinancing_tranches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => cofinancingRequests.id),
    seq: integer('seq').notNull(),
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
    milestoneId: uuid('milestone_id').references(() => milestones.id),
    /** planned | disbursed | cancelled */
    status: text('status').notNull().default('planned'),
    disbursedOn: date('disbursed_on'),
    journalEntryId: bigint('journal_entry_id', { mode: 'number' }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    unique('cofinancing_tranches_seq_uq').on(t.requestId, t.seq),
    check('cofinancing_tranches_amount_ck', sql`${t.amountMinor} > 0`),
    check('cofinancing_tranches_status_ck', sql`${t.status} in ('planned', 'disbursed', 'cancelled')`),
  ],
);
