import { readEnv } from '../env';
import { openDatabase } from './client';

const env = readEnv();
const database = await openDatabase({ url: env.DATABASE_URL, dataDir: env.ESSOR_DATA_DIR });
await database.migrate();
console.log(`Migrations applied (${database.kind}).`);
await database.close();
