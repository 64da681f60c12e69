import { z } from 'zod';
import { currencySchema } from './money';

const isoDay = z.iso.date();

export const INDICATOR_UNITS = ['fte', 'people', 'count', 'money', 'tonnes', 'kwh', 'hectares', 'percent'] as const;
export const indicatorUnitSchema = z.enum(INDICATOR_UNITS);
export type IndicatorUnit = z.infer<typeof indicatorUnitSchema>;

export const INDICATOR_CATEGORIES = ['jobs', 'inclusion', 'economy', 'social', 'environment'] as const;
export const indicatorCategorySchema = z.enum(INDICATOR_CATEGORIES);
export type IndicatorCategory = z.infer<typeof indicatorCategorySchema>;

/** `sum`: a flow whose periods add up; `latest`: a stock whose last period holds (figures.ts). */
export const AGGREGATIONS = ['sum', 'latest'] as const;
export const aggregationSchema = z.enum(AGGREGATIONS);
export type Aggregation = z.infer<typeof aggregationSchema>;

export const FIGURE_KINDS = ['baseline', 'target', 'actual'] as const;
export const figureKindSchema = z.enum(FIGURE_KINDS);
export type FigureKind = z.infer<typeof figureKindSchema>;

export const FIGURE_SOURCES = ['staff', 'holder', 'visit'] as const;
export const figureSourceSchema = z.enum(FIGURE_SOURCES);
export type FigureSource = z.infer<typeof figureSourceSchema>;

/** An SDG target as the UN numbers them: goal 1 to 17, then a number or a letter ('8.5', '5.a'). */
export const SDG_TARGET = /^([1-9]|1[0-7])\.([1-9][0-9]?|[a-z])$/;
export const sdgTargetSchema = z.string().regex(SDG_TARGET, { message: 'An SDG target like 8.5 or 5.a' });

export const INDICATOR_CODE = /^[a-z][a-z0-9_]{1,47}$/;
export const indicatorCodeSchema = z.string().regex(INDICATOR_CODE, { message: 'Lowercase letters, digits and underscores, starting with a letter' });

/** An IRIS+ metric code ('PI3687', 'OI8869'). */
export const irisCodeSchema = z.string().trim().regex(/^[A-Z]{2}\d{4}$/, { message: 'An IRIS+ code like PI3687' });

export const indicatorSchema = z
  .object({
    id: z.uuid(),
    structureId: z.uuid(),
    structureName: z.string(),
    code: z.string(),
    nameFr: z.string(),
    nameEn: z.string(),
    definitionFr: z.string(),
    definitionEn: z.string(),
    unit: indicatorUnitSchema,
    category: indicatorCategorySchema,
    aggregation: aggregationSchema,
    sdgTargets: z.array(z.string()),
    irisCode: z.string().nullable(),
    standard: z.boolean(),
    active: z.boolean(),
    /** The caller may change it: a structure's own indicator, in a structure they administer or staff. */
    editable: z.boolean(),
    /** Figures were entered against it (its unit is then fixed). */
    hasFigures: z.boolean(),
  })
  .meta({ id: 'ImpactIndicator' });
export type Indicator = z.infer<typeof indicatorSchema>;

export const indicatorListQuerySchema = z
  .object({ category: indicatorCategorySchema.optional(), active: z.enum(['true', 'false']).optional(), structureId: z.uuid().optional() })
  .meta({ id: 'ImpactIndicatorListQuery' });
export type IndicatorListQuery = z.input<typeof indicatorListQuerySchema>;

const names = {
  nameFr: z.string().trim().min(2).max(200),
  nameEn: z.string().trim().min(2).max(200),
  definitionFr: z.string().trim().max(2000),
  definitionEn: z.string().trim().max(2000),
  sdgTargets: z.array(sdgTargetSchema).max(17),
  irisCode: irisCodeSchema.nullable(),
};

export const createIndicatorInputSchema = z
  .object({
    /** The structure it belongs to; the caller's single top structure (or focus) when absent. */
    structureId: z.uuid().optional(),
    code: indicatorCodeSchema,
    nameFr: names.nameFr,
    nameEn: names.nameEn,
    definitionFr: names.definitionFr.default(''),
    definitionEn: names.definitionEn.default(''),
    unit: indicatorUnitSchema,
    category: indicatorCategorySchema,
    aggregation: aggregationSchema,
    sdgTargets: names.sdgTargets.default([]),
    irisCode: names.irisCode.default(null),
  })
  .meta({ id: 'CreateImpactIndicatorInput' });
export type CreateIndicatorInput = z.input<typeof createIndicatorInputSchema>;

export const updateIndicatorInputSchema = z
  .object({
    nameFr: names.nameFr.optional(),
    nameEn: names.nameEn.optional(),
    definitionFr: names.definitionFr.optional(),
    definitionEn: names.definitionEn.optional(),
    sdgTargets: names.sdgTargets.optional(),
    irisCode: names.irisCode.optional(),
    active: z.boolean().optional(),
    /** Only while no figure was entered against it. */
    unit: indicatorUnitSchema.optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: 'Nothing to change' })
  .meta({ id: 'UpdateImpactIndicatorInput' });
export type UpdateIndicatorInput = z.input<typeof updateIndicatorInputSchema>;

/** An exact decimal, not negative, at most 2 places: sent as text ('12.5') or a number; kept as text. */
export const figureValueSchema = z
  .union([z.string().trim(), z.number().nonnegative().finite()])
  .transform((v) => (typeof v === 'number' ? String(v) : v))
  .pipe(z.string().regex(/^\d{1,16}(\.\d{1,2})?$/, { message: 'A number not below 0, with at most 2 decimals' }));

export const enterFigureInputSchema = z
  .object({
    indicatorId: z.uuid(),
    kind: figureKindSchema,
    periodStart: isoDay,
    periodEnd: isoDay,
    value: figureValueSchema,
    /** Must be the indicator's unit: said back so a figure is never entered in the wrong one. */
    unit: indicatorUnitSchema,
    /** Required for a money indicator (the project's currency), absent otherwise. */
    currency: currencySchema.nullable().optional(),
    note: z.string().trim().max(2000).default(''),
  })
  .meta({ id: 'EnterIndicatorFigureInput' });
export type EnterFigureInput = z.input<typeof enterFigureInputSchema>;

export const figureRowSchema = z
  .object({
    id: z.uuid(),
    indicatorId: z.uuid(),
    kind: figureKindSchema,
    periodStart: z.string(),
    periodEnd: z.string(),
    value: z.string(),
    currency: z.string().nullable(),
    source: figureSourceSchema,
    note: z.string(),
    enteredById: z.uuid(),
    enteredByName: z.string(),
    enteredAt: z.string(),
    supersededAt: z.string().nullable(),
    supersededBy: z.uuid().nullable(),
  })
  .meta({ id: 'IndicatorFigureRow' });
export type FigureRow = z.infer<typeof figureRowSchema>;

export const figurePeriodSchema = z.object({ periodStart: z.string(), periodEnd: z.string(), target: z.string().nullable(), actual: z.string().nullable() });
export type FigurePeriod = z.infer<typeof figurePeriodSchema>;

export const indicatorFiguresSchema = z
  .object({
    indicator: indicatorSchema.pick({ id: true, code: true, nameFr: true, nameEn: true, unit: true, category: true, aggregation: true, sdgTargets: true, standard: true }),
    currency: z.string().nullable(),
    /** The project's figures over its whole life, read by the one rule of figures.ts. */
    baseline: z.string().nullable(),
    target: z.string().nullable(),
    actual: z.string().nullable(),
    /** actual / target × 100, one decimal; null without a target above 0. */
    percentOfTarget: z.number().nullable(),
    /** Current targets and actuals by period end, oldest first (the period starts at the earliest start seen). */
    periods: z.array(figurePeriodSchema),
    /** Every row entered, superseded ones included, newest first. */
    history: z.array(figureRowSchema),
  })
  .meta({ id: 'IndicatorFigures' });
export type IndicatorFigures = z.infer<typeof indicatorFiguresSchema>;

export const projectFiguresSchema = z
  .object({
    project: z.object({ id: z.uuid(), title: z.string(), organisationName: z.string(), structureId: z.uuid(), currency: z.string(), stage: z.string() }),
    /** The caller may enter figures, and as whom. */
    canEnter: z.boolean(),
    source: figureSourceSchema.nullable(),
    today: z.string(),
    indicators: z.array(indicatorFiguresSchema),
    /** The active indicators the project may report on: the standard catalogue and its structures' own. */
    available: z.array(indicatorSchema),
  })
  .meta({ id: 'ProjectFigures' });
export type ProjectFigures = z.infer<typeof projectFiguresSchema>;

export const myProjectSchema = z
  .object({
    id: z.uuid(),
    title: z.string(),
    organisationName: z.string(),
    structureName: z.string(),
    currency: z.string(),
    stage: z.string(),
    lastEnteredAt: z.string().nullable(),
    figures: z.array(
      z.object({ indicatorId: z.uuid(), code: z.string(), nameFr: z.string(), nameEn: z.string(), unit: indicatorUnitSchema, currency: z.string().nullable(), target: z.string().nullable(), actual: z.string().nullable(), percentOfTarget: z.number().nullable() }),
    ),
  })
  .meta({ id: 'ImpactMyProject' });
export type MyProject = z.infer<typeof myProjectSchema>;

/** actual / target in percent with one decimal; null when there is no target above 0 or no actual. */
export function percentOfTarget(actual: string | null, target: string | null): number | null {
  if (actual === null || target === null) return null;
  const t = Number(target);
  if (!(t > 0)) return null;
  return Math.round((Number(actual) / t) * 1000) / 10;
}
