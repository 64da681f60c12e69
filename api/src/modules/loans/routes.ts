import { OpenAPIHono, z } from '@hono/zod-openapi';
import { cancelInputSchema } from '@essor/shared/cofinancing';
import { emptyInputSchema } from '@essor/shared/funds';
import {
  disburseLoanInputSchema,
  loanListQuerySchema,
  loanSchema,
  proposeLoanActionInputSchema,
  proposeLoanInputSchema,
  recordRepaymentInputSchema,
  schedulePreviewQuerySchema,
  schedulePreviewSchema,
} from '@essor/shared/loans';
import { actorOf, type AppEnv } from '../../lib/context';
import { idempotencyHeaderSchema, idempotentReply } from '../../lib/idempotency';
import { defineRoute } from '../../lib/route';
import { viewerOf } from '../funds/viewer';
import { buildSchedule } from './schedule';
import { approveLoan, cancelLoan, decideLoanAction, disburseLoan, getLoan, listLoans, proposeLoan, proposeLoanAction, recordRepayment, rejectLoan } from './service';

const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } } });
const body = <T extends z.ZodType>(schema: T) => ({ body: { ...json(schema), required: true } });
const idParams = z.object({ id: z.uuid() });
const READERS = ['admin', 'staff', 'fund_manager', 'project_holder'] as const;
const reply = { 200: { description: 'The loan as it now stands', ...json(loanSchema) }, 404: { description: 'Unknown loan' }, 409: { description: 'Not in a state that allows this' } };
const moneyMove = { headers: idempotencyHeaderSchema };

const listRoute = defineRoute(READERS, {
  method: 'get',
  path: '/',
  tags: ['loans'],
  summary: 'Honour loans and repayable advances (a project holder sees their own)',
  request: { query: loanListQuerySchema },
  responses: { 200: { description: 'Loans, newest first', ...json(z.array(loanSchema)) } },
});

const previewRoute = defineRoute(['staff', 'fund_manager'], {
  method: 'get',
  path: '/schedule-preview',
  tags: ['loans'],
  summary: 'The schedule given terms would produce, before proposing the loan',
  request: { query: schedulePreviewQuerySchema },
  responses: { 200: { description: 'Instalments', ...json(schedulePreviewSchema) } },
});

const getRoute = defineRoute(READERS, {
  method: 'get',
  path: '/{id}',
  tags: ['loans'],
  summary: 'One loan with its schedule, repayments, arrears and timeline',
  request: { params: idParams },
  responses: { 200: { description: 'The loan', ...json(loanSchema) }, 404: { description: 'Unknown loan' } },
});

const proposeRoute = defineRoute(['staff', 'fund_manager'], {
  method: 'post',
  path: '/',
  tags: ['loans'],
  summary: 'Propose a loan (another fund manager approves it)',
  request: body(proposeLoanInputSchema),
  responses: { 201: { description: 'Proposed loan', ...json(loanSchema) }, 422: { description: 'Wrong fund or currency' } },
});

const approveRoute = defineRoute(['fund_manager'], {
  method: 'post',
  path: '/{id}/approve',
  tags: ['loans'],
  summary: 'Approve and commit the principal (four eyes; never more than available)',
  request: { params: idParams, ...moneyMove, ...body(emptyInputSchema) },
  responses: reply,
});

const rejectRoute = defineRoute(['fund_manager'], {
  method: 'post',
  path: '/{id}/reject',
  tags: ['loans'],
  summary: 'Reject a proposed loan',
  request: { params: idParams },
  responses: reply,
});

const disburseRoute = defineRoute(['fund_manager'], {
  method: 'post',
  path: '/{id}/disburse',
  tags: ['loans'],
  summary: 'Pay the principal out; the schedule starts from that day',
  request: { params: idParams, ...moneyMove, ...body(disburseLoanInputSchema) },
  responses: reply,
});

const cancelRoute = defineRoute(['fund_manager'], {
  method: 'post',
  path: '/{id}/cancel',
  tags: ['loans'],
  summary: 'Cancel a loan not yet disbursed, releasing the commitment',
  request: { params: idParams, ...moneyMove, ...body(cancelInputSchema) },
  responses: reply,
});

const repaymentRoute = defineRoute(['staff', 'fund_manager'], {
  method: 'post',
  path: '/{id}/repayments',
  tags: ['loans'],
  summary: 'Record money received; split into interest then principal along the schedule',
  request: { params: idParams, ...moneyMove, ...body(recordRepaymentInputSchema) },
  responses: { ...reply, 201: { description: 'The loan after the repayment', ...json(loanSchema) }, 422: { description: 'More than owed, or wrong currency' } },
});

const proposeActionRoute = defineRoute(['staff', 'fund_manager'], {
  method: 'post',
  path: '/{id}/actions',
  tags: ['loans'],
  summary: 'Propose a rescheduling or a write-off (maker)',
  request: { params: idParams, ...body(proposeLoanActionInputSchema) },
  responses: { ...reply, 201: { description: 'The loan with the pending action', ...json(loanSchema) } },
});

const decideActionRoute = defineRoute(['fund_manager'], {
  method: 'post',
  path: '/{id}/actions/{actionId}/{decision}',
  tags: ['loans'],
  summary: 'Approve or reject a pending rescheduling or write-off (checker: not the proposer)',
  request: { params: z.object({ id: z.uuid(), actionId: z.uuid(), decision: z.enum(['approve', 'reject']) }), ...moneyMove, ...body(emptyInputSchema) },
  responses: reply,
});

export const loansRoutes = new OpenAPIHono<AppEnv>()
  .openapi(listRoute, async (c) => c.json(await listLoans(c.get('db'), viewerOf(c.get('user')!), c.req.valid('query')), 200))
  .openapi(previewRoute, async (c) => c.json(buildSchedule(c.req.valid('query')), 200))
  .openapi(getRoute, async (c) => c.json(await getLoan(c.get('db'), viewerOf(c.get('user')!), c.req.valid('param').id), 200))
  .openapi(proposeRoute, async (c) => c.json(await proposeLoan(c.get('db'), actorOf(c.var), c.req.valid('json')), 201))
  .openapi(approveRoute, async (c) => {
    const { id } = c.req.valid('param');
    return idempotentReply(c, {}, 200, (tx) => approveLoan(tx, actorOf(c.var), id));
  })
  .openapi(rejectRoute, async (c) => c.json(await rejectLoan(c.get('db'), actorOf(c.var), c.req.valid('param').id), 200))
  .openapi(disburseRoute, async (c) => {
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    return idempotentReply(c, input, 200, (tx) => disburseLoan(tx, actorOf(c.var), id, input.disbursedOn));
  })
  .openapi(cancelRoute, async (c) => {
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    return idempotentReply(c, input, 200, (tx) => cancelLoan(tx, actorOf(c.var), id, input.reason));
  })
  .openapi(repaymentRoute, async (c) => {
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    return idempotentReply(c, input, 201, (tx) => recordRepayment(tx, actorOf(c.var), id, input));
  })
  .openapi(proposeActionRoute, async (c) => c.json(await proposeLoanAction(c.get('db'), actorOf(c.var), c.req.valid('param').id, c.req.valid('json')), 201))
  .openapi(decideActionRoute, async (c) => {
    const { id, actionId, decision } = c.req.valid('param');
    return idempotentReply(c, { decision }, 200, (tx) => decideLoanAction(tx, actorOf(c.var), id, actionId, decision));
  });
