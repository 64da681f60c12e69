import { OpenAPIHono } from '@hono/zod-openapi';
import { pageOf } from '@essor/shared/pagination';
import { mailSettingsSchema, outboxMessageSchema, outboxQuerySchema, outboxSummarySchema } from '@essor/shared/mail';
import { requireUser } from '../../lib/authz';
import { actorOf, type AppEnv } from '../../lib/context';
import { defineRoute, json, idParams } from '../../lib/route';
import { DELIVER_OUTBOX, getOutboxMessage, listOutbox, requeueMessage } from './outbox';

const ADMIN = ['admin'] as const;

const settingsRoute = defineRoute(ADMIN, {
  method: 'get',
  path: '/settings',
  tags: ['mail'],
  summary: 'Whether e-mails leave the outbox (SMTP_URL is set) or are only kept here',
  responses: { 200: { description: 'Mail settings', ...json(mailSettingsSchema) } },
});

const listRoute = defineRoute(ADMIN, {
  method: 'get',
  path: '/outbox',
  tags: ['mail'],
  summary: 'The outbox: every e-mail as sent or as it would be sent, newest first',
  request: { query: outboxQuerySchema },
  responses: { 200: { description: 'A page of messages', ...json(pageOf(outboxSummarySchema)) } },
});

const getRoute = defineRoute(ADMIN, {
  method: 'get',
  path: '/outbox/{id}',
  tags: ['mail'],
  summary: 'One message with its text and HTML',
  request: { params: idParams },
  responses: { 200: { description: 'The message', ...json(outboxMessageSchema) }, 404: { description: 'Unknown message' } },
});

const requeueRoute = defineRoute(ADMIN, {
  method: 'post',
  path: '/outbox/{id}/requeue',
  tags: ['mail'],
  summary: 'Queue a failed message again, with a fresh count of attempts',
  request: { params: idParams },
  responses: { 200: { description: 'Queued again', ...json(outboxMessageSchema) }, 404: { description: 'Unknown message' }, 409: { description: 'Not failed' } },
});

export const mailRoutes = new OpenAPIHono<AppEnv>()
  .openapi(settingsRoute, async (c) => c.json({ smtpConfigured: c.get('mail').smtpConfigured }, 200))
  .openapi(listRoute, async (c) => c.json(await listOutbox(c.get('db'), requireUser(c.get('user')), c.req.valid('query')), 200))
  .openapi(getRoute, async (c) => c.json(await getOutboxMessage(c.get('db'), requireUser(c.get('user')), c.req.valid('param').id), 200))
  .openapi(requeueRoute, async (c) => {
    const message = await requeueMessage(c.get('db'), actorOf(c.var), requireUser(c.get('user')), c.req.valid('param').id);
    c.get('jobs')?.wake(DELIVER_OUTBOX);
    return c.json(message, 200);
  });
