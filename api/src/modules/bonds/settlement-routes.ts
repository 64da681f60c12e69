import { OpenAPIHono } from '@hono/zod-openapi';
import { payOverInputSchema, settlementSchema } from '@essor/shared/bond-settlement';
import { requireUser } from '../../lib/authz';
import { actorOf, type AppEnv } from '../../lib/context';
import { csvResponse, csvStream, toCsv } from '../../lib/csv';
import { csvFile, defineRoute, idParams, json, jsonBody } from '../../lib/route';
import { OFFERING_READERS, OFFERING_STAFF } from './offerings';
import { exportRefundLines, issuerTransferOrder, PAY_OVER_MANAGERS, payOverToIssuer, settlementOf } from './settlement';

const tags = ['bonds'];
const offeringScope = { params: { id: 'bond_offering' } } as const;

const settlementRoute = defineRoute(OFFERING_READERS, {
  method: 'get',
  path: '/offerings/{id}/settlement',
  tags,
  summary: "Where the raise stands between the trust account and the issuer: payable at the close, paid over, remaining, and the transfers",
  request: { params: idParams },
  responses: { 200: { description: 'The settlement', ...json(settlementSchema) }, 404: { description: 'Unknown offering' } },
}, offeringScope);

const payOverRoute = defineRoute(PAY_OVER_MANAGERS, {
  method: 'post',
  idempotent: true,
  path: '/offerings/{id}/pay-over',
  tags,
  summary: 'Record the transfer of the raise to the issuer: exactly what remains payable leaves the trust account (posted on the day paid)',
  request: { params: idParams, ...jsonBody(payOverInputSchema) },
  responses: {
    201: { description: 'The settlement after the transfer', ...json(settlementSchema) },
    404: { description: 'Unknown offering' },
    409: { description: 'The offering is not active, or nothing remains to pay over' },
    422: { description: 'A date after today, before the issue, or in a closed period' },
  },
}, offeringScope);

const transferOrderRoute = defineRoute(OFFERING_STAFF, {
  method: 'get',
  path: '/offerings/{id}/issuer-transfer.csv',
  tags,
  summary: 'The transfer order for the bank as CSV: what remains payable, to the issuer, from the trust account, referenced by the offering code',
  request: { params: idParams },
  responses: { ...csvFile, 404: { description: 'Unknown offering' }, 409: { description: 'Nothing remains to pay over' } },
}, offeringScope);

const refundsRoute = defineRoute(OFFERING_STAFF, {
  method: 'get',
  path: '/offerings/{id}/refunds.csv',
  tags,
  summary: "The refund file for the bank as CSV: one line per refund posted for the offering, with the payments' bank references so each goes back to the account it came from",
  request: { params: idParams },
  responses: { ...csvFile, 404: { description: 'Unknown offering' } },
}, offeringScope);

export const settlementRoutes = new OpenAPIHono<AppEnv>()
  .openapi(settlementRoute, async (c) => c.json(await settlementOf(c.get('db'), requireUser(c.get('user')), c.req.valid('param').id), 200))
  .openapi(payOverRoute, async (c) => c.json(await payOverToIssuer(c.get('db'), actorOf(c.var), c.req.valid('param').id, c.req.valid('json')), 201))
  .openapi(transferOrderRoute, async (c) => {
    const order = await issuerTransferOrder(c.get('db'), requireUser(c.get('user')), c.req.valid('param').id);
    const csv = toCsv([order], [
      { header: 'beneficiary', value: (o) => o.issuerName },
      { header: 'amount', value: (o) => o.amount },
      { header: 'amount_minor', value: (o) => o.amountMinor },
      { header: 'currency', value: (o) => o.currency },
      { header: 'reference', value: (o) => o.reference },
      { header: 'from_account', value: (o) => o.trustAccountCode },
      { header: 'from_account_name', value: (o) => o.trustAccountName },
      { header: 'from_account_details', value: (o) => o.trustAccountDetails },
    ]);
    return csvResponse(csv, `issuer-transfer-${order.reference}.csv`) as never;
  })
  .openapi(refundsRoute, async (c) => {
    const csv = await csvStream(exportRefundLines(c.get('db'), requireUser(c.get('user')), c.req.valid('param').id), [
      { header: 'subscriber', value: (r) => r.subscriberName },
      { header: 'address', value: (r) => r.subscriberAddress },
      { header: 'amount_minor', value: (r) => r.amountMinor },
      { header: 'currency', value: (r) => r.currency },
      { header: 'reference', value: (r) => r.reference },
      { header: 'payment_bank_references', value: (r) => r.paymentBankReferences.join('; ') },
      { header: 'journal_entry', value: (r) => r.journalEntryId },
      { header: 'refunded_on', value: (r) => r.refundedOn },
    ]);
    return csvResponse(csv, 'bond-refunds.csv') as never;
  });
