import { OpenAPIHono, z } from '@hono/zod-openapi';
import { agreementSchema, createAgreementInputSchema, createGuaranteeBankInputSchema, guaranteeBankSchema, policyInputSchema, policySchema } from '@essor/shared/guarantees';
import type { Role } from '@essor/shared/roles';
import { requireUser } from '../../lib/authz';
import { actorOf, type AppEnv } from '../../lib/context';
import { defineRoute, idParams, json, jsonBody } from '../../lib/route';
import { structureForCreate } from '../../lib/scope';
import { viewerOf } from '../../lib/viewer';
import { createAgreement, listAgreements } from './agreements';
import { createBank, listBanks } from './banks';
import { getPolicy, setPolicy } from './policy';
import { GUARANTEE_READERS } from './register';

const tags = ['guarantees'];
/** Partner banks, agreements and the fund's policy are set by administrators and fund managers. */
export const GUARANTEE_CONFIGURERS = ['admin', 'fund_manager'] as const satisfies readonly Role[];

const listBanksRoute = defineRoute(GUARANTEE_READERS, {
  method: 'get',
  path: '/banks',
  tags,
  summary: 'The partner banks of the structures the caller reaches',
  request: { query: z.object({ structureId: z.uuid().optional() }) },
  responses: { 200: { description: 'The banks, by name', ...json(z.array(guaranteeBankSchema)) } },
});

const createBankRoute = defineRoute(GUARANTEE_CONFIGURERS, {
  method: 'post',
  path: '/banks',
  tags,
  summary: 'Add a partner bank to a structure',
  request: jsonBody(createGuaranteeBankInputSchema),
  responses: { 201: { description: 'The bank', ...json(guaranteeBankSchema) }, 409: { description: 'A bank of this name already exists' } },
});

const listAgreementsRoute = defineRoute(GUARANTEE_READERS, {
  method: 'get',
  path: '/agreements',
  tags,
  summary: "The bank agreements, with what each guarantees, exposes and has paid, and a portfolio cap's room",
  request: { query: z.object({ fundId: z.uuid().optional(), bankId: z.uuid().optional() }) },
  responses: { 200: { description: 'The agreements', ...json(z.array(agreementSchema)) } },
});

const createAgreementRoute = defineRoute(
  GUARANTEE_CONFIGURERS,
  {
    method: 'post',
    path: '/agreements',
    tags,
    summary: "Sign an agreement between a guarantee fund and a bank of its structure (in the fund's currency)",
    request: jsonBody(createAgreementInputSchema),
    responses: {
      201: { description: 'The agreement', ...json(agreementSchema) },
      409: { description: 'The fund already has an agreement with this bank' },
      422: { description: 'Not a guarantee fund, or a bank of another structure' },
    },
  },
  { body: { fundId: 'fund', bankId: 'guarantee_bank' } },
);

const fundScope = { params: { id: 'fund' } } as const;

const getPolicyRoute = defineRoute(
  GUARANTEE_READERS,
  {
    method: 'get',
    path: '/funds/{id}/policy',
    tags,
    summary: "The guarantee fund's policy: leverage cap, provision rates, days in arrears per class",
    request: { params: idParams },
    responses: { 200: { description: 'The policy', ...json(policySchema) }, 404: { description: 'Unknown fund' }, 409: { description: 'No policy set yet' }, 422: { description: 'Not a guarantee fund' } },
  },
  fundScope,
);

const setPolicyRoute = defineRoute(
  GUARANTEE_CONFIGURERS,
  {
    method: 'put',
    path: '/funds/{id}/policy',
    tags,
    summary: "Set the guarantee fund's policy (provisions move at each guarantee's next restatement)",
    request: { params: idParams, ...jsonBody(policyInputSchema) },
    responses: { 200: { description: 'The policy', ...json(policySchema) }, 404: { description: 'Unknown fund' }, 409: { description: 'The fund is closed' }, 422: { description: 'Not a guarantee fund' } },
  },
  fundScope,
);

export const configRoutes = new OpenAPIHono<AppEnv>()
  .openapi(listBanksRoute, async (c) => c.json(await listBanks(c.get('db'), viewerOf(requireUser(c.get('user')), GUARANTEE_READERS), c.req.valid('query')), 200))
  .openapi(createBankRoute, async (c) => {
    const input = c.req.valid('json');
    const structureId = structureForCreate(requireUser(c.get('user')), input.structureId, GUARANTEE_CONFIGURERS);
    return c.json(await createBank(c.get('db'), actorOf(c.var), { ...input, structureId }), 201);
  })
  .openapi(listAgreementsRoute, async (c) => c.json(await listAgreements(c.get('db'), viewerOf(requireUser(c.get('user')), GUARANTEE_READERS), c.req.valid('query')), 200))
  .openapi(createAgreementRoute, async (c) => c.json(await createAgreement(c.get('db'), actorOf(c.var), c.req.valid('json')), 201))
  .openapi(getPolicyRoute, async (c) => c.json(await getPolicy(c.get('db'), viewerOf(requireUser(c.get('user')), GUARANTEE_READERS), c.req.valid('param').id), 200))
  .openapi(setPolicyRoute, async (c) => c.json(await setPolicy(c.get('db'), actorOf(c.var), c.req.valid('param').id, c.req.valid('json')), 200));
