import { OpenAPIHono, z } from '@hono/zod-openapi';
import { STAFF_SIDE_ROLES } from '@essor/shared/roles';
import {
  createStructureInputSchema,
  grantMembershipInputSchema,
  membershipSchema,
  structureOverviewSchema,
  structureSchema,
  updateStructureInputSchema,
} from '@essor/shared/structures';
import { requireUser } from '../../lib/authz';
import { actorOf, type AppEnv } from '../../lib/context';
import { defineRoute, json, idParams } from '../../lib/route';
import {
  createStructure,
  deleteStructure,
  getStructure,
  grantMembership,
  listMemberships,
  listStructures,
  revokeMembership,
  structureOverview,
  updateStructure,
} from './service';

const ADMIN = ['admin'] as const;
const notFound = { 404: { description: 'Unknown structure, or not one of yours' } };

const listRoute = defineRoute(STAFF_SIDE_ROLES, {
  method: 'get',
  path: '/',
  tags: ['structures'],
  summary: 'The structures my roles reach, parents before children (the switcher reads it)',
  responses: { 200: { description: 'Structures in tree order', ...json(z.array(structureSchema)) } },
});

const overviewRoute = defineRoute(STAFF_SIDE_ROLES, {
  method: 'get',
  path: '/overview',
  tags: ['structures'],
  summary: 'City view: each structure I reach with its applications, cohorts, coaching hours and money',
  responses: { 200: { description: 'Figures per structure', ...json(structureOverviewSchema) } },
});

const getRoute = defineRoute(
  STAFF_SIDE_ROLES,
  {
    method: 'get',
    path: '/{id}',
    tags: ['structures'],
    summary: 'One structure',
    request: { params: idParams },
    responses: { 200: { description: 'The structure', ...json(structureSchema) }, ...notFound },
  },
  { params: { id: 'structure' } },
);

const createRoute = defineRoute(
  ADMIN,
  {
    method: 'post',
    path: '/',
    tags: ['structures'],
    summary: 'Open a structure under a node I administer',
    request: { body: { ...json(createStructureInputSchema), required: true } },
    responses: { 201: { description: 'Created', ...json(structureSchema) }, 409: { description: 'Name taken under this parent' } },
  },
  { body: { parentId: 'structure' } },
);

const updateRoute = defineRoute(
  ADMIN,
  {
    method: 'patch',
    path: '/{id}',
    tags: ['structures'],
    summary: 'Change a structure, or move it under another node I administer (cycles refused)',
    request: { params: idParams, body: { ...json(updateStructureInputSchema), required: true } },
    responses: { 200: { description: 'Updated', ...json(structureSchema) }, ...notFound, 409: { description: 'Cycle, top node, or name taken' } },
  },
  { params: { id: 'structure' }, body: { parentId: 'structure' } },
);

const deleteRoute = defineRoute(
  ADMIN,
  {
    method: 'delete',
    path: '/{id}',
    tags: ['structures'],
    summary: 'Delete an empty structure (one that holds no data, people or structures)',
    request: { params: idParams },
    responses: { 204: { description: 'Deleted' }, ...notFound, 409: { description: 'Still holds data' } },
  },
  { params: { id: 'structure' } },
);

const membershipsRoute = defineRoute(
  ADMIN,
  {
    method: 'get',
    path: '/{id}/memberships',
    tags: ['structures'],
    summary: 'Who holds which role on this structure and the ones under it',
    request: { params: idParams },
    responses: { 200: { description: 'Memberships', ...json(z.array(membershipSchema)) }, ...notFound },
  },
  { params: { id: 'structure' } },
);

const grantRoute = defineRoute(
  ADMIN,
  {
    method: 'post',
    path: '/{id}/memberships',
    tags: ['structures'],
    summary: 'Give a person a role on this structure (it applies to the structures under it too)',
    request: { params: idParams, body: { ...json(grantMembershipInputSchema), required: true } },
    responses: { 201: { description: 'Granted', ...json(membershipSchema) }, ...notFound, 409: { description: 'Already held' } },
  },
  { params: { id: 'structure' } },
);

const revokeRoute = defineRoute(
  ADMIN,
  {
    method: 'delete',
    path: '/{id}/memberships/{membershipId}',
    tags: ['structures'],
    summary: 'Take a role back',
    request: { params: z.object({ id: z.uuid(), membershipId: z.uuid() }) },
    responses: { 204: { description: 'Revoked' }, ...notFound, 409: { description: 'Your own last admin role' } },
  },
  { params: { id: 'structure' } },
);

export const structuresRoutes = new OpenAPIHono<AppEnv>()
  .openapi(listRoute, async (c) => c.json(await listStructures(c.get('db'), requireUser(c.get('user'))), 200))
  .openapi(overviewRoute, async (c) => c.json({ structures: await structureOverview(c.get('db'), requireUser(c.get('user'))) }, 200))
  .openapi(getRoute, async (c) => c.json(await getStructure(c.get('db'), requireUser(c.get('user')), c.req.valid('param').id), 200))
  .openapi(createRoute, async (c) => c.json(await createStructure(c.get('db'), actorOf(c.var), requireUser(c.get('user')), c.req.valid('json')), 201))
  .openapi(updateRoute, async (c) =>
    c.json(await updateStructure(c.get('db'), actorOf(c.var), requireUser(c.get('user')), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(deleteRoute, async (c) => {
    await deleteStructure(c.get('db'), actorOf(c.var), c.req.valid('param').id);
    return c.body(null, 204);
  })
  .openapi(membershipsRoute, async (c) => c.json(await listMemberships(c.get('db'), c.req.valid('param').id), 200))
  .openapi(grantRoute, async (c) => c.json(await grantMembership(c.get('db'), actorOf(c.var), c.req.valid('param').id, c.req.valid('json')), 201))
  .openapi(revokeRoute, async (c) => {
    const { id, membershipId } = c.req.valid('param');
    await revokeMembership(c.get('db'), actorOf(c.var), id, membershipId);
    return c.body(null, 204);
  });
