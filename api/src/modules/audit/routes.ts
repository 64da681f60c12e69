import { OpenAPIHono, z } from '@hono/zod-openapi';
import { auditEntrySchema, auditListQuerySchema } from '@essor/shared/audit';
import { pageOf } from '@essor/shared/pagination';
import { requireUser } from '../../lib/authz';
import type { AppEnv } from '../../lib/context';
import { csvResponse, csvStream } from '../../lib/csv';
import { defineRoute } from '../../lib/route';
import { exportAudit, listAudit } from './service';

const ADMIN = ['admin'] as const;

const listRoute = defineRoute(ADMIN, {
  method: 'get',
  path: '/',
  tags: ['audit'],
  summary: 'Browse the audit trail, newest first',
  request: { query: auditListQuerySchema },
  responses: { 200: { description: 'A page of audit entries', content: { 'application/json': { schema: pageOf(auditEntrySchema) } } } },
});

const exportRoute = defineRoute(ADMIN, {
  method: 'get',
  path: '/export.csv',
  tags: ['audit'],
  summary: 'Export the filtered audit trail as CSV',
  request: { query: auditListQuerySchema.omit({ cursor: true, limit: true }) },
  responses: { 200: { description: 'CSV file', content: { 'text/csv': { schema: z.string() } } } },
});

export const auditRoutes = new OpenAPIHono<AppEnv>()
  .openapi(listRoute, async (c) => c.json(await listAudit(c.get('db'), requireUser(c.get('user')), c.req.valid('query')), 200))
  .openapi(exportRoute, async (c) => {
    const rows = exportAudit(c.get('db'), requireUser(c.get('user')), c.req.valid('query'));
    const csv = await csvStream(rows, [
      { header: 'at', value: (e) => e.at },
      { header: 'actor', value: (e) => e.actorEmail },
      { header: 'action', value: (e) => e.action },
      { header: 'entity', value: (e) => e.entity },
      { header: 'entity_id', value: (e) => e.entityId },
      { header: 'before', value: (e) => (e.before === null ? '' : JSON.stringify(e.before)) },
      { header: 'after', value: (e) => (e.after === null ? '' : JSON.stringify(e.after)) },
      { header: 'request_id', value: (e) => e.requestId },
    ]);
    return csvResponse(csv, 'audit-log.csv') as never;
  });
