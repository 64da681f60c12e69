import { sql } from 'drizzle-orm';
import { bigint, bigserial, check, date, foreignKey, index, pgTable, text, timestamp, unique, uniqueIndex, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { funds } from './funds';
import { projects } from './projects';
import { structureColumn } from './structures';

/** One account of a fund's chart; its type fixes which side increases it. */
export const ledgerAccounts = pgTable(
  'ledger_accounts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    fundId: uuid('fund_id')
      .notNull()
      .references(() => funds.id),
    code: text('code').notNull(),
    name: text('name').notNull(),
    /** asset | liability | equity | income | expense | off_balance (commitments given, memorandum: outside net assets) */
    type: text('type').notNull(),
    /** debit | credit */
    normalBalance: text('normal_balance').notNull(),
    currency: text('currency').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    unique('ledger_accounts_fund_code_uq').on(t.fundId, t.code),
    check('ledger_accounts_currency_ck', sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check('ledger_accounts_type_ck', sql`${t.type} in ('asset', 'liability', 'equity', 'income', 'expense', 'off_balance')`),
    check(
      'ledger_accounts_normal_ck',
      sql`(${t.type} in ('asset', 'expense') and ${t.normalBalance} = 'debit') or (${t.type} in ('liability', 'equity', 'income') and ${t.normalBalance} = 'credit') or ${t.type} = 'off_balance'`,
    ),
  ],
);

/** A balanced, immutable journal entry; a correction is a new entry that reverses it. */
export const journalEntries = pgTable(
  'journal_entries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    fundId: uuid('fund_id')
      .notNull()
      .references(() => funds.id),
    currency: text('currency').notNull(),
    /** The accounting date the entry takes effect (balances "at a date" read it). */
    occurredOn: date('occurred_on').notNull(),
    /** capital_contribution | commitment | disbursement | cancellation | repayment | write_off | purchase ... */
    kind: text('kind').notNull(),
    description: text('description').notNull(),
    projectId: uuid('project_id').references(() => projects.id),
    sourceType: text('source_type'),
    sourceId: text('source_id'),
    reversesEntryId: bigint('reverses_entry_id', { mode: 'number' }).references((): AnyPgColumn => journalEntries.id),
    postedBy: uuid('posted_by'),
    postedAt: timestamp('posted_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    unique('journal_entries_reverses_uq').on(t.reversesEntryId),
    check(
      'journal_entries_kind_ck',
      sql`${t.kind} in ('capital_contribution', 'commitment', 'disbursement', 'cancellation', 'repayment', 'write_off', 'adjustment', 'subscription_payment', 'subscription_refund', 'issuer_transfer', 'coupon', 'redemption', 'matchfunding', 'guarantee_exposure', 'guarantee_fee', 'provision', 'guarantee_call', 'guarantee_recovery')`,
    ),
    check('journal_entries_reversal_ck', sql`${t.reversesEntryId} is null or ${t.reversesEntryId} < ${t.id}`),
    check('journal_entries_currency_ck', sql`${t.currency} ~ '^[A-Z]{3}$'`),
    index('journal_entries_fund_date_idx').on(t.fundId, t.occurredOn),
    index('journal_entries_source_idx').on(t.sourceType, t.sourceId),
  ],
);

/** One side of an entry on one account: exactly one of debit and credit is positive. */
export const journalLines = pgTable(
  'journal_lines',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    entryId: bigint('entry_id', { mode: 'number' })
      .notNull()
      .references(() => journalEntries.id),
    accountId: uuid('account_id')
      .notNull()
      .references(() => ledgerAccounts.id),
    debitMinor: bigint('debit_minor', { mode: 'number' }).notNull().default(0),
    creditMinor: bigint('credit_minor', { mode: 'number' }).notNull().default(0),
  },
  (t) => [
    check('journal_lines_sides_ck', sql`${t.debitMinor} >= 0 and ${t.creditMinor} >= 0 and ((${t.debitMinor} > 0) <> (${t.creditMinor} > 0))`),
    index('journal_lines_entry_idx').on(t.entryId),
    index('journal_lines_account_idx').on(t.accountId, t.entryId),
  ],
);

/**
 * A fund's books closed up to a day, asked by one fund manager and approved by another: once approved,
 * nothing is posted, reversed or back-dated on or before `closes_on`. The latest approved one is the
 * fund's closed-up-to date; rejected ones stay as history.
 */
export const accountingClosures = pgTable(
  'accounting_closures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    structureId: structureColumn(),
    fundId: uuid('fund_id').notNull(),
    closesOn: date('closes_on').notNull(),
    /** pending | approved | rejected */
    status: text('status').notNull().default('pending'),
    note: text('note').notNull().default(''),
    requestedBy: uuid('requested_by').notNull(),
    requestedAt: timestamp('requested_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    decidedBy: uuid('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true, precision: 3 }),
    decisionNote: text('decision_note'),
  },
  (t) => [
    foreignKey({ name: 'accounting_closures_fund_structure_fk', columns: [t.fundId, t.structureId], foreignColumns: [funds.id, funds.structureId] }),
    check('accounting_closures_status_ck', sql`${t.status} in ('pending', 'approved', 'rejected')`),
    check('accounting_closures_four_eyes_ck', sql`${t.decidedBy} is null or ${t.decidedBy} <> ${t.requestedBy}`),
    index('accounting_closures_fund_idx').on(t.fundId, t.status, t.closesOn),
    uniqueIndex('accounting_closures_one_pending_uq').on(t.fundId).where(sql`${t.status} = 'pending'`),
  ],
);
