import { z } from 'zod';
import { applicationStatusSchema } from './applications';
import { gridCriterionSchema } from './programmes';

export const COMMITTEE_DECISIONS = ['accepted', 'waitlisted', 'rejected'] as const;
export const committeeDecisionKindSchema = z.enum(COMMITTEE_DECISIONS);
export type CommitteeDecisionKind = z.infer<typeof committeeDecisionKindSchema>;

export const committeeSessionSchema = z
  .object({
    id: z.uuid(),
    structureId: z.uuid(),
    programmeId: z.uuid(),
    programmeCode: z.string(),
    programmeName: z.string(),
    title: z.string(),
    heldOn: z.string(),
    quorum: z.number().int(),
    status: z.enum(['open', 'closed']),
    memberCount: z.number().int(),
    agendaCount: z.number().int(),
    createdAt: z.string(),
  })
  .meta({ id: 'CommitteeSession' });
export type CommitteeSession = z.infer<typeof committeeSessionSchema>;

export const agendaItemSchema = z
  .object({
    applicationId: z.uuid(),
    projectTitle: z.string(),
    organisationName: z.string(),
    status: applicationStatusSchema,
    scorecardCount: z.number().int(),
    /** Members who declared a conflict on this application (they are excluded from scoring it). */
    conflictedMemberIds: z.array(z.uuid()),
    /** Whether the caller has scored it (always false for staff, who do not score). */
    scoredByMe: z.boolean(),
    quorumReached: z.boolean(),
    decision: z
      .object({ decision: committeeDecisionKindSchema, reasons: z.string(), averageScore: z.number(), decidedAt: z.string() })
      .nullable(),
  })
  .meta({ id: 'AgendaItem' });

export const committeeSessionDetailSchema = committeeSessionSchema
  .extend({
    grid: z.array(gridCriterionSchema),
    members: z.array(z.object({ userId: z.uuid(), name: z.string(), email: z.string() })),
    agenda: z.array(agendaItemSchema),
  })
  .meta({ id: 'CommitteeSessionDetail' });
export type CommitteeSessionDetail = z.infer<typeof committeeSessionDetailSchema>;

export const createCommitteeSessionInputSchema = z
  .object({
    programmeId: z.uuid(),
    title: z.string().trim().min(3).max(200),
    heldOn: z.iso.date(),
    quorum: z.number().int().min(1).max(50),
    memberIds: z.array(z.uuid()).min(1).max(50).refine((ids) => new Set(ids).size === ids.length, 'Members repeat'),
    applicationIds: z.array(z.uuid()).max(200).refine((ids) => new Set(ids).size === ids.length, 'Applications repeat').default([]),
  })
  .meta({ id: 'CreateCommitteeSessionInput' });
export type CreateCommitteeSessionInput = z.infer<typeof createCommitteeSessionInputSchema>;

export const addAgendaItemInputSchema = z.object({ applicationId: z.uuid() }).meta({ id: 'AddAgendaItemInput' });

export const addMemberInputSchema = z.object({ userId: z.uuid() }).meta({ id: 'AddCommitteeMemberInput' });

export const declareConflictInputSchema = z.object({ reason: z.string().trim().min(3).max(1000) }).meta({ id: 'DeclareConflictInput' });
export type DeclareConflictInput = z.infer<typeof declareConflictInputSchema>;

export const scorecardInputSchema = z
  .object({
    scores: z.record(z.string().max(40), z.number().int()),
    comment: z.string().trim().max(4000).default(''),
  })
  .meta({ id: 'ScorecardInput' });
export type ScorecardInput = z.infer<typeof scorecardInputSchema>;

export const scorecardSchema = z
  .object({
    userId: z.uuid(),
    memberName: z.string(),
    scores: z.record(z.string(), z.number().int()),
    comment: z.string(),
    /** Weighted average as a percentage of the grid's maximum, rounded to 2 decimals. */
    weightedScore: z.number(),
    submittedAt: z.string(),
  })
  .meta({ id: 'Scorecard' });
export type Scorecard = z.infer<typeof scorecardSchema>;

export const applicationScoresSchema = z
  .object({
    applicationId: z.uuid(),
    grid: z.array(gridCriterionSchema),
    mine: scorecardSchema.nullable(),
    /** Others' scorecards: empty until the caller has submitted their own (or for a conflicted member). */
    others: z.array(scorecardSchema),
    hidden: z.boolean(),
    scorecardCount: z.number().int(),
    quorum: z.number().int(),
    /** Average of the weighted scores, shown once visible. */
    averageScore: z.number().nullable(),
    criterionAverages: z.record(z.string(), z.number()).nullable(),
  })
  .meta({ id: 'ApplicationScores' });
export type ApplicationScores = z.infer<typeof applicationScoresSchema>;

export const decisionInputSchema = z
  .object({
    decision: committeeDecisionKindSchema,
    reasons: z.string().trim().min(10).max(4000),
    /** For an acceptance: the cohort the project joins at once (capacity enforced). */
    cohortId: z.uuid().optional(),
  })
  .refine((v) => !v.cohortId || v.decision === 'accepted', { message: 'Only an accepted project joins a cohort', path: ['cohortId'] })
  .meta({ id: 'DecisionInput' });
export type DecisionInput = z.infer<typeof decisionInputSchema>;

/** Convening for one programme lists only the people whose committee role reaches its structure. */
export const committeeDirectoryQuerySchema = z.object({ programmeId: z.uuid().optional() });

export const committeeDirectoryEntrySchema = z.object({ id: z.uuid(), name: z.string(), email: z.string() }).meta({ id: 'CommitteeDirectoryEntry' });
export type CommitteeDirectoryEntry = z.infer<typeof committeeDirectoryEntrySchema>;
