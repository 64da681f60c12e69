import { OpenAPIHono } from '@hono/zod-openapi';
import { guaranteeDashboardQuerySchema, guaranteeDashboardSchema, type DashboardBreakdown, type DashboardSlice, type FundDashboard, type GuaranteeDashboardQuery } from '@essor/shared/guarantee-dashboard';
import { requireUser } from '../../lib/authz';
import type { Db } from '../../db/client';
import type { AppEnv, CurrentUser } from '../../lib/context';
import { csvResponse, toCsv } from '../../lib/csv';
import { csvFile, defineRoute, json } from '../../lib/route';
import { DASHBOARD_READERS, guaranteeDashboard } from './dashboard';

const tags = ['guarantees'];

const dashboardRoute = defineRoute(DASHBOARD_READERS, {
  method: 'get',
  path: '/dashboard',
  tags,
  summary: 'Each guarantee fund the caller reaches: exposure and its breakdowns, leverage against the cap, multiplier, provisions, calls, recoveries, and a monthly series',
  request: { query: guaranteeDashboardQuerySchema },
  responses: { 200: { description: 'One entry per fund, each in its own currency', ...json(guaranteeDashboardSchema) }, 404: { description: 'Unknown fund, or out of reach' } },
});

const SLICES: Record<DashboardBreakdown, (fund: FundDashboard) => DashboardSlice[]> = {
  bank: (fund) => fund.byBank,
  sector: (fund) => fund.bySector,
  district: (fund) => fund.byDistrict,
  'risk-class': (fund) => fund.byRiskClass,
};

function exportRoute(breakdown: DashboardBreakdown) {
  return defineRoute(DASHBOARD_READERS, {
    method: 'get',
    path: `/dashboard/${breakdown}.csv`,
    tags,
    summary: `The live guarantees by ${breakdown.replace('-', ' ')} as CSV, a row per fund and ${breakdown.replace('-', ' ')}`,
    request: { query: guaranteeDashboardQuerySchema },
    responses: { ...csvFile, 404: { description: 'Unknown fund, or out of reach' } },
  });
}

/** The CSV of one breakdown: amounts in minor units, with the fund's currency on each row. */
async function exportBreakdown(db: Db, user: CurrentUser, breakdown: DashboardBreakdown, query: GuaranteeDashboardQuery): Promise<Response> {
  const dashboard = await guaranteeDashboard(db, user, query);
  const rows = dashboard.funds.flatMap((fund) => SLICES[breakdown](fund).map((slice) => ({ fund, slice })));
  const csv = toCsv(rows, [
    { header: 'fund', value: (r) => r.fund.fundCode },
    { header: 'currency', value: (r) => r.fund.currency },
    { header: breakdown.replace('-', '_'), value: (r) => r.slice.label },
    { header: 'guarantees', value: (r) => r.slice.count },
    { header: 'exposure_minor', value: (r) => r.slice.exposureMinor },
    { header: 'provision_minor', value: (r) => r.slice.provisionMinor },
  ]);
  return csvResponse(csv, `guarantees-by-${breakdown}.csv`);
}

const bankRoute = exportRoute('bank');
const sectorRoute = exportRoute('sector');
const districtRoute = exportRoute('district');
const riskClassRoute = exportRoute('risk-class');

export const dashboardRoutes = new OpenAPIHono<AppEnv>()
  .openapi(dashboardRoute, async (c) => c.json(await guaranteeDashboard(c.get('db'), requireUser(c.get('user')), c.req.valid('query')), 200))
  .openapi(bankRoute, async (c) => (await exportBreakdown(c.get('db'), requireUser(c.get('user')), 'bank', c.req.valid('query'))) as never)
  .openapi(sectorRoute, async (c) => (await exportBreakdown(c.get('db'), requireUser(c.get('user')), 'sector', c.req.valid('query'))) as never)
  .openapi(districtRoute, async (c) => (await exportBreakdown(c.get('db'), requireUser(c.get('user')), 'district', c.req.valid('query'))) as never)
  .openapi(riskClassRoute, async (c) => (await exportBreakdown(c.get('db'), requireUser(c.get('user')), 'risk-class', c.req.valid('query'))) as never);
