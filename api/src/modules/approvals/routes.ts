import { OpenAPIHono } from '@hono/zod-openapi';
import { approvalInboxSchema } from '@essor/shared/cofinancing';
import type { AppEnv } from '../../lib/context';
import { defineRoute, json } from '../../lib/route';
import { approvalInbox } from './inbox';

const inboxRoute = defineRoute(['fund_manager', 'committee_member'], {
  method: 'get',
  path: '/inbox',
  tags: ['funds'],
  summary: "What waits on the signed-in person's decision (never what they prepared)",
  responses: { 200: { description: 'The approval inbox', ...json(approvalInboxSchema) } },
});

/** Mounted under /api/funds, beside the funds' own routes. */
export const approvalsRoutes = new OpenAPIHono<AppEnv>().openapi(inboxRoute, async (c) => c.json(await approvalInbox(c.get('db'), c.get('user')!), 200));
