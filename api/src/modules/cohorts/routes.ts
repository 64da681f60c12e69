import { OpenAPIHono, z } from '@hono/zod-openapi';
import { cohortDetailSchema, cohortListQuerySchema, cohortSchema, createCohortInputSchema, joinCohortInputSchema, updateCohortInputSchema } from '@essor/shared/cohorts';
import { requireUser } from '../../lib/authz';
import { actorOf, type AppEnv } from '../../lib/context';
import { csvResponse, toCsv } from '../../lib/csv';
import { defineRoute, json, idParams } from '../../lib/route';
import { createCohort, getCohort, joinCohort, listCohortMembers, listCohorts, updateCohort } from './service';

const csvContent = { 200: { description: 'CSV file', content: { 'text/csv': { schema: z.string() } } } };
const RUNNERS = ['admin', 'staff'] as const;
const READERS = ['admin', 'staff', 'coach', 'fund_manager'] as const;

const listRoute = defineRoute(READERS, {
  method: 'get',
  path: '/',
  tags: ['cohorts'],
  summary: 'Cohorts with their capacity and how many projects joined',
  request: { query: cohortListQuerySchema },
  responses: { 200: { description: 'Cohorts', ...json(z.object({ items: z.array(cohortSchema) })) } },
});

const exportRoute = defineRoute(READERS, {
  method: 'get',
  path: '/export.csv',
  tags: ['cohorts'],
  summary: 'Export the cohorts as CSV',
  request: { query: cohortListQuerySchema },
  responses: csvContent,
});

const getRoute = defineRoute(READERS, {
  method: 'get',
  path: '/{id}',
  tags: ['cohorts'],
  summary: 'A cohort and its projects with their stage',
  request: { params: idParams },
  responses: { 200: { description: 'The cohort', ...json(cohortDetailSchema) }, 404: { description: 'Unknown cohort' } },
}, { params: { id: 'cohort' } });

const membersExportRoute = defineRoute(READERS, {
  method: 'get',
  path: '/{id}/members/export.csv',
  tags: ['cohorts'],
  summary: "Export a cohort's projects as CSV",
  request: { params: idParams },
  responses: csvContent,
}, { params: { id: 'cohort' } });

const createRoute = defineRoute(RUNNERS, {
  method: 'post',
  path: '/',
  tags: ['cohorts'],
  summary: 'Open a cohort in a programme',
  request: { body: { ...json(createCohortInputSchema), required: true } },
  responses: { 201: { description: 'Created', ...json(cohortDetailSchema) }, 404: { description: 'Unknown programme' }, 409: { description: 'Name taken' } },
}, { body: { programmeId: 'programme' } });

const updateRoute = defineRoute(RUNNERS, {
  method: 'patch',
  path: '/{id}',
  tags: ['cohorts'],
  summary: "Change a cohort's name, dates or capacity (never below its members)",
  request: { params: idParams, body: { ...json(updateCohortInputSchema), required: true } },
  responses: { 200: { description: 'Updated', ...json(cohortDetailSchema) }, 404: { description: 'Unknown cohort' }, 409: { description: 'Capacity below members' } },
}, { params: { id: 'cohort' } });

const joinRoute = defineRoute(RUNNERS, {
  method: 'post',
  path: '/{id}/members',
  tags: ['cohorts'],
  summary: "Put an accepted application's project into the cohort (capacity enforced)",
  request: { params: idParams, body: { ...json(joinCohortInputSchema), required: true } },
  responses: { 201: { description: 'Joined', ...json(cohortDetailSchema) }, 404: { description: 'Unknown cohort or application' }, 409: { description: 'Full, not accepted, or already in a cohort' } },
}, { params: { id: 'cohort' }, body: { applicationId: 'application' } });

export const cohortsRoutes = new OpenAPIHono<AppEnv>()
  .openapi(listRoute, async (c) => c.json({ items: await listCohorts(c.get('db'), requireUser(c.get('user')), READERS, c.req.valid('query').programmeId) }, 200))
  .openapi(exportRoute, async (c) => {
    const rows = await listCohorts(c.get('db'), requireUser(c.get('user')), READERS, c.req.valid('query').programmeId);
    const csv = toCsv(rows, [
      { header: 'programme', value: (r) => r.programmeCode },
      { header: 'name', value: (r) => r.name },
      { header: 'starts_on', value: (r) => r.startsOn },
      { header: 'ends_on', value: (r) => r.endsOn },
      { header: 'capacity', value: (r) => r.capacity },
      { header: 'members', value: (r) => r.memberCount },
    ]);
    return csvResponse(csv, 'cohorts.csv') as never;
  })
  .openapi(getRoute, async (c) => c.json(await getCohort(c.get('db'), c.req.valid('param').id), 200))
  .openapi(membersExportRoute, async (c) => {
    const cohort = await getCohort(c.get('db'), c.req.valid('param').id);
    const csv = toCsv(await listCohortMembers(c.get('db'), cohort.id), [
      { header: 'project', value: (m) => m.projectTitle },
      { header: 'organisation', value: (m) => m.organisationName },
      { header: 'legal_form', value: (m) => m.legalForm },
      { header: 'district', value: (m) => m.district },
      { header: 'stage', value: (m) => m.stage },
      { header: 'joined_at', value: (m) => m.joinedAt },
    ]);
    return csvResponse(csv, 'cohort-members.csv') as never;
  })
  .openapi(createRoute, async (c) => c.json(await createCohort(c.get('db'), actorOf(c.var), c.req.valid('json')), 201))
  .openapi(updateRoute, async (c) => c.json(await updateCohort(c.get('db'), actorOf(c.var), c.req.valid('param').id, c.req.valid('json')), 200))
  .openapi(joinRoute, async (c) =>
    c.json(await joinCohort(c.get('db'), actorOf(c.var), c.req.valid('param').id, c.req.valid('json').applicationId), 201),
  );
