import { OpenAPIHono, z } from '@hono/zod-openapi';
import { pageOf } from '@essor/shared/pagination';
import {
  organisationListQuerySchema,
  organisationSchema,
  projectListQuerySchema,
  projectSchema,
  updateOrganisationInputSchema,
  updateProjectInputSchema,
} from '@essor/shared/projects';
import { requireUser } from '../../lib/authz';
import { actorOf, type AppEnv } from '../../lib/context';
import { csvResponse, csvStream } from '../../lib/csv';
import { defineRoute, json, idParams } from '../../lib/route';
import {
  exportOrganisations,
  exportProjects,
  getProject,
  listOrganisations,
  readOrganisation,
  listProjects,
  updateOrganisation,
  updateProject,
} from './service';

const csvContent = { 200: { description: 'CSV file', content: { 'text/csv': { schema: z.string() } } } };
const EDITORS = ['admin', 'staff'] as const;
const READERS = ['admin', 'staff', 'coach', 'fund_manager'] as const;

const listProjectsRoute = defineRoute(READERS, {
  method: 'get',
  path: '/projects',
  tags: ['projects'],
  summary: 'Projects (keyset pagination, search, filters by programme, stage, legal form)',
  request: { query: projectListQuerySchema },
  responses: { 200: { description: 'A page of projects', ...json(pageOf(projectSchema)) } },
});

const exportProjectsRoute = defineRoute(READERS, {
  method: 'get',
  path: '/projects/export.csv',
  tags: ['projects'],
  summary: 'Export the filtered projects as CSV',
  request: { query: projectListQuerySchema.omit({ cursor: true, limit: true }) },
  responses: csvContent,
});

const getProjectRoute = defineRoute(READERS, {
  method: 'get',
  path: '/projects/{id}',
  tags: ['projects'],
  summary: 'One project',
  request: { params: idParams },
  responses: { 200: { description: 'The project', ...json(projectSchema) }, 404: { description: 'Unknown project' } },
}, { params: { id: 'project' } });

const updateProjectRoute = defineRoute(EDITORS, {
  method: 'patch',
  path: '/projects/{id}',
  tags: ['projects'],
  summary: "Change a project's description, needs, budget or stage",
  request: { params: idParams, body: { ...json(updateProjectInputSchema), required: true } },
  responses: { 200: { description: 'Updated', ...json(projectSchema) }, 404: { description: 'Unknown project' } },
}, { params: { id: 'project' } });

const listOrganisationsRoute = defineRoute(READERS, {
  method: 'get',
  path: '/organisations',
  tags: ['projects'],
  summary: 'Organisations (keyset pagination, search, filters by legal form and territory)',
  request: { query: organisationListQuerySchema },
  responses: { 200: { description: 'A page of organisations', ...json(pageOf(organisationSchema)) } },
});

const exportOrganisationsRoute = defineRoute(READERS, {
  method: 'get',
  path: '/organisations/export.csv',
  tags: ['projects'],
  summary: 'Export the filtered organisations as CSV',
  request: { query: organisationListQuerySchema.omit({ cursor: true, limit: true }) },
  responses: csvContent,
});

const getOrganisationRoute = defineRoute(READERS, {
  method: 'get',
  path: '/organisations/{id}',
  tags: ['projects'],
  summary: 'One organisation',
  request: { params: idParams },
  responses: { 200: { description: 'The organisation', ...json(organisationSchema) }, 404: { description: 'Unknown organisation' } },
});

const updateOrganisationRoute = defineRoute(EDITORS, {
  method: 'patch',
  path: '/organisations/{id}',
  tags: ['projects'],
  summary: "Change an organisation's legal form, founders, contacts or description",
  request: { params: idParams, body: { ...json(updateOrganisationInputSchema), required: true } },
  responses: { 200: { description: 'Updated', ...json(organisationSchema) }, 404: { description: 'Unknown organisation' } },
});

export const projectsRoutes = new OpenAPIHono<AppEnv>()
  .openapi(listProjectsRoute, async (c) => c.json(await listProjects(c.get('db'), requireUser(c.get('user')), READERS, c.req.valid('query')), 200))
  .openapi(exportProjectsRoute, async (c) => {
    const rows = exportProjects(c.get('db'), requireUser(c.get('user')), READERS, c.req.valid('query'));
    const csv = await csvStream(rows, [
      { header: 'title', value: (p) => p.title },
      { header: 'organisation', value: (p) => p.organisationName },
      { header: 'legal_form', value: (p) => p.legalForm },
      { header: 'programme', value: (p) => p.programmeCode },
      { header: 'district', value: (p) => p.district },
      { header: 'stage', value: (p) => p.stage },
      { header: 'needs', value: (p) => p.needs.join(' ') },
      { header: 'total_budget_minor', value: (p) => p.totalBudgetMinor },
      { header: 'currency', value: (p) => p.currency },
      { header: 'created_at', value: (p) => p.createdAt },
    ]);
    return csvResponse(csv, 'projects.csv') as never;
  })
  .openapi(getProjectRoute, async (c) => c.json(await getProject(c.get('db'), c.req.valid('param').id), 200))
  .openapi(updateProjectRoute, async (c) => c.json(await updateProject(c.get('db'), actorOf(c.var), c.req.valid('param').id, c.req.valid('json')), 200))
  .openapi(listOrganisationsRoute, async (c) => c.json(await listOrganisations(c.get('db'), requireUser(c.get('user')), READERS, c.req.valid('query')), 200))
  .openapi(exportOrganisationsRoute, async (c) => {
    const rows = exportOrganisations(c.get('db'), requireUser(c.get('user')), READERS, c.req.valid('query'));
    const csv = await csvStream(rows, [
      { header: 'name', value: (o) => o.name },
      { header: 'legal_form', value: (o) => o.legalForm },
      { header: 'target_legal_form', value: (o) => o.targetLegalForm },
      { header: 'sector', value: (o) => o.sector },
      { header: 'district', value: (o) => o.district },
      { header: 'territory', value: (o) => o.territory },
      { header: 'founders', value: (o) => o.foundersCount },
      { header: 'women', value: (o) => o.womenCount },
      { header: 'youth', value: (o) => o.youthCount },
      { header: 'contact_name', value: (o) => o.contactName },
      { header: 'contact_email', value: (o) => o.contactEmail },
      { header: 'created_at', value: (o) => o.createdAt },
    ]);
    return csvResponse(csv, 'organisations.csv') as never;
  })
  .openapi(getOrganisationRoute, async (c) => c.json(await readOrganisation(c.get('db'), requireUser(c.get('user')), READERS, c.req.valid('param').id), 200))
  .openapi(updateOrganisationRoute, async (c) =>
    c.json(await updateOrganisation(c.get('db'), actorOf(c.var), requireUser(c.get('user')), EDITORS, c.req.valid('param').id, c.req.valid('json')), 200),
  );
