import { z } from 'zod';
import { currencySchema } from './money';
import { riskClassSchema } from './guarantees';

const isoDay = z.iso.date();

/** Which funds the dashboard covers (all the caller reaches by default) and the months its series spans. */
export const guaranteeDashboardQuerySchema = z.object({
  fundId: z.uuid().optional(),
  structureId: z.uuid().optional(),
  /** First day of the series (its month counts); default: 23 months before `to`, not before the fund opened. */
  from: isoDay.optional(),
  /** Last day of the series; default and at most: today. The headline figures are always today's. */
  to: isoDay.optional(),
});
export type GuaranteeDashboardQuery = z.infer<typeof guaranteeDashboardQuerySchema>;

export const DASHBOARD_BREAKDOWNS = ['bank', 'sector', 'district', 'risk-class'] as const;
export type DashboardBreakdown = (typeof DASHBOARD_BREAKDOWNS)[number];

/** One slice of the live guarantees (a bank, a sector, a district, a risk class). */
export const dashboardSliceSchema = z
  .object({ key: z.string(), label: z.string(), count: z.number().int(), exposureMinor: z.number().int(), provisionMinor: z.number().int() })
  .meta({ id: 'GuaranteeDashboardSlice' });
export type DashboardSlice = z.infer<typeof dashboardSliceSchema>;

/** The fund at a month's end (the current month: at `to`). Paid and recovered are cumulative. */
export const dashboardMonthSchema = z
  .object({ month: z.string(), endOn: isoDay, exposureMinor: z.number().int(), provisionMinor: z.number().int(), paidMinor: z.number().int(), recoveredMinor: z.number().int() })
  .meta({ id: 'GuaranteeDashboardMonth' });
export type DashboardMonth = z.infer<typeof dashboardMonthSchema>;

/** One guarantee fund's figures, all in its own currency. Ratios in hundredths (250 = 2.5x) or basis points. */
export const fundDashboardSchema = z
  .object({
    fundId: z.uuid(),
    fundCode: z.string(),
    fundName: z.string(),
    structureId: z.uuid(),
    currency: currencySchema,
    openedOn: isoDay,
    liveCount: z.number().int(),
    exposureMinor: z.number().int(),
    guaranteedLiveMinor: z.number().int(),
    netAssetsMinor: z.number().int(),
    /** Exposure over net assets, hundredths; null when the fund has no net assets. */
    leverageHundredths: z.number().int().nullable(),
    /** The policy's cap in percent (500: 5x, i.e. 500 hundredths); null without a policy. */
    leverageCapPct: z.number().int().nullable(),
    /** What exposure may still grow by under the cap (cap x net assets - exposure, never below 0); null without a policy. */
    roomMinor: z.number().int().nullable(),
    /** Loan amounts of every guarantee ever issued: the bank money the fund unlocked. */
    issuedLoansMinor: z.number().int(),
    issuedGuaranteedMinor: z.number().int(),
    /** Issued loan amounts over net assets, hundredths; null when the fund has no net assets. */
    multiplierHundredths: z.number().int().nullable(),
    provisionsMinor: z.number().int(),
    paidMinor: z.number().int(),
    recoveredMinor: z.number().int(),
    feesMinor: z.number().int(),
    /** Paid over guaranteed amounts ever issued, basis points; null when nothing was issued. */
    lossRateBps: z.number().int().nullable(),
    /** Recovered over paid, basis points; null when nothing was paid. */
    recoveryRateBps: z.number().int().nullable(),
    byBank: z.array(dashboardSliceSchema),
    bySector: z.array(dashboardSliceSchema),
    byDistrict: z.array(dashboardSliceSchema),
    byRiskClass: z.array(dashboardSliceSchema.extend({ key: riskClassSchema })),
    months: z.array(dashboardMonthSchema),
  })
  .meta({ id: 'GuaranteeFundDashboard' });
export type FundDashboard = z.infer<typeof fundDashboardSchema>;

export const guaranteeDashboardSchema = z.object({ funds: z.array(fundDashboardSchema) }).meta({ id: 'GuaranteeDashboard' });
export type GuaranteeDashboard = z.infer<typeof guaranteeDashboardSchema>;
