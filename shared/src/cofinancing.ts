import { z } from 'zod';
import { currencySchema, positiveMinorUnitsSchema } from './money';

export const COFINANCING_STATUSES = ['draft', 'prepared', 'approved', 'rejected', 'cancelled', 'completed'] as const;
export const cofinancingStatusSchema = z.enum(COFINANCING_STATUSES);

const isoDay = z.iso.date();

export const otherFunderSchema = z
  .object({
    name: z.string().trim().min(2).max(200),
    amountMinor: positiveMinorUnitsSchema,
    status: z.enum(['requested', 'confirmed']).default('requested'),
  })
  .meta({ id: 'OtherFunder' });

export const timelineEventSchema = z
  .object({ at: z.string(), action: z.string(), actorEmail: z.string().nullable(), details: z.unknown().nullable() })
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
  })
  .meta({ id: 'CofinancingTranche' });
export type Tranche = z.infer<typeof trancheSchema>;

export const cofinancingSchema = z
  .object({
    id: z.uuid(),
    number: z.number().int(),
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
  })
  .meta({ id: 'CofinancingRequest' });
export type Cofinancing = z.infer<typeof cofinancingSchema>;

export const cofinancingListQuerySchema = z.object({
  fundId: z.uuid().optional(),
  projectId: z.uuid().optional(),
  status: cofinancingStatusSchema.optional(),
});
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

export const committeeDecisionInputSchema = z
  .object({ decision: z.enum(['favourable', 'unfavourable']), note: z.string().trim().max(2000).default('') })
  .meta({ id: 'CommitteeDecisionInput' });
export type CommitteeDecisionInput = z.infer<typeof committeeDecisionInputSchema>;

export const decisionNoteInputSchema = z.object({ note: z.string().trim().max(2000).default('') }).meta({ id: 'DecisionNoteInput' });
export type DecisionNoteInput = z.infer<typeof decisionNoteInputSchema>;

export const signAgreementInputSchema = z.object({ signedOn: isoDay }).meta({ id: 'SignAgreementInput' });

export const disburseTrancheInputSchema = z.object({ disbursedOn: isoDay.optional() }).meta({ id: 'DisburseTrancheInput' });
export type DisburseTrancheInput = z.infer<typeof disburseTrancheInputSchema>;

export const cancelInputSchema = z.object({ reason: z.string().trim().min(3).max(2000) }).meta({ id: 'CancelInput' });
export type CancelInput = z.infer<typeof cancelInputSchema>;

/** What waits on the signed-in fund manager or committee member. */
export const approvalInboxSchema = z
  .object({
    cofinancing: z.array(cofinancingSchema.omit({ timeline: true })),
    loans: z.array(z.object({ id: z.uuid(), number: z.number().int(), projectTitle: z.string(), principalMinor: z.number().int(), currency: currencySchema, fundCode: z.string(), status: z.string() })),
    loanActions: z.array(z.object({ id: z.uuid(), loanId: z.uuid(), loanNumber: z.number().int(), kind: z.enum(['reschedule', 'write_off']), reason: z.string(), proposedAt: z.string() })),
    equipmentQuotes: z.array(z.object({ id: z.uuid(), number: z.number().int(), supplier: z.string(), totalMinor: z.number().int(), currency: currencySchema, projectTitle: z.string() })),
  })
  .meta({ id: 'ApprovalInbox' });
export type ApprovalInbox = z.infer<typeof approvalInboxSchema>;
