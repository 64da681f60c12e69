import { OpenAPIHono, z } from '@hono/zod-openapi';
import { cancelInputSchema } from '@essor/shared/cofinancing';
import { emptyInputSchema } from '@essor/shared/funds';
import {
  assetListQuerySchema,
  assetSchema,
  payInvoiceInputSchema,
  purchaseOrderInputSchema,
  quoteListQuerySchema,
  quoteSchema,
  reassignAssetInputSchema,
  recordQuoteInputSchema,
  returnAssetInputSchema,
  supplierInvoiceInputSchema,
  updateAssetInputSchema,
  type Quote,
} from '@essor/shared/equipment';
import { pageOf } from '@essor/shared/pagination';
import { actorOf, type AppEnv, type CurrentUser } from '../../lib/context';
import { csvResponse, csvStream, toCsv } from '../../lib/csv';
import { csvFile, defineRoute, json, jsonBody, idParams } from '../../lib/route';
import { viewerOf } from '../../lib/viewer';
import { approveQuote, rejectQuote } from './decisions';
import { cancelQuote } from './cancellation';
import { exportAssets, listAssets, reassignAsset, returnAsset, returnProjectAssets, updateAsset } from './assets';
import { getQuote, listQuotes, recordQuote } from './quotes';
import { issuePurchaseOrder, payInvoice, recordSupplierInvoice } from './purchase';
import { withQuoteActions } from './flow';

const READERS = ['admin', 'staff', 'fund_manager', 'project_holder'] as const;
const KEEPERS = ['staff', 'fund_manager'] as const;
const quoteScope = { params: { id: 'equipment_quote' } } as const;
const assetScope = { params: { id: 'equipment_asset' } } as const;
const reply = { 200: { description: 'The quote as it now stands', ...json(quoteSchema) }, 404: { description: 'Unknown quote' }, 409: { description: 'Not in a state that allows this' } };
const assetReply = { 200: { description: 'The item', ...json(assetSchema) }, 404: { description: 'Unknown item' }, 409: { description: 'Not in a state that allows this' } };

const listRoute = defineRoute(READERS, {
  method: 'get',
  path: '/quotes',
  tags: ['equipment'],
  summary: 'Equipment quotes (a project holder sees their own)',
  request: { query: quoteListQuerySchema },
  responses: { 200: { description: 'Quotes, newest first', ...json(z.array(quoteSchema)) } },
});

const exportQuotesRoute = defineRoute(READERS, {
  method: 'get',
  path: '/quotes/export.csv',
  tags: ['equipment'],
  summary: 'The quotes and orders as CSV, with the same filters as the list',
  request: { query: quoteListQuerySchema },
  responses: csvFile,
});

const exportAssetsRoute = defineRoute(READERS, {
  method: 'get',
  path: '/assets/export.csv',
  tags: ['equipment'],
  summary: 'The whole asset register as CSV (same filters as the list, all pages)',
  request: { query: assetListQuerySchema.omit({ cursor: true, limit: true }) },
  responses: csvFile,
});

const getRoute = defineRoute(READERS, {
  method: 'get',
  path: '/quotes/{id}',
  tags: ['equipment'],
  summary: 'One quote with its timeline',
  request: { params: idParams },
  responses: { 200: { description: 'The quote', ...json(quoteSchema) }, 404: { description: 'Unknown quote' } },
}, quoteScope);

const recordRoute = defineRoute(KEEPERS, {
  method: 'post',
  path: '/quotes',
  tags: ['equipment'],
  summary: "Record a supplier's quote for a selected project (another fund manager approves it)",
  request: jsonBody(recordQuoteInputSchema),
  responses: { 201: { description: 'Recorded quote', ...json(quoteSchema) }, 422: { description: 'Wrong fund or currency' } },
}, { body: { fundId: 'fund', projectId: 'project' } });

const approveRoute = defineRoute(['fund_manager'], {
  method: 'post',
  idempotent: true,
  path: '/quotes/{id}/approve',
  tags: ['equipment'],
  summary: "Approve and commit the quote's total (four eyes; never more than available)",
  request: { params: idParams, ...jsonBody(emptyInputSchema) },
  responses: reply,
}, quoteScope);

const rejectRoute = defineRoute(['fund_manager'], {
  method: 'post',
  path: '/quotes/{id}/reject',
  tags: ['equipment'],
  summary: 'Reject a quote',
  request: { params: idParams },
  responses: reply,
}, quoteScope);

const orderRoute = defineRoute(['fund_manager'], {
  method: 'post',
  path: '/quotes/{id}/purchase-order',
  tags: ['equipment'],
  summary: 'Issue the purchase order (numbered by the API unless a number is given)',
  request: { params: idParams, ...jsonBody(purchaseOrderInputSchema) },
  responses: reply,
}, quoteScope);

const invoiceRoute = defineRoute(['staff', 'fund_manager'], {
  method: 'post',
  path: '/quotes/{id}/invoice',
  tags: ['equipment'],
  summary: "Record the supplier's invoice (at most the approved amount)",
  request: { params: idParams, ...jsonBody(supplierInvoiceInputSchema) },
  responses: { ...reply, 422: { description: 'Above the quote, or wrong currency' } },
}, quoteScope);

const payRoute = defineRoute(['fund_manager'], {
  method: 'post',
  idempotent: true,
  path: '/quotes/{id}/pay',
  tags: ['equipment'],
  summary: 'Pay the supplier and enter the items in the asset register',
  request: { params: idParams, ...jsonBody(payInvoiceInputSchema) },
  responses: reply,
}, quoteScope);

const cancelRoute = defineRoute(['fund_manager'], {
  method: 'post',
  idempotent: true,
  path: '/quotes/{id}/cancel',
  tags: ['equipment'],
  summary: 'Cancel a quote not yet paid, releasing its commitment',
  request: { params: idParams, ...jsonBody(cancelInputSchema) },
  responses: reply,
}, quoteScope);

const assetsRoute = defineRoute(READERS, {
  method: 'get',
  path: '/assets',
  tags: ['equipment'],
  summary: 'The asset register, oldest acquired first, a keyset page at a time',
  request: { query: assetListQuerySchema },
  responses: { 200: { description: 'A page of items', ...json(pageOf(assetSchema)) } },
});

const updateAssetRoute = defineRoute(['staff', 'fund_manager'], {
  method: 'patch',
  path: '/assets/{id}',
  tags: ['equipment'],
  summary: "Record an item's serial number or a note",
  request: { params: idParams, ...jsonBody(updateAssetInputSchema) },
  responses: assetReply,
}, assetScope);

const returnAssetRoute = defineRoute(['staff', 'fund_manager'], {
  method: 'post',
  path: '/assets/{id}/return',
  tags: ['equipment'],
  summary: 'An item comes back to the fund (the project stopped or no longer needs it)',
  request: { params: idParams, ...jsonBody(returnAssetInputSchema) },
  responses: assetReply,
}, assetScope);

const returnProjectAssetsRoute = defineRoute(KEEPERS, {
  method: 'post',
  path: '/projects/{projectId}/return-assets',
  tags: ['equipment'],
  summary: 'A project stops: every item it holds comes back to the fund',
  request: { params: z.object({ projectId: z.uuid() }), ...jsonBody(returnAssetInputSchema) },
  responses: { 200: { description: 'The items returned', ...json(z.array(assetSchema)) }, 404: { description: 'Unknown project' } },
}, { params: { projectId: 'project' } });

const reassignAssetRoute = defineRoute(['fund_manager'], {
  method: 'post',
  path: '/assets/{id}/reassign',
  tags: ['equipment'],
  summary: 'Lend a returned item to another project',
  request: { params: idParams, ...jsonBody(reassignAssetInputSchema) },
  responses: assetReply,
}, { params: { id: 'equipment_asset' }, body: { projectId: 'project' } });

/** The quote as the caller sees it: with what they may do now. */
async function forCaller(c: { get(key: 'db'): AppEnv['Variables']['db']; get(key: 'user'): CurrentUser | null }, quote: Quote): Promise<Quote> {
  const [shaped] = await withQuoteActions(c.get('db'), c.get('user')!, [quote]);
  return shaped;
}

export const equipmentRoutes = new OpenAPIHono<AppEnv>()
  .openapi(listRoute, async (c) => c.json(await withQuoteActions(c.get('db'), c.get('user')!, await listQuotes(c.get('db'), viewerOf(c.get('user')!, READERS), c.req.valid('query'))), 200))
  .openapi(exportQuotesRoute, async (c) => {
    const rows = await listQuotes(c.get('db'), viewerOf(c.get('user')!, READERS), c.req.valid('query'));
    const csv = toCsv(rows, [
      { header: 'number', value: (r) => r.number },
      { header: 'fund', value: (r) => r.fundCode },
      { header: 'project', value: (r) => r.projectTitle },
      { header: 'supplier', value: (r) => r.supplier },
      { header: 'status', value: (r) => r.status },
      { header: 'currency', value: (r) => r.currency },
      { header: 'total_minor', value: (r) => r.totalMinor },
      { header: 'purchase_order', value: (r) => r.purchaseOrderNumber },
      { header: 'ordered_on', value: (r) => r.orderedOn },
      { header: 'invoice', value: (r) => r.invoiceNumber },
      { header: 'invoice_amount_minor', value: (r) => r.invoiceAmountMinor },
      { header: 'paid_on', value: (r) => r.paidOn },
    ]);
    return csvResponse(csv, 'equipment-quotes.csv') as never;
  })
  .openapi(exportAssetsRoute, async (c) => {
    const csv = await csvStream(exportAssets(c.get('db'), viewerOf(c.get('user')!, READERS), c.req.valid('query')), [
      { header: 'item', value: (r) => r.item },
      { header: 'serial_number', value: (r) => r.serialNumber },
      { header: 'project', value: (r) => r.projectTitle },
      { header: 'status', value: (r) => r.status },
      { header: 'currency', value: (r) => r.currency },
      { header: 'value_minor', value: (r) => r.valueMinor },
      { header: 'acquired_on', value: (r) => r.acquiredOn },
      { header: 'returned_on', value: (r) => r.returnedOn },
      { header: 'note', value: (r) => r.note },
    ]);
    return csvResponse(csv, 'equipment-assets.csv') as never;
  })
  .openapi(getRoute, async (c) => c.json(await forCaller(c, await getQuote(c.get('db'), viewerOf(c.get('user')!, READERS), c.req.valid('param').id)), 200))
  .openapi(recordRoute, async (c) => c.json(await forCaller(c, await recordQuote(c.get('db'), actorOf(c.var), c.req.valid('json'))), 201))
  .openapi(approveRoute, async (c) => {
    const { id } = c.req.valid('param');
    return c.json(await approveQuote(c.get('db'), actorOf(c.var), id), 200);
  })
  .openapi(rejectRoute, async (c) => c.json(await forCaller(c, await rejectQuote(c.get('db'), actorOf(c.var), c.req.valid('param').id)), 200))
  .openapi(orderRoute, async (c) => c.json(await forCaller(c, await issuePurchaseOrder(c.get('db'), actorOf(c.var), c.req.valid('param').id, c.req.valid('json'))), 200))
  .openapi(invoiceRoute, async (c) => c.json(await forCaller(c, await recordSupplierInvoice(c.get('db'), actorOf(c.var), c.req.valid('param').id, c.req.valid('json'))), 200))
  .openapi(payRoute, async (c) => {
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    return c.json(await payInvoice(c.get('db'), actorOf(c.var), id, input.paidOn), 200);
  })
  .openapi(cancelRoute, async (c) => {
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    return c.json(await cancelQuote(c.get('db'), actorOf(c.var), id, input.reason), 200);
  })
  .openapi(assetsRoute, async (c) => c.json(await listAssets(c.get('db'), viewerOf(c.get('user')!, READERS), c.req.valid('query')), 200))
  .openapi(updateAssetRoute, async (c) => c.json(await updateAsset(c.get('db'), actorOf(c.var), c.req.valid('param').id, c.req.valid('json')), 200))
  .openapi(returnAssetRoute, async (c) => c.json(await returnAsset(c.get('db'), actorOf(c.var), c.req.valid('param').id, c.req.valid('json')), 200))
  .openapi(returnProjectAssetsRoute, async (c) =>
    c.json(await returnProjectAssets(c.get('db'), actorOf(c.var), viewerOf(c.get('user')!, KEEPERS), c.req.valid('param').projectId, c.req.valid('json')), 200),
  )
  .openapi(reassignAssetRoute, async (c) => c.json(await reassignAsset(c.get('db'), actorOf(c.var), c.req.valid('param').id, c.req.valid('json').projectId), 200));
