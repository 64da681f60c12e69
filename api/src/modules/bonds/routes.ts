import { OpenAPIHono, z } from '@hono/zod-openapi';
import {
  confirmPaymentInputSchema,
  createOfferingInputSchema,
  decideOfferingInputSchema,
  holdingListQuerySchema,
  holdingSchema,
  investorProfileInputSchema,
  investorProfileSchema,
  offeringListQuerySchema,
  offeringSchema,
  offeringUptakeSchema,
  publicOfferingQuerySchema,
  publicOfferingSchema,
  subscribeInputSchema,
  subscriptionListQuerySchema,
  subscriptionSchema,
  updateOfferingInputSchema,
} from '@essor/shared/bonds';
import { emptyInputSchema } from '@essor/shared/funds';
import { pageOf } from '@essor/shared/pagination';
import { requireUser } from '../../lib/authz';
import { actorOf, type AppEnv } from '../../lib/context';
import { csvResponse, csvStream } from '../../lib/csv';
import { csvFile, defineRoute, idParams, json, jsonBody } from '../../lib/route';
import { closeOffering, exportHoldings, listHoldings } from './closing';
import { createOffering, decideOffering, exportOfferings, getOffering, getPublicOffering, listOfferings, listPublicOfferings, OFFERING_READERS, OFFERING_STAFF, openOffering, submitOffering, updateOffering } from './offerings';
import { bondInvestorRoutes } from './investor-routes';
import { investorDirectoryRoutes } from './investor-directory';
import { noticeRoutes } from './notice-document';
import { matchRoutes } from './match-routes';
import { payoutRoutes } from './payout-routes';
import { confirmPayment } from './payments';
import { statementRoutes } from './statement-routes';
import { settlementRoutes } from './settlement-routes';
import { cancelMySubscription, exportOfferingSubscriptions, getMySubscription, listMyProfiles, listMySubscriptions, listOfferingSubscriptions, registerInvestor, subscribe } from './subscriptions';
import { offeringUptake } from './uptake';

const INVESTOR = ['investor'] as const;
const CHECKER = ['fund_manager'] as const;
const tags = ['bonds'];
const offeringScope = { params: { id: 'bond_offering' } } as const;
const offeringReply = { 200: { description: 'The offering as it now stands', ...json(offeringSchema) }, 404: { description: 'Unknown offering' }, 409: { description: 'Not in a state that allows this' } };
const subscriptionReply = { 200: { description: 'The subscription as it now stands', ...json(subscriptionSchema) }, 404: { description: 'Unknown subscription' }, 409: { description: 'Not in a state that allows this' } };

// Public: no sign-in, no personal data.
const publicListRoute = defineRoute('public', {
  method: 'get',
  path: '/public/offerings',
  tags,
  summary: 'Open community bond offerings, with their progress (paid and reserved units against the target)',
  request: { query: publicOfferingQuerySchema },
  responses: { 200: { description: 'A page of open offerings', ...json(pageOf(publicOfferingSchema)) } },
});

const publicGetRoute = defineRoute('public', {
  method: 'get',
  path: '/public/offerings/{id}',
  tags,
  summary: "One offering's public terms, once it has opened",
  request: { params: idParams },
  responses: { 200: { description: 'The offering', ...json(publicOfferingSchema) }, 404: { description: 'Unknown or not yet open' } },
});

// Staff: offerings, their registers, payments.
const listRoute = defineRoute(OFFERING_READERS, {
  method: 'get',
  path: '/offerings',
  tags,
  summary: 'Bond offerings of the structures the caller reaches, newest first (keyset paged)',
  request: { query: offeringListQuerySchema },
  responses: { 200: { description: 'A page of offerings', ...json(pageOf(offeringSchema)) } },
});

const exportRoute = defineRoute(OFFERING_READERS, {
  method: 'get',
  path: '/offerings/export.csv',
  tags,
  summary: 'The offerings as CSV, with the same filters as the list',
  request: { query: offeringListQuerySchema.omit({ cursor: true, limit: true }) },
  responses: csvFile,
});

const createRoute = defineRoute(OFFERING_STAFF, {
  method: 'post',
  path: '/offerings',
  tags,
  summary: "Prepare a draft offering for an issuer project, held in its structure's trust books",
  request: jsonBody(createOfferingInputSchema),
  responses: { 201: { description: 'The draft', ...json(offeringSchema) }, 409: { description: 'Code already used' }, 422: { description: 'Not trust books of that structure' } },
}, { body: { issuerProjectId: 'project', trustFundId: 'fund' } });

const getRoute = defineRoute(OFFERING_READERS, {
  method: 'get',
  path: '/offerings/{id}',
  tags,
  summary: 'One offering with its counters',
  request: { params: idParams },
  responses: { 200: { description: 'The offering', ...json(offeringSchema) }, 404: { description: 'Unknown offering' } },
}, offeringScope);

const updateRoute = defineRoute(OFFERING_STAFF, {
  method: 'patch',
  path: '/offerings/{id}',
  tags,
  summary: "Change a draft's terms (a pending approval is withdrawn)",
  request: { params: idParams, ...jsonBody(updateOfferingInputSchema) },
  responses: offeringReply,
}, offeringScope);

const submitRoute = defineRoute(OFFERING_STAFF, {
  method: 'post',
  path: '/offerings/{id}/submit',
  tags,
  summary: 'Ask a fund manager of the structure to approve the draft (maker)',
  request: { params: idParams },
  responses: offeringReply,
}, offeringScope);

const decideRoute = (decision: 'approve' | 'reject') =>
  defineRoute(CHECKER, {
    method: 'post',
    path: `/offerings/{id}/${decision}`,
    tags,
    summary: decision === 'approve' ? 'Approve the draft (checker: a fund manager who neither prepared nor changed it)' : 'Reject the draft; it stays a draft to prepare again',
    request: { params: idParams, ...jsonBody(decideOfferingInputSchema) },
    responses: offeringReply,
  }, offeringScope);
const approveRoute = decideRoute('approve');
const rejectRoute = decideRoute('reject');

const openRoute = defineRoute(OFFERING_STAFF, {
  method: 'post',
  path: '/offerings/{id}/open',
  tags,
  summary: 'Open an approved offering to subscriptions (on or after its opening day)',
  request: { params: idParams },
  responses: offeringReply,
}, offeringScope);

const closeRoute = defineRoute(OFFERING_STAFF, {
  method: 'post',
  idempotent: true,
  path: '/offerings/{id}/close',
  tags,
  summary: 'Close after the closing day or when every unit is paid: allot numbered bonds, or refund below the minimum',
  request: { params: idParams, ...jsonBody(emptyInputSchema) },
  responses: offeringReply,
}, offeringScope);

const registerListRoute = defineRoute(OFFERING_READERS, {
  method: 'get',
  path: '/offerings/{id}/subscriptions',
  tags,
  summary: "The offering's register of subscriptions, in order of arrival (keyset paged)",
  request: { params: idParams, query: subscriptionListQuerySchema },
  responses: { 200: { description: 'A page of subscriptions', ...json(pageOf(subscriptionSchema)) }, 404: { description: 'Unknown offering' } },
}, offeringScope);

const registerExportRoute = defineRoute(OFFERING_READERS, {
  method: 'get',
  path: '/offerings/{id}/subscriptions.csv',
  tags,
  summary: "The offering's register of subscriptions as CSV",
  request: { params: idParams, query: subscriptionListQuerySchema.omit({ cursor: true, limit: true }) },
  responses: csvFile,
}, offeringScope);

const holdersRoute = defineRoute(OFFERING_READERS, {
  method: 'get',
  path: '/offerings/{id}/holders',
  tags,
  summary: 'The register of bondholders: who holds which bond numbers, since when (keyset paged)',
  request: { params: idParams, query: holdingListQuerySchema },
  responses: { 200: { description: 'A page of register lines', ...json(pageOf(holdingSchema)) }, 404: { description: 'Unknown offering' } },
}, offeringScope);

const uptakeRoute = defineRoute(OFFERING_READERS, {
  method: 'get',
  path: '/offerings/{id}/uptake',
  tags,
  summary: 'The uptake day by day since the opening: units reserved and paid, money received so far (for the chart)',
  request: { params: idParams },
  responses: { 200: { description: 'The daily series', ...json(offeringUptakeSchema) }, 404: { description: 'Unknown offering' } },
}, offeringScope);

const holdersExportRoute = defineRoute(OFFERING_READERS, {
  method: 'get',
  path: '/offerings/{id}/holders.csv',
  tags,
  summary: 'The register of bondholders as CSV (the legal register)',
  request: { params: idParams },
  responses: csvFile,
}, offeringScope);

const paymentRoute = defineRoute(OFFERING_STAFF, {
  method: 'post',
  idempotent: true,
  path: '/subscriptions/{id}/payments',
  tags,
  summary: 'Confirm money received for a subscription: posted to the trust books; paid in full, its units are paid',
  request: { params: idParams, ...jsonBody(confirmPaymentInputSchema) },
  responses: { ...subscriptionReply, 201: { description: 'The subscription after the payment', ...json(subscriptionSchema) }, 422: { description: 'More than remains to pay, or a date out of order' } },
}, { params: { id: 'bond_subscription' } });

// Investors: their own profile and subscriptions.
const profilesRoute = defineRoute(INVESTOR, {
  method: 'get',
  path: '/me/profiles',
  tags,
  summary: "The caller's investor registrations (one per structure)",
  responses: { 200: { description: 'Profiles', ...json(z.array(investorProfileSchema)) } },
});

const registerRoute = defineRoute(INVESTOR, {
  method: 'post',
  path: '/me/profiles',
  tags,
  summary: "Register as an investor with the offering's structure (adults only; terms and risk accepted)",
  request: jsonBody(investorProfileInputSchema),
  responses: { 200: { description: 'The profile', ...json(investorProfileSchema) }, 404: { description: 'Unknown offering' }, 422: { description: 'A minor' } },
});

const subscribeRoute = defineRoute(INVESTOR, {
  method: 'post',
  idempotent: true,
  path: '/offerings/{id}/subscriptions',
  tags,
  summary: 'Subscribe N units: reserved with payment instructions, or waitlisted when the offering is full',
  request: { params: idParams, ...jsonBody(subscribeInputSchema) },
  responses: { 201: { description: 'The subscription, with how to pay it', ...json(subscriptionSchema) }, 404: { description: 'Unknown offering' }, 409: { description: 'Not open, or no investor profile' }, 422: { description: 'Outside the per-person limits, or a minor' } },
});

const mySubscriptionsRoute = defineRoute(INVESTOR, {
  method: 'get',
  path: '/me/subscriptions',
  tags,
  summary: "The caller's own subscriptions, newest first (keyset paged)",
  request: { query: subscriptionListQuerySchema },
  responses: { 200: { description: 'A page of subscriptions', ...json(pageOf(subscriptionSchema)) } },
});

const mySubscriptionRoute = defineRoute(INVESTOR, {
  method: 'get',
  path: '/me/subscriptions/{id}',
  tags,
  summary: 'One of my subscriptions, with its payment instructions while it waits for money',
  request: { params: idParams },
  responses: { 200: { description: 'The subscription', ...json(subscriptionSchema) }, 404: { description: 'Unknown subscription' } },
});

const cancelRoute = defineRoute(INVESTOR, {
  method: 'post',
  path: '/me/subscriptions/{id}/cancel',
  tags,
  summary: 'Withdraw my unpaid reservation or leave the waitlist (the units go to the next in line)',
  request: { params: idParams },
  responses: subscriptionReply,
});

export const bondsRoutes = new OpenAPIHono<AppEnv>()
  .openapi(publicListRoute, async (c) => c.json(await listPublicOfferings(c.get('db'), c.req.valid('query')), 200))
  .openapi(publicGetRoute, async (c) => c.json(await getPublicOffering(c.get('db'), c.req.valid('param').id), 200))
  .openapi(listRoute, async (c) => c.json(await listOfferings(c.get('db'), requireUser(c.get('user')), c.req.valid('query')), 200))
  .openapi(exportRoute, async (c) => {
    const rows = exportOfferings(c.get('db'), requireUser(c.get('user')), c.req.valid('query'));
    const csv = await csvStream(rows, [
      { header: 'code', value: (o) => o.code },
      { header: 'title', value: (o) => o.title },
      { header: 'issuer', value: (o) => o.issuerName },
      { header: 'status', value: (o) => o.status },
      { header: 'currency', value: (o) => o.currency },
      { header: 'unit_price_minor', value: (o) => o.unitPriceMinor },
      { header: 'min_units', value: (o) => o.minUnits },
      { header: 'max_units', value: (o) => o.maxUnits },
      { header: 'reserved_units', value: (o) => o.reservedUnits },
      { header: 'paid_units', value: (o) => o.paidUnits },
      { header: 'rate_bps', value: (o) => o.rateBps },
      { header: 'term_months', value: (o) => o.termMonths },
      { header: 'opens_on', value: (o) => o.opensOn },
      { header: 'closes_on', value: (o) => o.closesOn },
      { header: 'issued_on', value: (o) => o.issuedOn },
      { header: 'matures_on', value: (o) => o.maturesOn },
    ]);
    return csvResponse(csv, 'bond-offerings.csv') as never;
  })
  .openapi(createRoute, async (c) => c.json(await createOffering(c.get('db'), actorOf(c.var), requireUser(c.get('user')), c.req.valid('json')), 201))
  .openapi(getRoute, async (c) => c.json(await getOffering(c.get('db'), requireUser(c.get('user')), c.req.valid('param').id), 200))
  .openapi(updateRoute, async (c) => c.json(await updateOffering(c.get('db'), actorOf(c.var), c.req.valid('param').id, c.req.valid('json')), 200))
  .openapi(submitRoute, async (c) => c.json(await submitOffering(c.get('db'), actorOf(c.var), c.req.valid('param').id), 200))
  .openapi(openRoute, async (c) => c.json(await openOffering(c.get('db'), actorOf(c.var), c.req.valid('param').id), 200))
  .openapi(closeRoute, async (c) => c.json(await closeOffering(c.get('db'), actorOf(c.var), c.req.valid('param').id), 200))
  .openapi(approveRoute, async (c) => c.json(await decideOffering(c.get('db'), actorOf(c.var), c.req.valid('param').id, 'approve', c.req.valid('json').note), 200))
  .openapi(rejectRoute, async (c) => c.json(await decideOffering(c.get('db'), actorOf(c.var), c.req.valid('param').id, 'reject', c.req.valid('json').note), 200))
  .openapi(registerListRoute, async (c) => c.json(await listOfferingSubscriptions(c.get('db'), requireUser(c.get('user')), c.req.valid('param').id, c.req.valid('query')), 200))
  .openapi(registerExportRoute, async (c) => {
    const rows = exportOfferingSubscriptions(c.get('db'), requireUser(c.get('user')), c.req.valid('param').id, c.req.valid('query'));
    const csv = await csvStream(rows, [
      { header: 'seq', value: (s) => s.seq },
      { header: 'reference', value: (s) => s.reference },
      { header: 'investor', value: (s) => s.investorName },
      { header: 'units', value: (s) => s.units },
      { header: 'currency', value: (s) => s.currency },
      { header: 'amount_minor', value: (s) => s.amountMinor },
      { header: 'paid_minor', value: (s) => s.paidMinor },
      { header: 'status', value: (s) => s.status },
      { header: 'reserved_at', value: (s) => s.reservedAt },
      { header: 'expires_at', value: (s) => s.expiresAt },
      { header: 'paid_at', value: (s) => s.paidAt },
      { header: 'closed_at', value: (s) => s.closedAt },
    ]);
    return csvResponse(csv, 'bond-subscriptions.csv') as never;
  })
  .openapi(holdersRoute, async (c) => c.json(await listHoldings(c.get('db'), requireUser(c.get('user')), c.req.valid('param').id, c.req.valid('query')), 200))
  .openapi(uptakeRoute, async (c) => c.json(await offeringUptake(c.get('db'), requireUser(c.get('user')), c.req.valid('param').id), 200))
  .openapi(holdersExportRoute, async (c) => {
    const rows = exportHoldings(c.get('db'), requireUser(c.get('user')), c.req.valid('param').id);
    const csv = await csvStream(rows, [
      { header: 'first_number', value: (h) => h.firstNumber },
      { header: 'last_number', value: (h) => h.lastNumber },
      { header: 'units', value: (h) => h.units },
      { header: 'holder', value: (h) => h.holderName },
      { header: 'address', value: (h) => h.holderAddress },
      { header: 'held_from', value: (h) => h.heldFrom },
      { header: 'held_until', value: (h) => h.heldUntil },
      { header: 'origin', value: (h) => h.origin },
    ]);
    return csvResponse(csv, 'bondholders-register.csv') as never;
  })
  .openapi(paymentRoute, async (c) => c.json(await confirmPayment(c.get('db'), actorOf(c.var), c.req.valid('param').id, c.req.valid('json')), 201))
  .openapi(profilesRoute, async (c) => c.json(await listMyProfiles(c.get('db'), requireUser(c.get('user')).id), 200))
  .openapi(registerRoute, async (c) => c.json(await registerInvestor(c.get('db'), actorOf(c.var), requireUser(c.get('user')).id, c.req.valid('json')), 200))
  .openapi(subscribeRoute, async (c) => c.json(await subscribe(c.get('db'), actorOf(c.var), requireUser(c.get('user')).id, c.req.valid('param').id, c.req.valid('json').units), 201))
  .openapi(mySubscriptionsRoute, async (c) => c.json(await listMySubscriptions(c.get('db'), requireUser(c.get('user')).id, c.req.valid('query')), 200))
  .openapi(mySubscriptionRoute, async (c) => c.json(await getMySubscription(c.get('db'), requireUser(c.get('user')).id, c.req.valid('param').id), 200))
  .openapi(cancelRoute, async (c) => c.json(await cancelMySubscription(c.get('db'), actorOf(c.var), requireUser(c.get('user')).id, c.req.valid('param').id), 200))
  .route('/', bondInvestorRoutes)
  .route('/', statementRoutes)
  .route('/', payoutRoutes)
  .route('/', matchRoutes)
  .route('/', investorDirectoryRoutes)
  .route('/', noticeRoutes)
  .route('/', settlementRoutes);
