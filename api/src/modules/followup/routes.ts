import { OpenAPIHono, z } from '@hono/zod-openapi';
import {
  atRiskProjectSchema,
  createMilestoneInputSchema,
  createVisitInputSchema,
  followupVisitSchema,
  milestoneListQuerySchema,
  milestoneSchema,
  updateMilestoneInputSchema,
  visitListQuerySchema,
} from '@essor/shared/followup';
import { pageOf } from '@essor/shared/pagination';
import { requireUser } from '../../lib/authz';
import { actorOf, type AppEnv } from '../../lib/context';
import { csvResponse, csvStream } from '../../lib/csv';
import { defineRoute, json, jsonBody, idParams } from '../../lib/route';
import { holderProjectIds } from '../../lib/holder-projects';
import {
  createMilestone,
  createVisit,
  exportMilestones,
  exportVisits,
  FOLLOWERS,
  FOLLOWUP_READERS as READERS,
  listAtRiskProjects,
  listHolderMilestones,
  listMilestones,
  listVisits,
  RISK_WATCHERS,
  updateMilestone,
} from './service';

const tags = ['follow-up'];

const listMilestonesRoute = defineRoute(READERS, {
  method: 'get',
  path: '/milestones',
  tags,
  summary: 'Milestones by project and status, soonest due first; overdue ones are flagged',
  request: { query: milestoneListQuerySchema },
  responses: { 200: { description: 'A page of milestones', ...json(pageOf(milestoneSchema)) } },
});
const csvContent = { 200: { description: 'CSV file', content: { 'text/csv': { schema: z.string() } } } };
const exportMilestonesRoute = defineRoute(READERS, {
  method: 'get',
  path: '/milestones/export.csv',
  tags,
  summary: 'Export every milestone as CSV (same filters as the list, all pages)',
  request: { query: milestoneListQuerySchema.omit({ cursor: true, limit: true }) },
  responses: csvContent,
});
const createMilestoneRoute = defineRoute(
  FOLLOWERS,
  {
    method: 'post',
    path: '/milestones',
    tags,
    summary: 'Set a milestone for a project',
    request: { ...jsonBody(createMilestoneInputSchema) },
    responses: { 201: { description: 'Created', ...json(milestoneSchema) }, 422: { description: 'Unknown project' } },
  },
  { body: { projectId: 'project' } },
);
const updateMilestoneRoute = defineRoute(
  FOLLOWERS,
  {
    method: 'patch',
    path: '/milestones/{id}',
    tags,
    summary: 'Reschedule a milestone or record it reached (with evidence) or missed',
    request: { params: idParams, ...jsonBody(updateMilestoneInputSchema) },
    responses: { 200: { description: 'Updated', ...json(milestoneSchema) }, 404: { description: 'Unknown milestone' }, 422: { description: 'Reached without evidence' } },
  },
  { params: { id: 'milestone' } },
);
const holderMilestonesRoute = defineRoute(['project_holder'], {
  method: 'get',
  path: '/holder/milestones',
  tags,
  summary: "The milestones of the holder's own projects",
  responses: { 200: { description: 'Milestones', ...json(z.array(milestoneSchema)) } },
});
const listVisitsRoute = defineRoute(READERS, {
  method: 'get',
  path: '/visits',
  tags,
  summary: 'Follow-up visits after financing, latest first',
  request: { query: visitListQuerySchema },
  responses: { 200: { description: 'A page of visits', ...json(pageOf(followupVisitSchema)) } },
});
const exportVisitsRoute = defineRoute(READERS, {
  method: 'get',
  path: '/visits/export.csv',
  tags,
  summary: 'Export every follow-up visit as CSV (same filters as the list, all pages)',
  request: { query: visitListQuerySchema.omit({ cursor: true, limit: true }) },
  responses: csvContent,
});
const createVisitRoute = defineRoute(
  FOLLOWERS,
  {
    method: 'post',
    path: '/visits',
    tags,
    summary: 'Record a follow-up visit with its findings and risk rating',
    request: { ...jsonBody(createVisitInputSchema) },
    responses: { 201: { description: 'Recorded', ...json(followupVisitSchema) }, 422: { description: 'Unknown project or visit in the future' } },
  },
  { body: { projectId: 'project' } },
);
const atRiskRoute = defineRoute(RISK_WATCHERS, {
  method: 'get',
  path: '/at-risk',
  tags,
  summary: 'Projects whose latest visit rated them red (fund managers’ watch list)',
  responses: { 200: { description: 'Projects at risk', ...json(z.array(atRiskProjectSchema)) } },
});

export const followupRoutes = new OpenAPIHono<AppEnv>()
  .openapi(listMilestonesRoute, async (c) => c.json(await listMilestones(c.get('db'), requireUser(c.get('user')), c.req.valid('query')), 200))
  .openapi(exportMilestonesRoute, async (c) => {
    const csv = await csvStream(exportMilestones(c.get('db'), requireUser(c.get('user')), c.req.valid('query')), [
      { header: 'structure', value: (m) => m.structureName },
      { header: 'organisation', value: (m) => m.organisationName },
      { header: 'project', value: (m) => m.projectTitle },
      { header: 'kind', value: (m) => m.kind },
      { header: 'title', value: (m) => m.title },
      { header: 'due_on', value: (m) => m.dueOn },
      { header: 'status', value: (m) => m.status },
      { header: 'overdue', value: (m) => (m.overdue ? 'yes' : 'no') },
      { header: 'reached_on', value: (m) => m.reachedOn },
      { header: 'evidence', value: (m) => m.evidence },
    ]);
    return csvResponse(csv, 'milestones.csv') as never;
  })
  .openapi(createMilestoneRoute, async (c) => c.json(await createMilestone(c.get('db'), actorOf(c.var), c.req.valid('json')), 201))
  .openapi(updateMilestoneRoute, async (c) => c.json(await updateMilestone(c.get('db'), actorOf(c.var), requireUser(c.get('user')), c.req.valid('param').id, c.req.valid('json')), 200))
  .openapi(holderMilestonesRoute, async (c) => {
    const projectIds = await holderProjectIds(c.get('db'), requireUser(c.get('user')).id);
    return c.json(await listHolderMilestones(c.get('db'), projectIds), 200);
  })
  .openapi(listVisitsRoute, async (c) => c.json(await listVisits(c.get('db'), requireUser(c.get('user')), c.req.valid('query')), 200))
  .openapi(exportVisitsRoute, async (c) => {
    const csv = await csvStream(exportVisits(c.get('db'), requireUser(c.get('user')), c.req.valid('query')), [
      { header: 'structure', value: (v) => v.structureName },
      { header: 'organisation', value: (v) => v.organisationName },
      { header: 'project', value: (v) => v.projectTitle },
      { header: 'visited_on', value: (v) => v.visitedOn },
      { header: 'visitor', value: (v) => v.visitorName },
      { header: 'risk_rating', value: (v) => v.riskRating },
      { header: 'findings', value: (v) => v.findings },
      { header: 'recommendations', value: (v) => v.recommendations },
      { header: 'next_visit_on', value: (v) => v.nextVisitOn },
    ]);
    return csvResponse(csv, 'follow-up-visits.csv') as never;
  })
  .openapi(createVisitRoute, async (c) => c.json(await createVisit(c.get('db'), actorOf(c.var), requireUser(c.get('user')), c.req.valid('json')), 201))
  .openapi(atRiskRoute, async (c) => c.json(await listAtRiskProjects(c.get('db'), requireUser(c.get('user'))), 200));
