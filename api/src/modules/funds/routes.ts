import { OpenAPIHono, z } from '@hono/zod-openapi';
import { approvalInboxSchema } from '@essor/shared/cofinancing';
import {
  contributionSchema,
  createFunderInputSchema,
  createFundInputSchema,
  envelopeSchema,
  financeableProjectSchema,
  funderSchema,
  fundSchema,
  fundTimelinePointSchema,
  recordContributionInputSchema,
  setEnvelopeInputSchema,
} from '@essor/shared/funds';
import { actorOf, type AppEnv } from '../../lib/context';
import { idempotencyHeaderSchema, idempotentReply } from '../../lib/idempotency';
import { defineRoute } from '../../lib/route';
import { cofinancingRoutes } from '../cofinancing/routes';
import { equipmentRoutes } from '../equipment/routes';
import { ledgerRoutes } from '../ledger/routes';
import { loansRoutes } from '../loans/routes';
import { approvalInbox } from './inbox';
import { createFund, createFunder, listFinanceableProjects, fundTimeline, getFund, listContributions, listEnvelopes, listFunders, listFunds, recordContribution, setEnvelope } from './service';

const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } } });
const body = <T extends z.ZodType>(schema: T) => ({ body: { ...json(schema), required: true } });
const idParams = z.object({ id: z.uuid() });
const READERS = ['admin', 'staff', 'fund_manager'] as const;
const MANAGERS = ['fund_manager'] as const;

const inboxRoute = defineRoute(['fund_manager', 'committee_member'], {
  method: 'get',
  path: '/inbox',
  tags: ['funds'],
  summary: "What waits on the signed-in person's decision (never what they prepared)",
  responses: { 200: { description: 'The approval inbox', ...json(approvalInboxSchema) } },
});

const projectsRoute = defineRoute(['staff', 'fund_manager'], {
  method: 'get',
  path: '/projects',
  tags: ['funds'],
  summary: 'Projects a financing can be prepared for, with their budget and currency',
  responses: { 200: { description: 'Projects', ...json(z.array(financeableProjectSchema)) } },
});

const fundersRoute = defineRoute(READERS, {
  method: 'get',
  path: '/funders',
  tags: ['funds'],
  summary: 'Funders (city, region, foundations ...)',
  responses: { 200: { description: 'Funders', ...json(z.array(funderSchema)) } },
});

const createFunderRoute = defineRoute(MANAGERS, {
  method: 'post',
  path: '/funders',
  tags: ['funds'],
  summary: 'Add a funder',
  request: body(createFunderInputSchema),
  responses: { 201: { description: 'Funder', ...json(funderSchema) }, 409: { description: 'Name taken' } },
});

const listRoute = defineRoute(READERS, {
  method: 'get',
  path: '/',
  tags: ['funds'],
  summary: 'Funds with their figures read from the ledger',
  responses: { 200: { description: 'Funds', ...json(z.array(fundSchema)) } },
});

const createFundRoute = defineRoute(MANAGERS, {
  method: 'post',
  path: '/',
  tags: ['funds'],
  summary: 'Open a fund and its chart of accounts',
  request: body(createFundInputSchema),
  responses: { 201: { description: 'Fund', ...json(fundSchema) }, 409: { description: 'Code taken' } },
});

const getRoute = defineRoute(READERS, {
  method: 'get',
  path: '/{id}',
  tags: ['funds'],
  summary: "A fund's figures, optionally as they stood at the end of a day",
  request: { params: idParams, query: z.object({ asOf: z.iso.date().optional() }) },
  responses: { 200: { description: 'Fund', ...json(fundSchema) }, 404: { description: 'Unknown fund' } },
});

const timelineRoute = defineRoute(READERS, {
  method: 'get',
  path: '/{id}/timeline',
  tags: ['funds'],
  summary: "A fund's figures at each month's end",
  request: { params: idParams },
  responses: { 200: { description: 'Months', ...json(z.array(fundTimelinePointSchema)) }, 404: { description: 'Unknown fund' } },
});

const contributionsRoute = defineRoute(READERS, {
  method: 'get',
  path: '/{id}/contributions',
  tags: ['funds'],
  summary: "Funders' capital contributions",
  request: { params: idParams },
  responses: { 200: { description: 'Contributions', ...json(z.array(contributionSchema)) }, 404: { description: 'Unknown fund' } },
});

const contributeRoute = defineRoute(MANAGERS, {
  method: 'post',
  path: '/{id}/contributions',
  tags: ['funds'],
  summary: "Record a funder's capital paid in",
  request: { params: idParams, headers: idempotencyHeaderSchema, ...body(recordContributionInputSchema) },
  responses: { 201: { description: 'Contribution', ...json(contributionSchema) }, 404: { description: 'Unknown fund' }, 422: { description: 'Wrong currency or funder' } },
});

const envelopesRoute = defineRoute(READERS, {
  method: 'get',
  path: '/{id}/envelopes',
  tags: ['funds'],
  summary: "Programme envelopes, their rules and what they have committed",
  request: { params: idParams },
  responses: { 200: { description: 'Envelopes', ...json(z.array(envelopeSchema)) }, 404: { description: 'Unknown fund' } },
});

const setEnvelopeRoute = defineRoute(MANAGERS, {
  method: 'put',
  path: '/{id}/envelopes',
  tags: ['funds'],
  summary: "Set a programme's envelope and rules in this fund",
  request: { params: idParams, ...body(setEnvelopeInputSchema) },
  responses: { 200: { description: 'Envelope', ...json(envelopeSchema) }, 404: { description: 'Unknown fund' }, 409: { description: 'Below what is committed' } },
});

/** Sub-domains first, so their fixed paths win over the fund's `/{id}`. */
export const fundsRoutes = new OpenAPIHono<AppEnv>()
  .route('/ledger', ledgerRoutes)
  .route('/cofinancing', cofinancingRoutes)
  .route('/loans', loansRoutes)
  .route('/equipment', equipmentRoutes)
  .openapi(inboxRoute, async (c) => c.json(await approvalInbox(c.get('db'), c.get('user')!), 200))
  .openapi(projectsRoute, async (c) => c.json(await listFinanceableProjects(c.get('db')), 200))
  .openapi(fundersRoute, async (c) => c.json(await listFunders(c.get('db')), 200))
  .openapi(createFunderRoute, async (c) => c.json(await createFunder(c.get('db'), actorOf(c.var), c.req.valid('json')), 201))
  .openapi(listRoute, async (c) => c.json(await listFunds(c.get('db')), 200))
  .openapi(createFundRoute, async (c) => c.json(await createFund(c.get('db'), actorOf(c.var), c.req.valid('json')), 201))
  .openapi(getRoute, async (c) => c.json(await getFund(c.get('db'), c.req.valid('param').id, c.req.valid('query').asOf), 200))
  .openapi(timelineRoute, async (c) => c.json(await fundTimeline(c.get('db'), c.req.valid('param').id), 200))
  .openapi(contributionsRoute, async (c) => c.json(await listContributions(c.get('db'), c.req.valid('param').id), 200))
  .openapi(contributeRoute, async (c) => {
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    return idempotentReply(c, input, 201, (tx) => recordContribution(tx, actorOf(c.var), id, input));
  })
  .openapi(envelopesRoute, async (c) => c.json(await listEnvelopes(c.get('db'), c.req.valid('param').id), 200))
  .openapi(setEnvelopeRoute, async (c) => c.json(await setEnvelope(c.get('db'), actorOf(c.var), c.req.valid('param').id, c.req.valid('json')), 200));
