import { OpenAPIHono, z } from '@hono/zod-openapi';
import { myPayoutsSchema, statementYearParamsSchema } from '@essor/shared/bond-investor';
import { requireUser } from '../../lib/authz';
import type { AppEnv } from '../../lib/context';
import { csvResponse } from '../../lib/csv';
import { csvFile, defineRoute, idParams, json } from '../../lib/route';
import { holderCertificatePdf, listMyPayouts, myCertificatePdf, myStatementCsv, myStatementPdf } from './investor-documents';
import { OFFERING_READERS } from './offerings';

const INVESTOR = ['investor'] as const;
const tags = ['bonds'];
const pdfFile = { description: 'PDF', content: { 'application/pdf': { schema: z.string() } } };

const myCertificateRoute = defineRoute(INVESTOR, {
  method: 'get',
  path: '/me/subscriptions/{id}/certificate.pdf',
  tags,
  summary: 'The certificate of my allotted bonds, as a PDF',
  request: { params: idParams },
  responses: { 200: pdfFile, 404: { description: 'Unknown subscription, or not mine' }, 409: { description: 'Not allotted' } },
});

const holderCertificateRoute = defineRoute(OFFERING_READERS, {
  method: 'get',
  path: '/subscriptions/{id}/certificate.pdf',
  tags,
  summary: "A holder's certificate of allotted bonds, as a PDF (staff reprint)",
  request: { params: idParams },
  responses: { 200: pdfFile, 404: { description: 'Unknown subscription' }, 409: { description: 'Not allotted' } },
}, { params: { id: 'bond_subscription' } });

const myPayoutsRoute = defineRoute(INVESTOR, {
  method: 'get',
  path: '/me/payouts',
  tags,
  summary: 'My coupons and repayments: what is still to come on the bonds I hold, and what was paid to me',
  responses: { 200: { description: 'My payouts', ...json(myPayoutsSchema) } },
});

// `{year}.pdf` cannot be one path segment for the router: the year is its own segment.
const myStatementPdfRoute = defineRoute(INVESTOR, {
  method: 'get',
  path: '/me/statements/{year}/statement.pdf',
  tags,
  summary: 'My yearly statement of interest paid and tax withheld, as a PDF',
  request: { params: statementYearParamsSchema },
  responses: { 200: pdfFile },
});

const myStatementCsvRoute = defineRoute(INVESTOR, {
  method: 'get',
  path: '/me/statements/{year}/statement.csv',
  tags,
  summary: 'My yearly statement of interest paid and tax withheld, one line per payment, as CSV',
  request: { params: statementYearParamsSchema },
  responses: csvFile,
});

function pdfResponse(pdf: Buffer, filename: string): Response {
  return new Response(new Uint8Array(pdf), { status: 200, headers: { 'content-type': 'application/pdf', 'content-disposition': `attachment; filename="${filename}"` } });
}

/** The investor's documents (certificates, payouts, yearly statements), mounted under /api/bonds. */
export const bondInvestorRoutes = new OpenAPIHono<AppEnv>()
  .openapi(myCertificateRoute, async (c) => {
    const { pdf, filename } = await myCertificatePdf(c.get('db'), requireUser(c.get('user')).id, c.req.valid('param').id);
    return pdfResponse(pdf, filename) as never;
  })
  .openapi(holderCertificateRoute, async (c) => {
    const { pdf, filename } = await holderCertificatePdf(c.get('db'), requireUser(c.get('user')), c.req.valid('param').id);
    return pdfResponse(pdf, filename) as never;
  })
  .openapi(myPayoutsRoute, async (c) => c.json(await listMyPayouts(c.get('db'), requireUser(c.get('user')).id), 200))
  .openapi(myStatementPdfRoute, async (c) => {
    const { year } = c.req.valid('param');
    return pdfResponse(await myStatementPdf(c.get('db'), requireUser(c.get('user')).id, year), `statement-${year}.pdf`) as never;
  })
  .openapi(myStatementCsvRoute, async (c) => {
    const { year } = c.req.valid('param');
    return csvResponse(await myStatementCsv(c.get('db'), requireUser(c.get('user')).id, year), `statement-${year}.csv`) as never;
  });
