import { z } from 'zod';

const isoDate = z.iso.date();

export const cohortSchema = z
  .object({
    id: z.uuid(),
    structureId: z.uuid(),
    programmeId: z.uuid(),
    programmeCode: z.string(),
    programmeName: z.string(),
    name: z.string(),
    startsOn: z.string(),
    endsOn: z.string(),
    capacity: z.number().int(),
    memberCount: z.number().int(),
    createdAt: z.string(),
  })
  .meta({ id: 'Cohort' });
export type Cohort = z.infer<typeof cohortSchema>;

export const cohortMemberSchema = z
  .object({
    projectId: z.uuid(),
    projectTitle: z.string(),
    organisationName: z.string(),
    legalForm: z.string(),
    district: z.string(),
    stage: z.string(),
    applicationId: z.uuid().nullable(),
    joinedAt: z.string(),
  })
  .meta({ id: 'CohortMember' });
export type CohortMember = z.infer<typeof cohortMemberSchema>;

export const cohortDetailSchema = cohortSchema.extend({ members: z.array(cohortMemberSchema) }).meta({ id: 'CohortDetail' });
export type CohortDetail = z.infer<typeof cohortDetailSchema>;

const datesInOrder = (v: { startsOn?: string; endsOn?: string }) => !v.startsOn || !v.endsOn || v.startsOn <= v.endsOn;

export const createCohortInputSchema = z
  .object({
    programmeId: z.uuid(),
    name: z.string().trim().min(2).max(120),
    startsOn: isoDate,
    endsOn: isoDate,
    capacity: z.number().int().min(1).max(500),
  })
  .refine(datesInOrder, { message: 'The cohort ends before it starts', path: ['endsOn'] })
  .meta({ id: 'CreateCohortInput' });
export type CreateCohortInput = z.infer<typeof createCohortInputSchema>;

export const updateCohortInputSchema = z
  .object({
    name: z.string().trim().min(2).max(120).optional(),
    startsOn: isoDate.optional(),
    endsOn: isoDate.optional(),
    capacity: z.number().int().min(1).max(500).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'Nothing to change')
  .refine(datesInOrder, { message: 'The cohort ends before it starts', path: ['endsOn'] })
  .meta({ id: 'UpdateCohortInput' });
export type UpdateCohortInput = z.infer<typeof updateCohortInputSchema>;

export const joinCohortInputSchema = z.object({ applicationId: z.uuid() }).meta({ id: 'JoinCohortInput' });
export type JoinCohortInput = z.infer<typeof joinCohortInputSchema>;

export const cohortListQuerySchema = z.object({ programmeId: z.uuid().optional() });
