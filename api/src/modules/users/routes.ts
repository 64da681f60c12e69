import { OpenAPIHono, z } from '@hono/zod-openapi';
import { pageOf } from '@essor/shared/pagination';
import { invitationSchema, inviteUserInputSchema, updateUserInputSchema, userListQuerySchema, userSchema } from '@essor/shared/users';
import { actorOf, type AppEnv } from '../../lib/context';
import { csvResponse, toCsv } from '../../lib/csv';
import { defineRoute } from '../../lib/route';
import { exportUsers, getUser, inviteUser, listUsers, updateUser } from './service';

const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } } });
const idParams = z.object({ id: z.uuid() });
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

const inviteRoute = defineRoute(ADMIN, {
  method: 'post',
  path: '/',
  tags: ['users'],
  summary: 'Invite a person and give them roles',
  request: { body: { ...json(inviteUserInputSchema), required: true } },
  responses: { 201: { description: 'Invited; the token goes into the invitation link', ...json(invitationSchema) }, 409: { description: 'Email taken' } },
});

const updateRoute = defineRoute(ADMIN, {
  method: 'patch',
  path: '/{id}',
  tags: ['users'],
  summary: "Change an account's name, roles, status or language",
  request: { params: idParams, body: { ...json(updateUserInputSchema), required: true } },
  responses: { 200: { description: 'Updated user', ...json(userSchema) }, 404: { description: 'Unknown user' }, 409: { description: 'Would lock the admin out' } },
});

export const usersRoutes = new OpenAPIHono<AppEnv>()
  .openapi(listRoute, async (c) => c.json(await listUsers(c.get('db'), c.req.valid('query')), 200))
  .openapi(exportRoute, async (c) => {
    const rows = await exportUsers(c.get('db'), c.req.valid('query'));
    const csv = toCsv(rows, [
      { header: 'email', value: (u) => u.email },
      { header: 'name', value: (u) => u.name },
      { header: 'roles', value: (u) => u.roles.join(' ') },
      { header: 'status', value: (u) => u.status },
      { header: 'locale', value: (u) => u.locale },
      { header: 'created_at', value: (u) => u.createdAt },
      { header: 'last_login_at', value: (u) => u.lastLoginAt },
    ]);
    return csvResponse(csv, 'users.csv') as never;
  })
  .openapi(getRoute, async (c) => c.json(await getUser(c.get('db'), c.req.valid('param').id), 200))
  .openapi(inviteRoute, async (c) => c.json(await inviteUser(c.get('db'), actorOf(c.var), c.req.valid('json')), 201))
  .openapi(updateRoute, async (c) =>
    c.json(await updateUser(c.get('db'), actorOf(c.var), c.req.valid('param').id, c.req.valid('json')), 200),
  );
