import { z } from 'zod';
import { pageQuerySchema } from './pagination';

const isoDate = z.iso.date();

export const MILESTONE_KINDS = ['legal_registration', 'first_sale', 'first_hire', 'co_financing', 'equipment_installed', 'other'] as const;
export const milestoneKindSchema = z.enum(MILESTONE_KINDS);
export const MILESTONE_STATUSES = ['planned', 'reached', 'missed', 'cancelled'] as const;
export const milestoneStatusSchema = z.enum(MILESTONE_STATUSES);

export const milestoneSchema = z
  .object({
    id: z.uuid(),
    structureId: z.uuid(),
    structureName: z.string(),
    projectId: z.uuid(),
    projectTitle: z.string(),
    organisationName: z.string(),
    kind: z.string(),
    title: z.string(),
    dueOn: z.string().nullable(),
    status: milestoneStatusSchema,
    evidence: z.string().nullable(),
    reachedOn: z.string().nullable(),
    /** Planned and past its due date. */
    overdue: z.boolean(),
  })
  .meta({ id: 'Milestone' });
export type Milestone = z.infer<typeof milestoneSchema>;

export const createMilestoneInputSchema = z
  .object({
    projectId: z.uuid(),
    kind: milestoneKindSchema,
    title: z.string().trim().min(3).max(200),
    dueOn: isoDate.nullable().optional(),
  })
  .meta({ id: 'CreateMilestoneInput' });
export type CreateMilestoneInput = z.infer<typeof createMilestoneInputSchema>;

export const updateMilestoneInputSchema = z
  .object({
    title: z.string().trim().min(3).max(200),
    dueOn: isoDate.nullable(),
    status: milestoneStatusSchema,
    evidence: z.string().trim().max(2000).nullable(),
    reachedOn: isoDate.nullable(),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'Nothing to change')
  .meta({ id: 'UpdateMilestoneInput' });
export type UpdateMilestoneInput = z.infer<typeof updateMilestoneInputSchema>;

/** Keyset-paged (cursor + limit), soonest due first, undated last; the CSV export takes the same filters without the page. */
export const milestoneListQuerySchema = pageQuerySchema.extend({
  projectId: z.uuid().optional(),
  status: milestoneStatusSchema.optional(),
  overdue: z.enum(['true', 'false']).optional(),
});
export type MilestoneListQuery = z.infer<typeof milestoneListQuerySchema>;

export const RISK_RATINGS = ['green', 'amber', 'red'] as const;
export const riskRatingSchema = z.enum(RISK_RATINGS).meta({ id: 'RiskRating' });
export type RiskRating = z.infer<typeof riskRatingSchema>;

export const followupVisitSchema = z
  .object({
    id: z.uuid(),
    structureId: z.uuid(),
    structureName: z.string(),
    projectId: z.uuid(),
    projectTitle: z.string(),
    organisationName: z.string(),
    visitedOn: z.string(),
    visitorName: z.string(),
    findings: z.string(),
    riskRating: riskRatingSchema,
    recommendations: z.string(),
    nextVisitOn: z.string().nullable(),
  })
  .meta({ id: 'FollowupVisit' });
export type FollowupVisit = z.infer<typeof followupVisitSchema>;

export const createVisitInputSchema = z
  .object({
    projectId: z.uuid(),
    visitedOn: isoDate,
    visitorName: z.string().trim().min(2).max(160).optional(),
    findings: z.string().trim().min(3).max(10_000),
    riskRating: riskRatingSchema,
    recommendations: z.string().trim().max(10_000).default(''),
    nextVisitOn: isoDate.nullable().optional(),
  })
  .refine((v) => !v.nextVisitOn || v.nextVisitOn >= v.visitedOn, { message: 'The next visit comes after this one', path: ['nextVisitOn'] })
  .meta({ id: 'CreateVisitInput' });
export type CreateVisitInput = z.infer<typeof createVisitInputSchema>;

/** Keyset-paged (cursor + limit), latest visit first; the CSV export takes the same filters without the page. */
export const visitListQuerySchema = pageQuerySchema.extend({ projectId: z.uuid().optional(), riskRating: riskRatingSchema.optional() });
export type VisitListQuery = z.infer<typeof visitListQuerySchema>;

/** A project whose latest follow-up visit rated it red: what fund managers must look at first. */
export const atRiskProjectSchema = z
  .object({
    projectId: z.uuid(),
    projectTitle: z.string(),
    organisationName: z.string(),
    district: z.string(),
    latestVisit: followupVisitSchema,
  })
  .meta({ id: 'AtRiskProject' });
export type AtRiskProject = z.infer<typeof atRiskProjectSchema>;
