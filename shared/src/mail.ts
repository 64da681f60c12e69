import { z } from 'zod';
import { localeSchema } from './auth';
import { pageQuerySchema } from './pagination';

/** The kinds of e-mail Essor sends; each has one template per language. */
export const MAIL_KINDS = ['password_reset', 'invitation', 'sign_in_guessing', 'notification', 'notification_digest'] as const;
export const mailKindSchema = z.enum(MAIL_KINDS);
export type MailKind = z.infer<typeof mailKindSchema>;

export const OUTBOX_STATUSES = ['queued', 'sent', 'failed'] as const;
export const outboxStatusSchema = z.enum(OUTBOX_STATUSES);
export type OutboxStatus = z.infer<typeof outboxStatusSchema>;

export const outboxMessageSchema = z
  .object({
    id: z.uuid(),
    structureId: z.uuid().nullable(),
    to: z.string(),
    locale: localeSchema,
    kind: z.string(),
    subject: z.string(),
    text: z.string(),
    html: z.string(),
    attachments: z.array(z.object({ filename: z.string(), contentType: z.string() })),
    status: outboxStatusSchema,
    attempts: z.number().int(),
    nextAttemptAt: z.string(),
    lastError: z.string().nullable(),
    createdAt: z.string(),
    sentAt: z.string().nullable(),
  })
  .meta({ id: 'OutboxMessage' });
export type OutboxMessage = z.infer<typeof outboxMessageSchema>;

/** A message as the outbox's list shows it: its bodies and attachments are read when it is opened. */
export const outboxSummarySchema = outboxMessageSchema.omit({ text: true, html: true, attachments: true }).meta({ id: 'OutboxSummary' });
export type OutboxSummary = z.infer<typeof outboxSummarySchema>;

export const outboxQuerySchema = pageQuerySchema
  .extend({ status: outboxStatusSchema.optional(), kind: mailKindSchema.optional() })
  .meta({ id: 'OutboxQuery' });
export type OutboxQuery = z.infer<typeof outboxQuerySchema>;

/** Whether messages leave the outbox: without SMTP_URL they are kept and shown here, as they would be sent. */
export const mailSettingsSchema = z.object({ smtpConfigured: z.boolean() }).meta({ id: 'MailSettings' });
export type MailSettings = z.infer<typeof mailSettingsSchema>;

export const JOB_STATES = ['created', 'retry', 'active', 'completed', 'cancelled', 'failed'] as const;
export const jobStateSchema = z.enum(JOB_STATES);

export const jobRunSchema = z
  .object({
    id: z.string(),
    state: jobStateSchema,
    retryCount: z.number().int(),
    createdOn: z.string(),
    startedOn: z.string().nullable(),
    completedOn: z.string().nullable(),
    /** The error of a failed run, or what a finished run reported. */
    output: z.string().nullable(),
  })
  .meta({ id: 'JobRun' });
export type JobRun = z.infer<typeof jobRunSchema>;

export const jobSummarySchema = z
  .object({
    name: z.string(),
    description: z.string(),
    cron: z.string().nullable(),
    retryLimit: z.number().int(),
    counts: z.record(jobStateSchema, z.number().int()),
    lastRun: jobRunSchema.nullable(),
    recent: z.array(jobRunSchema),
  })
  .meta({ id: 'JobSummary' });
export type JobSummary = z.infer<typeof jobSummarySchema>;

export const jobListSchema = z.object({ running: z.boolean(), jobs: z.array(jobSummarySchema) }).meta({ id: 'JobList' });
export type JobList = z.infer<typeof jobListSchema>;
