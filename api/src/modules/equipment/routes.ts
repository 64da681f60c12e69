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
} from '@essor/shared/equipment';
import { actorOf, type AppEnv } from '../../lib/context';
import { idempotencyHeaderSchema, idempotentReply } from '../../lib/idempotency';
import { defineRoute } from '../../lib/route';
import { viewerOf } from '../funds/viewer';
import {
  approveQuote,
  cancelQuote,
  getQuote,
  issuePurchaseOrder,
  listAssets,
  listQuotes,
  payInvoice,
  reassignAsset,
  recordQuote,
  recordSupplierInvoice,
  rejectQuote,
  returnAsset,
  returnProjectAssets,
  updateAsset,
} from './service';

const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } } });
const body = <T extends z.ZodType>(schema: T) => ({ body: { ...json(schema), required: true } });
const idParams = z.object({ id: z.uuid() });
const READERS = ['admin', 'staff', 'fund_manager', 'project_holder'] as const;
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

const getRoute = defineRoute(READERS, {
  method: 'get',
  path: '/quotes/{id}',
  tags: ['equipment'],
  summary: 'One quote with its timeline',
  request: { params: idParams },
  responses: { 200: { description: 'The quote', ...json(quoteSchema) }, 404: { description: 'Unknown quote' } },
});

const recordRoute = defineRoute(['staff'], {
  method: 'post',
  path: '/quotes',
  tags: ['equipment'],
  summary: "Record a supplier's quote for a project",
  request: body(recordQuoteInputSchema),
  responses: { 201: { description: 'Recorded quote', ...json(quoteSchema) }, 422: { description: 'Wrong fund or currency' } },
});

const approveRoute = defineRoute(['fund_manager'], {
  method: 'post',
  path: '/quotes/{id}/approve',
  tags: ['equipment'],
  summary: "Approve and commit the quote's total (four eyes; never more than available)",
  request: { params: idParams, headers: idempotencyHeaderSchema, ...body(emptyInputSchema) },
  responses: reply,
});

const rejectRoute = defineRoute(['fund_manager'], {
  method: 'post',
  path: '/quotes/{id}/reject',
  tags: ['equipment'],
  summary: 'Reject a quote',
  request: { params: idParams },
  responses: reply,
});

const orderRoute = defineRoute(['fund_manager'], {
  method: 'post',
  path: '/quotes/{id}/purchase-order',
  tags: ['equipment'],
  summary: 'Issue the purchase order',
  request: { params: idParams, ...body(purchaseOrderInputSchema) },
  responses: reply,
});

const invoiceRoute = defineRoute(['staff', 'fund_manager'], {
  method: 'post',
  path: '/quotes/{id}/invoice',
  tags: ['equipment'],
  summary: "Record the supplier's invoice (at most the approved amount)",
  request: { params: idParams, ...body(supplierInvoiceInputSchema) },
  responses: { ...reply, 422: { description: 'Above the quote, or wrong currency' } },
});

const payRoute = defineRoute(['fund_manager'], {
  method: 'post',
  path: '/quotes/{id}/pay',
  tags: ['equipment'],
  summary: 'Pay the supplier and enter the items in the asset register',
  request: { params: idParams, headers: idempotencyHeaderSchema, ...body(payInvoiceInputSchema) },
  responses: reply,
});

const cancelRoute = defineRoute(['fund_manager'], {
  method: 'post',
  path: '/quotes/{id}/cancel',
  tags: ['equipment'],
  summary: 'Cancel a quote not yet paid, releasing its commitment',
  request: { params: idParams, headers: idempotencyHeaderSchema, ...body(cancelInputSchema) },
  responses: reply,
});

const assetsRoute = defineRoute(READERS, {
  method: 'get',
  path: '/assets',
  tags: ['equipment'],
  summary: 'The asset register',
  request: { query: assetListQuerySchema },
  responses: { 200: { description: 'Items', ...json(z.array(assetSchema)) } },
});

const updateAssetRoute = defineRoute(['staff', 'fund_manager'], {
  method: 'patch',
  path: '/assets/{id}',
  tags: ['equipment'],
  summary: "Record an item's serial number or a note",
  request: { params: idParams, ...body(updateAssetInputSchema) },
  responses: assetReply,
});

const returnAssetRoute = defineRoute(['staff', 'fund_manager'], {
  method: 'post',
  path: '/assets/{id}/return',
  tags: ['equipment'],
  summary: 'An item comes back to the fund (the project stopped or no longer needs it)',
  request: { params: idParams, ...body(returnAssetInputSchema) },
  responses: assetReply,
});

const returnProjectAssetsRoute = defineRoute(['staff', 'fund_manager'], {
  method: 'post',
  path: '/projects/{projectId}/return-assets',
  tags: ['equipment'],
  summary: 'A project stops: every item it holds comes back to the fund',
  request: { params: z.object({ projectId: z.uuid() }), ...body(returnAssetInputSchema) },
  responses: { 200: { description: 'The items returned', ...json(z.array(assetSchema)) }, 404: { description: 'Unknown project' } },
});

const reassignAssetRoute = defineRoute(['fund_manager'], {
  method: 'post',
  path: '/assets/{id}/reassign',
  tags: ['equipment'],
  summary: 'Lend a returned item to another project',
  request: { params: idParams, ...body(reassignAssetInputSchema) },
  responses: assetReply,
});

export const equipmentRoutes = new OpenAPIHono<AppEnv>()
  .openapi(listRoute, async (c) => c.json(await listQuotes(c.get('db'), viewerOf(c.get('user')!), c.req.valid('query')), 200))
  .openapi(getRoute, async (c) => c.json(await getQuote(c.get('db'), viewerOf(c.get('user')!), c.req.valid('param').id), 200))
  .openapi(recordRoute, async (c) => c.json(await recordQuote(c.get('db'), actorOf(c.var), c.req.valid('json')), 201))
  .openapi(approveRoute, async (c) => {
    const { id } = c.req.valid('param');
    return idempotentReply(c, {}, 200, (tx) => approveQuote(tx, actorOf(c.var), id));
  })
  .openapi(rejectRoute, async (c) => c.json(await rejectQuote(c.get('db'), actorOf(c.var), c.req.valid('param').id), 200))
  .openapi(orderRoute, async (c) => c.json(await issuePurchaseOrder(c.get('db'), actorOf(c.var), c.req.valid('param').id, c.req.valid('json')), 200))
  .openapi(invoiceRoute, async (c) => c.json(await recordSupplierInvoice(c.get('db'), actorOf(c.var), c.req.valid('param').id, c.req.valid('json')), 200))
  .openapi(payRoute, async (c) => {
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    return idempotentReply(c, input, 200, (tx) => payInvoice(tx, actorOf(c.var), id, input.paidOn));
  })
  .openapi(cancelRoute, async (c) => {
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    return idempotentReply(c, input, 200, (tx) => cancelQuote(tx, actorOf(c.var), id, input.reason));
  })
  .openapi(assetsRoute, async (c) => c.json(await listAssets(c.get('db'), viewerOf(c.get('user')!), c.req.valid('query')), 200))
  .openapi(updateAssetRoute, async (c) => c.json(await updateAsset(c.get('db'), actorOf(c.var), c.req.valid('param').id, c.req.valid('json')), 200))
  .openapi(returnAssetRoute, async (c) => c.json(await returnAsset(c.get('db'), actorOf(c.var), c.req.valid('param').id, c.req.valid('json')), 200))
  .openapi(returnProjectAssetsRoute, async (c) =>
    c.json(await returnProjectAssets(c.get('db'), actorOf(c.var), c.req.valid('param').projectId, c.req.valid('json')), 200),
  )
  .openapi(reassignAssetRoute, async (c) => c.json(await reassignAsset(c.get('db'), actorOf(c.var), c.req.valid('param').id, c.req.valid('json').projectId), 200));
