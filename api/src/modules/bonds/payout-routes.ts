import { OpenAPIHono, z } from '@hono/zod-openapi';
import {
  earlyRedemptionInputSchema,
  payoutLineListQuerySchema,
  payoutLineSchema,
  payoutScheduleSchema,
  payoutSchema,
  transferInputSchema,
  transferListQuerySchema,
  transferSchema,
} from '@essor/shared/bond-payouts';
import { emptyInputSchema } from '@essor/shared/funds';
import { pageOf } from '@essor/shared/pagination';
import { requireUser } from '../../lib/authz';
import { actorOf, type AppEnv } from '../../lib/context';
import { csvResponse, csvStream } from '../../lib/csv';
import { csvFile, defineRoute, idParams, json, jsonBody } from '../../lib/route';
import { OFFERING_READERS, OFFERING_STAFF } from './offerings';
import { exportOfferingPayoutLines, getPayout, getPayoutSchedule, listPayoutLines, PAY_PAYOUTS_JOB, scheduleEarlyRedemption, startPayout } from './payouts';
import { exportTransfers, listTransfers, recordTransfer } from './transfers';

const tags = ['bonds'];
const offeringScope = { params: { id: 'bond_offering' } } as const;
const payoutParams = z.object({ id: z.uuid(), payoutId: z.uuid() });
const payoutReply = { 200: { description: 'The payout with its progress', ...json(payoutSchema) }, 404: { description: 'Unknown offering or payout' } };

const scheduleRoute = defineRoute(OFFERING_READERS, {
  method: 'get',
  path: '/offerings/{id}/payouts',
  tags,
  summary: "The offering's coupon and redemption schedule, each payout with its figures, status and progress",
  request: { params: idParams },
  responses: { 200: { description: 'The schedule', ...json(payoutScheduleSchema) }, 404: { description: 'Unknown offering' } },
}, offeringScope);

const payoutRoute = defineRoute(OFFERING_READERS, {
  method: 'get',
  path: '/offerings/{id}/payouts/{payoutId}',
  tags,
  summary: 'One payout with its progress (holders paid of holders of record), polled while it runs',
  request: { params: payoutParams },
  responses: payoutReply,
}, offeringScope);

const runRoute = defineRoute(OFFERING_STAFF, {
  method: 'post',
  idempotent: true,
  path: '/offerings/{id}/payouts/{payoutId}/run',
  tags,
  summary: 'Run a due payout: the amount is called on the issuer and collected (posted), then a job pays each holder once, in batches; a running payout resumes',
  request: { params: payoutParams, ...jsonBody(emptyInputSchema) },
  responses: {
    202: { description: 'The payout, running (poll it for its progress)', ...json(payoutSchema) },
    404: { description: 'Unknown offering or payout' },
    409: { description: 'Already paid, not due yet, an earlier payout unpaid, or the offering not active' },
  },
}, offeringScope);

const linesRoute = defineRoute(OFFERING_READERS, {
  method: 'get',
  path: '/offerings/{id}/payouts/{payoutId}/lines',
  tags,
  summary: 'Who a payout paid: gross interest, tax withheld, net and principal per holder (keyset paged)',
  request: { params: payoutParams, query: payoutLineListQuerySchema },
  responses: { 200: { description: 'A page of payout lines', ...json(pageOf(payoutLineSchema)) }, 404: { description: 'Unknown offering or payout' } },
}, offeringScope);

const linesExportRoute = defineRoute(OFFERING_READERS, {
  method: 'get',
  path: '/offerings/{id}/payout-lines.csv',
  tags,
  summary: 'Every line of every payout of the offering as CSV (who was paid what, for the books and tax slips)',
  request: { params: idParams },
  responses: csvFile,
}, offeringScope);

const earlyRedemptionRoute = defineRoute(OFFERING_STAFF, {
  method: 'post',
  idempotent: true,
  path: '/offerings/{id}/early-redemption',
  tags,
  summary: 'Redeem early where the terms allow it: the unpaid payouts from that day on become one payout of the accrued interest and the principal',
  request: { params: idParams, ...jsonBody(earlyRedemptionInputSchema) },
  responses: {
    201: { description: 'The early redemption payout', ...json(payoutSchema) },
    404: { description: 'Unknown offering' },
    409: { description: 'Not active, or an early redemption already scheduled' },
    422: { description: 'Not allowed by the terms on that day, or not before maturity' },
  },
}, offeringScope);

const transferRoute = defineRoute(OFFERING_STAFF, {
  method: 'post',
  idempotent: true,
  path: '/offerings/{id}/transfers',
  tags,
  summary: 'Record bonds passing from one holder to another (inheritance, sale): the register follows, highest bond numbers first',
  request: { params: idParams, ...jsonBody(transferInputSchema) },
  responses: {
    201: { description: 'The transfer', ...json(transferSchema) },
    404: { description: 'Unknown offering' },
    409: { description: 'Not active, or dated on or before a payout already started' },
    422: { description: 'More bonds than the giver holds, or someone not an investor of the structure' },
  },
}, offeringScope);

const transfersRoute = defineRoute(OFFERING_READERS, {
  method: 'get',
  path: '/offerings/{id}/transfers',
  tags,
  summary: "The offering's recorded transfers, newest first (keyset paged)",
  request: { params: idParams, query: transferListQuerySchema },
  responses: { 200: { description: 'A page of transfers', ...json(pageOf(transferSchema)) }, 404: { description: 'Unknown offering' } },
}, offeringScope);

const transfersExportRoute = defineRoute(OFFERING_READERS, {
  method: 'get',
  path: '/offerings/{id}/transfers.csv',
  tags,
  summary: "The offering's transfers as CSV",
  request: { params: idParams },
  responses: csvFile,
}, offeringScope);

const router = new OpenAPIHono<AppEnv>();
// Once the run's answer is committed, the worker of this process pays the holders at once (others at their next poll).
router.use('/offerings/:id/payouts/:payoutId/run', async (c, next) => {
  await next();
  if (c.res.status < 400) c.get('jobs')?.wake(PAY_PAYOUTS_JOB);
});

export const payoutRoutes = router
  .openapi(scheduleRoute, async (c) => c.json(await getPayoutSchedule(c.get('db'), requireUser(c.get('user')), c.req.valid('param').id), 200))
  .openapi(payoutRoute, async (c) => {
    const { id, payoutId } = c.req.valid('param');
    return c.json(await getPayout(c.get('db'), requireUser(c.get('user')), id, payoutId), 200);
  })
  .openapi(runRoute, async (c) => {
    const { id, payoutId } = c.req.valid('param');
    return c.json(await startPayout(c.get('db'), actorOf(c.var), id, payoutId), 202);
  })
  .openapi(linesRoute, async (c) => {
    const { id, payoutId } = c.req.valid('param');
    return c.json(await listPayoutLines(c.get('db'), requireUser(c.get('user')), id, payoutId, c.req.valid('query')), 200);
  })
  .openapi(linesExportRoute, async (c) => {
    const csv = await csvStream(exportOfferingPayoutLines(c.get('db'), requireUser(c.get('user')), c.req.valid('param').id), [
      { header: 'payout', value: (l) => l.payout.number },
      { header: 'kind', value: (l) => l.payout.kind },
      { header: 'pays_on', value: (l) => l.payout.paysOn },
      { header: 'holder', value: (l) => l.holderName },
      { header: 'units', value: (l) => l.units },
      { header: 'gross_minor', value: (l) => l.grossMinor },
      { header: 'withheld_minor', value: (l) => l.withheldMinor },
      { header: 'net_minor', value: (l) => l.netMinor },
      { header: 'principal_minor', value: (l) => l.principalMinor },
      { header: 'paid_on', value: (l) => l.paidOn },
      { header: 'journal_entry', value: (l) => l.journalEntryId },
    ]);
    return csvResponse(csv, 'bond-payout-lines.csv') as never;
  })
  .openapi(earlyRedemptionRoute, async (c) => c.json(await scheduleEarlyRedemption(c.get('db'), actorOf(c.var), c.req.valid('param').id, c.req.valid('json').on), 201))
  .openapi(transferRoute, async (c) => c.json(await recordTransfer(c.get('db'), actorOf(c.var), c.req.valid('param').id, c.req.valid('json')), 201))
  .openapi(transfersRoute, async (c) => c.json(await listTransfers(c.get('db'), requireUser(c.get('user')), c.req.valid('param').id, c.req.valid('query')), 200))
  .openapi(transfersExportRoute, async (c) => {
    const csv = await csvStream(exportTransfers(c.get('db'), requireUser(c.get('user')), c.req.valid('param').id), [
      { header: 'transferred_on', value: (t) => t.transferredOn },
      { header: 'from', value: (t) => t.fromName },
      { header: 'to', value: (t) => t.toName },
      { header: 'units', value: (t) => t.units },
      { header: 'reason', value: (t) => t.reason },
      { header: 'recorded_at', value: (t) => t.createdAt },
    ]);
    return csvResponse(csv, 'bond-transfers.csv') as never;
  });
