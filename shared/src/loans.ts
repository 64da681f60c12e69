import { z } from 'zod';
import { timelineEventSchema } from './cofinancing';
import { currencySchema, positiveMinorUnitsSchema } from './money';
import { waitingSchemaOf, type Flow } from './money-flow';
import { pageQuerySchema } from './pagination';

export const LOAN_STATUSES = ['proposed', 'approved', 'rejected', 'active', 'closed', 'written_off', 'cancelled'] as const;
export const loanStatusSchema = z.enum(LOAN_STATUSES);
export type LoanStatus = z.infer<typeof loanStatusSchema>;

export const LOAN_DOCUMENT_ACTIONS = ['approve', 'reject', 'disburse', 'cancel', 'record_repayment', 'propose_action', 'decide_action'] as const;
export const loanDocumentActionSchema = z.enum(LOAN_DOCUMENT_ACTIONS);
export type LoanDocumentAction = z.infer<typeof loanDocumentActionSchema>;

/** A loan's life: what each status allows and who does it (shared/src/money-flow.ts says who is who). */
export const LOAN_FLOW: Flow<LoanStatus, LoanDocumentAction> = {
  proposed: { approve: 'checker', reject: 'checker', cancel: 'manager' },
  approved: { disburse: 'manager', cancel: 'manager' },
  active: { record_repayment: 'maker', propose_action: 'maker', decide_action: 'checker' },
  rejected: {},
  closed: {},
  written_off: {},
  cancelled: {},
};
export const loanKindSchema = z.enum(['honour_loan', 'repayable_advance']);
export const amortisationMethodSchema = z.enum(['annuity', 'declining']);

const isoDay = z.iso.date();

export const instalmentSchema = z
  .object({
    seq: z.number().int(),
    dueOn: isoDay,
    principalMinor: z.number().int(),
    interestMinor: z.number().int(),
    paidPrincipalMinor: z.number().int(),
    paidInterestMinor: z.number().int(),
    status: z.enum(['paid', 'partial', 'due', 'overdue']),
  })
  .meta({ id: 'LoanInstalment' });
export type Instalment = z.infer<typeof instalmentSchema>;

export const repaymentSchema = z
  .object({
    id: z.uuid(),
    paidOn: isoDay,
    amountMinor: z.number().int(),
    principalMinor: z.number().int(),
    interestMinor: z.number().int(),
    scheduleVersion: z.number().int(),
    journalEntryId: z.number().int(),
  })
  .meta({ id: 'LoanRepayment' });

export const rescheduleParamsSchema = z
  .object({
    termMonths: z.number().int().min(1).max(360),
    graceMonths: z.number().int().min(0).max(359),
    rateBps: z.number().int().min(0).max(10_000),
    method: amortisationMethodSchema,
    startsOn: isoDay,
  })
  .refine((p) => p.graceMonths < p.termMonths, { message: 'The grace period must be shorter than the term', path: ['graceMonths'] })
  .meta({ id: 'RescheduleParams' });
export type RescheduleParams = z.infer<typeof rescheduleParamsSchema>;

export const loanActionSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(['reschedule', 'write_off']),
    params: z.unknown(),
    reason: z.string(),
    status: z.enum(['pending', 'approved', 'rejected']),
    proposedBy: z.uuid(),
    proposedAt: z.string(),
    decidedBy: z.uuid().nullable(),
    decidedAt: z.string().nullable(),
    journalEntryId: z.number().int().nullable(),
  })
  .meta({ id: 'LoanAction' });

export const loanSchema = z
  .object({
    id: z.uuid(),
    number: z.number().int(),
    /** The fund's structure. */
    structureId: z.uuid(),
    fundId: z.uuid(),
    fundCode: z.string(),
    projectId: z.uuid(),
    projectTitle: z.string(),
    kind: loanKindSchema,
    principalMinor: z.number().int(),
    currency: currencySchema,
    rateBps: z.number().int(),
    termMonths: z.number().int(),
    graceMonths: z.number().int(),
    method: amortisationMethodSchema,
    purpose: z.string(),
    status: loanStatusSchema,
    proposedBy: z.uuid(),
    decidedBy: z.uuid().nullable(),
    disbursedOn: isoDay.nullable(),
    closedOn: isoDay.nullable(),
    scheduleVersion: z.number().int(),
    schedule: z.array(instalmentSchema),
    repayments: z.array(repaymentSchema),
    actions: z.array(loanActionSchema),
    repaidPrincipalMinor: z.number().int(),
    outstandingPrincipalMinor: z.number().int(),
    arrearsMinor: z.number().int(),
    daysInArrears: z.number().int(),
    createdAt: z.string(),
    timeline: z.array(timelineEventSchema),
    /** What the caller may do now (the page shows exactly these), and what waits, with why. */
    allowedActions: z.array(loanDocumentActionSchema),
    waiting: z.array(waitingSchemaOf(loanDocumentActionSchema)),
  })
  .meta({ id: 'Loan' });
export type Loan = z.infer<typeof loanSchema>;

/**
 * A loan as the lists show it: its figures and standing, without the schedule, the repayments and the history
 * (the loan's own page has those). A year-long schedule is most of a loan's weight.
 */
export const loanListItemSchema = loanSchema.omit({ schedule: true, repayments: true, timeline: true }).meta({ id: 'LoanListItem' });
export type LoanListItem = z.infer<typeof loanListItemSchema>;

/** What a list sends of a loan. */
export function toLoanListItem({ schedule: _schedule, repayments: _repayments, timeline: _timeline, ...item }: Loan): LoanListItem {
  return item;
}

/** Which loans: by fund, project, status, and whether an instalment is past due and unpaid. */
export const loanFiltersSchema = z.object({
  fundId: z.uuid().optional(),
  projectId: z.uuid().optional(),
  status: loanStatusSchema.optional(),
  inArrears: z.enum(['true', 'false']).optional(),
});
export type LoanFilters = z.infer<typeof loanFiltersSchema>;
/** The list, a page at a time (newest first); the CSV export takes the filters alone and walks every page. */
export const loanListQuerySchema = loanFiltersSchema.extend(pageQuerySchema.shape);
export type LoanListQuery = z.infer<typeof loanListQuerySchema>;

export const proposeLoanInputSchema = z
  .object({
    fundId: z.uuid(),
    projectId: z.uuid(),
    kind: loanKindSchema,
    principalMinor: positiveMinorUnitsSchema,
    currency: currencySchema,
    rateBps: z.number().int().min(0).max(10_000).default(0),
    termMonths: z.number().int().min(1).max(360),
    graceMonths: z.number().int().min(0).max(359).default(0),
    method: amortisationMethodSchema,
    purpose: z.string().trim().max(2000).default(''),
  })
  .refine((p) => p.graceMonths < p.termMonths, { message: 'The grace period must be shorter than the term', path: ['graceMonths'] })
  .meta({ id: 'ProposeLoanInput' });
export type ProposeLoanInput = z.infer<typeof proposeLoanInputSchema>;

export const disburseLoanInputSchema = z.object({ disbursedOn: isoDay }).meta({ id: 'DisburseLoanInput' });

export const recordRepaymentInputSchema = z
  .object({ amountMinor: positiveMinorUnitsSchema, currency: currencySchema, paidOn: isoDay })
  .meta({ id: 'RecordRepaymentInput' });
export type RecordRepaymentInput = z.infer<typeof recordRepaymentInputSchema>;

export const proposeLoanActionInputSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('reschedule'), reason: z.string().trim().min(3).max(2000), params: rescheduleParamsSchema }),
    z.object({ kind: z.literal('write_off'), reason: z.string().trim().min(3).max(2000), writtenOffOn: isoDay }),
  ])
  .meta({ id: 'ProposeLoanActionInput' });
export type ProposeLoanActionInput = z.infer<typeof proposeLoanActionInputSchema>;

export const schedulePreviewQuerySchema = z.object({
  principalMinor: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  rateBps: z.coerce.number().int().min(0).max(10_000).default(0),
  termMonths: z.coerce.number().int().min(1).max(360),
  graceMonths: z.coerce.number().int().min(0).max(359).default(0),
  method: amortisationMethodSchema,
  startsOn: isoDay,
});

export const schedulePreviewSchema = z
  .array(z.object({ seq: z.number().int(), dueOn: isoDay, principalMinor: z.number().int(), interestMinor: z.number().int() }))
  .meta({ id: 'SchedulePreview' });
