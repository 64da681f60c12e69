import { z } from 'zod';
import { currencySchema, positiveMinorUnitsSchema } from './money';
import { PAGE_SIZE_MAX } from './pagination';

/** bond_trust: the trust books community bond money is held in until the close (its own chart). */
export const FUND_TYPES = ['co_financing', 'equipment', 'loan', 'guarantee', 'bond_trust'] as const;
export const fundTypeSchema = z.enum(FUND_TYPES);
export type FundType = z.infer<typeof fundTypeSchema>;

export const FUNDER_KINDS = ['city', 'region', 'state', 'foundation', 'bank', 'other'] as const;
export const funderKindSchema = z.enum(FUNDER_KINDS);

const isoDay = z.iso.date();

/** Every figure is read from the ledger at the time asked, never from a stored balance. */
export const fundFiguresSchema = z
  .object({
    capitalMinor: z.number().int(),
    /** Commitments made, net of what was cancelled or released. */
    committedMinor: z.number().int(),
    disbursedMinor: z.number().int(),
    /** Principal repaid on loans. */
    repaidMinor: z.number().int(),
    interestMinor: z.number().int(),
    writtenOffMinor: z.number().int(),
    /** Promised but not yet paid out. */
    outstandingCommitmentsMinor: z.number().int(),
    loansOutstandingMinor: z.number().int(),
    equipmentValueMinor: z.number().int(),
    cashMinor: z.number().int(),
    /** Cash not already promised: what new approvals may commit. */
    availableMinor: z.number().int(),
  })
  .meta({ id: 'FundFigures' });
export type FundFigures = z.infer<typeof fundFiguresSchema>;

export const fundSchema = z
  .object({
    id: z.uuid(),
    /** The structure the fund belongs to; it finances projects of that structure and those below it. */
    structureId: z.uuid(),
    structureName: z.string(),
    code: z.string(),
    name: z.string(),
    type: fundTypeSchema,
    currency: currencySchema,
    description: z.string(),
    committeeThresholdMinor: z.number().int(),
    status: z.enum(['active', 'closed']),
    /** No money moves in the fund before this day. */
    openedOn: isoDay,
    /** The books are closed up to this day (approved closure): nothing is posted on or before it. */
    closedThrough: isoDay.nullable(),
    /** What the programme envelopes of the fund add up to. */
    envelopesMinor: z.number().int(),
    /** How far the envelopes go beyond the fund's capital today (0 when they fit). */
    overAllocatedMinor: z.number().int(),
    createdAt: z.string(),
    figures: fundFiguresSchema,
  })
  .meta({ id: 'Fund' });
export type Fund = z.infer<typeof fundSchema>;

export const createFundInputSchema = z
  .object({
    code: z
      .string()
      .trim()
      .regex(/^[A-Z0-9-]{3,30}$/, 'Capitals, digits and dashes, 3 to 30'),
    name: z.string().trim().min(3).max(200),
    type: fundTypeSchema,
    currency: currencySchema,
    description: z.string().trim().max(2000).default(''),
    committeeThresholdMinor: z.number().int().safe().nonnegative(),
    /** Where the fund goes; by default the one structure the fund manager works in. */
    structureId: z.uuid().optional(),
    /** The day the fund opened (today by default); no money moves in it before. */
    openedOn: isoDay.optional(),
  })
  .meta({ id: 'CreateFundInput' });
export type CreateFundInput = z.infer<typeof createFundInputSchema>;

export const fundTimelinePointSchema = z.object({ month: z.string(), figures: fundFiguresSchema }).meta({ id: 'FundTimelinePoint' });
export type FundTimelinePoint = z.infer<typeof fundTimelinePointSchema>;

export const funderSchema = z
  .object({ id: z.uuid(), name: z.string(), kind: funderKindSchema, createdAt: z.string() })
  .meta({ id: 'Funder' });
export type Funder = z.infer<typeof funderSchema>;

export const createFunderInputSchema = z
  .object({ name: z.string().trim().min(2).max(200), kind: funderKindSchema })
  .meta({ id: 'CreateFunderInput' });
export type CreateFunderInput = z.infer<typeof createFunderInputSchema>;

export const contributionSchema = z
  .object({
    id: z.uuid(),
    fundId: z.uuid(),
    funderId: z.uuid(),
    funderName: z.string(),
    amountMinor: z.number().int(),
    currency: currencySchema,
    receivedOn: isoDay,
    journalEntryId: z.number().int(),
    /** The contribution's entry was reversed (recorded by mistake); it no longer counts in the capital. */
    reversed: z.boolean(),
    createdAt: z.string(),
  })
  .meta({ id: 'CapitalContribution' });
export type Contribution = z.infer<typeof contributionSchema>;

export const recordContributionInputSchema = z
  .object({
    funderId: z.uuid(),
    amountMinor: positiveMinorUnitsSchema,
    currency: currencySchema,
    receivedOn: isoDay.optional(),
  })
  .meta({ id: 'RecordContributionInput' });
export type RecordContributionInput = z.infer<typeof recordContributionInputSchema>;

export const envelopeSchema = z
  .object({
    id: z.uuid(),
    structureId: z.uuid(),
    fundId: z.uuid(),
    programmeId: z.uuid(),
    programmeCode: z.string(),
    amountMinor: z.number().int(),
    maxShareBps: z.number().int(),
    maxRequestMinor: z.number().int(),
    committedMinor: z.number().int(),
    remainingMinor: z.number().int(),
  })
  .meta({ id: 'FundEnvelope' });
export type Envelope = z.infer<typeof envelopeSchema>;

export const setEnvelopeInputSchema = z
  .object({
    programmeId: z.uuid(),
    amountMinor: positiveMinorUnitsSchema,
    maxShareBps: z.number().int().min(1).max(10_000),
    maxRequestMinor: positiveMinorUnitsSchema,
  })
  .meta({ id: 'SetEnvelopeInput' });
export type SetEnvelopeInput = z.infer<typeof setEnvelopeInputSchema>;

/** The body of a money-moving POST that needs nothing but its Idempotency-Key. */
export const emptyInputSchema = z.object({}).meta({ id: 'EmptyInput' });

/** A project as the financing forms need it: its budget and currency decide what may be asked. */
export const financeableProjectSchema = z
  .object({
    id: z.uuid(),
    structureId: z.uuid(),
    title: z.string(),
    organisationName: z.string(),
    programmeId: z.uuid().nullable(),
    programmeCode: z.string().nullable(),
    totalBudgetMinor: z.number().int(),
    currency: currencySchema,
    /** Milestones a tranche can be tied to. */
    milestones: z.array(z.object({ id: z.uuid(), title: z.string(), status: z.string(), dueOn: z.string().nullable() })),
  })
  .meta({ id: 'FinanceableProject' });
export type FinanceableProject = z.infer<typeof financeableProjectSchema>;

/** The financing forms' project picker searches as the person types: never the whole list, never a silent cut of it. */
export const financeableProjectQuerySchema = z.object({
  /** Part of the project's title or of its organisation's name. */
  q: z.string().trim().max(100).optional(),
  /** Only projects budgeted in the fund's currency. */
  currency: currencySchema.optional(),
  /** The one project a form already holds (its milestones). */
  projectId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(PAGE_SIZE_MAX).default(50),
});
export type FinanceableProjectQuery = z.infer<typeof financeableProjectQuerySchema>;

/** Staff admit a project to financing without a committee's acceptance, and say why (audited). */
export const admitProjectInputSchema = z.object({ reason: z.string().trim().min(10).max(2000) }).meta({ id: 'AdmitProjectInput' });
export type AdmitProjectInput = z.infer<typeof admitProjectInputSchema>;
