import { OpenAPIHono, z } from '@hono/zod-openapi';
import { jobListSchema } from '@essor/shared/mail';
import { recordAudit } from '../../lib/audit';
import { actorOf, type AppEnv } from '../../lib/context';
import { Conflict, NotFound } from '../../lib/errors';
import { defineRoute, json } from '../../lib/route';
import { JOB_DEFINITIONS } from './definitions';
import { listJobs } from './service';

const ADMIN = ['admin'] as const;

const listRoute = defineRoute(ADMIN, {
  method: 'get',
  path: '/',
  tags: ['jobs'],
  summary: 'Scheduled jobs with their last runs and failures',
  responses: { 200: { description: 'Jobs', ...json(jobListSchema) } },
});

const runRoute = defineRoute(ADMIN, {
  method: 'post',
  path: '/{name}/run',
  tags: ['jobs'],
  summary: 'Queue one run of a job now (a worker picks it up)',
  request: { params: z.object({ name: z.string().min(1).max(100) }) },
  responses: {
    202: { description: 'Queued', ...json(z.object({ id: z.string().nullable() })) },
    404: { description: 'Unknown job' },
    409: { description: 'No job runner in this process' },
  },
});

export const jobsRoutes = new OpenAPIHono<AppEnv>()
  .openapi(listRoute, async (c) => c.json(await listJobs(c.get('db'), c.get('jobs')?.definitions ?? JOB_DEFINITIONS, c.get('jobs')?.isWorking ?? false), 200))
  .openapi(runRoute, async (c) => {
    const { name } = c.req.valid('param');
    const jobs = c.get('jobs');
    if (!(jobs?.definitions ?? JOB_DEFINITIONS).some((d) => d.name === name)) throw new NotFound('thing.job');
    if (!jobs) throw new Conflict('jobs.no_runner');
    const id = await jobs.trigger(name);
    await recordAudit(c.get('db'), actorOf(c.var), { action: 'job.run', entity: 'job', entityId: name, after: { id }, structureId: null });
    return c.json({ id }, 202);
  });
