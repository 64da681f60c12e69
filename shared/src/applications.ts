import { z } from 'zod';
import { localeSchema } from './auth';
import { pageQuerySchema } from './pagination';
import { organisationInputSchema, organisationSchema, projectInputSchema, projectSchema } from './projects';

export const APPLICATION_STATUSES = ['draft', 'submitted', 'screening', 'committee', 'accepted', 'waitlisted', 'rejected', 'withdrawn'] as const;
export const applicationStatusSchema = z.enum(APPLICATION_STATUSES).meta({ id: 'ApplicationStatus' });
export type ApplicationStatus = z.infer<typeof applicationStatusSchema>;

/** Who makes a move: the holder of the application, staff, or the committee through a session's decision. */
export type MoveActor = 'holder' | 'staff' | 'committee';

/**
 * The pipeline: every move it allows, and who may make it. Anything else is refused with 409.
 * Decisions out of `committee` are the committee's; staff settle the waiting list.
 */
export const PIPELINE: Record<ApplicationStatus, Partial<Record<ApplicationStatus, MoveActor>>> = {
  draft: { submitted: 'holder', withdrawn: 'holder' },
  submitted: { screening: 'staff', withdrawn: 'holder' },
  screening: { committee: 'staff', rejected: 'staff', withdrawn: 'holder' },
  committee: { accepted: 'committee', waitlisted: 'committee', rejected: 'committee', withdrawn: 'holder' },
  waitlisted: { accepted: 'staff', rejected: 'staff', withdrawn: 'holder' },
  accepted: {},
  rejected: {},
  withdrawn: {},
};

/** Moves that must say why. */
export const MOVES_NEEDING_A_REASON: readonly ApplicationStatus[] = ['rejected', 'waitlisted', 'withdrawn'];

export const applicationEventSchema = z
  .object({
    id: z.number().int(),
    fromStatus: applicationStatusSchema.nullable(),
    toStatus: applicationStatusSchema,
    reason: z.string().nullable(),
    actorName: z.string().nullable(),
    at: z.string(),
  })
  .meta({ id: 'ApplicationEvent' });
export type ApplicationEvent = z.infer<typeof applicationEventSchema>;

export const applicationSummarySchema = z
  .object({
    id: z.uuid(),
    structureId: z.uuid(),
    programmeId: z.uuid(),
    programmeCode: z.string(),
    programmeName: z.string(),
    projectId: z.uuid(),
    projectTitle: z.string(),
    organisationName: z.string(),
    legalForm: z.string(),
    holderUserId: z.uuid(),
    holderName: z.string(),
    status: applicationStatusSchema,
    submittedAt: z.string().nullable(),
    decidedAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'ApplicationSummary' });
export type ApplicationSummary = z.infer<typeof applicationSummarySchema>;

export const attachmentSchema = z
  .object({ id: z.uuid(), filename: z.string(), contentType: z.string(), sizeBytes: z.number().int(), createdAt: z.string() })
  .meta({ id: 'Attachment' });
export type Attachment = z.infer<typeof attachmentSchema>;

export const applicationMessageSchema = z
  .object({
    id: z.number().int(),
    audience: z.enum(['holder', 'internal']),
    body: z.string(),
    authorName: z.string().nullable(),
    at: z.string(),
  })
  .meta({ id: 'ApplicationMessage' });
export type ApplicationMessage = z.infer<typeof applicationMessageSchema>;

export const applicationDetailSchema = applicationSummarySchema
  .extend({
    motivation: z.string(),
    locale: localeSchema,
    organisation: organisationSchema,
    project: projectSchema,
    events: z.array(applicationEventSchema),
    attachments: z.array(attachmentSchema),
    /** The moves the caller may make now; the board and buttons show only these. */
    allowedMoves: z.array(applicationStatusSchema),
    cohort: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  })
  .meta({ id: 'ApplicationDetail' });
export type ApplicationDetail = z.infer<typeof applicationDetailSchema>;

export const createApplicationInputSchema = z
  .object({
    programmeId: z.uuid(),
    motivation: z.string().trim().max(8000).default(''),
    locale: localeSchema.default('fr'),
    organisation: organisationInputSchema,
    project: projectInputSchema,
  })
  .meta({ id: 'CreateApplicationInput' });
export type CreateApplicationInput = z.infer<typeof createApplicationInputSchema>;

export const updateApplicationInputSchema = z
  .object({
    motivation: z.string().trim().max(8000).optional(),
    locale: localeSchema.optional(),
    organisation: organisationInputSchema.optional(),
    project: projectInputSchema.optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'Nothing to change')
  .meta({ id: 'UpdateApplicationInput' });
export type UpdateApplicationInput = z.infer<typeof updateApplicationInputSchema>;

export const moveApplicationInputSchema = z
  .object({
    to: applicationStatusSchema,
    /** The status the caller saw; a move from a stale board is refused rather than applied elsewhere. */
    from: applicationStatusSchema.optional(),
    reason: z.string().trim().min(3).max(2000).optional(),
  })
  .meta({ id: 'MoveApplicationInput' });
export type MoveApplicationInput = z.infer<typeof moveApplicationInputSchema>;

export const applicationListQuerySchema = pageQuerySchema.extend({
  programmeId: z.uuid().optional(),
  projectId: z.uuid().optional(),
  status: applicationStatusSchema.optional(),
  q: z.string().trim().max(100).optional(),
});
export type ApplicationListQuery = z.infer<typeof applicationListQuerySchema>;

export const boardQuerySchema = z.object({ programmeId: z.uuid().optional() });

/** Cards a board column shows at most (the longest waiting first); `total` says how many the stage holds. */
export const BOARD_COLUMN_SIZE = 200;

export const boardSchema = z
  .object({
    columns: z.array(z.object({ status: applicationStatusSchema, total: z.number().int().nonnegative(), items: z.array(applicationSummarySchema) })),
  })
  .meta({ id: 'ApplicationBoard' });
export type Board = z.infer<typeof boardSchema>;

export const ATTACHMENT_MAX_BYTES = 512 * 1024;
export const ATTACHMENTS_PER_APPLICATION = 10;
export const ATTACHMENT_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const;

export const uploadAttachmentInputSchema = z
  .object({
    filename: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .regex(/^[^/\\\0]+$/, 'A file name, not a path'),
    contentType: z.string().trim().min(3).max(100),
    /** The file's bytes in base64 (the API takes JSON only). */
    contentBase64: z.string().min(4).max(Math.ceil((ATTACHMENT_MAX_BYTES * 4) / 3) + 1024),
  })
  .meta({ id: 'UploadAttachmentInput' });
export type UploadAttachmentInput = z.infer<typeof uploadAttachmentInputSchema>;

export const postMessageInputSchema = z
  .object({ body: z.string().trim().min(1).max(4000), audience: z.enum(['holder', 'internal']).default('holder') })
  .meta({ id: 'PostMessageInput' });
export type PostMessageInput = z.infer<typeof postMessageInputSchema>;

export const screeningLineSchema = z
  .object({ key: z.string(), label: z.string(), passed: z.boolean().nullable(), reason: z.string().nullable(), checkedAt: z.string().nullable() })
  .meta({ id: 'ScreeningLine' });

export const screeningSchema = z
  .object({ applicationId: z.uuid(), complete: z.boolean(), eligible: z.boolean(), lines: z.array(screeningLineSchema) })
  .meta({ id: 'Screening' });
export type Screening = z.infer<typeof screeningSchema>;

export const screeningInputSchema = z
  .object({
    results: z
      .array(
        z
          .object({ key: z.string().trim().min(1).max(40), passed: z.boolean(), reason: z.string().trim().max(2000).nullable().default(null) })
          .refine((r) => r.passed || (r.reason?.length ?? 0) >= 3, { message: 'Say why this criterion is not met', path: ['reason'] }),
      )
      .min(1)
      .max(30),
  })
  .meta({ id: 'ScreeningInput' });
export type ScreeningInput = z.infer<typeof screeningInputSchema>;

export const funnelSchema = z
  .object({
    programmes: z.array(
      z.object({
        programmeId: z.uuid(),
        programmeCode: z.string(),
        programmeName: z.string(),
        counts: z.record(applicationStatusSchema, z.number().int()),
        total: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'Funnel' });
export type Funnel = z.infer<typeof funnelSchema>;
