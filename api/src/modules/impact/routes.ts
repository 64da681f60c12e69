import { OpenAPIHono, z } from '@hono/zod-openapi';
import {
  createIndicatorInputSchema,
  enterFigureInputSchema,
  figureRowSchema,
  indicatorListQuerySchema,
  indicatorSchema,
  myProjectSchema,
  projectFiguresSchema,
  updateIndicatorInputSchema,
} from '@essor/shared/impact';
import { requireUser } from '../../lib/authz';
import { actorOf, type AppEnv } from '../../lib/context';
import { csvResponse } from '../../lib/csv';
import { csvFile, defineRoute, idParams, json, jsonBody } from '../../lib/route';
import { createIndicator, exportIndicators, INDICATOR_EDITORS, INDICATOR_READERS, listIndicators, updateIndicator } from './catalogue';
import { enterFigure, exportProjectFigures, FIGURE_ENTERERS, FIGURE_READERS, getProjectFigures, listMyProjects } from './project-figures';

const tags = ['impact'];
const projectScope = { params: { id: 'project' } } as const;

const listIndicatorsRoute = defineRoute(INDICATOR_READERS, {
  method: 'get',
  path: '/indicators',
  tags,
  summary: 'The standard indicator catalogue and the own indicators of the structures the caller reaches and of those above them',
  request: { query: indicatorListQuerySchema },
  responses: { 200: { description: 'The indicators', ...json(z.array(indicatorSchema)) } },
});

const exportIndicatorsRoute = defineRoute(INDICATOR_READERS, {
  method: 'get',
  path: '/indicators.csv',
  tags,
  summary: 'The catalogue as CSV, with the same filters',
  request: { query: indicatorListQuerySchema },
  responses: csvFile,
});

const createIndicatorRoute = defineRoute(
  INDICATOR_EDITORS,
  {
    method: 'post',
    path: '/indicators',
    tags,
    summary: "Add a structure's own indicator (code unique within the structure)",
    request: jsonBody(createIndicatorInputSchema),
    responses: { 201: { description: 'The indicator', ...json(indicatorSchema) }, 409: { description: 'The code is taken in this structure' } },
  },
  { body: { structureId: 'structure' } },
);

const updateIndicatorRoute = defineRoute(
  INDICATOR_EDITORS,
  {
    method: 'patch',
    path: '/indicators/{id}',
    tags,
    summary: "Change a structure's own indicator: names, definitions, SDG targets, IRIS+ code, active; its unit while no figure uses it",
    request: { params: idParams, ...jsonBody(updateIndicatorInputSchema) },
    responses: {
      200: { description: 'The indicator', ...json(indicatorSchema) },
      404: { description: 'Unknown indicator' },
      409: { description: 'A standard indicator, or a unit change once figures exist' },
    },
  },
  { params: { id: 'impact_indicator' } },
);

const projectFiguresRoute = defineRoute(
  FIGURE_READERS,
  {
    method: 'get',
    path: '/projects/{id}/figures',
    tags,
    summary: "A project's baseline, targets and actuals per indicator, by period, with the history of every row entered",
    request: { params: idParams },
    responses: { 200: { description: 'The figures', ...json(projectFiguresSchema) }, 404: { description: 'Unknown project' } },
  },
  projectScope,
);

const exportFiguresRoute = defineRoute(
  FIGURE_READERS,
  {
    method: 'get',
    path: '/projects/{id}/figures.csv',
    tags,
    summary: "The project's figures history as CSV, superseded rows included",
    request: { params: idParams },
    responses: { ...csvFile, 404: { description: 'Unknown project' } },
  },
  projectScope,
);

const enterFigureRoute = defineRoute(
  FIGURE_ENTERERS,
  {
    method: 'post',
    path: '/projects/{id}/figures',
    tags,
    summary: 'Enter a baseline, target or actual; it supersedes the current row of the same indicator, kind and period end',
    request: { params: idParams, ...jsonBody(enterFigureInputSchema) },
    responses: {
      201: { description: 'The row entered', ...json(figureRowSchema) },
      404: { description: 'Unknown project' },
      409: { description: 'Entered by someone else at the same moment' },
      422: { description: "Unknown indicator, unit or currency not the indicator's or project's, period in the future or upside down" },
    },
  },
  projectScope,
);

const myProjectsRoute = defineRoute(['project_holder'], {
  method: 'get',
  path: '/my-projects',
  tags,
  summary: "The holder's projects with their targets and actuals per indicator",
  responses: { 200: { description: 'The projects', ...json(z.array(myProjectSchema)) } },
});

/** The API of the indicator catalogue and project figures under /api/impact. */
export const impactRoutes = new OpenAPIHono<AppEnv>()
  .openapi(listIndicatorsRoute, async (c) => c.json(await listIndicators(c.get('db'), requireUser(c.get('user')), c.req.valid('query')), 200))
  .openapi(exportIndicatorsRoute, async (c) => csvResponse(await exportIndicators(c.get('db'), requireUser(c.get('user')), c.req.valid('query')), 'impact-indicators.csv') as never)
  .openapi(createIndicatorRoute, async (c) => c.json(await createIndicator(c.get('db'), actorOf(c.var), requireUser(c.get('user')), c.req.valid('json')), 201))
  .openapi(updateIndicatorRoute, async (c) =>
    c.json(await updateIndicator(c.get('db'), actorOf(c.var), requireUser(c.get('user')), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(myProjectsRoute, async (c) => c.json(await listMyProjects(c.get('db'), requireUser(c.get('user'))), 200))
  .openapi(exportFiguresRoute, async (c) => csvResponse(await exportProjectFigures(c.get('db'), requireUser(c.get('user')), c.req.valid('param').id), 'project-figures.csv') as never)
  .openapi(projectFiguresRoute, async (c) => c.json(await getProjectFigures(c.get('db'), requireUser(c.get('user')), c.req.valid('param').id), 200))
  .openapi(enterFigureRoute, async (c) =>
    c.json(await enterFigure(c.get('db'), actorOf(c.var), requireUser(c.get('user')), c.req.valid('param').id, c.req.valid('json')), 201),
  );
