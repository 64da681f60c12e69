import { OpenAPIHono } from '@hono/zod-openapi';
import { bankReportInputSchema, guaranteeDetailSchema, reportImportInputSchema, reportPreviewSchema } from '@essor/shared/guarantees';
import { requireUser } from '../../lib/authz';
import { actorOf, type AppEnv } from '../../lib/context';
import { defineRoute, idParams, json, jsonBody } from '../../lib/route';
import { getGuarantee } from './register';
import { importReportFile, previewReportFile } from './report-import';
import { recordBankReport } from './reports';

const tags = ['guarantees'];
const MAKERS = ['staff', 'fund_manager'] as const;

const reportRoute = defineRoute(MAKERS, {
  method: 'post',
  idempotent: true,
  path: '/{id}/reports',
  tags,
  summary: "A bank's report on the loan (outstanding, arrears): exposure, risk class and provision move with it; repaid in full, the guarantee is released",
  request: { params: idParams, ...jsonBody(bankReportInputSchema) },
  responses: {
    200: { description: 'The guarantee as it now stands', ...json(guaranteeDetailSchema) },
    404: { description: 'Unknown guarantee' },
    409: { description: 'The guarantee is neither active nor called' },
    422: { description: 'Outstanding above the loan, a date after today or before the issue' },
  },
}, { params: { id: 'guarantee' } });

const previewRoute = defineRoute(MAKERS, {
  method: 'post',
  path: '/reports/preview',
  tags,
  summary: "Reads a bank's report file (CSV, French or English headers) and checks each row; nothing is written",
  request: jsonBody(reportImportInputSchema),
  responses: {
    200: { description: 'Each row with what is wrong with it, if anything', ...json(reportPreviewSchema) },
    404: { description: 'Unknown bank' },
    409: { description: 'This file was posted already' },
    413: { description: 'File too large' },
    422: { description: 'Not a report file, or no report row' },
  },
}, { body: { bankId: 'guarantee_bank' } });

const importRoute = defineRoute(MAKERS, {
  method: 'post',
  path: '/reports/import',
  tags,
  summary: "Posts a bank's report file in one go, only when every row is good: each row restates its guarantee",
  request: jsonBody(reportImportInputSchema),
  responses: {
    200: { description: 'The rows posted, with the import', ...json(reportPreviewSchema) },
    404: { description: 'Unknown bank' },
    409: { description: 'This file was posted already' },
    413: { description: 'File too large' },
    422: { description: 'Not a report file, or rows with errors (each named): nothing was posted' },
  },
}, { body: { bankId: 'guarantee_bank' } });

export const reportRoutes = new OpenAPIHono<AppEnv>()
  .openapi(previewRoute, async (c) => c.json(await previewReportFile(c.get('db'), c.req.valid('json')), 200))
  .openapi(importRoute, async (c) => c.json(await importReportFile(c.get('db'), actorOf(c.var), c.req.valid('json')), 200))
  .openapi(reportRoute, async (c) => {
    const { id } = c.req.valid('param');
    await recordBankReport(c.get('db'), actorOf(c.var), id, c.req.valid('json'));
    return c.json(await getGuarantee(c.get('db'), requireUser(c.get('user')), id), 200);
  });
