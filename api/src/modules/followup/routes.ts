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
import { requireUser } from '../../lib/authz';
import { actorOf, type AppEnv } from '../../lib/context';
import { defineRoute } from '../../lib/route';
import { holderProjectIds } from '../../lib/holder-projects';
import { createMilestone, createVisit, listAtRiskProjects, listMilestones, listVisits, updateMilestone } from './service';

const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } } });
const body = <T extends z.ZodType>(schema: T) => ({ ...json(schema), required: true });
const idParams = z.object({ id: z.uuid() });
const tags = ['follow-up'];

const FOLLOWERS = ['admin', 'staff', 'coach'] as const;
const READERS = ['admin', 'staff', 'coach', 'fund_manager'] as const;

const listMilestonesRoute = defineRoute(READERS, {
  method: 'get',
  path: '/milestones',
  tags,
  summary: 'Milestones by project and status; overdue ones are flagged',
  request: { query: milestoneListQuerySchema },
  responses: { 200: { description: 'Milestones', ...json(z.array(milestoneSchema)) } },
});
const createMilestoneRoute = defineRoute(FOLLOWERS, {
  method: 'post',
  path: '/milestones',
  tags,
  summary: 'Set a milestone for a project',
  request: { body: body(createMilestoneInputSchema) },
  responses: { 201: { description: 'Created', ...json(milestoneSchema) }, 422: { description: 'Unknown project' } },
});
const updateMilestoneRoute = defineRoute(FOLLOWERS, {
  method: 'patch',
  path: '/milestones/{id}',
  tags,
  summary: 'Reschedule a milestone or record it reached (with evidence) or missed',
  request: { params: idParams, body: body(updateMilestoneInputSchema) },
  responses: { 200: { description: 'Updated', ...json(milestoneSchema) }, 404: { description: 'Unknown milestone' }, 422: { description: 'Reached without evidence' } },
});
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
  responses: { 200: { description: 'Visits', ...json(z.array(followupVisitSchema)) } },
});
const createVisitRoute = defineRoute(FOLLOWERS, {
  method: 'post',
  path: '/visits',
  tags,
  summary: 'Record a follow-up visit with its findings and risk rating',
  request: { body: body(createVisitInputSchema) },
  responses: { 201: { description: 'Recorded', ...json(followupVisitSchema) }, 422: { description: 'Unknown project or visit in the future' } },
});
const atRiskRoute = defineRoute(['admin', 'staff', 'fund_manager'], {
  method: 'get',
  path: '/at-risk',
  tags,
  summary: 'Projects whose latest visit rated them red (fund managers’ watch list)',
  responses: { 200: { description: 'Projects at risk', ...json(z.array(atRiskProjectSchema)) } },
});

export const followupRoutes = new OpenAPIHono<AppEnv>()
  .openapi(listMilestonesRoute, async (c) => c.json(await listMilestones(c.get('db'), c.req.valid('query')), 200))
  .openapi(createMilestoneRoute, async (c) => c.json(await createMilestone(c.get('db'), actorOf(c.var), c.req.valid('json')), 201))
  .openapi(updateMilestoneRoute, async (c) => c.json(await updateMilestone(c.get('db'), actorOf(c.var), c.req.valid('param').id, c.req.valid('json')), 200))
  .openapi(holderMilestonesRoute, async (c) => {
    const projectIds = await holderProjectIds(c.get('db'), requireUser(c.get('user')).id);
    return c.json(await listMilestones(c.get('db'), { projectIds }), 200);
  })
  .openapi(listVisitsRoute, async (c) => c.json(await listVisits(c.get('db'), c.req.valid('query')), 200))
  .openapi(createVisitRoute, async (c) => c.json(await createVisit(c.get('db'), actorOf(c.var), requireUser(c.get('user')), c.req.valid('json')), 201))
  .openapi(atRiskRoute, async (c) => c.json(await listAtRiskProjects(c.get('db')), 200));
