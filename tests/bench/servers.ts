import { serve } from '@hono/node-server';
import postgres from 'postgres';
import { createApp } from '../../api/src/app';
import { openDatabase } from '../../api/src/db/client';
import { bareRoutes } from './bare';

/**
 * Runs in its own process so the load generator does not share its event loop: the full Essor app
 * on one port and, beside it, bare Hono routes that run the same SQL by hand (session check included).
 */
const url = process.env.DATABASE_URL!;
const [essorPort, barePort] = [Number(process.env.ESSOR_PORT), Number(process.env.BARE_PORT)];

const database = await openDatabase({ url, poolSize: 20 });
const essor = createApp({ database });
serve({ fetch: essor.fetch, port: essorPort, hostname: '127.0.0.1' });

const sql = postgres(url, { max: 20, onnotice: () => {} });
// postgres-js reads the array types on first use: done here, or the first concurrent requests send arrays it cannot serialise yet.
await sql`select 1`;
await sql`select ${sql.array(['ready'])}::text[] as warm`;
serve({ fetch: bareRoutes(sql).fetch, port: barePort, hostname: '127.0.0.1' });
process.send?.('ready');
