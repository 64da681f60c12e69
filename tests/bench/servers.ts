import { serve } from '@hono/node-server';
import { SESSION_COOKIE } from '@essor/shared/auth';
import { Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import postgres from 'postgres';
import { createApp } from '../../api/src/app';
import { openDatabase } from '../../api/src/db/client';
import { sha256 } from '../../api/src/lib/passwords';

/**
 * Runs in its own process so the load generator does not share its event loop: the full Essor app
 * on one port and, beside it, a bare Hono route that runs the same SQL by hand (session check included).
 */
const url = process.env.DATABASE_URL!;
const [essorPort, barePort] = [Number(process.env.ESSOR_PORT), Number(process.env.BARE_PORT)];

const database = await openDatabase({ url, poolSize: 20 });
const essor = createApp({ database });
serve({ fetch: essor.fetch, port: essorPort, hostname: '127.0.0.1' });

const sql = postgres(url, { max: 20 });
const bare = new Hono();
bare.get('/api/users', async (c) => {
  const token = getCookie(c, SESSION_COOKIE);
  if (!token) return c.json({ error: 'unauthenticated' }, 401);
  const [session] = await sql`select u.roles, s.expires_at from sessions s join users u on u.id = s.user_id where s.token_hash = ${sha256(token)}`;
  if (!session || !(session.roles as string[]).includes('admin')) return c.json({ error: 'forbidden' }, 403);
  const role = c.req.query('role') ?? 'coach';
  const limit = Number(c.req.query('limit') ?? 50);
  const rows = await sql`select * from users where roles @> ${sql.array([role])} order by created_at desc, id desc limit ${limit + 1}`;
  const items = rows.slice(0, limit).map((r) => ({
    id: r.id,
    email: r.email,
    name: r.name,
    roles: r.roles,
    locale: r.locale,
    status: r.status,
    createdAt: (r.created_at as Date).toISOString(),
    lastLoginAt: r.last_login_at ? (r.last_login_at as Date).toISOString() : null,
  }));
  return c.json({ items, nextCursor: rows.length > limit ? 'next' : null });
});
serve({ fetch: bare.fetch, port: barePort, hostname: '127.0.0.1' });
process.send?.('ready');
