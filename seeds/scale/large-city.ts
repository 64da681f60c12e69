import { sql } from 'drizzle-orm';
import type { Db } from '../../api/src/db/client';
import { ROOT_STRUCTURE_ID } from '../../api/src/db/schema/structures';
import { rowsOf } from '../../api/src/lib/rows';
import { financeSteps, ledgerSteps } from './finance';
import { expectedImpactCounts, IMPACT_COUNTS, IMPACT_INVARIANTS, impactSteps } from './impact';
import { pipelineSteps } from './pipeline';
import { PLATFORM_COUNTS, platformSteps } from './platform';
import { DOMAIN, planFor, run, scalar, sizesFor, uid, uidOf, type LargeCitySizes } from './plan';

/** Rows of the large city, per table (what the generator wrote; read back from the database). */
export type LargeCityCounts = Record<string, number>;

export interface LargeCityOptions {
  /** 1 = a big city's programme over ten years (issue 13); every count is multiplied by it, at least 1. */
  scale?: number;
  log?: (line: string) => void;
}

/**
 * Generates a large city under the root node: 20 structures, their people, pipeline, funds and books,
 * in one transaction of set-based statements (no row-by-row inserts), then analyzes the tables. Runs once
 * per database: when the city is there already it only counts it.
 */
export async function seedLargeCity(db: Db, options: LargeCityOptions = {}): Promise<LargeCityCounts> {
  const scale = options.scale ?? 1;
  const log = options.log ?? (() => {});
  const cityId = await uidOf(db, 'structure', 1);
  const [root] = rowsOf<{ path: string }>(await db.execute(sql`select path from structures where id = ${ROOT_STRUCTURE_ID}`));
  const plan = planFor(scale, root.path, cityId);
  if ((await scalar(db, `select count(*) as n from structures where id = '${cityId}'`)) > 0) {
    log('The large city is there already: counting it.');
    return countLargeCity(db);
  }
  const started = Date.now();
  await db.transaction(async (tx) => {
    for (const step of [...pipelineSteps(plan), ...financeSteps(plan), ...ledgerSteps(plan), ...impactSteps(plan), ...platformSteps(plan)]) {
      const t0 = Date.now();
      for (const statement of step.sql) await run(tx, statement);
      log(`${step.table.padEnd(24)} ${String(Date.now() - t0).padStart(7)} ms`);
    }
  });
  const t0 = Date.now();
  await run(db, 'analyze');
  log(`${'analyze'.padEnd(24)} ${String(Date.now() - t0).padStart(7)} ms`);
  log(`${'total'.padEnd(24)} ${String(Date.now() - started).padStart(7)} ms`);
  return countLargeCity(db);
}

const CITY = `(select id from structures where path like (select path from structures where id = ${uid('structure', '1')}) || '%')`;
const LC_USERS = `(select id from users where email like '%@${DOMAIN}')`;
const LC_FUNDS = `(select id from funds where structure_id in ${CITY})`;

/** How each table's large-city rows are found (by structure, or through their parent row). */
const COUNTS: Record<string, string> = {
  structures: `select count(*) as n from structures where id in ${CITY}`,
  users: `select count(*) as n from users where id in ${LC_USERS}`,
  memberships: `select count(*) as n from memberships where structure_id in ${CITY}`,
  programmes: `select count(*) as n from programmes where structure_id in ${CITY}`,
  cohorts: `select count(*) as n from cohorts where structure_id in ${CITY}`,
  organisations: `select count(*) as n from organisations where owner_user_id in ${LC_USERS}`,
  projects: `select count(*) as n from projects where structure_id in ${CITY}`,
  applications: `select count(*) as n from applications where structure_id in ${CITY}`,
  application_events: `select count(*) as n from application_events e join applications a on a.id = e.application_id where a.structure_id in ${CITY}`,
  screening_results: `select count(*) as n from screening_results r join applications a on a.id = r.application_id where a.structure_id in ${CITY}`,
  committee_sessions: `select count(*) as n from committee_sessions where structure_id in ${CITY}`,
  committee_agenda: `select count(*) as n from committee_agenda x join committee_sessions c on c.id = x.session_id where c.structure_id in ${CITY}`,
  committee_scorecards: `select count(*) as n from committee_scorecards x join committee_sessions c on c.id = x.session_id where c.structure_id in ${CITY}`,
  committee_decisions: `select count(*) as n from committee_decisions x join committee_sessions c on c.id = x.session_id where c.structure_id in ${CITY}`,
  cohort_members: `select count(*) as n from cohort_members x join cohorts c on c.id = x.cohort_id where c.structure_id in ${CITY}`,
  coaching_plans: `select count(*) as n from coaching_plans where structure_id in ${CITY}`,
  coaches: `select count(*) as n from coaches where structure_id in ${CITY}`,
  coaching_sessions: `select count(*) as n from coaching_sessions where structure_id in ${CITY}`,
  milestones: `select count(*) as n from milestones where structure_id in ${CITY}`,
  funds: `select count(*) as n from funds where structure_id in ${CITY}`,
  ledger_accounts: `select count(*) as n from ledger_accounts where fund_id in ${LC_FUNDS}`,
  capital_contributions: `select count(*) as n from capital_contributions where fund_id in ${LC_FUNDS}`,
  cofinancing_requests: `select count(*) as n from cofinancing_requests where structure_id in ${CITY}`,
  cofinancing_tranches: `select count(*) as n from cofinancing_tranches t join cofinancing_requests r on r.id = t.request_id where r.structure_id in ${CITY}`,
  loans: `select count(*) as n from loans where structure_id in ${CITY}`,
  loan_instalments: `select count(*) as n from loan_instalments i join loans l on l.id = i.loan_id where l.structure_id in ${CITY}`,
  loan_repayments: `select count(*) as n from loan_repayments r join loans l on l.id = r.loan_id where l.structure_id in ${CITY}`,
  guarantee_banks: `select count(*) as n from guarantee_banks where structure_id in ${CITY}`,
  guarantee_agreements: `select count(*) as n from guarantee_agreements where structure_id in ${CITY}`,
  guarantees: `select count(*) as n from guarantees where structure_id in ${CITY}`,
  guarantee_outstandings: `select count(*) as n from guarantee_outstandings where structure_id in ${CITY}`,
  guarantee_fees: `select count(*) as n from guarantee_fees where structure_id in ${CITY}`,
  bond_investors: `select count(*) as n from bond_investors where structure_id in ${CITY}`,
  bond_offerings: `select count(*) as n from bond_offerings where structure_id in ${CITY}`,
  bond_subscriptions: `select count(*) as n from bond_subscriptions where structure_id in ${CITY}`,
  bond_payments: `select count(*) as n from bond_payments where structure_id in ${CITY}`,
  journal_entries: `select count(*) as n from journal_entries where fund_id in ${LC_FUNDS}`,
  journal_lines: `select count(*) as n from journal_lines l join journal_entries e on e.id = l.entry_id where e.fund_id in ${LC_FUNDS}`,
  audit_log: `select count(*) as n from audit_log where request_id = 'large-city'`,
  ...IMPACT_COUNTS,
  ...PLATFORM_COUNTS,
};

export async function countLargeCity(db: Db): Promise<LargeCityCounts> {
  const out: LargeCityCounts = {};
  for (const [table, query] of Object.entries(COUNTS)) out[table] = await scalar(db, query);
  return out;
}

/** The headline sizes a scale promises, by table (the list). */
export function expectedLargeCityCounts(scale: number): LargeCityCounts {
  const s: LargeCitySizes = sizesFor(scale);
  return {
    structures: s.structures,
    organisations: s.organisations,
    projects: s.projects,
    applications: s.applications,
    coaching_sessions: s.coachingSessions,
    milestones: s.milestones,
    cofinancing_requests: s.cofinancings,
    loans: s.loans,
    journal_lines: s.journalLines,
    audit_log: s.auditRows,
    bond_subscriptions: s.bondSubscriptions,
    guarantees: s.guarantees,
    notifications: s.notifications,
    outbox_messages: s.outboxMessages,
    ...expectedImpactCounts(scale),
  };
}

/** Queries returning the rows that break an invariant (empty when it holds); over every fund, not only the city's. */
const INVARIANTS: Record<string, string> = {
  'journal entry not balanced (or with fewer than two lines)': `
    select e.id::text as what from journal_entries e left join journal_lines l on l.entry_id = e.id
    group by e.id having coalesce(sum(l.debit_minor), 0) <> coalesce(sum(l.credit_minor), 0) or count(l.id) < 2 order by e.id limit 5`,
  'journal line on another fund’s account': `
    select l.id::text as what from journal_lines l join journal_entries e on e.id = l.entry_id join ledger_accounts a on a.id = l.account_id
    where a.fund_id <> e.fund_id order by l.id limit 5`,
  'journal entry dated after today or before its fund opened': `
    select e.id::text as what from journal_entries e join funds f on f.id = e.fund_id
    where e.occurred_on > current_date or e.occurred_on < f.opened_on order by e.id limit 5`,
  'bond offering counters differ from its subscriptions': `
    select o.code as what from bond_offerings o left join bond_subscriptions s on s.offering_id = o.id
    where o.status in ('open', 'closed', 'active')
    group by o.id, o.code, o.reserved_units, o.paid_units
    having o.reserved_units <> coalesce(sum(s.units) filter (where s.status = 'reserved'), 0)
        or o.paid_units <> coalesce(sum(s.units) filter (where s.status in ('paid', 'allotted')), 0)
    order by o.code limit 5`,
  'guarantee exposure differs from the fund’s 9000 balance': `
    select f.code as what from funds f
    left join (select fund_id, sum(exposure_minor) as v from guarantees group by fund_id) g on g.fund_id = f.id
    left join (select a.fund_id, sum(l.debit_minor - l.credit_minor) as v from journal_lines l join ledger_accounts a on a.id = l.account_id
               where a.code = '9000' group by a.fund_id) b on b.fund_id = f.id
    where f.type = 'guarantee' and coalesce(g.v, 0) <> coalesce(b.v, 0) order by f.code limit 5`,
  'guarantee provisions differ from the fund’s 2400 balance': `
    select f.code as what from funds f
    left join (select fund_id, sum(provision_minor) as v from guarantees group by fund_id) g on g.fund_id = f.id
    left join (select a.fund_id, sum(l.credit_minor - l.debit_minor) as v from journal_lines l join ledger_accounts a on a.id = l.account_id
               where a.code = '2400' group by a.fund_id) b on b.fund_id = f.id
    where f.type = 'guarantee' and coalesce(g.v, 0) <> coalesce(b.v, 0) order by f.code limit 5`,
  'loan repayment differs from its journal entry': `
    select r.id::text as what from loan_repayments r join loans lo on lo.id = r.loan_id
    left join journal_entries e on e.id = r.journal_entry_id
    left join lateral (select sum(debit_minor) as v from journal_lines where entry_id = r.journal_entry_id) l on true
    where e.id is null or e.fund_id <> lo.fund_id or l.v is distinct from r.amount_minor
    order by r.id limit 5`,
  ...IMPACT_INVARIANTS,
};

/**
 * The broken invariants, one line each (empty when all hold): balanced entries, lines on their own fund's
 * accounts, dates, bond counters, guarantee exposure and provisions against the books; with a scale,
 * the headline row counts too.
 */
export async function checkLargeCityInvariants(db: Db, options: { scale?: number; log?: (line: string) => void } = {}): Promise<string[]> {
  const broken: string[] = [];
  for (const [name, query] of Object.entries(INVARIANTS)) {
    const t0 = Date.now();
    const rows = rowsOf<{ what: string }>(await db.execute(sql.raw(query)));
    options.log?.(`${String(Date.now() - t0).padStart(7)} ms  ${name}`);
    if (rows.length) broken.push(`${name}: ${rows.map((r) => r.what).join(', ')}`);
  }
  if (options.scale !== undefined) {
    const counts = await countLargeCity(db);
    for (const [table, expected] of Object.entries(expectedLargeCityCounts(options.scale))) {
      if (counts[table] !== expected) broken.push(`${table}: ${counts[table]} rows, expected ${expected}`);
    }
  }
  return broken;
}
