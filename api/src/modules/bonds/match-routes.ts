import { OpenAPIHono, z } from '@hono/zod-openapi';
import { cancelOfferingInputSchema, createMatchPledgeInputSchema, matchPledgeSchema } from '@essor/shared/bond-matchfunding';
import { offeringSchema } from '@essor/shared/bonds';
import { emptyInputSchema } from '@essor/shared/funds';
import { requireUser } from '../../lib/authz';
import { actorOf, type AppEnv } from '../../lib/context';
import { csvResponse, toCsv } from '../../lib/csv';
import { csvFile, defineRoute, idParams, json, jsonBody } from '../../lib/route';
import { cancelOffering } from './cancellation';
import { listMatchPledges, MATCH_MANAGERS, pledgeMatch, withdrawMatchPledge } from './matchfunding';
import { OFFERING_READERS } from './offerings';

const tags = ['bonds'];
const offeringScope = { params: { id: 'bond_offering' } } as const;
const pledgeReply = { 200: { description: 'The pledge as it now stands', ...json(matchPledgeSchema) }, 404: { description: 'Unknown pledge' }, 409: { description: 'Already settled, or the offering has closed' } };

const pledgeRoute = defineRoute(MATCH_MANAGERS, {
  method: 'post',
  idempotent: true,
  path: '/offerings/{id}/match-pledges',
  tags,
  summary: "A fund of the offering's structure pledges to match the raise (ratio, up to a cap): the cap is committed in the fund's books now",
  request: { params: idParams, ...jsonBody(createMatchPledgeInputSchema) },
  responses: {
    201: { description: 'The pledge', ...json(matchPledgeSchema) },
    404: { description: 'Unknown offering or fund' },
    409: { description: 'The offering has closed, or this fund already pledges' },
    422: { description: 'Trust books, another structure or currency, or a cap above what the fund has available' },
  },
}, { ...offeringScope, body: { fundId: 'fund' } });

const listRoute = defineRoute(OFFERING_READERS, {
  method: 'get',
  path: '/offerings/{id}/match-pledges',
  tags,
  summary: "The offering's matchfunding pledges, with what each would give on what is paid now",
  request: { params: idParams },
  responses: { 200: { description: 'The pledges, oldest first', ...json(z.array(matchPledgeSchema)) }, 404: { description: 'Unknown offering' } },
}, offeringScope);

const exportRoute = defineRoute(OFFERING_READERS, {
  method: 'get',
  path: '/offerings/{id}/match-pledges.csv',
  tags,
  summary: "The offering's matchfunding pledges as CSV",
  request: { params: idParams },
  responses: csvFile,
}, offeringScope);

const withdrawRoute = defineRoute(MATCH_MANAGERS, {
  method: 'post',
  idempotent: true,
  path: '/match-pledges/{id}/withdraw',
  tags,
  summary: 'Withdraw a pledge before the close: the whole cap goes back to the fund',
  request: { params: idParams, ...jsonBody(emptyInputSchema) },
  responses: pledgeReply,
}, { params: { id: 'bond_match_pledge' } });

const cancelRoute = defineRoute(MATCH_MANAGERS, {
  method: 'post',
  idempotent: true,
  path: '/offerings/{id}/cancel',
  tags,
  summary: 'Cancel an offering before its close: every paid subscription refunded, reservations and waitlist cancelled, pledges released, subscribers told',
  request: { params: idParams, ...jsonBody(cancelOfferingInputSchema) },
  responses: { 200: { description: 'The offering as it now stands', ...json(offeringSchema) }, 404: { description: 'Unknown offering' }, 409: { description: 'Already closed' } },
}, offeringScope);

export const matchRoutes = new OpenAPIHono<AppEnv>()
  .openapi(pledgeRoute, async (c) => c.json(await pledgeMatch(c.get('db'), actorOf(c.var), requireUser(c.get('user')), c.req.valid('param').id, c.req.valid('json')), 201))
  .openapi(listRoute, async (c) => c.json(await listMatchPledges(c.get('db'), requireUser(c.get('user')), c.req.valid('param').id), 200))
  .openapi(exportRoute, async (c) => {
    const pledges = await listMatchPledges(c.get('db'), requireUser(c.get('user')), c.req.valid('param').id);
    const csv = toCsv(pledges, [
      { header: 'fund', value: (p) => p.fundCode },
      { header: 'fund_name', value: (p) => p.fundName },
      { header: 'ratio_bps', value: (p) => p.ratioBps },
      { header: 'currency', value: (p) => p.currency },
      { header: 'cap_minor', value: (p) => p.capMinor },
      { header: 'matched_so_far_minor', value: (p) => p.matchedSoFarMinor },
      { header: 'matched_minor', value: (p) => p.matchedMinor },
      { header: 'status', value: (p) => p.status },
      { header: 'created_at', value: (p) => p.createdAt },
      { header: 'settled_at', value: (p) => p.settledAt },
    ]);
    return csvResponse(csv, 'bond-match-pledges.csv') as never;
  })
  .openapi(withdrawRoute, async (c) => c.json(await withdrawMatchPledge(c.get('db'), actorOf(c.var), requireUser(c.get('user')), c.req.valid('param').id), 200))
  .openapi(cancelRoute, async (c) => c.json(await cancelOffering(c.get('db'), actorOf(c.var), requireUser(c.get('user')), c.req.valid('param').id, c.req.valid('json').reason), 200));
