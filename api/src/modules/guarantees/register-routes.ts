import { OpenAPIHono } from '@hono/zod-openapi';
import { cancelGuaranteeInputSchema, decideInputSchema, guaranteeDetailSchema, guaranteeFiltersSchema, guaranteeListQuerySchema, guaranteeSchema, prepareGuaranteeInputSchema } from '@essor/shared/guarantees';
import { pageOf } from '@essor/shared/pagination';
import type { Role } from '@essor/shared/roles';
import { requireUser } from '../../lib/authz';
import { actorOf, type AppEnv } from '../../lib/context';
import { csvResponse } from '../../lib/csv';
import { csvFile, defineRoute, idParams, json, jsonBody } from '../../lib/route';
import { approveGuarantee, rejectGuarantee } from './decisions';
import { exportGuarantees, getGuarantee, GUARANTEE_READERS, listGuarantees } from './register';
import { cancelGuarantee, prepareGuarantee } from './requests';

const tags = ['guarantees'];
const MAKERS = ['staff', 'fund_manager'] as const satisfies readonly Role[];
const CHECKERS = ['fund_manager'] as const satisfies readonly Role[];
const guaranteeScope = { params: { id: 'guarantee' } } as const;
const decided = {
  200: { description: 'The guarantee as it now stands', ...json(guaranteeDetailSchema) },
  404: { description: 'Unknown guarantee' },
  409: { description: 'Not waiting for a decision, or past the leverage cap' },
  422: { description: 'An issue day before the disbursement' },
};

const listRoute = defineRoute(GUARANTEE_READERS, {
  method: 'get',
  path: '/',
  tags,
  summary: 'The register of guarantees the caller reaches, newest first, with what the caller may do on each',
  request: { query: guaranteeListQuerySchema },
  responses: { 200: { description: 'A page of the guarantees, newest first', ...json(pageOf(guaranteeSchema)) } },
});

const exportRoute = defineRoute(GUARANTEE_READERS, {
  method: 'get',
  path: '/export.csv',
  tags,
  summary: 'The register as CSV, with the same filters',
  request: { query: guaranteeFiltersSchema },
  responses: csvFile,
});

const prepareRoute = defineRoute(
  MAKERS,
  {
    method: 'post',
    path: '/',
    tags,
    summary: 'Prepare a guarantee on a bank loan under an agreement; another fund manager decides',
    request: jsonBody(prepareGuaranteeInputSchema),
    responses: {
      201: { description: 'The prepared guarantee', ...json(guaranteeDetailSchema) },
      409: { description: 'The bank loan already has a guarantee, or the agreement has ended' },
      422: { description: 'Coverage outside the agreement, above the per-enterprise maximum, wrong currency, project not financeable' },
    },
  },
  { body: { agreementId: 'guarantee_agreement', projectId: 'project' } },
);

const getRoute = defineRoute(
  GUARANTEE_READERS,
  {
    method: 'get',
    path: '/{id}',
    tags,
    summary: 'One guarantee with its outstandings, risk changes, fees, calls, recoveries and audit trail',
    request: { params: idParams },
    responses: { 200: { description: 'The guarantee', ...json(guaranteeDetailSchema) }, 404: { description: 'Unknown guarantee' } },
  },
  guaranteeScope,
);

const approveRoute = defineRoute(
  CHECKERS,
  {
    method: 'post',
    idempotent: true,
    path: '/{id}/approve',
    tags,
    summary: 'Approve (four eyes): the exposure is posted within the leverage cap and the upfront fee charged',
    request: { params: idParams, ...jsonBody(decideInputSchema) },
    responses: decided,
  },
  guaranteeScope,
);

const rejectRoute = defineRoute(
  CHECKERS,
  {
    method: 'post',
    idempotent: true,
    path: '/{id}/reject',
    tags,
    summary: 'Turn the guarantee down (four eyes): nothing is posted',
    request: { params: idParams, ...jsonBody(decideInputSchema) },
    responses: decided,
  },
  guaranteeScope,
);

const cancelRoute = defineRoute(
  MAKERS,
  {
    method: 'post',
    path: '/{id}/cancel',
    tags,
    summary: 'Drop a guarantee still waiting for its decision',
    request: { params: idParams, ...jsonBody(cancelGuaranteeInputSchema) },
    responses: { 200: { description: 'The guarantee as it now stands', ...json(guaranteeDetailSchema) }, 404: { description: 'Unknown guarantee' }, 409: { description: 'Already decided' } },
  },
  guaranteeScope,
);

export const registerRoutes = new OpenAPIHono<AppEnv>()
  .openapi(listRoute, async (c) => c.json(await listGuarantees(c.get('db'), requireUser(c.get('user')), c.req.valid('query')), 200))
  .openapi(exportRoute, async (c) => csvResponse(await exportGuarantees(c.get('db'), requireUser(c.get('user')), c.req.valid('query')), 'guarantees.csv') as never)
  .openapi(prepareRoute, async (c) => {
    const row = await prepareGuarantee(c.get('db'), actorOf(c.var), c.req.valid('json'));
    return c.json(await getGuarantee(c.get('db'), requireUser(c.get('user')), row.id), 201);
  })
  .openapi(getRoute, async (c) => c.json(await getGuarantee(c.get('db'), requireUser(c.get('user')), c.req.valid('param').id), 200))
  .openapi(approveRoute, async (c) => {
    const { id } = c.req.valid('param');
    await approveGuarantee(c.get('db'), actorOf(c.var), id, c.req.valid('json'));
    return c.json(await getGuarantee(c.get('db'), requireUser(c.get('user')), id), 200);
  })
  .openapi(rejectRoute, async (c) => {
    const { id } = c.req.valid('param');
    await rejectGuarantee(c.get('db'), actorOf(c.var), id, c.req.valid('json'));
    return c.json(await getGuarantee(c.get('db'), requireUser(c.get('user')), id), 200);
  })
  .openapi(cancelRoute, async (c) => {
    const { id } = c.req.valid('param');
    await cancelGuarantee(c.get('db'), actorOf(c.var), id, c.req.valid('json').reason);
    return c.json(await getGuarantee(c.get('db'), requireUser(c.get('user')), id), 200);
  });
