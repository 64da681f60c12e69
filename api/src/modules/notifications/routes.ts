import { OpenAPIHono, z } from '@hono/zod-openapi';
import {
  notificationPreferencesSchema,
  notificationQuerySchema,
  notificationSchema,
  unreadCountSchema,
  updateNotificationPreferencesSchema,
} from '@essor/shared/notifications';
import { pageOf } from '@essor/shared/pagination';
import { requireUser } from '../../lib/authz';
import { actorOf, type AppEnv } from '../../lib/context';
import { defineRoute, idParams, json, jsonBody } from '../../lib/route';
import { getPreferences, listNotifications, markAllRead, markRead, setPreferences, unreadCount } from './service';

// Every signed-in person has a bell; each reads and marks only their own rows (the service filters by user).
const SIGNED_IN = 'authenticated' as const;

const listRoute = defineRoute(SIGNED_IN, {
  method: 'get',
  path: '/',
  tags: ['notifications'],
  summary: 'My notifications, newest first, in my language',
  request: { query: notificationQuerySchema },
  responses: { 200: { description: 'A page of notifications', ...json(pageOf(notificationSchema)) } },
});

const unreadRoute = defineRoute(SIGNED_IN, {
  method: 'get',
  path: '/unread-count',
  tags: ['notifications'],
  summary: 'How many of my notifications are unread (the bell polls it)',
  responses: { 200: { description: 'Unread count', ...json(unreadCountSchema) } },
});

const readOneRoute = defineRoute(SIGNED_IN, {
  method: 'post',
  path: '/{id}/read',
  tags: ['notifications'],
  summary: 'Mark one of my notifications read',
  request: { params: idParams },
  responses: { 200: { description: 'Marked read', ...json(notificationSchema) }, 404: { description: 'Not one of mine' } },
});

const readAllRoute = defineRoute(SIGNED_IN, {
  method: 'post',
  path: '/read-all',
  tags: ['notifications'],
  summary: 'Mark all my notifications read',
  responses: { 200: { description: 'How many were marked', ...json(z.object({ marked: z.number().int() })) } },
});

const getPreferencesRoute = defineRoute(SIGNED_IN, {
  method: 'get',
  path: '/preferences',
  tags: ['notifications'],
  summary: 'How I hear of each kind: in the app only, by e-mail, or in a daily digest',
  responses: { 200: { description: 'My preferences', ...json(notificationPreferencesSchema) } },
});

const putPreferencesRoute = defineRoute(SIGNED_IN, {
  method: 'put',
  path: '/preferences',
  tags: ['notifications'],
  summary: 'Choose the channel of some kinds (the others keep theirs)',
  request: jsonBody(updateNotificationPreferencesSchema),
  responses: { 200: { description: 'My preferences', ...json(notificationPreferencesSchema) } },
});

export const notificationsRoutes = new OpenAPIHono<AppEnv>()
  .openapi(listRoute, async (c) => c.json(await listNotifications(c.get('db'), requireUser(c.get('user')), c.req.valid('query')), 200))
  .openapi(unreadRoute, async (c) => c.json({ unread: await unreadCount(c.get('db'), requireUser(c.get('user'))) }, 200))
  .openapi(readAllRoute, async (c) => c.json({ marked: await markAllRead(c.get('db'), requireUser(c.get('user'))) }, 200))
  .openapi(readOneRoute, async (c) => c.json(await markRead(c.get('db'), requireUser(c.get('user')), c.req.valid('param').id), 200))
  .openapi(getPreferencesRoute, async (c) => c.json(await getPreferences(c.get('db'), requireUser(c.get('user')).id), 200))
  .openapi(putPreferencesRoute, async (c) => c.json(await setPreferences(c.get('db'), actorOf(c.var), requireUser(c.get('user')), c.req.valid('json')), 200));
