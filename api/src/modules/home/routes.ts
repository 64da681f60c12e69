import { OpenAPIHono } from '@hono/zod-openapi';
import { homeSchema } from '@essor/shared/home';
import { requireUser } from '../../lib/authz';
import type { AppEnv } from '../../lib/context';
import { defineRoute } from '../../lib/route';
import { homeFor } from './service';

const homeRoute = defineRoute('authenticated', {
  method: 'get',
  path: '/',
  tags: ['platform'],
  summary: 'What waits for me: counts linked to their lists, by role and within my structures, with key figures',
  responses: { 200: { description: 'The home page of the signed-in person', content: { 'application/json': { schema: homeSchema } } } },
});

export const homeRoutes = new OpenAPIHono<AppEnv>().openapi(homeRoute, async (c) => c.json(await homeFor(c.get('db'), requireUser(c.get('user'))), 200));
