import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { createApp } from './app';
import { openDatabase } from './db/client';
import { readEnv } from './env';
import { purgeExpired } from './modules/auth/service';
import { seedIfEmpty } from '../../seeds/seed';

const env = readEnv();
const database = await openDatabase({ url: env.DATABASE_URL, dataDir: env.ESSOR_DATA_DIR });
await database.migrate();
if (env.ESSOR_SEED === 'auto') {
  const seeded = await seedIfEmpty(database.db);
  if (seeded) console.log('Loaded the demo data (first start on an empty database).');
}
await purgeExpired(database.db);

const app = createApp({ database, webDist: fileURLToPath(new URL('../../web/dist', import.meta.url)) });
const server = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, (info) => {
  console.log(`Essor is running on http://localhost:${info.port} (database: ${database.kind === 'pglite' ? `embedded PGlite in ${env.ESSOR_DATA_DIR}` : 'PostgreSQL'})`);
});

async function shutdown() {
  server.close();
  await database.close();
  process.exit(0);
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
