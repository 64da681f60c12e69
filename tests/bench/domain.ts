import { openDatabase } from '../../api/src/db/client';
import { benchSignInRefusals } from './auth';
import { benchSubscriptions } from './bonds';
import { benchApprovals, benchTrialBalance } from './funds';

/** Domain benchmarks on the same throw-away database; each adds its lines to the report. */
export async function runDomainBenchmarks(databaseUrl: string): Promise<string[]> {
  const database = await openDatabase({ url: databaseUrl, poolSize: 20 });
  try {
    const lines = Number(process.env.BENCH_JOURNAL_LINES ?? 1_000_000);
    const trial = await benchTrialBalance(database.db, { lines });
    const approvals = await benchApprovals(database.db, { requests: 300, concurrency: 20 });
    const bonds = await benchSubscriptions(database, { clients: 200, rounds: 5 });
    const signIn = await benchSignInRefusals(database);
    return [
      '',
      '## Sign-in',
      '',
      '| measure | figure |',
      '|---|---:|',
      `| refused sign-in, known e-mail, median of ${signIn.tries} | ${signIn.knownMs} ms |`,
      `| refused sign-in, unknown e-mail, median of ${signIn.tries} | ${signIn.unknownMs} ms |`,
      `| unknown / known (near 1.00: the answer's time does not tell which e-mails exist) | ${signIn.ratio} |`,
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
      '',
      '## Community bonds',
      '',
      '| measure | figure |',
      '|---|---:|',
      `| subscriptions through the API from ${bonds.clients} concurrent investors | ${bonds.requests} in ${bonds.seconds} s (${bonds.failed} refused) |`,
      `| subscription throughput | ${bonds.perSecond} subscriptions/s |`,
      `| reserved / waitlisted on an offering of ${bonds.capacity} units | ${bonds.reserved} / ${bonds.waiting} (${bonds.exact ? 'exact, never oversubscribed' : 'WRONG'}) |`,
      `| trust books balanced | ${bonds.balanced ? 'yes' : 'NO'} |`,
    ];
  } finally {
    await database.close();
  }
}
