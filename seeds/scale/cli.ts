import { openDatabase } from '../../api/src/db/client';
import { readEnv } from '../../api/src/env';
import { seedPlatform } from '../platform';
import { seedStructures } from '../structures';
import { checkLargeCityInvariants, seedLargeCity } from './large-city';

// npm run seed:large [-- --scale 0.01]: the large-city data set on DATABASE_URL (or the PGlite data dir).
const at = process.argv.indexOf('--scale');
const scale = at > 0 ? Number(process.argv[at + 1]) : 1;
if (!(scale > 0)) throw new Error(`--scale must be a positive number, not ${process.argv[at + 1]}`);

const env = readEnv();
const database = await openDatabase({ url: env.DATABASE_URL, dataDir: env.ESSOR_DATA_DIR });
try {
  await database.migrate();
  await seedPlatform(database.db);
  await seedStructures(database.db);
  console.log(`Large city at scale ${scale} (${database.kind}); time per table:`);
  const counts = await seedLargeCity(database.db, { scale, log: (line) => console.log(`  ${line}`) });
  console.log('Rows per table:');
  for (const [table, n] of Object.entries(counts)) console.log(`  ${table.padEnd(24)} ${String(n).padStart(9)}`);
  console.log('Invariants, time each:');
  const t0 = Date.now();
  const broken = await checkLargeCityInvariants(database.db, { scale, log: (line) => console.log(`  ${line}`) });
  console.log(`Invariants (${Date.now() - t0} ms in all): ${broken.length ? 'BROKEN' : 'all hold'}`);
  for (const line of broken) console.log(`  ${line}`);
  if (broken.length) process.exitCode = 1;
} finally {
  await database.close();
}
