import { OpenAPIHono, z } from '@hono/zod-openapi';
import { isPublicRole } from '@essor/shared/roles';
import { pageOf } from '@essor/shared/pagination';
import { invitationSchema, inviteUserInputSchema, updateUserInputSchema, userListQuerySchema, userSchema } from '@essor/shared/users';
import { requireUser } from '../../lib/authz';
import { actorOf, type AppEnv } from '../../lib/context';
import { structureForCreate } from '../../lib/scope';
import { csvResponse, csvStream } from '../../lib/csv';
import { defineRoute, json, idParams } from '../../lib/route';
import { idempotent } from '../../lib/idempotency';
import { mailLinksOf } from '../mail/public';
import { exportUsers, getUser, inviteUser, listUsers, updateUser } from './service';

const ADMIN = ['admin'] as const;

const listRoute = defineRoute(ADMIN, {
  method: 'get',
  path: '/',
  tags: ['users'],
  summary: 'List accounts (keyset pagination, search, filters)',
  request: { query: userListQuerySchema },
  responses: { 200: { description: 'A page of users', ...json(pageOf(userSchema)) } },
});

const exportRoute = defineRoute(ADMIN, {
  method: 'get',
  path: '/export.csv',
  tags: ['users'],
  summary: 'Export the filtered accounts as CSV',
  request: { query: userListQuerySchema.omit({ cursor: true, limit: true }) },
  responses: { 200: { description: 'CSV file', content: { 'text/csv': { schema: z.string() } } } },
});

const getRoute = defineRoute(ADMIN, {
  method: 'get',
  path: '/{id}',
  tags: ['users'],
  summary: 'One account',
  request: { params: idParams },
  responses: { 200: { description: 'The user', ...json(userSchema) }, 404: { description: 'Unknown user' } },
});

const inviteRoute = defineRoute(
  ADMIN,
  {
  method: 'post',
  path: '/',
  tags: ['users'],
  summary: 'Invite a person and give them roles; the invitation is e-mailed (an Idempotency-Key makes a retry answer the first one)',
  request: { body: { ...json(inviteUserInputSchema), required: true } },
  // The key is optional here: with one, a retried invitation answers the first again (one account, one e-mail).
  middleware: [idempotent],
  responses: { 201: { description: 'Invited; the token goes into the invitation link', ...json(invitationSchema) }, 409: { description: 'Email taken' } },
  },
  { body: { structureId: 'structure' } },
);

const updateRoute = defineRoute(
  ADMIN,
  {
  method: 'patch',
  path: '/{id}',
  tags: ['users'],
  summary: "Change an account's name, roles, status or language",
  request: { params: idParams, body: { ...json(updateUserInputSchema), required: true } },
  responses: { 200: { description: 'Updated user', ...json(userSchema) }, 404: { description: 'Unknown user' }, 409: { description: 'Would lock the admin out' } },
  },
  { body: { structureId: 'structure' } },
);

export const usersRoutes = new OpenAPIHono<AppEnv>()
  .openapi(listRoute, async (c) => c.json(await listUsers(c.get('db'), requireUser(c.get('user')), c.req.valid('query')), 200))
  .openapi(exportRoute, async (c) => {
    const rows = exportUsers(c.get('db'), requireUser(c.get('user')), c.req.valid('query'));
    const csv = await csvStream(rows, [
      { header: 'email', value: (u) => u.email },
      { header: 'name', value: (u) => u.name },
      { header: 'roles', value: (u) => u.roles.join(' ') },
      { header: 'structures', value: (u) => u.memberships.map((m) => `${m.structureName}: ${m.role}`).join('; ') },
      { header: 'status', value: (u) => u.status },
      { header: 'locale', value: (u) => u.locale },
      { header: 'created_at', value: (u) => u.createdAt },
      { header: 'last_login_at', value: (u) => u.lastLoginAt },
    ]);
    return csvResponse(csv, 'users.csv') as never;
  })
  .openapi(getRoute, async (c) => c.json(await getUser(c.get('db'), requireUser(c.get('user')), c.req.valid('param').id), 200))
  .openapi(inviteRoute, async (c) => {
    const admin = requireUser(c.get('user'));
    const input = c.req.valid('json');
    const structureId = input.roles.every(isPublicRole) ? undefined : structureForCreate(admin, input.structureId, ['admin']);
    return c.json(await inviteUser(c.get('db'), actorOf(c.var), { ...input, structureId }, mailLinksOf(c)), 201);
  })
  .openapi(updateRoute, async (c) => {
    const admin = requireUser(c.get('user'));
    const input = c.req.valid('json');
    const structureId = input.roles ? structureForCreate(admin, input.structureId, ['admin']) : undefined;
    return c.json(await updateUser(c.get('db'), actorOf(c.var), admin, c.req.valid('param').id, { ...input, structureId }), 200);
  });
