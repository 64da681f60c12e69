import { OpenAPIHono } from '@hono/zod-openapi';
import { callInputSchema, decideInputSchema, guaranteeDetailSchema, payCallInputSchema, recoveryInputSchema } from '@essor/shared/guarantees';
import { emptyInputSchema } from '@essor/shared/funds';
import { requireUser } from '../../lib/authz';
import { actorOf, type AppEnv } from '../../lib/context';
import { defineRoute, idParams, json, jsonBody } from '../../lib/route';
import { callGuarantee, closeGuarantee, decideCall, guaranteeOfCall, payCall, recordRecovery } from './calls';
import { getGuarantee } from './register';

const tags = ['guarantees'];
const MAKERS = ['staff', 'fund_manager'] as const;
const MANAGERS = ['fund_manager'] as const;
const guaranteeScope = { params: { id: 'guarantee' } } as const;
const callScope = { params: { id: 'guarantee_call' } } as const;
const reply = { 200: { description: 'The guarantee as it now stands', ...json(guaranteeDetailSchema) } };

const callRoute = defineRoute(MAKERS, {
  method: 'post',
  idempotent: true,
  path: '/{id}/calls',
  tags,
  summary: 'The bank calls the guarantee after a default: the payout (coverage x loss, capped) waits on a second person; the loan goes to loss',
  request: { params: idParams, ...jsonBody(callInputSchema) },
  responses: {
    ...reply,
    404: { description: 'Unknown guarantee' },
    409: { description: 'The guarantee is not active (released, called, closed ...)' },
    422: { description: 'Past the claim deadline, a claim above the guaranteed amount, or no room left under the portfolio cap' },
  },
}, guaranteeScope);

function decideRoute(decision: 'approve' | 'reject') {
  return defineRoute(MANAGERS, {
    method: 'post',
    path: `/calls/{id}/${decision}`,
    tags,
    summary: decision === 'approve' ? "A second person approves the call's payout: owed to the bank (5300/2410), exposure and provision to nil" : 'A second person rejects the call: the guarantee is active again',
    request: { params: idParams, ...jsonBody(decideInputSchema) },
    responses: { ...reply, 404: { description: 'Unknown call' }, 409: { description: 'The call is not pending' }, 422: { description: 'No room left under the portfolio cap, or a date after today' } },
  }, callScope);
}
const approveRoute = decideRoute('approve');
const rejectRoute = decideRoute('reject');

const payRoute = defineRoute(MANAGERS, {
  method: 'post',
  idempotent: true,
  path: '/calls/{id}/pay',
  tags,
  summary: 'Pays an approved call to the bank (2410/1000), never past the cash the fund holds',
  request: { params: idParams, ...jsonBody(payCallInputSchema) },
  responses: { ...reply, 404: { description: 'Unknown call' }, 409: { description: 'Not approved, or not enough cash' }, 422: { description: 'A date after today or before the approval' } },
}, callScope);

const recoveryRoute = defineRoute(MAKERS, {
  method: 'post',
  idempotent: true,
  path: '/{id}/recoveries',
  tags,
  summary: 'What the bank recovered from the borrower after the payout: the fund gets its coverage share, up to what it paid',
  request: { params: idParams, ...jsonBody(recoveryInputSchema) },
  responses: { ...reply, 404: { description: 'Unknown guarantee' }, 409: { description: 'The guarantee is not paid' }, 422: { description: 'Nothing left to recover, or a bad date' } },
}, guaranteeScope);

const closeRoute = defineRoute(MANAGERS, {
  method: 'post',
  idempotent: true,
  path: '/{id}/close',
  tags,
  summary: 'Closes a paid guarantee: nothing more is expected',
  request: { params: idParams, ...jsonBody(emptyInputSchema) },
  responses: { ...reply, 404: { description: 'Unknown guarantee' }, 409: { description: 'The guarantee is not paid' } },
}, guaranteeScope);

export const callRoutes = new OpenAPIHono<AppEnv>()
  .openapi(callRoute, async (c) => {
    const { id } = c.req.valid('param');
    await callGuarantee(c.get('db'), actorOf(c.var), id, c.req.valid('json'));
    return c.json(await getGuarantee(c.get('db'), requireUser(c.get('user')), id), 200);
  })
  .openapi(approveRoute, async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    await decideCall(c.get('db'), actorOf(c.var), id, 'approve', body.note, body.accountingDate);
    return c.json(await getGuarantee(c.get('db'), requireUser(c.get('user')), await guaranteeOfCall(c.get('db'), id)), 200);
  })
  .openapi(rejectRoute, async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    await decideCall(c.get('db'), actorOf(c.var), id, 'reject', body.note, body.accountingDate);
    return c.json(await getGuarantee(c.get('db'), requireUser(c.get('user')), await guaranteeOfCall(c.get('db'), id)), 200);
  })
  .openapi(payRoute, async (c) => {
    const { id } = c.req.valid('param');
    await payCall(c.get('db'), actorOf(c.var), id, c.req.valid('json'));
    return c.json(await getGuarantee(c.get('db'), requireUser(c.get('user')), await guaranteeOfCall(c.get('db'), id)), 200);
  })
  .openapi(recoveryRoute, async (c) => {
    const { id } = c.req.valid('param');
    await recordRecovery(c.get('db'), actorOf(c.var), id, c.req.valid('json'));
    return c.json(await getGuarantee(c.get('db'), requireUser(c.get('user')), id), 200);
  })
  .openapi(closeRoute, async (c) => {
    const { id } = c.req.valid('param');
    await closeGuarantee(c.get('db'), actorOf(c.var), id);
    return c.json(await getGuarantee(c.get('db'), requireUser(c.get('user')), id), 200);
  });
