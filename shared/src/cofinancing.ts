import { z } from 'zod';
import { currencySchema, positiveMinorUnitsSchema } from './money';
import { waitingSchemaOf, type Flow } from './money-flow';
import { pageQuerySchema } from './pagination';

export const COFINANCING_STATUSES = ['draft', 'prepared', 'approved', 'rejected', 'cancelled', 'completed'] as const;
export const cofinancingStatusSchema = z.enum(COFINANCING_STATUSES);
export type CofinancingStatus = z.infer<typeof cofinancingStatusSchema>;

export const COFINANCING_ACTIONS = ['prepare', 'committee_opinion', 'approve', 'reject', 'sign_agreement', 'disburse', 'cancel'] as const;
export const cofinancingActionSchema = z.enum(COFINANCING_ACTIONS);
export type CofinancingAction = z.infer<typeof cofinancingActionSchema>;

/** A request's life: what each status allows and who does it (shared/src/money-flow.ts says who is who). */
export const COFINANCING_FLOW: Flow<CofinancingStatus, CofinancingAction> = {
  draft: { prepare: 'maker', cancel: 'manager' },
  prepared: { prepare: 'maker', committee_opinion: 'clerk', approve: 'checker', reject: 'checker', cancel: 'manager' },
  approved: { sign_agreement: 'maker', disburse: 'manager', cancel: 'manager' },
  rejected: {},
  cancelled: {},
  completed: {},
};

const isoDay = z.iso.date();

export const otherFunderSchema = z
  .object({
    name: z.string().trim().min(2).max(200),
    amountMinor: positiveMinorUnitsSchema,
    status: z.enum(['requested', 'confirmed']).default('requested'),
  })
  .meta({ id: 'OtherFunder' });

export const timelineEventSchema = z
  .object({ at: z.string(), action: z.string(), actorEmail: z.string().nullable(), actorName: z.string().nullable(), details: z.unknown().nullable() })
  .meta({ id: 'TimelineEvent' });
export type TimelineEvent = z.infer<typeof timelineEventSchema>;

export const trancheSchema = z
  .object({
    id: z.uuid(),
    seq: z.number().int(),
    amountMinor: z.number().int(),
    milestoneId: z.uuid().nullable(),
    milestoneTitle: z.string().nullable(),
    milestoneStatus: z.string().nullable(),
    status: z.enum(['planned', 'disbursed', 'cancelled']),
    disbursedOn: isoDay.nullable(),
    journalEntryId: z.number().int().nullable(),
    /** Whether the caller may pay this tranche out now. */
    disbursable: z.boolean(),
  })
  .meta({ id: 'CofinancingTranche' });
export type Tranche = z.infer<typeof trancheSchema>;

export const cofinancingSchema = z
  .object({
    id: z.uuid(),
    number: z.number().int(),
    /** The fund's structure. */
    structureId: z.uuid(),
    fundId: z.uuid(),
    fundCode: z.string(),
    projectId: z.uuid(),
    projectTitle: z.string(),
    projectBudgetMinor: z.number().int(),
    amountMinor: z.number().int(),
    currency: currencySchema,
    purpose: z.string(),
    otherFunders: z.array(otherFunderSchema),
    status: cofinancingStatusSchema,
    createdBy: z.uuid(),
    recommendation: z.string().nullable(),
    preparedBy: z.uuid().nullable(),
    preparedAt: z.string().nullable(),
    committeeRequired: z.boolean(),
    committeeDecision: z.enum(['favourable', 'unfavourable']).nullable(),
    committeeNote: z.string().nullable(),
    committeeDecidedAt: z.string().nullable(),
    decidedBy: z.uuid().nullable(),
    decidedAt: z.string().nullable(),
    decisionNote: z.string().nullable(),
    conditions: z.array(z.string()),
    agreementSignedOn: isoDay.nullable(),
    tranches: z.array(trancheSchema),
    disbursedMinor: z.number().int(),
    createdAt: z.string(),
    timeline: z.array(timelineEventSchema),
    /** What the caller may do now (the page shows exactly these), and what waits, with why. */
    allowedActions: z.array(cofinancingActionSchema),
    waiting: z.array(waitingSchemaOf(cofinancingActionSchema)),
  })
  .meta({ id: 'CofinancingRequest' });
export type Cofinancing = z.infer<typeof cofinancingSchema>;

/** Which requests: by fund, project and status. */
export const cofinancingFiltersSchema = z.object({
  fundId: z.uuid().optional(),
  projectId: z.uuid().optional(),
  status: cofinancingStatusSchema.optional(),
});
export type CofinancingFilters = z.infer<typeof cofinancingFiltersSchema>;
/** The list, a page at a time (newest first); the CSV export takes the filters alone and walks every page. */
export const cofinancingListQuerySchema = cofinancingFiltersSchema.extend(pageQuerySchema.shape);
export type CofinancingListQuery = z.infer<typeof cofinancingListQuerySchema>;

export const createCofinancingInputSchema = z
  .object({
    fundId: z.uuid(),
    projectId: z.uuid(),
    amountMinor: positiveMinorUnitsSchema,
    currency: currencySchema,
    purpose: z.string().trim().min(3).max(2000),
    otherFunders: z.array(otherFunderSchema).max(20).default([]),
  })
  .meta({ id: 'CreateCofinancingInput' });
export type CreateCofinancingInput = z.infer<typeof createCofinancingInputSchema>;

export const prepareCofinancingInputSchema = z
  .object({
    recommendation: z.string().trim().min(3).max(5000),
    conditions: z.array(z.string().trim().min(3).max(500)).max(20).default([]),
    tranches: z
      .array(z.object({ amountMinor: positiveMinorUnitsSchema, milestoneId: z.uuid().nullable().default(null) }))
      .min(1)
      .max(12),
  })
  .meta({ id: 'PrepareCofinancingInput' });
export type PrepareCofinancingInput = z.infer<typeof prepareCofinancingInputSchema>;

/**
 * The committee's opinion, recorded by staff from one of its sessions: the session, the members who sat
 * and voted (at least the session's quorum), and what they decided.
 */
export const committeeDecisionInputSchema = z
  .object({
    sessionId: z.uuid(),
    voterIds: z.array(z.uuid()).min(1).max(50),
    decision: z.enum(['favourable', 'unfavourable']),
    note: z.string().trim().max(2000).default(''),
  })
  .meta({ id: 'CommitteeDecisionInput' });
export type CommitteeDecisionInput = z.infer<typeof committeeDecisionInputSchema>;

/** A committee session whose opinion may be recorded on a request, with the members who may have voted. */
export const committeeSessionOptionSchema = z
  .object({ id: z.uuid(), title: z.string(), heldOn: isoDay, quorum: z.number().int(), members: z.array(z.object({ id: z.uuid(), name: z.string() })) })
  .meta({ id: 'CofinancingCommitteeSession' });
export type CommitteeSessionOption = z.infer<typeof committeeSessionOptionSchema>;

export const decisionNoteInputSchema = z.object({ note: z.string().trim().max(2000).default('') }).meta({ id: 'DecisionNoteInput' });
export type DecisionNoteInput = z.infer<typeof decisionNoteInputSchema>;

export const signAgreementInputSchema = z.object({ signedOn: isoDay }).meta({ id: 'SignAgreementInput' });

export const disburseTrancheInputSchema = z.object({ disbursedOn: isoDay.optional() }).meta({ id: 'DisburseTrancheInput' });
export type DisburseTrancheInput = z.infer<typeof disburseTrancheInputSchema>;

export const cancelInputSchema = z.object({ reason: z.string().trim().min(3).max(2000) }).meta({ id: 'CancelInput' });
export type CancelInput = z.infer<typeof cancelInputSchema>;

/**
 * What waits on the signed-in fund manager or committee member, read from the pending decisions (one
 * maker-checker mechanism): a co-financing waits on a fund manager's decision, or first, above the fund's
 * threshold, on the committee's opinion.
 */
export const approvalInboxSchema = z
  .object({
    cofinancing: z.array(
      cofinancingSchema
        .pick({ id: true, number: true, structureId: true, fundId: true, fundCode: true, projectId: true, projectTitle: true, amountMinor: true, currency: true, purpose: true, preparedBy: true, committeeRequired: true, committeeDecision: true })
        .extend({ decisionId: z.uuid(), requestedAt: z.string() }),
    ),
    loans: z.array(z.object({ id: z.uuid(), number: z.number().int(), projectTitle: z.string(), principalMinor: z.number().int(), currency: currencySchema, fundCode: z.string(), status: z.string() })),
    loanActions: z.array(z.object({ id: z.uuid(), loanId: z.uuid(), loanNumber: z.number().int(), kind: z.enum(['reschedule', 'write_off']), reason: z.string(), proposedAt: z.string() })),
    equipmentQuotes: z.array(z.object({ id: z.uuid(), number: z.number().int(), supplier: z.string(), totalMinor: z.number().int(), currency: currencySchema, projectTitle: z.string() })),
    /** A fund's books to close up to a day, asked by another fund manager. */
    closures: z.array(z.object({ decisionId: z.uuid(), id: z.uuid(), fundId: z.uuid(), fundCode: z.string(), closesOn: isoDay, note: z.string(), requestedAt: z.string() })),
    /** A community bond offering to approve before it opens. */
    bondOfferings: z.array(
      z.object({ decisionId: z.uuid(), id: z.uuid(), code: z.string(), title: z.string(), maxUnits: z.number().int(), unitPriceMinor: z.number().int(), currency: currencySchema, requestedAt: z.string() }),
    ),
    /** A guarantee to issue, or a bank's call to pay, on a guarantee fund. */
    guarantees: z.array(
      z.object({
        decisionId: z.uuid(),
        id: z.uuid(),
        number: z.number().int(),
        kind: z.enum(['guarantee.approve', 'guarantee.call']),
        projectTitle: z.string(),
        bankName: z.string(),
        amountMinor: z.number().int().nullable(),
        currency: currencySchema.nullable(),
        requestedAt: z.string(),
      }),
    ),
  })
  .meta({ id: 'ApprovalInbox' });
export type ApprovalInbox = z.infer<typeof approvalInboxSchema>;
