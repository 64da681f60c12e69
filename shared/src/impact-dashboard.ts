import { z } from 'zod';
import { currencySchema } from './money';
import type { Role } from './roles';

const isoDay = z.iso.date();
/** An exact decimal as a string ('12.50'): FTE and indicator figures are never floats. */
const decimal = z.string();

/** Who reads the impact dashboards, the money flows and the council report (the web's nav uses the same list). */
export const IMPACT_DASHBOARD_READERS = ['admin', 'staff', 'fund_manager', 'elected_official'] as const satisfies readonly Role[];

/** The dashboard's filters: all optional; everything is further limited to the structures the caller reaches. */
export const impactDashboardQuerySchema = z.object({
  /** This structure and the ones under it. */
  structureId: z.uuid().optional(),
  programmeId: z.uuid().optional(),
  /** A district's name, as projects and organisations carry it. */
  district: z.string().trim().min(1).max(120).optional(),
  from: isoDay.optional(),
  to: isoDay.optional(),
});
export type ImpactDashboardQuery = z.infer<typeof impactDashboardQuerySchema>;

export const FUNNEL_STAGES = ['submitted', 'screening', 'committee', 'accepted', 'waitlisted', 'rejected', 'withdrawn'] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];

/** Submitted, screening and committee count the applications that reached the stage; the last four, where they stand now. */
export const funnelStepSchema = z.object({ stage: z.enum(FUNNEL_STAGES), count: z.number().int() }).meta({ id: 'DashboardFunnelStep' });

export const cohortOutcomeSchema = z
  .object({
    cohortId: z.uuid(),
    name: z.string(),
    programmeCode: z.string(),
    startsOn: isoDay,
    endsOn: isoDay,
    members: z.number().int(),
    /** Members by their project's current stage (applicant, selected, incubated, financed, alumni, stopped). */
    stages: z.record(z.string(), z.number().int()),
  })
  .meta({ id: 'DashboardCohortOutcome' });

export const coachingMonthSchema = z
  .object({ month: z.string(), supportType: z.string(), sessions: z.number().int(), minutes: z.number().int() })
  .meta({ id: 'DashboardCoachingMonth' });

/** A fund's use from its business tables, in its currency: available = capital + principal repaid − disbursed − committed. */
export const fundUseSchema = z
  .object({
    fundId: z.uuid(),
    code: z.string(),
    name: z.string(),
    type: z.string(),
    currency: currencySchema,
    capitalMinor: z.number().int(),
    committedMinor: z.number().int(),
    disbursedMinor: z.number().int(),
    repaidMinor: z.number().int(),
    availableMinor: z.number().int(),
  })
  .meta({ id: 'DashboardFundUse' });

export const impactTotalSchema = z
  .object({
    indicatorId: z.uuid(),
    code: z.string(),
    nameFr: z.string(),
    nameEn: z.string(),
    unit: z.string(),
    category: z.string(),
    aggregation: z.enum(['sum', 'latest']),
    currency: currencySchema.nullable(),
    sdgTargets: z.array(z.string()),
    baseline: decimal.nullable(),
    target: decimal.nullable(),
    actual: decimal.nullable(),
    projects: z.number().int(),
  })
  .meta({ id: 'DashboardImpactTotal' });
export type ImpactTotal = z.infer<typeof impactTotalSchema>;

/** Per SDG goal (1-17): the indicators serving it with an actual figure, and the projects that reported one. */
export const sdgContributionSchema = z
  .object({ goal: z.number().int().min(1).max(17), indicators: z.number().int(), projects: z.number().int(), codes: z.array(z.string()) })
  .meta({ id: 'DashboardSdgContribution' });

export const jobsSummarySchema = z
  .object({
    createdFte: decimal.nullable(),
    createdTargetFte: decimal.nullable(),
    women: decimal.nullable(),
    youth: decimal.nullable(),
    disability: decimal.nullable(),
    projects: z.number().int(),
  })
  .meta({ id: 'DashboardJobsSummary' });

/** Money disbursed to the projects in view in one currency, over the jobs those same projects created. */
export const costPerJobSchema = z
  .object({
    currency: currencySchema,
    disbursedMinor: z.number().int(),
    jobsCreatedFte: decimal,
    /** disbursed / jobs, rounded half up to a minor unit; null when no job. */
    costPerJobMinor: z.number().int().nullable(),
    projects: z.number().int(),
  })
  .meta({ id: 'DashboardCostPerJob' });

export const guaranteeExposureSchema = z
  .object({ currency: currencySchema, live: z.number().int(), exposureMinor: z.number().int(), guaranteedMinor: z.number().int() })
  .meta({ id: 'DashboardGuaranteeExposure' });

export const bondUptakeSchema = z
  .object({
    currency: currencySchema,
    offerings: z.number().int(),
    subscribedUnits: z.number().int(),
    subscribedMinor: z.number().int(),
    paidUnits: z.number().int(),
    paidMinor: z.number().int(),
    investors: z.number().int(),
  })
  .meta({ id: 'DashboardBondUptake' });

export const moneyAmountSchema = z.object({ currency: currencySchema, amountMinor: z.number().int() }).meta({ id: 'DashboardMoneyAmount' });

export const districtFiguresSchema = z
  .object({
    name: z.string(),
    code: z.string(),
    structureId: z.uuid(),
    population: z.number().int().nullable(),
    /** GeoJSON Polygon or MultiPolygon (WGS 84). */
    geometry: z.record(z.string(), z.unknown()),
    actors: z.number().int(),
    projects: z.number().int(),
    jobsCreatedFte: decimal,
    disbursed: z.array(moneyAmountSchema),
  })
  .meta({ id: 'DashboardDistrictFigures' });
export type DistrictFigures = z.infer<typeof districtFiguresSchema>;

export const impactDashboardSchema = z
  .object({
    filters: impactDashboardQuerySchema,
    funnel: z.array(funnelStepSchema),
    cohorts: z.array(cohortOutcomeSchema),
    coaching: z.array(coachingMonthSchema),
    funds: z.array(fundUseSchema),
    impact: z.array(impactTotalSchema),
    sdg: z.array(sdgContributionSchema),
    jobs: jobsSummarySchema,
    costPerJob: z.array(costPerJobSchema),
    guarantees: z.array(guaranteeExposureSchema),
    bonds: z.array(bondUptakeSchema),
    districts: z.array(districtFiguresSchema),
  })
  .meta({ id: 'ImpactDashboard' });
export type ImpactDashboard = z.infer<typeof impactDashboardSchema>;

/** The sections exported one by one as CSV (GET /api/dashboards/impact/{section}.csv). */
export const DASHBOARD_SECTIONS = ['funnel', 'cohorts', 'coaching', 'funds', 'impact', 'sdg', 'jobs', 'cost-per-job', 'guarantees', 'bonds', 'districts'] as const;
export type DashboardSection = (typeof DASHBOARD_SECTIONS)[number];

// -- follow the money

export const moneyFlowQuerySchema = z.object({
  fundId: z.uuid().optional(),
  programmeId: z.uuid().optional(),
  /** Needed for a programme fed by funds in several currencies. */
  currency: currencySchema.optional(),
});
export type MoneyFlowQuery = z.infer<typeof moneyFlowQuerySchema>;

export const MONEY_FLOW_NODE_KINDS = ['funder', 'fund', 'programme', 'project', 'other_projects', 'available'] as const;

export const moneyFlowNodeSchema = z
  .object({ id: z.string(), kind: z.enum(MONEY_FLOW_NODE_KINDS), label: z.string(), refId: z.uuid().nullable(), count: z.number().int().nullable() })
  .meta({ id: 'MoneyFlowNode' });
export type MoneyFlowNode = z.infer<typeof moneyFlowNodeSchema>;

export const moneyFlowLinkSchema = z.object({ source: z.string(), target: z.string(), amountMinor: z.number().int() }).meta({ id: 'MoneyFlowLink' });
export type MoneyFlowLink = z.infer<typeof moneyFlowLinkSchema>;

export const funderPartSchema = z.object({ funderId: z.uuid(), disbursedMinor: z.number().int(), committedMinor: z.number().int() }).meta({ id: 'MoneyFlowFunderPart' });

export const moneyFlowProjectSchema = z
  .object({
    projectId: z.uuid(),
    title: z.string(),
    programmeId: z.uuid().nullable(),
    district: z.string(),
    disbursedMinor: z.number().int(),
    committedMinor: z.number().int(),
    jobsCreatedFte: decimal.nullable(),
    costPerJobMinor: z.number().int().nullable(),
    byFunder: z.array(funderPartSchema),
  })
  .meta({ id: 'MoneyFlowProject' });
export type MoneyFlowProject = z.infer<typeof moneyFlowProjectSchema>;

export const moneyFlowFunderSchema = z
  .object({ funderId: z.uuid(), name: z.string(), kind: z.string(), contributedMinor: z.number().int(), disbursedMinor: z.number().int(), committedMinor: z.number().int() })
  .meta({ id: 'MoneyFlowFunder' });

export const moneyFlowSchema = z
  .object({
    currency: currencySchema,
    fundId: z.uuid().nullable(),
    programmeId: z.uuid().nullable(),
    rule: z.string(),
    nodes: z.array(moneyFlowNodeSchema),
    links: z.array(moneyFlowLinkSchema),
    funders: z.array(moneyFlowFunderSchema),
    projects: z.array(moneyFlowProjectSchema),
    totals: z.object({
      contributedMinor: z.number().int(),
      disbursedMinor: z.number().int(),
      committedMinor: z.number().int(),
      availableMinor: z.number().int().nullable(),
      jobsCreatedFte: decimal,
      costPerJobMinor: z.number().int().nullable(),
    }),
  })
  .meta({ id: 'MoneyFlow' });
export type MoneyFlow = z.infer<typeof moneyFlowSchema>;

// -- council report

export const councilReportQuerySchema = z.object({
  structureId: z.uuid().optional(),
  programmeId: z.uuid().optional(),
  /** The calendar year reported on; default: the current one. */
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  lang: z.enum(['fr', 'en']).optional(),
});
export type CouncilReportQuery = z.infer<typeof councilReportQuerySchema>;

/** Largest-remainder split of `amount` in proportion to `weights`: the parts add up to `amount` exactly (ties: the earlier weight). */
export function splitProRata(amount: number, weights: readonly number[]): number[] {
  const total = weights.reduce((s, w) => s + w, 0);
  if (total <= 0 || amount === 0) return weights.map(() => 0);
  const big = BigInt(amount);
  const bigTotal = BigInt(total);
  const floors = weights.map((w) => (big * BigInt(w)) / bigTotal);
  const remainders = weights.map((w, i) => ({ i, r: big * BigInt(w) - floors[i] * bigTotal }));
  let left = Number(big - floors.reduce((s, f) => s + f, 0n));
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  const parts = floors.map(Number);
  for (const { i } of remainders) {
    if (left <= 0) break;
    parts[i] += 1;
    left -= 1;
  }
  return parts;
}

/** Money over FTE (an exact decimal string), rounded half up to a minor unit; null when there is no job. */
export function costPerJob(disbursedMinor: number, fte: string | null): number | null {
  if (!fte) return null;
  const [whole, fraction = ''] = fte.split('.');
  const hundredths = BigInt(whole) * 100n + BigInt((fraction + '00').slice(0, 2));
  if (hundredths <= 0n) return null;
  const numerator = BigInt(disbursedMinor) * 100n;
  return Number((2n * numerator + hundredths) / (2n * hundredths));
}

/** Adds exact decimals given as strings (2 places), as a string. */
export function addDecimals(values: readonly (string | null | undefined)[]): string {
  let hundredths = 0n;
  for (const v of values) {
    if (!v) continue;
    const negative = v.startsWith('-');
    const [whole, fraction = ''] = v.replace('-', '').split('.');
    const h = BigInt(whole || '0') * 100n + BigInt((fraction + '00').slice(0, 2));
    hundredths += negative ? -h : h;
  }
  const sign = hundredths < 0n ? '-' : '';
  const abs = hundredths < 0n ? -hundredths : hundredths;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

/** What the dashboards' pickers offer: the structures, programmes and funds the caller reaches. */
export const dashboardOptionsSchema = z
  .object({
    structures: z.array(z.object({ id: z.uuid(), name: z.string(), parentId: z.uuid().nullable() })),
    programmes: z.array(z.object({ id: z.uuid(), code: z.string(), name: z.string(), structureId: z.uuid(), currency: currencySchema })),
    funds: z.array(z.object({ id: z.uuid(), code: z.string(), name: z.string(), type: z.string(), structureId: z.uuid(), currency: currencySchema })),
  })
  .meta({ id: 'DashboardOptions' });
export type DashboardOptions = z.infer<typeof dashboardOptionsSchema>;
