import { OpenAPIHono, z } from '@hono/zod-openapi';
import {
  councilReportQuerySchema,
  dashboardOptionsSchema,
  DASHBOARD_SECTIONS,
  IMPACT_DASHBOARD_READERS,
  impactDashboardQuerySchema,
  impactDashboardSchema,
  moneyFlowQuerySchema,
  moneyFlowSchema,
  type DashboardSection,
} from '@essor/shared/impact-dashboard';
import { requireUser } from '../../lib/authz';
import type { AppEnv } from '../../lib/context';
import { csvResponse } from '../../lib/csv';
import { replyLocale } from '../../lib/messages/render';
import { csvFile, defineRoute, json } from '../../lib/route';
import { councilReport, councilReportCsv, councilReportPdf, councilReportXlsx } from './council-report';
import { SECTION_CSV } from './csv-sections';
import { impactDashboard } from './impact';
import { moneyFlow } from './money-flow';
import { dashboardOptions } from './options';

const tags = ['dashboards'];
const outOfReach = { 404: { description: 'Unknown structure, programme or fund, or out of reach' } };
const badPeriod = { 422: { description: 'The period starts after it ends' } };

const impactRoute = defineRoute(IMPACT_DASHBOARD_READERS, {
  method: 'get',
  path: '/impact',
  tags,
  summary:
    'The impact dashboard of what the caller reaches, filtered by structure, programme, district and period: funnel, cohorts, coaching hours, fund use, impact against targets, SDG, jobs, cost per job, guarantees, bonds, districts',
  request: { query: impactDashboardQuerySchema },
  responses: { 200: { description: 'The dashboard', ...json(impactDashboardSchema) }, ...outOfReach, ...badPeriod },
});

function sectionRoute(section: DashboardSection) {
  return defineRoute(IMPACT_DASHBOARD_READERS, {
    method: 'get',
    path: `/impact/${section}.csv`,
    tags,
    summary: `The impact dashboard's ${section.replace(/-/g, ' ')} section as CSV, with the dashboard's filters`,
    request: { query: impactDashboardQuerySchema },
    responses: { ...csvFile, ...outOfReach, ...badPeriod },
  });
}

const optionsRoute = defineRoute(IMPACT_DASHBOARD_READERS, {
  method: 'get',
  path: '/options',
  tags,
  summary: 'What the dashboards offer to pick: the structures, programmes and funds the caller reaches',
  responses: { 200: { description: 'The pickers’ options', ...json(dashboardOptionsSchema) } },
});

const moneyFlowRoute = defineRoute(IMPACT_DASHBOARD_READERS, {
  method: 'get',
  path: '/money-flow',
  tags,
  summary: "Follow one fund's (or one programme's) money from its funders to its projects and their jobs: Sankey nodes and links, per project cost per job, totals; one currency",
  request: { query: moneyFlowQuerySchema },
  responses: {
    200: { description: 'The flow, in one currency', ...json(moneyFlowSchema) },
    ...outOfReach,
    422: { description: 'A programme fed by several currencies needs `currency`' },
  },
});

const reportResponses = (type: string, description: string) => ({
  200: { description, content: { [type]: { schema: z.string() } } },
  ...outOfReach,
});

const reportPdfRoute = defineRoute(IMPACT_DASHBOARD_READERS, {
  method: 'get',
  path: '/council-report.pdf',
  tags,
  summary: "The yearly report to the city council as PDF (cover, key figures, funnel, impact against targets, SDG, fund use, money flow, districts, with charts), in the caller's language",
  request: { query: councilReportQuerySchema },
  responses: reportResponses('application/pdf', 'PDF'),
});

const reportXlsxRoute = defineRoute(IMPACT_DASHBOARD_READERS, {
  method: 'get',
  path: '/council-report.xlsx',
  tags,
  summary: "The council report's tables as an Excel workbook, one sheet per table",
  request: { query: councilReportQuerySchema },
  responses: reportResponses('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'XLSX workbook'),
});

const reportCsvRoute = defineRoute(IMPACT_DASHBOARD_READERS, {
  method: 'get',
  path: '/council-report.csv',
  tags,
  summary: "The council report's impact table (indicators against targets) as CSV",
  request: { query: councilReportQuerySchema },
  responses: { ...csvFile, ...outOfReach },
});

const file = (body: Buffer, type: string, filename: string) =>
  new Response(new Uint8Array(body), { status: 200, headers: { 'content-type': type, 'content-disposition': `attachment; filename="${filename}"` } });

/** The impact dashboards, follow-the-money and the council report under /api/dashboards. */
export const dashboardsRoutes = new OpenAPIHono<AppEnv>()
  .openapi(optionsRoute, async (c) => c.json(await dashboardOptions(c.get('db'), requireUser(c.get('user'))), 200))
  .openapi(impactRoute, async (c) => c.json(await impactDashboard(c.get('db'), requireUser(c.get('user')), c.req.valid('query')), 200))
  .openapi(moneyFlowRoute, async (c) => {
    const user = requireUser(c.get('user'));
    return c.json(await moneyFlow(c.get('db'), user, c.req.valid('query'), replyLocale(user.locale, c.req.header('accept-language'))), 200);
  })
  .openapi(reportPdfRoute, async (c) => {
    const user = requireUser(c.get('user'));
    const query = c.req.valid('query');
    const locale = query.lang ?? replyLocale(user.locale, c.req.header('accept-language'));
    const report = await councilReport(c.get('db'), user, query, locale);
    return file(await councilReportPdf(report), 'application/pdf', `${report.filename}.pdf`) as never;
  })
  .openapi(reportXlsxRoute, async (c) => {
    const user = requireUser(c.get('user'));
    const query = c.req.valid('query');
    const locale = query.lang ?? replyLocale(user.locale, c.req.header('accept-language'));
    const report = await councilReport(c.get('db'), user, query, locale);
    return file(await councilReportXlsx(report), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', `${report.filename}.xlsx`) as never;
  })
  .openapi(reportCsvRoute, async (c) => {
    const user = requireUser(c.get('user'));
    const query = c.req.valid('query');
    const locale = query.lang ?? replyLocale(user.locale, c.req.header('accept-language'));
    const report = await councilReport(c.get('db'), user, query, locale);
    return csvResponse(councilReportCsv(report), `${report.filename}-impact.csv`) as never;
  });

for (const section of DASHBOARD_SECTIONS) {
  dashboardsRoutes.openapi(sectionRoute(section), async (c) => {
    const dashboard = await impactDashboard(c.get('db'), requireUser(c.get('user')), c.req.valid('query'));
    return csvResponse(SECTION_CSV[section](dashboard), `impact-${section}.csv`) as never;
  });
}
