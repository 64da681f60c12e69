import { OpenAPIHono } from '@hono/zod-openapi';
import { previewStatementInputSchema, STATEMENT_MATCHES, statementImportSchema, statementListQuerySchema, statementSchema, type StatementImport } from '@essor/shared/bond-statements';
import { emptyInputSchema } from '@essor/shared/funds';
import { pageOf } from '@essor/shared/pagination';
import { requireUser } from '../../lib/authz';
import { actorOf, type AppEnv } from '../../lib/context';
import { csvResponse, csvStream, toCsv } from '../../lib/csv';
import { csvFile, defineRoute, idParams, json, jsonBody } from '../../lib/route';
import { OFFERING_READERS, OFFERING_STAFF } from './offerings';
import { discardStatement, exportStatements, getStatement, listStatements, postStatement, previewStatement } from './statements';

const tags = ['bonds'];
const importScope = { params: { id: 'bond_statement_import' } } as const;
const statementReply = {
  200: { description: 'The statement import with its lines', ...json(statementSchema) },
  404: { description: 'Unknown statement import' },
  409: { description: 'Already posted (this file, by this import or another), or discarded' },
};

const previewRoute = defineRoute(OFFERING_STAFF, {
  method: 'post',
  path: '/statements',
  tags,
  summary: "Read a trust account's bank statement (CSV or camt.053, base64) into a preview: each credit matched to a subscription by its RF reference; nothing is paid yet",
  request: jsonBody(previewStatementInputSchema),
  responses: {
    201: { description: 'The preview, each line with its match', ...json(statementSchema) },
    404: { description: 'Unknown trust books' },
    409: { description: 'This file is already posted' },
    413: { description: 'The file is too large' },
    422: { description: 'Not a statement format read here, no lines, a line without a date or an amount, or not trust books' },
  },
}, { body: { trustFundId: 'fund' } });

const listRoute = defineRoute(OFFERING_READERS, {
  method: 'get',
  path: '/statements',
  tags,
  summary: 'Bank statement imports of the structures the caller reaches, newest first (keyset paged)',
  request: { query: statementListQuerySchema },
  responses: { 200: { description: 'A page of imports', ...json(pageOf(statementImportSchema)) } },
});

const exportRoute = defineRoute(OFFERING_READERS, {
  method: 'get',
  path: '/statements/export.csv',
  tags,
  summary: 'The statement imports as CSV, with the same filters as the list',
  request: { query: statementListQuerySchema.omit({ cursor: true, limit: true }) },
  responses: csvFile,
});

const linesExportRoute = defineRoute(OFFERING_READERS, {
  method: 'get',
  path: '/statements/{id}/lines.csv',
  tags,
  summary: "A statement import's lines and what each matched, as CSV",
  request: { params: idParams },
  responses: csvFile,
}, importScope);

const getRoute = defineRoute(OFFERING_READERS, {
  method: 'get',
  path: '/statements/{id}',
  tags,
  summary: 'One statement import with its lines and what each matched',
  request: { params: idParams },
  responses: { 200: statementReply[200], 404: statementReply[404] },
}, importScope);

const postRoute = defineRoute(OFFERING_STAFF, {
  method: 'post',
  idempotent: true,
  path: '/statements/{id}/post',
  tags,
  summary: 'Post the preview: matched and partial credits become payments (one transaction, checked again); the others wait for a person',
  request: { params: idParams, ...jsonBody(emptyInputSchema) },
  responses: { ...statementReply, 422: { description: 'A line cannot be posted (its date, for one): nothing is posted' } },
}, importScope);

const discardRoute = defineRoute(OFFERING_STAFF, {
  method: 'post',
  path: '/statements/{id}/discard',
  tags,
  summary: 'Drop a preview that will not be posted',
  request: { params: idParams },
  responses: statementReply,
}, importScope);

export const statementRoutes = new OpenAPIHono<AppEnv>()
  .openapi(previewRoute, async (c) => c.json(await previewStatement(c.get('db'), actorOf(c.var), requireUser(c.get('user')), c.req.valid('json')), 201))
  .openapi(listRoute, async (c) => c.json(await listStatements(c.get('db'), requireUser(c.get('user')), c.req.valid('query')), 200))
  .openapi(exportRoute, async (c) => {
    const csv = await csvStream(exportStatements(c.get('db'), requireUser(c.get('user')), c.req.valid('query')), [
      { header: 'created_at', value: (i) => i.createdAt },
      { header: 'trust_fund', value: (i) => i.trustFundCode },
      { header: 'file_name', value: (i) => i.fileName },
      { header: 'format', value: (i) => i.format },
      { header: 'status', value: (i) => i.status },
      { header: 'currency', value: (i) => i.currency },
      { header: 'line_count', value: (i) => i.lineCount },
      { header: 'credit_minor', value: (i) => i.creditMinor },
      ...STATEMENT_MATCHES.map((m) => ({ header: m, value: (i: StatementImport) => i.counts[m] })),
      { header: 'posted_count', value: (i) => i.postedCount },
      { header: 'posted_at', value: (i) => i.postedAt },
    ]);
    return csvResponse(csv, 'bond-statements.csv') as never;
  })
  .openapi(linesExportRoute, async (c) => {
    const statement = await getStatement(c.get('db'), requireUser(c.get('user')), c.req.valid('param').id);
    const csv = toCsv(statement.lines, [
      { header: 'line', value: (l) => l.lineNo },
      { header: 'booked_on', value: (l) => l.bookedOn },
      { header: 'amount_minor', value: (l) => l.amountMinor },
      { header: 'currency', value: (l) => l.currency },
      { header: 'counterparty', value: (l) => l.counterparty },
      { header: 'remittance', value: (l) => l.remittance },
      { header: 'reference', value: (l) => l.reference },
      { header: 'bank_reference', value: (l) => l.bankReference },
      { header: 'match', value: (l) => l.match },
      { header: 'subscription', value: (l) => l.subscriptionReference },
      { header: 'investor', value: (l) => l.investorName },
      { header: 'offering', value: (l) => l.offeringCode },
      { header: 'payment_id', value: (l) => l.paymentId },
    ]);
    return csvResponse(csv, `bond-statement-${statement.id}.csv`) as never;
  })
  .openapi(getRoute, async (c) => c.json(await getStatement(c.get('db'), requireUser(c.get('user')), c.req.valid('param').id), 200))
  .openapi(postRoute, async (c) => c.json(await postStatement(c.get('db'), actorOf(c.var), c.req.valid('param').id), 200))
  .openapi(discardRoute, async (c) => c.json(await discardStatement(c.get('db'), actorOf(c.var), c.req.valid('param').id), 200));
