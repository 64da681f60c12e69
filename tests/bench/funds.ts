import { sql } from 'drizzle-orm';
import type { Db } from '../../api/src/db/client';
import { SYSTEM_ACTOR } from '../../api/src/lib/audit';
import { AppError } from '../../api/src/lib/errors';
import { rowsOf } from '../../api/src/lib/rows';
import { approveCofinancing, prepareCofinancing } from '../../api/src/modules/cofinancing/decisions';
import { createCofinancing } from '../../api/src/modules/cofinancing/requests';
import { createFund } from '../../api/src/modules/funds/service';
import { trialBalance } from '../../api/src/modules/ledger/reports';
import { createFundsFixture, createFundWithCapital } from '../support/funds-fixtures';
import { STAFF_VIEWER } from '../../api/src/lib/viewer';
import { ROOT_STRUCTURE_ID } from '../../api/src/db/schema/structures';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const t0 = performance.now();
  const result = await run();
  return { ms: performance.now() - t0, result };
}

/**
 * Seeds `lines` journal lines (two per entry, every entry balanced) with set-based SQL, then times the
 * trial balance over the whole ledger, for one fund at a past date, and the median of a few runs.
 */
export async function benchTrialBalance(db: Db, options: { lines?: number; runs?: number } = {}) {
  const lines = options.lines ?? 1_000_000;
  const entries = Math.ceil(lines / 2);
  const fund = await createFund(db, SYSTEM_ACTOR, {
    code: `BENCH-LEDGER-${Date.now().toString(36).toUpperCase()}`,
    name: 'Bench ledger',
    type: 'loan',
    currency: 'CAD',
    description: '',
    committeeThresholdMinor: 0,
    structureId: ROOT_STRUCTURE_ID,
  });
  const accounts = rowsOf<{ code: string; id: string }>(await db.execute(sql`select code, id from ledger_accounts where fund_id = ${fund.id}`));
  const id = (code: string) => accounts.find((a) => a.code === code)!.id;
  const seed = await timed(async () => {
    await db.execute(sql`
      insert into journal_entries (fund_id, currency, occurred_on, kind, description)
      select ${fund.id}, 'CAD', date '2020-01-01' + (g % 2500), (array['capital_contribution', 'commitment', 'disbursement', 'repayment'])[g % 4 + 1], 'bench entry ' || g
      from generate_series(1, ${entries}) g`);
    // Each entry gets a debit and a credit of the same amount on a pair of accounts that fits its kind.
    await db.execute(sql`
      insert into journal_lines (entry_id, account_id, debit_minor, credit_minor)
      select e.id, side.account_id, case when side.debit then (e.id % 997 + 1) * 100 else 0 end, case when side.debit then 0 else (e.id % 997 + 1) * 100 end
      from journal_entries e
      join (values
        ('capital_contribution', ${id('1000')}::uuid, true), ('capital_contribution', ${id('3000')}::uuid, false),
        ('commitment', ${id('1100')}::uuid, true), ('commitment', ${id('2200')}::uuid, false),
        ('disbursement', ${id('2200')}::uuid, true), ('disbursement', ${id('1000')}::uuid, false),
        ('repayment', ${id('1000')}::uuid, true), ('repayment', ${id('1100')}::uuid, false)
      ) as side(kind, account_id, debit) on side.kind = e.kind
      where e.fund_id = ${fund.id}`);
    await db.execute(sql`analyze journal_entries`);
    await db.execute(sql`analyze journal_lines`);
  });
  const [{ n }] = rowsOf<{ n: string }>(await db.execute(sql`select count(*) as n from journal_lines`));
  const runs = options.runs ?? 5;
  const whole: number[] = [];
  const atDate: number[] = [];
  let balanced = true;
  for (let i = 0; i < runs; i++) {
    const all = await timed(() => trialBalance(db, {}, STAFF_VIEWER));
    balanced &&= all.result.balanced;
    whole.push(all.ms);
    const past = await timed(() => trialBalance(db, { fundId: fund.id, asOf: '2023-06-30' }, STAFF_VIEWER));
    balanced &&= past.result.balanced;
    atDate.push(past.ms);
  }
  return {
    journalLines: Number(n),
    seedSeconds: Number((seed.ms / 1000).toFixed(1)),
    trialBalanceMedianMs: Number(median(whole).toFixed(1)),
    trialBalanceAsOfMedianMs: Number(median(atDate).toFixed(1)),
    balanced,
  };
}

/**
 * Prepares `requests` co-financing requests against one fund that covers `coveredShare` of them, then
 * approves them all from `concurrency` parallel callers; every approval locks the fund row.
 */
export async function benchApprovals(db: Db, options: { requests?: number; concurrency?: number; coveredShare?: number } = {}) {
  const requests = options.requests ?? 500;
  const concurrency = options.concurrency ?? 20;
  const amount = 10_000;
  const fixture = await createFundsFixture(db);
  const fundId = await createFundWithCapital(db, fixture, { type: 'co_financing', capitalMinor: Math.floor(requests * (options.coveredShare ?? 0.8)) * amount });
  const ids: string[] = [];
  for (let i = 0; i < requests; i++) {
    const request = await createCofinancing(db, fixture.staff, { fundId, projectId: fixture.projectId, amountMinor: amount, currency: 'CAD', purpose: `Bench ${i}`, otherFunders: [] });
    await prepareCofinancing(db, fixture.staff, request.id, { recommendation: 'Bench', conditions: [], tranches: [{ amountMinor: amount, milestoneId: null }] });
    ids.push(request.id);
  }
  let approved = 0;
  let refused = 0;
  let next = 0;
  const run = await timed(() =>
    Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < ids.length) {
          const id = ids[next++];
          try {
            await approveCofinancing(db, fixture.manager, id, { note: '' });
            approved++;
          } catch (error) {
            if (!(error instanceof AppError)) throw error;
            refused++;
          }
        }
      }),
    ),
  );
  const trial = await trialBalance(db, { fundId }, STAFF_VIEWER);
  return {
    requests,
    concurrency,
    approved,
    refused,
    seconds: Number((run.ms / 1000).toFixed(2)),
    decisionsPerSecond: Number((requests / (run.ms / 1000)).toFixed(0)),
    balanced: trial.balanced,
  };
}
