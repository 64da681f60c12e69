import { OpenAPIHono, z } from '@hono/zod-openapi';
import {
  createProgrammeInputSchema,
  programmeCallSchema,
  programmeListQuerySchema,
  programmeSchema,
  updateProgrammeInputSchema,
} from '@essor/shared/programmes';
import { requireUser } from '../../lib/authz';
import { actorOf, type AppEnv } from '../../lib/context';
import { csvResponse, toCsv } from '../../lib/csv';
import { defineRoute, json, idParams } from '../../lib/route';
import { structureForCreate } from '../../lib/scope';
import { createProgramme, getProgramme, listOpenCalls, listProgrammes, updateProgramme } from './service';

const RUNNERS = ['admin', 'staff'] as const;
const READERS = ['admin', 'staff', 'coach', 'fund_manager', 'committee_member'] as const;

const callsRoute = defineRoute('public', {
  method: 'get',
  path: '/calls',
  tags: ['programmes'],
  summary: 'Open calls for projects (what the public application form offers)',
  responses: { 200: { description: 'Open calls', ...json(z.object({ items: z.array(programmeCallSchema) })) } },
});

const listRoute = defineRoute(READERS, {
  method: 'get',
  path: '/',
  tags: ['programmes'],
  summary: 'Support programmes',
  request: { query: programmeListQuerySchema },
  responses: { 200: { description: 'Programmes', ...json(z.object({ items: z.array(programmeSchema) })) } },
});

const exportRoute = defineRoute(READERS, {
  method: 'get',
  path: '/export.csv',
  tags: ['programmes'],
  summary: 'Export the programmes as CSV',
  request: { query: programmeListQuerySchema },
  responses: { 200: { description: 'CSV file', content: { 'text/csv': { schema: z.string() } } } },
});

const getRoute = defineRoute(READERS, {
  method: 'get',
  path: '/{id}',
  tags: ['programmes'],
  summary: 'One programme with its eligibility checklist and scoring grid',
  request: { params: idParams },
  responses: { 200: { description: 'The programme', ...json(programmeSchema) }, 404: { description: 'Unknown programme' } },
}, { params: { id: 'programme' } });

const createRoute = defineRoute(RUNNERS, {
  method: 'post',
  path: '/',
  tags: ['programmes'],
  summary: 'Create a support programme',
  request: { body: { ...json(createProgrammeInputSchema), required: true } },
  responses: { 201: { description: 'Created', ...json(programmeSchema) }, 409: { description: 'Code taken' } },
});

const updateRoute = defineRoute(RUNNERS, {
  method: 'patch',
  path: '/{id}',
  tags: ['programmes'],
  summary: "Change a programme's settings (call dates, checklist, scoring grid, envelope, languages, status)",
  request: { params: idParams, body: { ...json(updateProgrammeInputSchema), required: true } },
  responses: { 200: { description: 'Updated', ...json(programmeSchema) }, 404: { description: 'Unknown programme' } },
}, { params: { id: 'programme' } });

export const programmesRoutes = new OpenAPIHono<AppEnv>()
  .openapi(callsRoute, async (c) => c.json({ items: await listOpenCalls(c.get('db')) }, 200))
  .openapi(listRoute, async (c) => c.json({ items: await listProgrammes(c.get('db'), requireUser(c.get('user')), READERS, c.req.valid('query')) }, 200))
  .openapi(exportRoute, async (c) => {
    const rows = await listProgrammes(c.get('db'), requireUser(c.get('user')), READERS, c.req.valid('query'));
    const csv = toCsv(rows, [
      { header: 'code', value: (p) => p.code },
      { header: 'name', value: (p) => p.name },
      { header: 'territory', value: (p) => p.territory },
      { header: 'status', value: (p) => p.status },
      { header: 'call_opens_on', value: (p) => p.callOpensOn },
      { header: 'call_closes_on', value: (p) => p.callClosesOn },
      { header: 'budget_envelope_minor', value: (p) => p.budgetEnvelopeMinor },
      { header: 'currency', value: (p) => p.currency },
      { header: 'languages', value: (p) => p.languages.join(' ') },
      { header: 'eligibility_criteria', value: (p) => p.eligibilityCriteria.length },
      { header: 'grid_criteria', value: (p) => p.scoringGrid.length },
    ]);
    return csvResponse(csv, 'programmes.csv') as never;
  })
  .openapi(getRoute, async (c) => c.json(await getProgramme(c.get('db'), c.req.valid('param').id), 200))
  .openapi(createRoute, async (c) => {
    const input = c.req.valid('json');
    const structureId = structureForCreate(requireUser(c.get('user')), input.structureId, RUNNERS);
    return c.json(await createProgramme(c.get('db'), actorOf(c.var), structureId, input), 201);
  })
  .openapi(updateRoute, async (c) => c.json(await updateProgramme(c.get('db'), actorOf(c.var), c.req.valid('param').id, c.req.valid('json')), 200));
