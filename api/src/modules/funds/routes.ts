import { OpenAPIHono, z } from '@hono/zod-openapi';
import {
  contributionSchema,
  createFunderInputSchema,
  createFundInputSchema,
  envelopeSchema,
  admitProjectInputSchema,
  financeableProjectQuerySchema,
  financeableProjectSchema,
  funderSchema,
  fundSchema,
  fundTimelinePointSchema,
  recordContributionInputSchema,
  setEnvelopeInputSchema,
} from '@essor/shared/funds';
import { accountingClosureSchema, decideClosureInputSchema, journalEntrySchema, requestClosureInputSchema, reverseEntryInputSchema } from '@essor/shared/ledger';
import { actorOf, type AppEnv } from '../../lib/context';
import { csvResponse, toCsv } from '../../lib/csv';
import { csvFile, defineRoute, idParams, json, jsonBody } from '../../lib/route';
import { structureForCreate } from '../../lib/scope';
import { decideClosure, listClosures, requestClosure } from './closures';
import { listContributions, recordContribution } from './contributions';
import { reverseCorrection } from './corrections';
import { admitProjectToFinancing } from './eligibility';
import { listEnvelopes, setEnvelope } from './envelopes';
import { fundTimeline } from './figures';
import { viewerOf } from '../../lib/viewer';
import { createFund, createFunder, getFund, listFinanceableProjects, listFunders, listFunds } from './service';

const READERS = ['admin', 'staff', 'fund_manager'] as const;
const MANAGERS = ['fund_manager'] as const;
const PREPARERS = ['staff', 'fund_manager'] as const;
const fundScope = { params: { id: 'fund' } } as const;

const projectsRoute = defineRoute(PREPARERS, {
  method: 'get',
  path: '/projects',
  tags: ['funds'],
  summary: 'Projects a financing can be prepared for (a committee accepted them, or staff admitted them), with their budget and currency; searched by title or organisation, the first `limit` by title',
  request: { query: financeableProjectQuerySchema },
  responses: { 200: { description: 'Projects', ...json(z.array(financeableProjectSchema)) } },
});

const admitProjectRoute = defineRoute(['staff'], {
  method: 'post',
  path: '/projects/{id}/admission',
  tags: ['funds'],
  summary: 'Admit a project no committee accepted to financing, saying why (audited)',
  request: { params: idParams, ...jsonBody(admitProjectInputSchema) },
  responses: { 204: { description: 'Admitted' }, 404: { description: 'Unknown project' }, 409: { description: 'Already financeable' } },
}, { params: { id: 'project' } });

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
  request: jsonBody(createFunderInputSchema),
  responses: { 201: { description: 'Funder', ...json(funderSchema) }, 409: { description: 'Name taken' } },
});

const listRoute = defineRoute(READERS, {
  method: 'get',
  path: '/',
  tags: ['funds'],
  summary: 'Funds with their figures read from the ledger',
  responses: { 200: { description: 'Funds', ...json(z.array(fundSchema)) } },
});

const exportRoute = defineRoute(READERS, {
  method: 'get',
  path: '/export.csv',
  tags: ['funds'],
  summary: 'The funds and their figures as CSV',
  responses: csvFile,
});

const createFundRoute = defineRoute(MANAGERS, {
  method: 'post',
  path: '/',
  tags: ['funds'],
  summary: 'Open a fund and its chart of accounts',
  request: jsonBody(createFundInputSchema),
  responses: { 201: { description: 'Fund', ...json(fundSchema) }, 409: { description: 'Code taken' } },
});

const getRoute = defineRoute(READERS, {
  method: 'get',
  path: '/{id}',
  tags: ['funds'],
  summary: "A fund's figures, optionally as they stood at the end of a day",
  request: { params: idParams, query: z.object({ asOf: z.iso.date().optional() }) },
  responses: { 200: { description: 'Fund', ...json(fundSchema) }, 404: { description: 'Unknown fund' } },
}, fundScope);

const timelineRoute = defineRoute(READERS, {
  method: 'get',
  path: '/{id}/timeline',
  tags: ['funds'],
  summary: "A fund's figures at each month's end",
  request: { params: idParams },
  responses: { 200: { description: 'Months', ...json(z.array(fundTimelinePointSchema)) }, 404: { description: 'Unknown fund' } },
}, fundScope);

const contributionsRoute = defineRoute(READERS, {
  method: 'get',
  path: '/{id}/contributions',
  tags: ['funds'],
  summary: "Funders' capital contributions",
  request: { params: idParams },
  responses: { 200: { description: 'Contributions', ...json(z.array(contributionSchema)) }, 404: { description: 'Unknown fund' } },
}, fundScope);

const contributeRoute = defineRoute(MANAGERS, {
  method: 'post',
  idempotent: true,
  path: '/{id}/contributions',
  tags: ['funds'],
  summary: "Record a funder's capital paid in",
  request: { params: idParams, ...jsonBody(recordContributionInputSchema) },
  responses: { 201: { description: 'Contribution', ...json(contributionSchema) }, 404: { description: 'Unknown fund' }, 422: { description: 'Wrong currency or funder' } },
}, fundScope);

const envelopesRoute = defineRoute(READERS, {
  method: 'get',
  path: '/{id}/envelopes',
  tags: ['funds'],
  summary: "Programme envelopes, their rules and what they have committed",
  request: { params: idParams },
  responses: { 200: { description: 'Envelopes', ...json(z.array(envelopeSchema)) }, 404: { description: 'Unknown fund' } },
}, fundScope);

const setEnvelopeRoute = defineRoute(MANAGERS, {
  method: 'put',
  path: '/{id}/envelopes',
  tags: ['funds'],
  summary: "Set a programme's envelope and rules in this fund",
  request: { params: idParams, ...jsonBody(setEnvelopeInputSchema) },
  responses: { 200: { description: 'Envelope', ...json(envelopeSchema) }, 404: { description: 'Unknown fund' }, 409: { description: 'Below what is committed' } },
}, { params: { id: 'fund' }, body: { programmeId: 'programme' } });

const closuresRoute = defineRoute(READERS, {
  method: 'get',
  path: '/{id}/closures',
  tags: ['funds'],
  summary: "The fund's accounting closures, newest first (asked, approved, rejected)",
  request: { params: idParams },
  responses: { 200: { description: 'Closures', ...json(z.array(accountingClosureSchema)) }, 404: { description: 'Unknown fund' } },
}, fundScope);

const requestClosureRoute = defineRoute(MANAGERS, {
  method: 'post',
  path: '/{id}/closures',
  tags: ['funds'],
  summary: "Ask to close the fund's books up to a day (another fund manager approves)",
  request: { params: idParams, ...jsonBody(requestClosureInputSchema) },
  responses: {
    201: { description: 'The closure, waiting for approval', ...json(accountingClosureSchema) },
    404: { description: 'Unknown fund' },
    409: { description: 'Another closure waits' },
    422: { description: 'In the future, or not after the last closure' },
  },
}, fundScope);

const decideClosureRoute = defineRoute(MANAGERS, {
  method: 'post',
  path: '/{id}/closures/{closureId}/{decision}',
  tags: ['funds'],
  summary: 'Approve (the books close) or reject a closure another fund manager asked for',
  request: { params: z.object({ id: z.uuid(), closureId: z.uuid(), decision: z.enum(['approve', 'reject']) }), ...jsonBody(decideClosureInputSchema) },
  responses: {
    200: { description: 'The closure', ...json(accountingClosureSchema) },
    403: { description: 'Asked by the same person (four eyes)' },
    404: { description: 'Unknown fund or closure' },
    409: { description: 'Already decided' },
  },
}, fundScope);

/** A capital contribution recorded by mistake is undone here, under the fund's lock (the ledger itself never locks a fund). */
const reverseRoute = defineRoute(['fund_manager'], {
  method: 'post',
  idempotent: true,
  path: '/ledger/entries/{id}/reverse',
  tags: ['ledger'],
  summary: 'Reverse a capital contribution recorded by mistake (other entries are reversed by their business action)',
  request: { params: z.object({ id: z.coerce.number().int().positive() }), ...jsonBody(reverseEntryInputSchema) },
  responses: { 201: { description: 'The reversing entry', ...json(journalEntrySchema) }, 404: { description: 'Unknown entry' }, 409: { description: 'Already reversed, or would spend committed money' } },
}, { params: { id: 'journal_entry' } });

export const fundsRoutes = new OpenAPIHono<AppEnv>()
  .openapi(reverseRoute, async (c) => c.json(await reverseCorrection(c.get('db'), actorOf(c.var), c.req.valid('param').id, c.req.valid('json')), 201))
  .openapi(projectsRoute, async (c) => c.json(await listFinanceableProjects(c.get('db'), viewerOf(c.get('user')!, PREPARERS), c.req.valid('query')), 200))
  .openapi(admitProjectRoute, async (c) => {
    await admitProjectToFinancing(c.get('db'), actorOf(c.var), c.req.valid('param').id, c.req.valid('json').reason);
    return c.body(null, 204);
  })
  .openapi(fundersRoute, async (c) => c.json(await listFunders(c.get('db')), 200))
  .openapi(createFunderRoute, async (c) => c.json(await createFunder(c.get('db'), actorOf(c.var), c.req.valid('json')), 201))
  .openapi(listRoute, async (c) => c.json(await listFunds(c.get('db'), viewerOf(c.get('user')!, READERS)), 200))
  .openapi(exportRoute, async (c) => {
    const rows = await listFunds(c.get('db'), viewerOf(c.get('user')!, READERS));
    const csv = toCsv(rows, [
      { header: 'code', value: (r) => r.code },
      { header: 'name', value: (r) => r.name },
      { header: 'type', value: (r) => r.type },
      { header: 'structure', value: (r) => r.structureName },
      { header: 'currency', value: (r) => r.currency },
      { header: 'status', value: (r) => r.status },
      { header: 'opened_on', value: (r) => r.openedOn },
      { header: 'closed_through', value: (r) => r.closedThrough },
      { header: 'capital_minor', value: (r) => r.figures.capitalMinor },
      { header: 'committed_minor', value: (r) => r.figures.committedMinor },
      { header: 'disbursed_minor', value: (r) => r.figures.disbursedMinor },
      { header: 'outstanding_commitments_minor', value: (r) => r.figures.outstandingCommitmentsMinor },
      { header: 'cash_minor', value: (r) => r.figures.cashMinor },
      { header: 'available_minor', value: (r) => r.figures.availableMinor },
    ]);
    return csvResponse(csv, 'funds.csv') as never;
  })
  .openapi(createFundRoute, async (c) => {
    const input = c.req.valid('json');
    const structureId = structureForCreate(c.get('user')!, input.structureId, MANAGERS);
    return c.json(await createFund(c.get('db'), actorOf(c.var), { ...input, structureId }), 201);
  })
  .openapi(getRoute, async (c) => c.json(await getFund(c.get('db'), c.req.valid('param').id, c.req.valid('query').asOf), 200))
  .openapi(timelineRoute, async (c) => c.json(await fundTimeline(c.get('db'), c.req.valid('param').id), 200))
  .openapi(contributionsRoute, async (c) => c.json(await listContributions(c.get('db'), c.req.valid('param').id), 200))
  .openapi(contributeRoute, async (c) => {
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    return c.json(await recordContribution(c.get('db'), actorOf(c.var), id, input), 201);
  })
  .openapi(closuresRoute, async (c) => {
    const user = c.get('user')!;
    // The scope guard left the person with the roles that reach this fund: only a fund manager there decides.
    return c.json(await listClosures(c.get('db'), c.req.valid('param').id, user.roles.includes('fund_manager') ? user.id : null), 200);
  })
  .openapi(requestClosureRoute, async (c) => c.json(await requestClosure(c.get('db'), actorOf(c.var), c.req.valid('param').id, c.req.valid('json')), 201))
  .openapi(decideClosureRoute, async (c) => {
    const { id, closureId, decision } = c.req.valid('param');
    return c.json(await decideClosure(c.get('db'), actorOf(c.var), id, closureId, decision, c.req.valid('json')), 200);
  })
  .openapi(envelopesRoute, async (c) => c.json(await listEnvelopes(c.get('db'), c.req.valid('param').id), 200))
  .openapi(setEnvelopeRoute, async (c) => c.json(await setEnvelope(c.get('db'), actorOf(c.var), c.req.valid('param').id, c.req.valid('json')), 200));
