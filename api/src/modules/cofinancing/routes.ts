import { OpenAPIHono, z } from '@hono/zod-openapi';
import {
  cancelInputSchema,
  cofinancingFiltersSchema,
  cofinancingListQuerySchema,
  cofinancingSchema,
  committeeDecisionInputSchema,
  committeeSessionOptionSchema,
  type Cofinancing,
  createCofinancingInputSchema,
  decisionNoteInputSchema,
  disburseTrancheInputSchema,
  prepareCofinancingInputSchema,
  signAgreementInputSchema,
} from '@essor/shared/cofinancing';
import { actorOf, type AppEnv, type CurrentUser } from '../../lib/context';
import { csvResponse, toCsv } from '../../lib/csv';
import { csvFile, defineRoute, json, jsonBody, idParams } from '../../lib/route';
import { pageOf } from '@essor/shared/pagination';
import { viewerOf } from '../../lib/viewer';
import { approveCofinancing, prepareCofinancing, rejectCofinancing } from './decisions';
import { cancelCofinancing } from './cancellation';
import { allCofinancing, createCofinancing, getCofinancing, listCofinancing } from './requests';
import { disburseTranche, signAgreement } from './tranches';
import { listCommitteeSessionsFor, recordCommitteeDecision } from './committee';
import { withCofinancingActions } from './flow';

const READERS = ['admin', 'staff', 'fund_manager', 'committee_member', 'project_holder'] as const;
const requestScope = { params: { id: 'cofinancing' } } as const;
const MAKERS = ['staff', 'fund_manager'] as const;
const reply = { 200: { description: 'The request as it now stands', ...json(cofinancingSchema) }, 404: { description: 'Unknown request' }, 409: { description: 'Not in a state that allows this' } };

const listRoute = defineRoute(READERS, {
  method: 'get',
  path: '/',
  tags: ['cofinancing'],
  summary: 'Co-financing requests (a project holder sees their own projects only)',
  request: { query: cofinancingListQuerySchema },
  responses: { 200: { description: 'A page of requests, newest first', ...json(pageOf(cofinancingSchema)) } },
});

const exportRoute = defineRoute(READERS, {
  method: 'get',
  path: '/export.csv',
  tags: ['cofinancing'],
  summary: 'The co-financing requests as CSV, with the same filters as the list',
  request: { query: cofinancingFiltersSchema },
  responses: csvFile,
});

const getRoute = defineRoute(READERS, {
  method: 'get',
  path: '/{id}',
  tags: ['cofinancing'],
  summary: 'One request with its tranches and timeline',
  request: { params: idParams },
  responses: { 200: { description: 'The request', ...json(cofinancingSchema) }, 404: { description: 'Unknown request' } },
}, requestScope);

const createRoute = defineRoute(MAKERS, {
  method: 'post',
  path: '/',
  tags: ['cofinancing'],
  summary: "Open a project's co-financing request (checked against its budget and the programme's rules)",
  request: jsonBody(createCofinancingInputSchema),
  responses: { 201: { description: 'Draft request', ...json(cofinancingSchema) }, 409: { description: 'Envelope exhausted' }, 422: { description: 'Breaks a rule' } },
}, { body: { fundId: 'fund', projectId: 'project' } });

const prepareRoute = defineRoute(MAKERS, {
  method: 'post',
  path: '/{id}/prepare',
  tags: ['cofinancing'],
  summary: 'Write the recommendation, the conditions and the tranche plan',
  request: { params: idParams, ...jsonBody(prepareCofinancingInputSchema) },
  responses: { ...reply, 422: { description: 'Tranches do not add up' } },
}, requestScope);

const committeeRoute = defineRoute(['staff'], {
  method: 'post',
  path: '/{id}/committee-decision',
  tags: ['cofinancing'],
  summary: "Record the committee's opinion on a request above the fund's threshold, from a session held with its quorum (four eyes)",
  request: { params: idParams, ...jsonBody(committeeDecisionInputSchema) },
  responses: { ...reply, 422: { description: 'Not a committee for this request, quorum not met, or a voter acted on the request' } },
}, requestScope);

const committeeSessionsRoute = defineRoute(['staff'], {
  method: 'get',
  path: '/{id}/committee-sessions',
  tags: ['cofinancing'],
  summary: "The committee sessions whose opinion counts for this request (the fund's structure or above, or the project's programme), with their members",
  request: { params: idParams },
  responses: { 200: { description: 'Sessions, latest first', ...json(z.array(committeeSessionOptionSchema)) }, 404: { description: 'Unknown request' } },
}, requestScope);

const approveRoute = defineRoute(['fund_manager'], {
  method: 'post',
  idempotent: true,
  path: '/{id}/approve',
  tags: ['cofinancing'],
  summary: 'Approve and commit the money (four eyes; never more than available)',
  request: { params: idParams, ...jsonBody(decisionNoteInputSchema) },
  responses: { ...reply, 422: { description: 'Breaks a rule, or key reused with another body' } },
}, requestScope);

const rejectRoute = defineRoute(['fund_manager'], {
  method: 'post',
  path: '/{id}/reject',
  tags: ['cofinancing'],
  summary: 'Reject a prepared request (four eyes)',
  request: { params: idParams, ...jsonBody(decisionNoteInputSchema) },
  responses: reply,
}, requestScope);

const agreementRoute = defineRoute(['staff', 'fund_manager'], {
  method: 'post',
  path: '/{id}/agreement',
  tags: ['cofinancing'],
  summary: 'Record the signature of the agreement and its conditions',
  request: { params: idParams, ...jsonBody(signAgreementInputSchema) },
  responses: reply,
}, requestScope);

const disburseRoute = defineRoute(['fund_manager'], {
  method: 'post',
  idempotent: true,
  path: '/{id}/tranches/{trancheId}/disburse',
  tags: ['cofinancing'],
  summary: 'Pay a tranche out (its milestone reached, the agreement signed)',
  request: { params: z.object({ id: z.uuid(), trancheId: z.uuid() }), ...jsonBody(disburseTrancheInputSchema) },
  responses: reply,
}, requestScope);

const cancelRoute = defineRoute(['fund_manager'], {
  method: 'post',
  idempotent: true,
  path: '/{id}/cancel',
  tags: ['cofinancing'],
  summary: 'Cancel, releasing what was committed and not yet disbursed',
  request: { params: idParams, ...jsonBody(cancelInputSchema) },
  responses: reply,
}, requestScope);

/** The request as the caller sees it: with what they may do now. */
async function forCaller(c: { get(key: 'db'): AppEnv['Variables']['db']; get(key: 'user'): CurrentUser | null }, request: Cofinancing): Promise<Cofinancing> {
  const [shaped] = await withCofinancingActions(c.get('db'), c.get('user')!, [request]);
  return shaped;
}

export const cofinancingRoutes = new OpenAPIHono<AppEnv>()
  .openapi(listRoute, async (c) => {
    const page = await listCofinancing(c.get('db'), viewerOf(c.get('user')!, READERS), c.req.valid('query'));
    return c.json({ items: await withCofinancingActions(c.get('db'), c.get('user')!, page.items), nextCursor: page.nextCursor }, 200);
  })
  .openapi(exportRoute, async (c) => {
    const rows = await allCofinancing(c.get('db'), viewerOf(c.get('user')!, READERS), c.req.valid('query'));
    const csv = toCsv(rows, [
      { header: 'number', value: (r) => r.number },
      { header: 'fund', value: (r) => r.fundCode },
      { header: 'project', value: (r) => r.projectTitle },
      { header: 'status', value: (r) => r.status },
      { header: 'currency', value: (r) => r.currency },
      { header: 'amount_minor', value: (r) => r.amountMinor },
      { header: 'disbursed_minor', value: (r) => r.disbursedMinor },
      { header: 'committee_required', value: (r) => r.committeeRequired },
      { header: 'committee_decision', value: (r) => r.committeeDecision },
      { header: 'decided_at', value: (r) => r.decidedAt },
      { header: 'agreement_signed_on', value: (r) => r.agreementSignedOn },
      { header: 'created_at', value: (r) => r.createdAt },
    ]);
    return csvResponse(csv, 'cofinancing.csv') as never;
  })
  .openapi(getRoute, async (c) => c.json(await forCaller(c, await getCofinancing(c.get('db'), viewerOf(c.get('user')!, READERS), c.req.valid('param').id)), 200))
  .openapi(committeeSessionsRoute, async (c) => c.json(await listCommitteeSessionsFor(c.get('db'), viewerOf(c.get('user')!, ['staff']), c.req.valid('param').id), 200))
  .openapi(createRoute, async (c) => c.json(await forCaller(c, await createCofinancing(c.get('db'), actorOf(c.var), c.req.valid('json'))), 201))
  .openapi(prepareRoute, async (c) => c.json(await forCaller(c, await prepareCofinancing(c.get('db'), actorOf(c.var), c.req.valid('param').id, c.req.valid('json'))), 200))
  .openapi(committeeRoute, async (c) => c.json(await forCaller(c, await recordCommitteeDecision(c.get('db'), actorOf(c.var), c.req.valid('param').id, c.req.valid('json'))), 200))
  .openapi(approveRoute, async (c) => {
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    return c.json(await approveCofinancing(c.get('db'), actorOf(c.var), id, input), 200);
  })
  .openapi(rejectRoute, async (c) => c.json(await forCaller(c, await rejectCofinancing(c.get('db'), actorOf(c.var), c.req.valid('param').id, c.req.valid('json'))), 200))
  .openapi(agreementRoute, async (c) => c.json(await forCaller(c, await signAgreement(c.get('db'), actorOf(c.var), c.req.valid('param').id, c.req.valid('json').signedOn)), 200))
  .openapi(disburseRoute, async (c) => {
    const { id, trancheId } = c.req.valid('param');
    const input = c.req.valid('json');
    return c.json(await disburseTranche(c.get('db'), actorOf(c.var), id, trancheId, input), 200);
  })
  .openapi(cancelRoute, async (c) => {
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    return c.json(await cancelCofinancing(c.get('db'), actorOf(c.var), id, input), 200);
  });
