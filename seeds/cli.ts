import { openDatabase } from '../api/src/db/client';
import { readEnv } from '../api/src/env';
import { seedDemo, seedIfEmpty } from './seed';

const env = readEnv();
const database = await openDatabase({ url: env.DATABASE_URL, dataDir: env.ESSOR_DATA_DIR });
await database.migrate();
if (process.argv.includes('--if-empty')) {
  console.log((await seedIfEmpty(database.db)) ? 'Demo data loaded.' : 'Database not empty; nothing loaded.');
} else {
  await seedDemo(database.db);
  console.log('Demo data loaded (existing demo rows kept).');
}
await database.close();
