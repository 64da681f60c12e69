import { z } from 'zod';
import { timelineEventSchema } from './cofinancing';
import { currencySchema, minorUnitsSchema, positiveMinorUnitsSchema } from './money';
import { waitingSchemaOf, type Flow } from './money-flow';
import { pageQuerySchema } from './pagination';

const isoDay = z.iso.date();
const bps = z.number().int().min(0).max(10_000);

export const GUARANTEE_STATUSES = ['prepared', 'active', 'rejected', 'cancelled', 'released', 'called', 'paid', 'closed'] as const;
export const guaranteeStatusSchema = z.enum(GUARANTEE_STATUSES);
export type GuaranteeStatus = z.infer<typeof guaranteeStatusSchema>;

export const RISK_CLASSES = ['performing', 'watch', 'doubtful', 'loss'] as const;
export const riskClassSchema = z.enum(RISK_CLASSES);
export type RiskClass = z.infer<typeof riskClassSchema>;

export const FEE_BASES = ['upfront', 'yearly_outstanding'] as const;
export const feeBasisSchema = z.enum(FEE_BASES);

export const CALL_STATUSES = ['pending', 'approved', 'rejected', 'paid'] as const;
export const callStatusSchema = z.enum(CALL_STATUSES);

export const GUARANTEE_ACTIONS = ['approve', 'reject', 'cancel', 'report', 'call', 'decide_call', 'pay_call', 'record_recovery', 'close'] as const;
export const guaranteeActionSchema = z.enum(GUARANTEE_ACTIONS);
export type GuaranteeAction = z.infer<typeof guaranteeActionSchema>;

/**
 * A guarantee's life: staff prepare it, another fund manager approves it (four eyes); while the loan runs,
 * the bank's reports move its exposure and risk; after a default the bank calls, a second person approves
 * the payout, a fund manager pays it; recoveries come in until the guarantee closes.
 */
export const GUARANTEE_FLOW: Flow<GuaranteeStatus, GuaranteeAction> = {
  prepared: { approve: 'checker', reject: 'checker', cancel: 'maker' },
  active: { report: 'maker', call: 'maker' },
  // A pending call waits for decide_call; an approved one for pay_call (flow.ts tells which from the call's status).
  called: { decide_call: 'checker', pay_call: 'manager', report: 'maker' },
  paid: { record_recovery: 'maker', close: 'manager' },
  rejected: {},
  cancelled: {},
  released: {},
  closed: {},
};

// ---- Partner banks, agreements, the fund's policy ----

export const guaranteeBankSchema = z
  .object({ id: z.uuid(), structureId: z.uuid(), name: z.string(), contactName: z.string(), contactEmail: z.string(), createdAt: z.string() })
  .meta({ id: 'GuaranteeBank' });
export type GuaranteeBank = z.infer<typeof guaranteeBankSchema>;

export const createGuaranteeBankInputSchema = z
  .object({
    structureId: z.uuid().optional(),
    name: z.string().trim().min(2).max(200),
    contactName: z.string().trim().max(200).default(''),
    contactEmail: z.union([z.literal(''), z.email()]).default(''),
  })
  .meta({ id: 'CreateGuaranteeBankInput' });
export type CreateGuaranteeBankInput = z.infer<typeof createGuaranteeBankInputSchema>;

const agreementTerms = {
  minCoverageBps: z.number().int().min(1).max(10_000),
  maxCoverageBps: z.number().int().min(1).max(10_000),
  /** The ceiling for enterprises led by women (France Active goes to 80 %); null: the same as everyone's. */
  maxCoverageWomenBps: z.number().int().min(1).max(10_000).nullable().default(null),
  maxGuaranteedMinor: positiveMinorUnitsSchema,
  feeRateBps: bps,
  feeBasis: feeBasisSchema,
  claimDeadlineDays: z.number().int().min(1).max(3650),
  /** Capped portfolio guarantee: calls paid under the agreement stop at this share of what it guarantees. */
  portfolioCapBps: z.number().int().min(1).max(10_000).nullable().default(null),
};

export const createAgreementInputSchema = z
  .object({ fundId: z.uuid(), bankId: z.uuid(), signedOn: isoDay, ...agreementTerms })
  .refine((a) => a.minCoverageBps <= a.maxCoverageBps, { message: 'The lowest coverage must not exceed the highest', path: ['minCoverageBps'] })
  .refine((a) => a.maxCoverageWomenBps === null || a.maxCoverageWomenBps >= a.maxCoverageBps, { message: 'The ceiling for women-led enterprises must not be below the general one', path: ['maxCoverageWomenBps'] })
  .meta({ id: 'CreateGuaranteeAgreementInput' });
export type CreateAgreementInput = z.infer<typeof createAgreementInputSchema>;

export const agreementSchema = z
  .object({
    id: z.uuid(),
    structureId: z.uuid(),
    fundId: z.uuid(),
    fundCode: z.string(),
    bankId: z.uuid(),
    bankName: z.string(),
    currency: currencySchema,
    signedOn: isoDay,
    status: z.enum(['active', 'ended']),
    minCoverageBps: z.number().int(),
    maxCoverageBps: z.number().int(),
    maxCoverageWomenBps: z.number().int().nullable(),
    maxGuaranteedMinor: z.number().int(),
    feeRateBps: z.number().int(),
    feeBasis: feeBasisSchema,
    claimDeadlineDays: z.number().int(),
    portfolioCapBps: z.number().int().nullable(),
    /** What the agreement guarantees now (live guarantees) and what its calls have paid. */
    guaranteedMinor: z.number().int(),
    exposureMinor: z.number().int(),
    paidMinor: z.number().int(),
    /** Under a portfolio cap: what calls may still be paid (null: no cap). */
    portfolioRoomMinor: z.number().int().nullable(),
  })
  .meta({ id: 'GuaranteeAgreement' });
export type Agreement = z.infer<typeof agreementSchema>;

export const policyInputSchema = z
  .object({
    /** Total exposure may reach this many percent of the fund's net assets (500: 5x). */
    leverageCapPct: z.number().int().min(1).max(10_000),
    performingBps: bps,
    watchBps: bps,
    doubtfulBps: bps,
    lossBps: bps,
    watchAfterDays: z.number().int().min(1).max(3650).default(30),
    doubtfulAfterDays: z.number().int().min(2).max(3650).default(90),
    lossAfterDays: z.number().int().min(3).max(3650).default(180),
  })
  .refine((p) => p.performingBps <= p.watchBps && p.watchBps <= p.doubtfulBps && p.doubtfulBps <= p.lossBps, { message: 'Provision rates must grow with the risk class', path: ['watchBps'] })
  .refine((p) => p.watchAfterDays < p.doubtfulAfterDays && p.doubtfulAfterDays < p.lossAfterDays, { message: 'Days in arrears must grow with the risk class', path: ['doubtfulAfterDays'] })
  .meta({ id: 'GuaranteePolicyInput' });
export type PolicyInput = z.infer<typeof policyInputSchema>;

export const policySchema = z
  .object({
    fundId: z.uuid(),
    leverageCapPct: z.number().int(),
    performingBps: z.number().int(),
    watchBps: z.number().int(),
    doubtfulBps: z.number().int(),
    lossBps: z.number().int(),
    watchAfterDays: z.number().int(),
    doubtfulAfterDays: z.number().int(),
    lossAfterDays: z.number().int(),
  })
  .meta({ id: 'GuaranteePolicy' });
export type Policy = z.infer<typeof policySchema>;

// ---- Guarantees ----

export const prepareGuaranteeInputSchema = z
  .object({
    agreementId: z.uuid(),
    projectId: z.uuid(),
    bankLoanRef: z.string().trim().min(1).max(60),
    loanAmountMinor: positiveMinorUnitsSchema,
    currency: currencySchema,
    loanRateBps: bps,
    termMonths: z.number().int().min(1).max(360),
    graceMonths: z.number().int().min(0).max(359).default(0),
    method: z.enum(['annuity', 'declining']),
    disbursedOn: isoDay,
    coverageBps: z.number().int().min(1).max(10_000),
    womenLed: z.boolean().default(false),
    purpose: z.string().trim().max(2000).default(''),
  })
  .refine((g) => g.graceMonths < g.termMonths, { message: 'The grace period must be shorter than the term', path: ['graceMonths'] })
  .meta({ id: 'PrepareGuaranteeInput' });
export type PrepareGuaranteeInput = z.infer<typeof prepareGuaranteeInputSchema>;

export const guaranteeOutstandingSchema = z
  .object({
    asOf: isoDay,
    source: z.enum(['issue', 'bank', 'schedule']),
    outstandingMinor: z.number().int(),
    arrearsMinor: z.number().int(),
    daysInArrears: z.number().int(),
    exposureMinor: z.number().int(),
  })
  .meta({ id: 'GuaranteeOutstanding' });

export const riskChangeSchema = z
  .object({
    fromClass: riskClassSchema,
    toClass: riskClassSchema,
    reason: z.enum(['arrears', 'visit', 'exposure', 'call', 'release', 'issue']),
    exposureMinor: z.number().int(),
    provisionBeforeMinor: z.number().int(),
    provisionAfterMinor: z.number().int(),
    journalEntryId: z.number().int().nullable(),
    occurredOn: isoDay,
    createdAt: z.string(),
  })
  .meta({ id: 'GuaranteeRiskChange' });

export const guaranteeCallSchema = z
  .object({
    id: z.uuid(),
    guaranteeId: z.uuid(),
    defaultedOn: isoDay,
    calledOn: isoDay,
    declaredLossMinor: z.number().int(),
    claimedMinor: z.number().int(),
    payoutMinor: z.number().int(),
    status: callStatusSchema,
    note: z.string(),
    madeBy: z.uuid(),
    decidedBy: z.uuid().nullable(),
    approvedOn: isoDay.nullable(),
    paidOn: isoDay.nullable(),
    approvalEntryId: z.number().int().nullable(),
    paymentEntryId: z.number().int().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'GuaranteeCall' });
export type GuaranteeCall = z.infer<typeof guaranteeCallSchema>;

export const recoverySchema = z
  .object({ id: z.uuid(), callId: z.uuid(), receivedOn: isoDay, bankRecoveredMinor: z.number().int(), fundShareMinor: z.number().int(), journalEntryId: z.number().int(), createdAt: z.string() })
  .meta({ id: 'GuaranteeRecovery' });

export const feeSchema = z
  .object({ chargedOn: isoDay, basis: feeBasisSchema, baseMinor: z.number().int(), amountMinor: z.number().int(), journalEntryId: z.number().int().nullable() })
  .meta({ id: 'GuaranteeFee' });

export const guaranteeSchema = z
  .object({
    id: z.uuid(),
    number: z.number().int(),
    structureId: z.uuid(),
    fundId: z.uuid(),
    fundCode: z.string(),
    agreementId: z.uuid(),
    bankId: z.uuid(),
    bankName: z.string(),
    projectId: z.uuid(),
    projectTitle: z.string(),
    organisationName: z.string(),
    sector: z.string().nullable(),
    district: z.string().nullable(),
    bankLoanRef: z.string(),
    loanAmountMinor: z.number().int(),
    currency: currencySchema,
    loanRateBps: z.number().int(),
    termMonths: z.number().int(),
    graceMonths: z.number().int(),
    method: z.enum(['annuity', 'declining']),
    disbursedOn: isoDay,
    coverageBps: z.number().int(),
    guaranteedMinor: z.number().int(),
    womenLed: z.boolean(),
    purpose: z.string(),
    status: guaranteeStatusSchema,
    riskClass: riskClassSchema,
    outstandingMinor: z.number().int(),
    outstandingOn: isoDay,
    daysInArrears: z.number().int(),
    arrearsMinor: z.number().int(),
    exposureMinor: z.number().int(),
    provisionMinor: z.number().int(),
    feesMinor: z.number().int(),
    paidMinor: z.number().int(),
    recoveredMinor: z.number().int(),
    preparedBy: z.uuid(),
    decidedBy: z.uuid().nullable(),
    issuedOn: isoDay.nullable(),
    releasedOn: isoDay.nullable(),
    closedOn: isoDay.nullable(),
    createdAt: z.string(),
    allowedActions: z.array(guaranteeActionSchema),
    waiting: z.array(waitingSchemaOf(guaranteeActionSchema)),
  })
  .meta({ id: 'Guarantee' });
export type Guarantee = z.infer<typeof guaranteeSchema>;

/** One guarantee with its history: outstanding reports, risk changes, fees, calls, recoveries and its audit trail. */
export const guaranteeDetailSchema = guaranteeSchema
  .extend({
    outstandings: z.array(guaranteeOutstandingSchema),
    riskChanges: z.array(riskChangeSchema),
    fees: z.array(feeSchema),
    calls: z.array(guaranteeCallSchema),
    recoveries: z.array(recoverySchema),
    timeline: z.array(timelineEventSchema),
  })
  .meta({ id: 'GuaranteeDetail' });
export type GuaranteeDetail = z.infer<typeof guaranteeDetailSchema>;

/** Which guarantees: by fund, bank, status, risk class or project. */
export const guaranteeFiltersSchema = z.object({
  fundId: z.uuid().optional(),
  bankId: z.uuid().optional(),
  status: guaranteeStatusSchema.optional(),
  riskClass: riskClassSchema.optional(),
  projectId: z.uuid().optional(),
});
export type GuaranteeFilters = z.infer<typeof guaranteeFiltersSchema>;
/** The register, a page at a time (newest first); the CSV export takes the filters alone and walks every page. */
export const guaranteeListQuerySchema = guaranteeFiltersSchema.extend(pageQuerySchema.shape);
export type GuaranteeListQuery = z.infer<typeof guaranteeListQuerySchema>;

export const decideInputSchema = z
  .object({ note: z.string().trim().max(2000).default(''), accountingDate: isoDay.optional() })
  .meta({ id: 'GuaranteeDecisionInput' });
export type DecideInput = z.infer<typeof decideInputSchema>;

// ---- Bank reports: the loan's outstanding and arrears ----

export const bankReportInputSchema = z
  .object({
    asOf: isoDay,
    outstandingMinor: minorUnitsSchema.min(0),
    arrearsMinor: minorUnitsSchema.min(0).default(0),
    daysInArrears: z.number().int().min(0).max(36500).default(0),
  })
  .meta({ id: 'GuaranteeBankReportInput' });
export type BankReportInput = z.infer<typeof bankReportInputSchema>;

// ---- Calls and recoveries ----

export const callInputSchema = z
  .object({
    defaultedOn: isoDay,
    calledOn: isoDay,
    declaredLossMinor: positiveMinorUnitsSchema,
    /** What the bank asks for; by default the coverage times the declared loss. Never above the guaranteed amount. */
    claimedMinor: positiveMinorUnitsSchema.optional(),
    note: z.string().trim().max(2000).default(''),
  })
  .refine((c) => c.calledOn >= c.defaultedOn, { message: 'A call comes after the default', path: ['calledOn'] })
  .meta({ id: 'GuaranteeCallInput' });
export type CallInput = z.infer<typeof callInputSchema>;

export const payCallInputSchema = z.object({ paidOn: isoDay }).meta({ id: 'GuaranteePayCallInput' });
export type PayCallInput = z.infer<typeof payCallInputSchema>;

export const recoveryInputSchema = z
  .object({ receivedOn: isoDay, bankRecoveredMinor: positiveMinorUnitsSchema })
  .meta({ id: 'GuaranteeRecoveryInput' });
export type RecoveryInput = z.infer<typeof recoveryInputSchema>;

// ---- Bank report files (H2): preview row by row, then post all or nothing ----

export const REPORT_IMPORT_MAX_BYTES = 700 * 1024;
export const REPORT_IMPORT_MAX_ROWS = 5000;

export const reportImportInputSchema = z
  .object({ bankId: z.uuid(), fileName: z.string().trim().min(1).max(200), contentBase64: z.string().min(4) })
  .meta({ id: 'GuaranteeReportImportInput' });
export type ReportImportInput = z.infer<typeof reportImportInputSchema>;

export const reportRowSchema = z
  .object({
    lineNo: z.number().int(),
    bankLoanRef: z.string(),
    asOf: isoDay.nullable(),
    outstandingMinor: z.number().int().nullable(),
    arrearsMinor: z.number().int().nullable(),
    daysInArrears: z.number().int().nullable(),
    guaranteeId: z.uuid().nullable(),
    guaranteeNumber: z.number().int().nullable(),
    /** Message keys (guarantees.row_*): an empty list is a row ready to post. */
    errors: z.array(z.string()),
  })
  .meta({ id: 'GuaranteeReportRow' });
export type ReportRow = z.infer<typeof reportRowSchema>;

export const reportPreviewSchema = z
  .object({
    bankId: z.uuid(),
    fileName: z.string(),
    sha256: z.string(),
    rowCount: z.number().int(),
    errorCount: z.number().int(),
    /** Set once the file is posted. */
    importId: z.uuid().nullable(),
    rows: z.array(reportRowSchema),
  })
  .meta({ id: 'GuaranteeReportPreview' });
export type ReportPreview = z.infer<typeof reportPreviewSchema>;

// ---- Guarantee requests (H1) ----

export const cancelGuaranteeInputSchema = z.object({ reason: z.string().trim().max(2000).default('') }).meta({ id: 'GuaranteeCancelInput' });
export type CancelGuaranteeInput = z.infer<typeof cancelGuaranteeInputSchema>;
