import type { DashboardMonth, DashboardSlice, FundDashboard, GuaranteeDashboard, GuaranteeDashboardQuery } from '@essor/shared/guarantee-dashboard';
import { RISK_CLASSES, type RiskClass } from '@essor/shared/guarantees';
import type { CurrencyCode } from '@essor/shared/money';
import type { Role } from '@essor/shared/roles';
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { funds } from '../../db/schema/funds';
import { guaranteePolicies } from '../../db/schema/guarantees';
import type { CurrentUser } from '../../lib/context';
import { NotFound } from '../../lib/errors';
import { rowsOf } from '../../lib/rows';
import { inViewerReach, viewerOf } from '../../lib/viewer';
import { todayUtc } from '../ledger/public';
import { addMonths, divideRounded } from '../loans/public';
import { leverageHundredths } from './rules';
import { LIVE_STATUSES, netAssetsOf } from './store';

export const DASHBOARD_READERS: readonly Role[] = ['admin', 'staff', 'fund_manager'];

/** The accounts the dashboard reads, with the side their balance grows on. */
const ACCOUNTS = { provisions: '2400', fees: '4100', recovered: '4200', paid: '5300' } as const;
const CREDIT_NORMAL = new Set<string>([ACCOUNTS.provisions, ACCOUNTS.fees, ACCOUNTS.recovered]);
/** A guard on the series: 10 years of months. */
const MAX_MONTHS = 120;

const idList = (ids: string[]): SQL => sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `);
const n = (value: string | number | null | undefined): number => Number(value ?? 0);

/** a / b in `scale` units (100: hundredths, 10 000: basis points), rounded half up once; null when b is not positive. */
function ratio(a: number, b: number, scale: bigint): number | null {
  if (b <= 0) return null;
  return Number(divideRounded(BigInt(a) * scale, BigInt(b)));
}

function monthOf(day: string): string {
  return day.slice(0, 7);
}

/** The months from `from`'s to `to`'s, each with its last day (the last one ends at `to`). */
function monthsBetween(from: string, to: string): { month: string; endOn: string }[] {
  const result: { month: string; endOn: string }[] = [];
  for (let first = `${monthOf(from)}-01`; first <= to && result.length < MAX_MONTHS; first = addMonths(first, 1)) {
    const next = addMonths(first, 1);
    const last = new Date(Date.parse(`${next}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    result.push({ month: monthOf(first), endOn: last < to ? last : to });
  }
  return result;
}

interface SliceRow {
  fund_id: string;
  bank_id: string;
  bank_name: string;
  sector: string;
  district: string;
  risk_class: RiskClass;
  count: string | number;
  exposure: string | number;
  provision: string | number;
}

/** Adds a grouped row into the slice named `key`. */
function addTo(slices: Map<string, DashboardSlice>, key: string, label: string, row: SliceRow): void {
  const slice = slices.get(key) ?? { key, label, count: 0, exposureMinor: 0, provisionMinor: 0 };
  slice.count += n(row.count);
  slice.exposureMinor += n(row.exposure);
  slice.provisionMinor += n(row.provision);
  slices.set(key, slice);
}

const byExposure = (a: DashboardSlice, b: DashboardSlice) => b.exposureMinor - a.exposureMinor || a.label.localeCompare(b.label);

/**
 * The guarantee funds' dashboard, one entry per fund the caller reaches (never summed across funds, so
 * never across currencies): live exposure and its breakdowns, leverage against the policy's cap, the
 * multiplier, the books' provisions, calls paid, recoveries and fees, and a monthly series. A fund the
 * caller does not reach is a 404 when asked for by id, and simply absent otherwise.
 */
export async function guaranteeDashboard(db: Db, user: CurrentUser, query: GuaranteeDashboardQuery, today = todayUtc()): Promise<GuaranteeDashboard> {
  const viewer = viewerOf(user, DASHBOARD_READERS);
  const fundRows = await db
    .select({ id: funds.id, code: funds.code, name: funds.name, structureId: funds.structureId, currency: funds.currency, openedOn: funds.openedOn, leverageCapPct: guaranteePolicies.leverageCapPct })
    .from(funds)
    .leftJoin(guaranteePolicies, eq(guaranteePolicies.fundId, funds.id))
    .where(
      and(
        eq(funds.type, 'guarantee'),
        inViewerReach(viewer, funds.structureId),
        query.fundId ? eq(funds.id, query.fundId) : undefined,
        query.structureId ? eq(funds.structureId, query.structureId) : undefined,
      ),
    )
    .orderBy(funds.code);
  if (query.fundId && fundRows.length === 0) throw new NotFound('thing.fund');
  if (fundRows.length === 0) return { funds: [] };
  const ids = fundRows.map((f) => f.id);
  const to = query.to && query.to < today ? query.to : today;
  const live = sql.join(LIVE_STATUSES.map((s) => sql`${s}`), sql`, `);

  // One after the other: the handle may be a transaction, which runs one statement at a time.
  const netAssets = await netAssetsOf(db, ids);
  const totals = await db.execute(sql`
      select g.fund_id,
        count(*) filter (where g.status in (${live})) as live_count,
        coalesce(sum(g.exposure_minor) filter (where g.status in (${live})), 0) as exposure,
        coalesce(sum(g.guaranteed_minor) filter (where g.status in (${live})), 0) as guaranteed_live,
        coalesce(sum(g.loan_amount_minor) filter (where g.issued_on is not null), 0) as issued_loans,
        coalesce(sum(g.guaranteed_minor) filter (where g.issued_on is not null), 0) as issued_guaranteed
      from guarantees g where g.fund_id in (${idList(ids)}) group by g.fund_id`);
  const slices = await db.execute(sql`
      select g.fund_id, g.bank_id, b.name as bank_name, o.sector, coalesce(nullif(p.district, ''), o.district) as district, g.risk_class,
        count(*) as count, sum(g.exposure_minor) as exposure, sum(g.provision_minor) as provision
      from guarantees g
        join guarantee_banks b on b.id = g.bank_id
        join projects p on p.id = g.project_id
        join organisations o on o.id = p.organisation_id
      where g.fund_id in (${idList(ids)}) and g.status in (${live})
      group by 1, 2, 3, 4, 5, 6`);
  // Each account's movements month by month (all of them for today's balances, and those up to `to` for
  // the series): the walk below makes month-end balances of them.
  const balances = await db.execute(sql`
      select a.fund_id, a.code, to_char(e.occurred_on, 'YYYY-MM') as month,
        sum(l.debit_minor) as debit, sum(l.credit_minor) as credit,
        coalesce(sum(l.debit_minor) filter (where e.occurred_on <= ${to}::date), 0) as debit_to,
        coalesce(sum(l.credit_minor) filter (where e.occurred_on <= ${to}::date), 0) as credit_to
      from journal_lines l
        join ledger_accounts a on a.id = l.account_id
        join journal_entries e on e.id = l.entry_id
      where a.fund_id in (${idList(ids)}) and a.code in (${sql.join(Object.values(ACCOUNTS).map((c) => sql`${c}`), sql`, `)})
      group by 1, 2, 3`);
  const exposures = await exposureByMonth(db, ids, fundRows.map((f) => seriesStart(f.openedOn, query.from, to)).sort()[0], to);

  const totalsOf = new Map(rowsOf<Record<string, string | number> & { fund_id: string }>(totals).map((r) => [r.fund_id, r]));
  const slicesOf = new Map<string, SliceRow[]>();
  for (const row of rowsOf<SliceRow>(slices)) slicesOf.set(row.fund_id, [...(slicesOf.get(row.fund_id) ?? []), row]);
  const movementsOf = new Map<string, { code: string; month: string; amount: number; amountTo: number }[]>();
  for (const row of rowsOf<{ fund_id: string; code: string; month: string; debit: string; credit: string; debit_to: string; credit_to: string }>(balances)) {
    const sign = CREDIT_NORMAL.has(row.code) ? -1 : 1;
    const movement = { code: row.code, month: row.month, amount: sign * (n(row.debit) - n(row.credit)), amountTo: sign * (n(row.debit_to) - n(row.credit_to)) };
    movementsOf.set(row.fund_id, [...(movementsOf.get(row.fund_id) ?? []), movement]);
  }

  return {
    funds: fundRows.map((fund): FundDashboard => {
      const t = totalsOf.get(fund.id);
      const exposure = n(t?.exposure);
      const net = netAssets.get(fund.id) ?? 0;
      const issuedLoans = n(t?.issued_loans);
      const issuedGuaranteed = n(t?.issued_guaranteed);
      const movements = movementsOf.get(fund.id) ?? [];
      const balance = (code: string) => movements.filter((m) => m.code === code).reduce((sum, m) => sum + m.amount, 0);
      const balanceAt = (code: string, month: string) => movements.filter((m) => m.code === code && m.month <= month).reduce((sum, m) => sum + m.amountTo, 0);
      const paid = balance(ACCOUNTS.paid);
      const recovered = balance(ACCOUNTS.recovered);
      const cap = fund.leverageCapPct;
      const banks = new Map<string, DashboardSlice>();
      const sectors = new Map<string, DashboardSlice>();
      const districts = new Map<string, DashboardSlice>();
      const classes = new Map<string, DashboardSlice>();
      for (const row of slicesOf.get(fund.id) ?? []) {
        addTo(banks, row.bank_id, row.bank_name, row);
        addTo(sectors, row.sector, row.sector, row);
        addTo(districts, row.district, row.district, row);
        addTo(classes, row.risk_class, row.risk_class, row);
      }
      const fundExposures = exposures.get(fund.id) ?? new Map<string, number>();
      const months: DashboardMonth[] = monthsBetween(seriesStart(fund.openedOn, query.from, to), to).map(({ month, endOn }) => ({
        month,
        endOn,
        exposureMinor: fundExposures.get(endOn) ?? 0,
        provisionMinor: balanceAt(ACCOUNTS.provisions, month),
        paidMinor: balanceAt(ACCOUNTS.paid, month),
        recoveredMinor: balanceAt(ACCOUNTS.recovered, month),
      }));
      return {
        fundId: fund.id,
        fundCode: fund.code,
        fundName: fund.name,
        structureId: fund.structureId,
        currency: fund.currency as CurrencyCode,
        openedOn: fund.openedOn,
        liveCount: n(t?.live_count),
        exposureMinor: exposure,
        guaranteedLiveMinor: n(t?.guaranteed_live),
        netAssetsMinor: net,
        leverageHundredths: leverageHundredths(exposure, net),
        leverageCapPct: cap,
        // The most exposure allowed is the largest x with x x 100 <= cap x net assets (rules.withinLeverage).
        roomMinor: cap === null ? null : Math.max(0, Number((BigInt(cap) * BigInt(Math.max(0, net))) / 100n) - exposure),
        issuedLoansMinor: issuedLoans,
        issuedGuaranteedMinor: issuedGuaranteed,
        multiplierHundredths: ratio(issuedLoans, net, 100n),
        provisionsMinor: balance(ACCOUNTS.provisions),
        paidMinor: paid,
        recoveredMinor: recovered,
        feesMinor: balance(ACCOUNTS.fees),
        lossRateBps: ratio(paid, issuedGuaranteed, 10_000n),
        recoveryRateBps: ratio(recovered, paid, 10_000n),
        byBank: [...banks.values()].sort(byExposure),
        bySector: [...sectors.values()].sort(byExposure),
        byDistrict: [...districts.values()].sort(byExposure),
        byRiskClass: RISK_CLASSES.map((key) => ({ ...(classes.get(key) ?? { label: key, count: 0, exposureMinor: 0, provisionMinor: 0 }), key })),
        months,
      };
    }),
  };
}

/** The series' first day: the asked one, else 23 months before `to`'s month; never before the fund opened. */
function seriesStart(openedOn: string, from: string | undefined, to: string): string {
  const start = from ?? addMonths(`${monthOf(to)}-01`, -23);
  const bounded = start < openedOn ? openedOn : start;
  return bounded > to ? to : bounded;
}

/**
 * Exposure at each month's end: per guarantee, its latest outstanding row at or before that day, counted
 * while it was live then (issued, not released, no call approved yet). One query over all the funds.
 */
async function exposureByMonth(db: Db, fundIds: string[], from: string, to: string): Promise<Map<string, Map<string, number>>> {
  const ends = monthsBetween(from, to).map((m) => m.endOn);
  const result = new Map<string, Map<string, number>>();
  if (ends.length === 0) return result;
  const rows = rowsOf<{ fund_id: string; end_on: string; exposure: string | number }>(
    await db.execute(sql`
      select g.fund_id, to_char(m.end_on, 'YYYY-MM-DD') as end_on, sum(o.exposure_minor) as exposure
      from unnest(array[${sql.join(ends.map((d) => sql`${d}::date`), sql`, `)}]) as m(end_on)
        join guarantees g on g.issued_on <= m.end_on and (g.released_on is null or g.released_on > m.end_on)
        join lateral (
          select x.exposure_minor from guarantee_outstandings x
          where x.guarantee_id = g.id and x.as_of <= m.end_on
          order by x.as_of desc, x.created_at desc limit 1
        ) o on true
      where g.fund_id in (${idList(fundIds)})
        and not exists (select 1 from guarantee_calls c where c.guarantee_id = g.id and c.approved_on <= m.end_on)
      group by 1, 2`),
  );
  for (const row of rows) {
    const fund = result.get(row.fund_id) ?? new Map<string, number>();
    fund.set(row.end_on, n(row.exposure));
    result.set(row.fund_id, fund);
  }
  return result;
}
