import { OpenAPIHono, z } from '@hono/zod-openapi';
import {
  cancelInputSchema,
  cofinancingListQuerySchema,
  cofinancingSchema,
  committeeDecisionInputSchema,
  createCofinancingInputSchema,
  decisionNoteInputSchema,
  disburseTrancheInputSchema,
  prepareCofinancingInputSchema,
  signAgreementInputSchema,
} from '@essor/shared/cofinancing';
import { actorOf, type AppEnv } from '../../lib/context';
import { idempotencyHeaderSchema, idempotentReply } from '../../lib/idempotency';
import { defineRoute } from '../../lib/route';
import { viewerOf } from '../funds/viewer';
import {
  approveCofinancing,
  cancelCofinancing,
  createCofinancing,
  disburseTranche,
  getCofinancing,
  listCofinancing,
  prepareCofinancing,
  recordCommitteeDecision,
  rejectCofinancing,
  signAgreement,
} from './service';

const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } } });
const body = <T extends z.ZodType>(schema: T) => ({ body: { ...json(schema), required: true } });
const idParams = z.object({ id: z.uuid() });
const READERS = ['admin', 'staff', 'fund_manager', 'committee_member', 'project_holder'] as const;
const reply = { 200: { description: 'The request as it now stands', ...json(cofinancingSchema) }, 404: { description: 'Unknown request' }, 409: { description: 'Not in a state that allows this' } };

const listRoute = defineRoute(READERS, {
  method: 'get',
  path: '/',
  tags: ['cofinancing'],
  summary: 'Co-financing requests (a project holder sees their own projects only)',
  request: { query: cofinancingListQuerySchema },
  responses: { 200: { description: 'Requests, newest first', ...json(z.array(cofinancingSchema)) } },
});

const getRoute = defineRoute(READERS, {
  method: 'get',
  path: '/{id}',
  tags: ['cofinancing'],
  summary: 'One request with its tranches and timeline',
  request: { params: idParams },
  responses: { 200: { description: 'The request', ...json(cofinancingSchema) }, 404: { description: 'Unknown request' } },
});

const createRoute = defineRoute(['staff'], {
  method: 'post',
  path: '/',
  tags: ['cofinancing'],
  summary: "Open a project's co-financing request (checked against its budget and the programme's rules)",
  request: body(createCofinancingInputSchema),
  responses: { 201: { description: 'Draft request', ...json(cofinancingSchema) }, 409: { description: 'Envelope exhausted' }, 422: { description: 'Breaks a rule' } },
});

const prepareRoute = defineRoute(['staff'], {
  method: 'post',
  path: '/{id}/prepare',
  tags: ['cofinancing'],
  summary: 'Write the recommendation, the conditions and the tranche plan',
  request: { params: idParams, ...body(prepareCofinancingInputSchema) },
  responses: { ...reply, 422: { description: 'Tranches do not add up' } },
});

const committeeRoute = defineRoute(['committee_member'], {
  method: 'post',
  path: '/{id}/committee-decision',
  tags: ['cofinancing'],
  summary: "Record the committee's opinion on a request above the fund's threshold",
  request: { params: idParams, ...body(committeeDecisionInputSchema) },
  responses: reply,
});

const approveRoute = defineRoute(['fund_manager'], {
  method: 'post',
  path: '/{id}/approve',
  tags: ['cofinancing'],
  summary: 'Approve and commit the money (four eyes; never more than available)',
  request: { params: idParams, headers: idempotencyHeaderSchema, ...body(decisionNoteInputSchema) },
  responses: { ...reply, 422: { description: 'Breaks a rule, or key reused with another body' } },
});

const rejectRoute = defineRoute(['fund_manager'], {
  method: 'post',
  path: '/{id}/reject',
  tags: ['cofinancing'],
  summary: 'Reject a prepared request (four eyes)',
  request: { params: idParams, ...body(decisionNoteInputSchema) },
  responses: reply,
});

const agreementRoute = defineRoute(['staff', 'fund_manager'], {
  method: 'post',
  path: '/{id}/agreement',
  tags: ['cofinancing'],
  summary: 'Record the signature of the agreement and its conditions',
  request: { params: idParams, ...body(signAgreementInputSchema) },
  responses: reply,
});

const disburseRoute = defineRoute(['fund_manager'], {
  method: 'post',
  path: '/{id}/tranches/{trancheId}/disburse',
  tags: ['cofinancing'],
  summary: 'Pay a tranche out (its milestone reached, the agreement signed)',
  request: { params: z.object({ id: z.uuid(), trancheId: z.uuid() }), headers: idempotencyHeaderSchema, ...body(disburseTrancheInputSchema) },
  responses: reply,
});

const cancelRoute = defineRoute(['fund_manager'], {
  method: 'post',
  path: '/{id}/cancel',
  tags: ['cofinancing'],
  summary: 'Cancel, releasing what was committed and not yet disbursed',
  request: { params: idParams, headers: idempotencyHeaderSchema, ...body(cancelInputSchema) },
  responses: reply,
});

export const cofinancingRoutes = new OpenAPIHono<AppEnv>()
  .openapi(listRoute, async (c) => c.json(await listCofinancing(c.get('db'), viewerOf(c.get('user')!), c.req.valid('query')), 200))
  .openapi(getRoute, async (c) => c.json(await getCofinancing(c.get('db'), viewerOf(c.get('user')!), c.req.valid('param').id), 200))
  .openapi(createRoute, async (c) => c.json(await createCofinancing(c.get('db'), actorOf(c.var), c.req.valid('json')), 201))
  .openapi(prepareRoute, async (c) => c.json(await prepareCofinancing(c.get('db'), actorOf(c.var), c.req.valid('param').id, c.req.valid('json')), 200))
  .openapi(committeeRoute, async (c) => c.json(await recordCommitteeDecision(c.get('db'), actorOf(c.var), c.req.valid('param').id, c.req.valid('json')), 200))
  .openapi(approveRoute, async (c) => {
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    return idempotentReply(c, input, 200, (tx) => approveCofinancing(tx, actorOf(c.var), id, input));
  })
  .openapi(rejectRoute, async (c) => c.json(await rejectCofinancing(c.get('db'), actorOf(c.var), c.req.valid('param').id, c.req.valid('json')), 200))
  .openapi(agreementRoute, async (c) => c.json(await signAgreement(c.get('db'), actorOf(c.var), c.req.valid('param').id, c.req.valid('json').signedOn), 200))
  .openapi(disburseRoute, async (c) => {
    const { id, trancheId } = c.req.valid('param');
    const input = c.req.valid('json');
    return idempotentReply(c, input, 200, (tx) => disburseTranche(tx, actorOf(c.var), id, trancheId, input));
  })
  .openapi(cancelRoute, async (c) => {
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    return idempotentReply(c, input, 200, (tx) => cancelCofinancing(tx, actorOf(c.var), id, input));
  });
