import { openDatabase } from '../../api/src/db/client';
import { benchApprovals, benchTrialBalance } from './funds';

/** Domain benchmarks on the same throw-away database; each adds its lines to the report. */
export async function runDomainBenchmarks(databaseUrl: string): Promise<string[]> {
  const database = await openDatabase({ url: databaseUrl, poolSize: 20 });
  try {
    const lines = Number(process.env.BENCH_JOURNAL_LINES ?? 1_000_000);
    const trial = await benchTrialBalance(database.db, { lines });
    const approvals = await benchApprovals(database.db, { requests: 300, concurrency: 20 });
    return [
      '',
      '## Solidarity funds',
      '',
      '| measure | figure |',
      '|---|---:|',
      `| journal lines seeded (set-based SQL) | ${trial.journalLines.toLocaleString('en')} in ${trial.seedSeconds} s |`,
      `| trial balance over the whole ledger, median | ${trial.trialBalanceMedianMs} ms |`,
      `| trial balance of one fund at a past date, median | ${trial.trialBalanceAsOfMedianMs} ms |`,
      `| trial balance balanced | ${trial.balanced ? 'yes' : 'NO'} |`,
      `| approvals: ${approvals.requests} requests from ${approvals.concurrency} parallel callers | ${approvals.approved} approved, ${approvals.refused} refused in ${approvals.seconds} s |`,
      `| approval throughput | ${approvals.decisionsPerSecond} decisions/s |`,
      `| ledger balanced after the race | ${approvals.balanced ? 'yes' : 'NO'} |`,
    ];
  } finally {
    await database.close();
  }
}
