import { z } from 'zod';
import { currencySchema, minorUnitsSchema } from './money';
import { pageQuerySchema } from './pagination';

/** The kinds of support a programme offers; coaches' specialties and plan budgets use the same list. */
export const SUPPORT_TYPES = ['legal', 'managerial_accounting', 'marketing', 'mentoring', 'digital'] as const;
export const supportTypeSchema = z.enum(SUPPORT_TYPES).meta({ id: 'SupportType' });
export type SupportType = z.infer<typeof supportTypeSchema>;

export const COACH_KINDS = ['staff', 'external'] as const;
export const coachKindSchema = z.enum(COACH_KINDS);
export const COACH_PROFESSIONS = ['lawyer', 'accountant', 'mentor', 'trainer', 'advisor'] as const;
export const coachProfessionSchema = z.enum(COACH_PROFESSIONS);
export const COACH_LANGUAGES = ['fr', 'en', 'ar', 'wo', 'es', 'zgh'] as const;
export const coachLanguageSchema = z.enum(COACH_LANGUAGES);

export const SESSION_FORMATS = ['individual', 'group'] as const;
export const sessionFormatSchema = z.enum(SESSION_FORMATS);
export const SESSION_MODES = ['on_site', 'remote'] as const;
export const sessionModeSchema = z.enum(SESSION_MODES);
export const SESSION_STATUSES = ['scheduled', 'held', 'cancelled'] as const;
export const sessionStatusSchema = z.enum(SESSION_STATUSES);
export const ATTENDANCES = ['expected', 'present', 'absent', 'excused'] as const;
export const attendanceSchema = z.enum(ATTENDANCES);
export const ACTION_ITEM_STATUSES = ['open', 'done', 'dropped'] as const;
export const actionItemStatusSchema = z.enum(ACTION_ITEM_STATUSES);

/** A session lasts between a quarter of an hour and a long working day. */
export const SESSION_MIN_MINUTES = 15;
export const SESSION_MAX_MINUTES = 720;
/** A calendar query covers at most this many days, so one request stays small. */
export const CALENDAR_MAX_DAYS = 93;

const isoDate = z.iso.date();
const isoDateTime = z.iso.datetime({ offset: true });
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use HH:MM');

export const availabilitySlotSchema = z
  .object({ weekday: z.number().int().min(1).max(7), from: hhmm, to: hhmm })
  .refine((s) => s.from < s.to, { message: 'The slot ends before it starts', path: ['to'] })
  .meta({ id: 'AvailabilitySlot' });

const distinct = <T>(list: T[]) => new Set(list).size === list.length;

export const coachSchema = z
  .object({
    id: z.uuid(),
    structureId: z.uuid(),
    structureName: z.string(),
    userId: z.uuid().nullable(),
    kind: coachKindSchema,
    name: z.string(),
    email: z.string().nullable(),
    profession: coachProfessionSchema,
    firm: z.string().nullable(),
    specialties: z.array(supportTypeSchema),
    languages: z.array(coachLanguageSchema),
    hourlyRateMinor: minorUnitsSchema.nullable(),
    currency: currencySchema.nullable(),
    weeklyAvailability: z.array(availabilitySlotSchema),
    active: z.boolean(),
    hasCalendarFeed: z.boolean(),
  })
  .meta({ id: 'Coach' });
export type Coach = z.infer<typeof coachSchema>;

const coachFields = {
  userId: z.uuid().nullable().optional(),
  name: z.string().trim().min(2).max(120),
  email: z.string().trim().toLowerCase().pipe(z.email()).nullable().optional(),
  profession: coachProfessionSchema,
  firm: z.string().trim().max(160).nullable().optional(),
  specialties: z.array(supportTypeSchema).min(1).max(SUPPORT_TYPES.length).refine(distinct, 'Specialties repeat'),
  languages: z.array(coachLanguageSchema).min(1).max(COACH_LANGUAGES.length).refine(distinct, 'Languages repeat'),
  hourlyRateMinor: minorUnitsSchema.min(0).max(100_000_000).nullable().optional(),
  currency: currencySchema.nullable().optional(),
  weeklyAvailability: z.array(availabilitySlotSchema).max(21).optional(),
};

export const createCoachInputSchema = z
  .object({ kind: coachKindSchema, ...coachFields, structureId: z.uuid().optional() })
  .refine((c) => c.kind === 'staff' || (c.hourlyRateMinor != null && c.currency != null), {
    message: 'An external expert needs an hourly rate and its currency',
    path: ['hourlyRateMinor'],
  })
  .meta({ id: 'CreateCoachInput' });
export type CreateCoachInput = z.infer<typeof createCoachInputSchema>;

export const updateCoachInputSchema = z
  .object({ ...coachFields, active: z.boolean() })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'Nothing to change')
  .meta({ id: 'UpdateCoachInput' });
export type UpdateCoachInput = z.infer<typeof updateCoachInputSchema>;

export const coachListQuerySchema = z.object({
  specialty: supportTypeSchema.optional(),
  language: coachLanguageSchema.optional(),
  kind: coachKindSchema.optional(),
  active: z.enum(['true', 'false']).optional(),
});
export type CoachListQuery = z.infer<typeof coachListQuerySchema>;

export const calendarFeedSchema = z.object({ url: z.string(), token: z.string() }).meta({ id: 'CalendarFeed' });

export const rosterSchema = z
  .array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      programmeCode: z.string(),
      programmeName: z.string(),
      currency: z.string(),
      projects: z.array(z.object({ id: z.uuid(), title: z.string(), organisationName: z.string() })),
    }),
  )
  .meta({ id: 'CoachingRoster' });
export type Roster = z.infer<typeof rosterSchema>;

export const planBudgetSchema = z.object({ supportType: supportTypeSchema, budgetMinutes: z.number().int().min(0).max(60 * 500) });

export const planLineSchema = z.object({
  supportType: supportTypeSchema,
  budgetMinutes: z.number().int(),
  consumedMinutes: z.number().int(),
  scheduledMinutes: z.number().int(),
});

export const coachingPlanSchema = z
  .object({
    id: z.uuid(),
    structureId: z.uuid(),
    structureName: z.string(),
    cohortId: z.uuid(),
    cohortName: z.string(),
    projectId: z.uuid(),
    projectTitle: z.string(),
    organisationName: z.string(),
    objectives: z.string(),
    lines: z.array(planLineSchema),
    budgetMinutes: z.number().int(),
    consumedMinutes: z.number().int(),
    scheduledMinutes: z.number().int(),
  })
  .meta({ id: 'CoachingPlan' });
export type CoachingPlan = z.infer<typeof coachingPlanSchema>;

export const savePlanInputSchema = z
  .object({
    cohortId: z.uuid(),
    projectId: z.uuid(),
    objectives: z.string().trim().max(4000).default(''),
    budgets: z
      .array(planBudgetSchema)
      .min(1)
      .max(SUPPORT_TYPES.length)
      .refine((b) => distinct(b.map((x) => x.supportType)), 'A support type appears twice'),
  })
  .meta({ id: 'SavePlanInput' });
export type SavePlanInput = z.infer<typeof savePlanInputSchema>;

/** The plans, a page at a time, by cohort then project (a city's programme has thousands). */
export const planListQuerySchema = z.object({ cohortId: z.uuid().optional(), projectId: z.uuid().optional() }).extend(pageQuerySchema.shape);
export type PlanListQuery = z.infer<typeof planListQuerySchema>;

export const attendeeSchema = z.object({
  projectId: z.uuid(),
  projectTitle: z.string(),
  organisationName: z.string(),
  attendance: attendanceSchema,
  participants: z.number().int().nullable(),
});

export const actionItemSchema = z
  .object({
    id: z.uuid(),
    sessionId: z.uuid(),
    projectId: z.uuid(),
    projectTitle: z.string(),
    description: z.string(),
    owner: z.string(),
    dueOn: z.string().nullable(),
    status: actionItemStatusSchema,
    overdue: z.boolean(),
    doneAt: z.string().nullable(),
  })
  .meta({ id: 'ActionItem' });
export type ActionItem = z.infer<typeof actionItemSchema>;

const sessionBase = {
  id: z.uuid(),
  structureId: z.uuid(),
  structureName: z.string(),
  cohortId: z.uuid(),
  cohortName: z.string(),
  format: sessionFormatSchema,
  projectId: z.uuid().nullable(),
  supportType: supportTypeSchema,
  title: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  durationMinutes: z.number().int(),
  mode: sessionModeSchema,
  place: z.string(),
  coachId: z.uuid(),
  coachName: z.string(),
  status: sessionStatusSchema,
  decisions: z.string(),
  cancelledAt: z.string().nullable(),
  cancellationReason: z.string().nullable(),
  attendees: z.array(attendeeSchema),
  actionItems: z.array(actionItemSchema),
};

/** A session as staff and coaches see it; notes are null for a coach who did not run the session. */
export const coachingSessionSchema = z
  .object({ ...sessionBase, notes: z.string().nullable() })
  .meta({ id: 'CoachingSession' });
export type CoachingSession = z.infer<typeof coachingSessionSchema>;

/** A session as its project holder sees it: never the notes. */
export const holderSessionSchema = z.object(sessionBase).meta({ id: 'HolderSession' });
export type HolderSession = z.infer<typeof holderSessionSchema>;

const actionItemInput = {
  projectId: z.uuid().optional(),
  description: z.string().trim().min(3).max(1000),
  owner: z.string().trim().min(2).max(160),
  dueOn: isoDate.nullable().optional(),
};
export const createActionItemInputSchema = z.object(actionItemInput).meta({ id: 'CreateActionItemInput' });
export type CreateActionItemInput = z.infer<typeof createActionItemInputSchema>;

export const updateActionItemInputSchema = z
  .object({ ...actionItemInput, status: actionItemStatusSchema })
  .omit({ projectId: true })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'Nothing to change')
  .meta({ id: 'UpdateActionItemInput' });
export type UpdateActionItemInput = z.infer<typeof updateActionItemInputSchema>;

export const holderActionItemInputSchema = z.object({ status: z.enum(['open', 'done']) }).meta({ id: 'HolderActionItemInput' });

const attendanceInput = z.object({
  projectId: z.uuid(),
  attendance: attendanceSchema,
  participants: z.number().int().min(0).max(500).nullable().optional(),
});

const durationSchema = z
  .number()
  .int('Whole minutes')
  .min(SESSION_MIN_MINUTES, `At least ${SESSION_MIN_MINUTES} minutes`)
  .max(SESSION_MAX_MINUTES, `At most ${SESSION_MAX_MINUTES / 60} hours`);

export const createSessionInputSchema = z
  .object({
    cohortId: z.uuid(),
    format: sessionFormatSchema,
    projectId: z.uuid().nullable().optional(),
    supportType: supportTypeSchema,
    title: z.string().trim().min(3).max(200),
    startsAt: isoDateTime,
    durationMinutes: durationSchema,
    mode: sessionModeSchema,
    place: z.string().trim().max(300).default(''),
    coachId: z.uuid(),
    status: z.enum(['scheduled', 'held']).default('scheduled'),
    notes: z.string().max(20_000).default(''),
    decisions: z.string().max(10_000).default(''),
    /** Group workshops: which projects of the cohort are expected; all of them when omitted. */
    attendees: z.array(attendanceInput).max(200).optional(),
    actionItems: z.array(createActionItemInputSchema).max(50).default([]),
  })
  .refine((s) => (s.format === 'individual') === Boolean(s.projectId), {
    message: 'An individual session names its project; a group workshop does not',
    path: ['projectId'],
  })
  .refine((s) => s.mode === 'remote' || s.place.length > 0, { message: 'Say where an on-site session takes place', path: ['place'] })
  .meta({ id: 'CreateSessionInput' });
export type CreateSessionInput = z.infer<typeof createSessionInputSchema>;

export const updateSessionInputSchema = z
  .object({
    supportType: supportTypeSchema,
    title: z.string().trim().min(3).max(200),
    startsAt: isoDateTime,
    durationMinutes: durationSchema,
    mode: sessionModeSchema,
    place: z.string().trim().max(300),
    coachId: z.uuid(),
    status: z.enum(['scheduled', 'held']),
    notes: z.string().max(20_000),
    decisions: z.string().max(10_000),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'Nothing to change')
  .meta({ id: 'UpdateSessionInput' });
export type UpdateSessionInput = z.infer<typeof updateSessionInputSchema>;

export const attendanceInputSchema = z
  .object({ attendees: z.array(attendanceInput).min(1).max(200).refine((a) => distinct(a.map((x) => x.projectId)), 'A project appears twice') })
  .meta({ id: 'AttendanceInput' });
export type AttendanceInput = z.infer<typeof attendanceInputSchema>;

export const cancelSessionInputSchema = z.object({ reason: z.string().trim().min(3).max(500) }).meta({ id: 'CancelSessionInput' });

export const calendarQuerySchema = z
  .object({
    from: isoDateTime,
    to: isoDateTime,
    coachId: z.uuid().optional(),
    cohortId: z.uuid().optional(),
    projectId: z.uuid().optional(),
    includeCancelled: z.enum(['true', 'false']).default('true'),
  })
  .refine((q) => Date.parse(q.to) > Date.parse(q.from), { message: 'The range ends before it starts', path: ['to'] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= CALENDAR_MAX_DAYS * 86_400_000, {
    message: `At most ${CALENDAR_MAX_DAYS} days at a time`,
    path: ['to'],
  });
export type CalendarQuery = z.infer<typeof calendarQuerySchema>;

export const myCalendarQuerySchema = z
  .object({ from: isoDateTime.optional(), to: isoDateTime.optional() })
  .refine((q) => !q.from || !q.to || Date.parse(q.to) > Date.parse(q.from), { message: 'The range ends before it starts', path: ['to'] });
export type MyCalendarQuery = z.infer<typeof myCalendarQuerySchema>;

export const actionItemListQuerySchema = z.object({ status: actionItemStatusSchema.optional() });

export const REPORT_GROUPINGS = ['support_type', 'cohort', 'coach'] as const;
export const reportQuerySchema = z
  .object({ from: isoDate, to: isoDate, groupBy: z.enum(REPORT_GROUPINGS).default('support_type') })
  .refine((q) => q.to >= q.from, { message: 'The range ends before it starts', path: ['to'] });
export type ReportQuery = z.infer<typeof reportQuerySchema>;

export const hoursReportSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    groupBy: z.enum(REPORT_GROUPINGS),
    rows: z.array(z.object({ key: z.string(), label: z.string(), sessions: z.number().int(), minutes: z.number().int() })),
    totalMinutes: z.number().int(),
  })
  .meta({ id: 'HoursReport' });
export type HoursReport = z.infer<typeof hoursReportSchema>;

export const expertPaymentsQuerySchema = z
  .object({ from: isoDate, to: isoDate })
  .refine((q) => q.to >= q.from, { message: 'The range ends before it starts', path: ['to'] });

export const expertPaymentsSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    rows: z.array(
      z.object({
        coachId: z.uuid(),
        coachName: z.string(),
        profession: coachProfessionSchema,
        sessions: z.number().int(),
        minutes: z.number().int(),
        hourlyRateMinor: minorUnitsSchema,
        currency: currencySchema,
        amountMinor: minorUnitsSchema,
      }),
    ),
    totals: z.array(z.object({ currency: currencySchema, amountMinor: minorUnitsSchema })),
  })
  .meta({ id: 'ExpertPayments' });
export type ExpertPayments = z.infer<typeof expertPaymentsSchema>;
