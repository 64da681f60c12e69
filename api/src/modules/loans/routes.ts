import { OpenAPIHono, z } from '@hono/zod-openapi';
import { cancelInputSchema } from '@essor/shared/cofinancing';
import { emptyInputSchema } from '@essor/shared/funds';
import { pageOf } from '@essor/shared/pagination';
import {
  disburseLoanInputSchema,
  loanFiltersSchema,
  loanListQuerySchema,
  loanListItemSchema,
  loanSchema,
  proposeLoanActionInputSchema,
  proposeLoanInputSchema,
  recordRepaymentInputSchema,
  schedulePreviewQuerySchema,
  schedulePreviewSchema,
  toLoanListItem,
  type Loan,
} from '@essor/shared/loans';
import { actorOf, type AppEnv, type CurrentUser } from '../../lib/context';
import { csvResponse, toCsv } from '../../lib/csv';
import { csvFile, defineRoute, json, jsonBody, idParams } from '../../lib/route';
import { viewerOf } from '../../lib/viewer';
import { loanForCaller, withLoanActions } from './flow';
import { buildSchedule } from './schedule';
import { approveLoan, rejectLoan } from './decisions';
import { cancelLoan } from './cancellation';
import { decideLoanAction, proposeLoanAction } from './actions';
import { disburseLoan } from './disbursement';
import { allLoans, listLoans, proposeLoan } from './proposals';
import { recordRepayment } from './repayments';

const READERS = ['admin', 'staff', 'fund_manager', 'project_holder'] as const;
const reply = { 200: { description: 'The loan as it now stands', ...json(loanSchema) }, 404: { description: 'Unknown loan' }, 409: { description: 'Not in a state that allows this' } };
const loanScope = { params: { id: 'loan' } } as const;

const listRoute = defineRoute(READERS, {
  method: 'get',
  path: '/',
  tags: ['loans'],
  summary: 'Honour loans and repayable advances (a project holder sees their own)',
  request: { query: loanListQuerySchema },
  responses: { 200: { description: 'A page of loans, newest first (without schedules: the loan itself has it)', ...json(pageOf(loanListItemSchema)) } },
});

const previewRoute = defineRoute(['staff', 'fund_manager'], {
  method: 'get',
  path: '/schedule-preview',
  tags: ['loans'],
  summary: 'The schedule given terms would produce, before proposing the loan',
  request: { query: schedulePreviewQuerySchema },
  responses: { 200: { description: 'Instalments', ...json(schedulePreviewSchema) } },
});

const exportRoute = defineRoute(READERS, {
  method: 'get',
  path: '/export.csv',
  tags: ['loans'],
  summary: 'The loans as CSV, with the same filters as the list, every page',
  request: { query: loanFiltersSchema },
  responses: csvFile,
});

const getRoute = defineRoute(READERS, {
  method: 'get',
  path: '/{id}',
  tags: ['loans'],
  summary: 'One loan with its schedule, repayments, arrears and timeline',
  request: { params: idParams },
  responses: { 200: { description: 'The loan', ...json(loanSchema) }, 404: { description: 'Unknown loan' } },
}, loanScope);

const proposeRoute = defineRoute(['staff', 'fund_manager'], {
  method: 'post',
  path: '/',
  tags: ['loans'],
  summary: 'Propose a loan for a selected project (another fund manager approves it)',
  request: jsonBody(proposeLoanInputSchema),
  responses: { 201: { description: 'Proposed loan', ...json(loanSchema) }, 422: { description: 'Wrong fund or currency' } },
}, { body: { fundId: 'fund', projectId: 'project' } });

const approveRoute = defineRoute(['fund_manager'], {
  method: 'post',
  idempotent: true,
  path: '/{id}/approve',
  tags: ['loans'],
  summary: 'Approve and commit the principal (four eyes; never more than available)',
  request: { params: idParams, ...jsonBody(emptyInputSchema) },
  responses: reply,
}, loanScope);

const rejectRoute = defineRoute(['fund_manager'], {
  method: 'post',
  path: '/{id}/reject',
  tags: ['loans'],
  summary: 'Reject a proposed loan',
  request: { params: idParams },
  responses: reply,
}, loanScope);

const disburseRoute = defineRoute(['fund_manager'], {
  method: 'post',
  idempotent: true,
  path: '/{id}/disburse',
  tags: ['loans'],
  summary: 'Pay the principal out; the schedule starts from that day',
  request: { params: idParams, ...jsonBody(disburseLoanInputSchema) },
  responses: reply,
}, loanScope);

const cancelRoute = defineRoute(['fund_manager'], {
  method: 'post',
  idempotent: true,
  path: '/{id}/cancel',
  tags: ['loans'],
  summary: 'Cancel a loan not yet disbursed, releasing the commitment',
  request: { params: idParams, ...jsonBody(cancelInputSchema) },
  responses: reply,
}, loanScope);

const repaymentRoute = defineRoute(['staff', 'fund_manager'], {
  method: 'post',
  idempotent: true,
  path: '/{id}/repayments',
  tags: ['loans'],
  summary: 'Record money received; split into interest then principal along the schedule',
  request: { params: idParams, ...jsonBody(recordRepaymentInputSchema) },
  responses: { ...reply, 201: { description: 'The loan after the repayment', ...json(loanSchema) }, 422: { description: 'More than owed, or wrong currency' } },
}, loanScope);

const proposeActionRoute = defineRoute(['staff', 'fund_manager'], {
  method: 'post',
  path: '/{id}/actions',
  tags: ['loans'],
  summary: 'Propose a rescheduling or a write-off (maker)',
  request: { params: idParams, ...jsonBody(proposeLoanActionInputSchema) },
  responses: { ...reply, 201: { description: 'The loan with the pending action', ...json(loanSchema) } },
}, loanScope);

const decideActionRoute = defineRoute(['fund_manager'], {
  method: 'post',
  idempotent: true,
  path: '/{id}/actions/{actionId}/{decision}',
  tags: ['loans'],
  summary: 'Approve or reject a pending rescheduling or write-off (checker: not the proposer)',
  request: { params: z.object({ id: z.uuid(), actionId: z.uuid(), decision: z.enum(['approve', 'reject']) }), ...jsonBody(emptyInputSchema) },
  responses: reply,
}, loanScope);

/** The loan as the caller sees it: with what they may do now. */
async function forCaller(c: { get(key: 'db'): AppEnv['Variables']['db']; get(key: 'user'): CurrentUser | null }, loan: Loan): Promise<Loan> {
  const [shaped] = await withLoanActions(c.get('db'), c.get('user')!, [loan]);
  return shaped;
}

export const loansRoutes = new OpenAPIHono<AppEnv>()
  .openapi(listRoute, async (c) => {
    const page = await listLoans(c.get('db'), viewerOf(c.get('user')!, READERS), c.req.valid('query'));
    return c.json({ items: (await withLoanActions(c.get('db'), c.get('user')!, page.items)).map(toLoanListItem), nextCursor: page.nextCursor }, 200);
  })
  .openapi(previewRoute, async (c) => c.json(buildSchedule(c.req.valid('query')), 200))
  .openapi(exportRoute, async (c) => {
    const rows = await allLoans(c.get('db'), viewerOf(c.get('user')!, READERS), c.req.valid('query'));
    const csv = toCsv(rows, [
      { header: 'number', value: (r) => r.number },
      { header: 'fund', value: (r) => r.fundCode },
      { header: 'project', value: (r) => r.projectTitle },
      { header: 'kind', value: (r) => r.kind },
      { header: 'status', value: (r) => r.status },
      { header: 'currency', value: (r) => r.currency },
      { header: 'principal_minor', value: (r) => r.principalMinor },
      { header: 'rate_bps', value: (r) => r.rateBps },
      { header: 'term_months', value: (r) => r.termMonths },
      { header: 'disbursed_on', value: (r) => r.disbursedOn },
      { header: 'repaid_principal_minor', value: (r) => r.repaidPrincipalMinor },
      { header: 'outstanding_principal_minor', value: (r) => r.outstandingPrincipalMinor },
      { header: 'arrears_minor', value: (r) => r.arrearsMinor },
      { header: 'days_in_arrears', value: (r) => r.daysInArrears },
      { header: 'closed_on', value: (r) => r.closedOn },
    ]);
    return csvResponse(csv, 'loans.csv') as never;
  })
  .openapi(getRoute, async (c) => c.json(await loanForCaller(c.get('db'), c.get('user')!, viewerOf(c.get('user')!, READERS), c.req.valid('param').id), 200))
  .openapi(proposeRoute, async (c) => c.json(await forCaller(c, await proposeLoan(c.get('db'), actorOf(c.var), c.req.valid('json'))), 201))
  .openapi(approveRoute, async (c) => {
    const { id } = c.req.valid('param');
    return c.json(await approveLoan(c.get('db'), actorOf(c.var), id), 200);
  })
  .openapi(rejectRoute, async (c) => c.json(await forCaller(c, await rejectLoan(c.get('db'), actorOf(c.var), c.req.valid('param').id)), 200))
  .openapi(disburseRoute, async (c) => {
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    return c.json(await disburseLoan(c.get('db'), actorOf(c.var), id, input.disbursedOn), 200);
  })
  .openapi(cancelRoute, async (c) => {
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    return c.json(await cancelLoan(c.get('db'), actorOf(c.var), id, input.reason), 200);
  })
  .openapi(repaymentRoute, async (c) => {
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    return c.json(await recordRepayment(c.get('db'), actorOf(c.var), id, input), 201);
  })
  .openapi(proposeActionRoute, async (c) => c.json(await forCaller(c, await proposeLoanAction(c.get('db'), actorOf(c.var), c.req.valid('param').id, c.req.valid('json'))), 201))
  .openapi(decideActionRoute, async (c) => {
    const { id, actionId, decision } = c.req.valid('param');
    return c.json(await decideLoanAction(c.get('db'), actorOf(c.var), id, actionId, decision), 200);
  });
