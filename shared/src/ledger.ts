import { z } from 'zod';
import { currencySchema } from './money';
import { pageQuerySchema } from './pagination';

export const ENTRY_KINDS = [
  'capital_contribution',
  'commitment',
  'disbursement',
  'cancellation',
  'repayment',
  'write_off',
  'adjustment',
  // Community bonds' trust books.
  'subscription_payment',
  'subscription_refund',
  'issuer_transfer',
  'coupon',
  'redemption',
  'matchfunding',
  // Guarantee funds.
  'guarantee_exposure',
  'guarantee_fee',
  'provision',
  'guarantee_call',
  'guarantee_recovery',
] as const;
export const entryKindSchema = z.enum(ENTRY_KINDS);
export type EntryKind = z.infer<typeof entryKindSchema>;

export const ACCOUNT_TYPES = ['asset', 'liability', 'equity', 'income', 'expense', 'off_balance'] as const;
export const accountTypeSchema = z.enum(ACCOUNT_TYPES);

const isoDay = z.iso.date();

export const ledgerAccountSchema = z
  .object({
    id: z.uuid(),
    fundId: z.uuid(),
    fundCode: z.string(),
    code: z.string(),
    name: z.string(),
    type: accountTypeSchema,
    normalBalance: z.enum(['debit', 'credit']),
    currency: currencySchema,
    debitMinor: z.number().int(),
    creditMinor: z.number().int(),
    /** On the account's normal side: positive means the usual direction. */
    balanceMinor: z.number().int(),
  })
  .meta({ id: 'LedgerAccount' });
export type LedgerAccount = z.infer<typeof ledgerAccountSchema>;

export const journalLineSchema = z
  .object({
    accountId: z.uuid(),
    accountCode: z.string(),
    accountName: z.string(),
    debitMinor: z.number().int(),
    creditMinor: z.number().int(),
  })
  .meta({ id: 'JournalLine' });

export const journalEntrySchema = z
  .object({
    id: z.number().int(),
    fundId: z.uuid(),
    currency: currencySchema,
    occurredOn: isoDay,
    kind: entryKindSchema,
    description: z.string(),
    projectId: z.uuid().nullable(),
    sourceType: z.string().nullable(),
    sourceId: z.string().nullable(),
    reversesEntryId: z.number().int().nullable(),
    reversedByEntryId: z.number().int().nullable(),
    postedBy: z.uuid().nullable(),
    postedAt: z.string(),
    lines: z.array(journalLineSchema),
  })
  .meta({ id: 'JournalEntry' });
export type JournalEntry = z.infer<typeof journalEntrySchema>;

export const journalQuerySchema = pageQuerySchema.extend({
  fundId: z.uuid().optional(),
  kind: entryKindSchema.optional(),
  accountId: z.uuid().optional(),
  from: isoDay.optional(),
  to: isoDay.optional(),
});
export type JournalQuery = z.infer<typeof journalQuerySchema>;

export const balanceQuerySchema = z.object({ fundId: z.uuid().optional(), asOf: isoDay.optional() });
export type BalanceQuery = z.infer<typeof balanceQuerySchema>;

export const trialBalanceSchema = z
  .object({
    asOf: isoDay.nullable(),
    rows: z.array(ledgerAccountSchema),
    /** Per currency: a trial balance never adds CAD to XOF. */
    totals: z.array(z.object({ currency: currencySchema, debitMinor: z.number().int(), creditMinor: z.number().int() })),
    balanced: z.boolean(),
  })
  .meta({ id: 'TrialBalance' });
export type TrialBalance = z.infer<typeof trialBalanceSchema>;

/** Keyset-paged in date order; each page's running balance carries on from the lines before it. */
export const statementQuerySchema = pageQuerySchema.extend({ from: isoDay.optional(), to: isoDay.optional() });
export type StatementQuery = z.infer<typeof statementQuerySchema>;

export const accountStatementSchema = z
  .object({
    account: ledgerAccountSchema,
    from: isoDay.nullable(),
    to: isoDay.nullable(),
    /** Balance before `from`; closing is the balance at the end of `to`, whatever the page. */
    openingBalanceMinor: z.number().int(),
    closingBalanceMinor: z.number().int(),
    /** Balance before this page's first line (the opening balance on the first page). */
    broughtForwardMinor: z.number().int(),
    nextCursor: z.string().nullable(),
    lines: z.array(
      z.object({
        entryId: z.number().int(),
        occurredOn: isoDay,
        kind: entryKindSchema,
        description: z.string(),
        debitMinor: z.number().int(),
        creditMinor: z.number().int(),
        balanceMinor: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'AccountStatement' });
export type AccountStatement = z.infer<typeof accountStatementSchema>;

export const reverseEntryInputSchema = z
  .object({ reason: z.string().trim().min(3).max(500), occurredOn: isoDay.optional() })
  .meta({ id: 'ReverseEntryInput' });
export type ReverseEntryInput = z.infer<typeof reverseEntryInputSchema>;

export const CLOSURE_STATUSES = ['pending', 'approved', 'rejected'] as const;

/** A fund's books closed up to a day: one fund manager asks, another approves. */
export const accountingClosureSchema = z
  .object({
    id: z.uuid(),
    fundId: z.uuid(),
    closesOn: isoDay,
    status: z.enum(CLOSURE_STATUSES),
    note: z.string(),
    requestedBy: z.uuid(),
    requestedByEmail: z.string().nullable(),
    requestedAt: z.string(),
    decidedBy: z.uuid().nullable(),
    decidedByEmail: z.string().nullable(),
    decidedAt: z.string().nullable(),
    decisionNote: z.string().nullable(),
    /** The signed-in person may approve or reject it (pending, and not the one who asked). */
    canDecide: z.boolean(),
  })
  .meta({ id: 'AccountingClosure' });
export type AccountingClosure = z.infer<typeof accountingClosureSchema>;

export const requestClosureInputSchema = z
  .object({ closesOn: isoDay, note: z.string().trim().max(500).default('') })
  .meta({ id: 'RequestClosureInput' });
export type RequestClosureInput = z.infer<typeof requestClosureInputSchema>;

export const decideClosureInputSchema = z.object({ note: z.string().trim().max(500).default('') }).meta({ id: 'DecideClosureInput' });
export type DecideClosureInput = z.infer<typeof decideClosureInputSchema>;
