import { readEnv } from '../env';
import { describeMisdated, findMisdatedEntries } from '../modules/ledger/date-check';
import { openDatabase } from './client';

const env = readEnv();
const database = await openDatabase({ url: env.DATABASE_URL, dataDir: env.ESSOR_DATA_DIR });
await database.migrate();
const misdated = await findMisdatedEntries(database.db);
for (const entry of misdated) console.log(describeMisdated(entry));
console.log(misdated.length === 0 ? 'Every journal entry is dated in order.' : `${misdated.length} journal entries are dated out of order.`);
await database.close();
process.exitCode = misdated.length === 0 ? 0 : 1;
