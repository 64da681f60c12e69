import { z } from 'zod';
import { localeSchema } from './auth';
import { currencySchema, minorUnitsSchema } from './money';

export const PROGRAMME_STATUSES = ['draft', 'open', 'closed', 'archived'] as const;
export const programmeStatusSchema = z.enum(PROGRAMME_STATUSES);

const keySchema = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, 'Lowercase letters, digits and underscores, starting with a letter');

export const eligibilityCriterionSchema = z
  .object({ key: keySchema, label: z.string().trim().min(2).max(200) })
  .meta({ id: 'EligibilityCriterion' });
export type EligibilityCriterion = z.infer<typeof eligibilityCriterionSchema>;

export const GRID_MAX_SCORE_LIMIT = 20;
export const GRID_WEIGHT_LIMIT = 100;

/** One line of the committee's scoring grid: scores are integers from 0 to max, weighted by weight. */
export const gridCriterionSchema = z
  .object({
    key: keySchema,
    label: z.string().trim().min(2).max(200),
    weight: z.number().int().min(1).max(GRID_WEIGHT_LIMIT),
    max: z.number().int().min(1).max(GRID_MAX_SCORE_LIMIT),
  })
  .meta({ id: 'GridCriterion' });
export type GridCriterion = z.infer<typeof gridCriterionSchema>;

function uniqueKeys<T extends { key: string }>(list: T[]) {
  return new Set(list.map((c) => c.key)).size === list.length;
}

export const eligibilityCriteriaSchema = z.array(eligibilityCriterionSchema).max(30).refine(uniqueKeys, 'Criterion keys repeat');
export const scoringGridSchema = z.array(gridCriterionSchema).max(15).refine(uniqueKeys, 'Criterion keys repeat');

const isoDate = z.iso.date();

export const programmeSchema = z
  .object({
    id: z.uuid(),
    structureId: z.uuid(),
    structureName: z.string(),
    code: z.string(),
    name: z.string(),
    description: z.string(),
    territory: z.string(),
    eligibilityCriteria: z.array(eligibilityCriterionSchema),
    scoringGrid: z.array(gridCriterionSchema),
    callOpensOn: z.string().nullable(),
    callClosesOn: z.string().nullable(),
    budgetEnvelopeMinor: minorUnitsSchema,
    currency: currencySchema,
    languages: z.array(localeSchema),
    status: programmeStatusSchema,
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Programme' });
export type Programme = z.infer<typeof programmeSchema>;

/** What the public application form shows of an open call. */
export const programmeCallSchema = programmeSchema
  .pick({ id: true, structureName: true, code: true, name: true, description: true, territory: true, eligibilityCriteria: true, callOpensOn: true, callClosesOn: true, languages: true, currency: true })
  .meta({ id: 'ProgrammeCall' });
export type ProgrammeCall = z.infer<typeof programmeCallSchema>;

const programmeFields = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[A-Z0-9][A-Z0-9-]{1,29}$/, 'Capitals, digits and dashes'),
  name: z.string().trim().min(3).max(200),
  description: z.string().trim().max(4000).default(''),
  territory: z.string().trim().min(2).max(120),
  eligibilityCriteria: eligibilityCriteriaSchema.default([]),
  scoringGrid: scoringGridSchema.default([]),
  callOpensOn: isoDate.nullable().default(null),
  callClosesOn: isoDate.nullable().default(null),
  budgetEnvelopeMinor: minorUnitsSchema.nonnegative().default(0),
  currency: currencySchema,
  languages: z.array(localeSchema).min(1).max(2).default(['fr']),
  status: programmeStatusSchema.default('draft'),
});

const callDatesInOrder = (v: { callOpensOn?: string | null; callClosesOn?: string | null }) =>
  !v.callOpensOn || !v.callClosesOn || v.callOpensOn <= v.callClosesOn;

export const createProgrammeInputSchema = programmeFields
  .extend({
    /** Where the programme belongs; by default the structure the caller works in (or has switched to). */
    structureId: z.uuid().optional(),
  })
  .refine(callDatesInOrder, { message: 'The call closes before it opens', path: ['callClosesOn'] })
  .meta({ id: 'CreateProgrammeInput' });
export type CreateProgrammeInput = z.infer<typeof createProgrammeInputSchema>;

export const updateProgrammeInputSchema = z
  .object({
    name: programmeFields.shape.name.optional(),
    description: z.string().trim().max(4000).optional(),
    territory: programmeFields.shape.territory.optional(),
    eligibilityCriteria: eligibilityCriteriaSchema.optional(),
    scoringGrid: scoringGridSchema.optional(),
    callOpensOn: isoDate.nullable().optional(),
    callClosesOn: isoDate.nullable().optional(),
    budgetEnvelopeMinor: minorUnitsSchema.nonnegative().optional(),
    languages: z.array(localeSchema).min(1).max(2).optional(),
    status: programmeStatusSchema.optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'Nothing to change')
  .meta({ id: 'UpdateProgrammeInput' });
export type UpdateProgrammeInput = z.infer<typeof updateProgrammeInputSchema>;

export const programmeListQuerySchema = z.object({
  status: programmeStatusSchema.optional(),
  q: z.string().trim().max(100).optional(),
});
export type ProgrammeListQuery = z.infer<typeof programmeListQuerySchema>;
