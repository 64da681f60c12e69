import { sql, TransactionRollbackError } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { rowsOf } from '../../api/src/lib/rows';
import { STAFF_VIEWER } from '../../api/src/lib/viewer';
import { findMisdatedEntries } from '../../api/src/modules/ledger/date-check';
import { trialBalance } from '../../api/src/modules/ledger/reports';
import { territoryDistricts, territoryImpact, territoryInventory } from '../../api/src/modules/opendata/service';
import { seedPlatform } from '../../seeds/platform';
import { checkLargeCityInvariants, countLargeCity, seedLargeCity, type LargeCityCounts } from '../../seeds/scale/large-city';
import { uidOf } from '../../seeds/scale/plan';
import { seedStructures } from '../../seeds/structures';
import { createTestDatabase, type TestDatabase } from '../support/test-db';

const SCALE = 0.002;
let database: TestDatabase;
let counts: LargeCityCounts;
beforeAll(async () => {
  database = await createTestDatabase();
  await seedPlatform(database.db);
  await seedStructures(database.db);
  counts = await seedLargeCity(database.db, { scale: SCALE });
}, 60_000);
afterAll(() => database.dispose());

describe('large-city generator at scale 0.002', () => {
  it('makes ids the API accepts (version 4 uuids), so its detail routes open the generated rows', async () => {
    const ids = rowsOf<{ id: string }>(
      await database.db.execute(sql`(select id::text from projects where title like '%' order by id limit 3) union all (select id::text from loans limit 3) union all (select id::text from guarantees limit 3) union all (select entity_id as id from audit_log where after->>'seed' = 'large-city' limit 3)`),
    ).map((r) => r.id);
    expect(ids.length).toBeGreaterThan(6);
    for (const id of ids) expect(z.uuid().safeParse(id).success, id).toBe(true);
  });

  it('writes the issue’s sizes times the scale (at least one of each)', () => {
    expect(counts).toMatchObject({
      structures: 1, // 20 × 0.002 = 0.04, rounds to 0, at least 1
      organisations: 20, // 10,000 × 0.002
      projects: 20,
      applications: 60, // 30,000 × 0.002
      coaching_sessions: 200, // 100,000 × 0.002
      milestones: 40, // 20,000 × 0.002
      cofinancing_requests: 5, // 2,500 × 0.002 (co-financings and loans: 5,000 in all)
      loans: 5,
      journal_lines: 2000, // 1,000,000 × 0.002, filler entries included
      audit_log: 2000,
      bond_subscriptions: 100, // 50,000 × 0.002
      guarantees: 4, // 2,000 × 0.002
      bond_offerings: 1, // 100 × 0.002 = 0.2, at least 1
      funds: 4, // co-financing, loan, guarantee, bond trust for the one structure
      programmes: 3, // three programmes a structure, so each project applies to three distinct ones
      districts: 7, // the names organisations and projects 1..20 carry (pick by n / 3: 0..6)
      inventory_entries: 24, // 20 pipeline organisations in their projects' structure, and a fifth more (4)
      project_indicator_values: 12 * 18, // projects past selection (j % 5 >= 2: 12 of 20), 3 indicators × 6 figures
      notifications: 400, // 200,000 × 0.002
      outbox_messages: 200, // 100,000 × 0.002
    });
  });

  it('closes every other offering: its paid subscriptions allotted, numbered in the register, their money owed to the issuer', async () => {
    const [offering] = rowsOf<{ status: string; issued: boolean; reserved: number; paid: number }>(
      await database.db.execute(sql`select status, issued_on is not null as issued, reserved_units as reserved, paid_units as paid from bond_offerings where code = 'LC-OB-1'`),
    );
    // The one offering at this scale is the first, and odd ones have closed.
    expect(offering).toMatchObject({ status: 'active', issued: true, reserved: 0 });
    const [register] = rowsOf<{ lines: number; allotted: number; units: number; last: number; covered: number }>(
      await database.db.execute(sql`
        select (select count(*) from bond_holdings h join bond_offerings o on o.id = h.offering_id where o.code = 'LC-OB-1')::int as lines,
               (select count(*) from bond_subscriptions s join bond_offerings o on o.id = s.offering_id where o.code = 'LC-OB-1' and s.status = 'allotted')::int as allotted,
               (select coalesce(sum(units), 0) from bond_subscriptions s join bond_offerings o on o.id = s.offering_id where o.code = 'LC-OB-1' and s.status = 'allotted')::int as units,
               (select max(last_number) from bond_holdings h join bond_offerings o on o.id = h.offering_id where o.code = 'LC-OB-1')::int as last,
               (select sum(last_number - first_number + 1) from bond_holdings h join bond_offerings o on o.id = h.offering_id where o.code = 'LC-OB-1')::int as covered`),
    );
    // 100 subscriptions: 5 lapsed, 5 cancelled, 5 reserved ones cancelled at the close, 85 allotted.
    expect(register.allotted).toBe(85);
    expect(register.lines).toBe(register.allotted);
    // Numbers 1 to the units allotted, each once: no gap, no overlap.
    expect(register.last).toBe(register.units);
    expect(register.covered).toBe(register.units);
    expect(offering.paid).toBe(register.units);
    // In the trust's books nothing is held for subscribers any more; the issuer is owed every allotted unit's price.
    const balances = rowsOf<{ code: string; balance: number }>(
      await database.db.execute(sql`
        select a.code, sum(l.credit_minor - l.debit_minor)::int as balance from journal_lines l join ledger_accounts a on a.id = l.account_id
        join funds f on f.id = a.fund_id join bond_offerings o on o.trust_fund_id = f.id
        where o.code = 'LC-OB-1' and a.code in ('2300', '2310') group by a.code order by a.code`),
    );
    expect(balances).toEqual([
      { code: '2300', balance: 0 },
      { code: '2310', balance: register.units * 10_000 },
    ]);
  });

  it('fills the bell of each structure’s staff and the outbox with the mails that went out', async () => {
    const bells = rowsOf<{ email: string; n: number; unread: number; foreign: number }>(
      await database.db.execute(sql`
        select u.email, count(*)::int as n, count(*) filter (where n.read_at is null)::int as unread,
               count(*) filter (where not exists (select 1 from memberships m where m.user_id = n.user_id and m.structure_id = n.structure_id))::int as foreign
        from notifications n join users u on u.id = n.user_id where n.event_key like 'large-city:%' group by u.email order by u.email`),
    );
    // One structure at this scale: its two fund managers and its staff member share the 400, a third each (± 1).
    expect(bells.map((b) => b.email.split('@')[0])).toEqual(['fm1.1', 'fm2.1', 'staff.1']);
    for (const bell of bells) {
      expect(Math.abs(bell.n - 400 / 3)).toBeLessThan(1);
      expect(bell.foreign).toBe(0);
    }
    // One in ten is still unread.
    expect(bells.reduce((sum, b) => sum + b.unread, 0)).toBe(40);
    const outbox = rowsOf<{ status: string; n: number; errors: number; unsent: number }>(
      await database.db.execute(sql`
        select status, count(*)::int as n, count(last_error)::int as errors, count(*) filter (where sent_at is null)::int as unsent
        from outbox_messages where to_address like '%@large-city.essor.test' group by status order by status`),
    );
    // One in fifty failed (with the server's answer), the rest sent; none waits for the delivery job.
    expect(outbox).toEqual([
      { status: 'failed', n: 4, errors: 4, unsent: 4 },
      { status: 'sent', n: 196, errors: 0, unsent: 0 },
    ]);
  });

  it('derives the moves, screening and committee from the statuses (one cycle of 20 applications)', () => {
    // Per 20 applications: draft 1 event, submitted 2, screening 3, committee 4, withdrawn 3, 5 rejected × 5,
    // 2 waitlisted × 5, 8 accepted × 5 = 1 + 2 + 3 + 4 + 3 + 25 + 10 + 40 = 88; 60 applications = 3 cycles.
    expect(counts.application_events).toBe(3 * 88);
    // Screened: committee 1 + rejected 5 + waitlisted 2 + accepted 8 = 16 per cycle, three criteria each.
    expect(counts.screening_results).toBe(3 * 16 * 3);
    // Decided: 15 per cycle, scored by the three committee members.
    expect(counts.committee_decisions).toBe(3 * 15);
    expect(counts.committee_scorecards).toBe(3 * 15 * 3);
    expect(counts.cohort_members).toBe(3 * 8);
    // Loans 1..5: n % 10 = 1 rejected, 2 approved, 3..5 disbursed on a 36-month schedule.
    expect(counts.loan_instalments).toBe(3 * 36);
    expect(counts.loan_repayments).toBeGreaterThan(0);
    expect(counts.loan_repayments).toBeLessThanOrEqual(3 * 36);
  });

  it('holds its invariants, the ledger’s trial balance and its dates', async () => {
    expect(await checkLargeCityInvariants(database.db, { scale: SCALE })).toEqual([]);
    expect((await trialBalance(database.db, {}, STAFF_VIEWER)).balanced).toBe(true);
    expect(await findMisdatedEntries(database.db)).toEqual([]);
  });

  it('gives the city what open data and the dashboards read: districts, inventory, figures', async () => {
    const city = await uidOf(database.db, 'structure', 1);
    const [active] = rowsOf<{ n: number }>(
      await database.db.execute(sql`select count(distinct organisation_id)::int as n from inventory_entries where structure_id = ${city} and status = 'active'`),
    );
    const inventory = await territoryInventory(database.db, city);
    expect(inventory.total.organisations).toBe(active.n);
    expect(active.n).toBeGreaterThan(15);
    const impact = await territoryImpact(database.db, city);
    expect(impact.year).toBe(2025);
    // Every reporting project's last actual (a stock) is its base (1 + j % 5) + 4 × 0.5: residues 2, 3, 4 four times each.
    const jobs = impact.totals.find((t) => t.measure === 'jobs_created_fte');
    expect(jobs).toMatchObject({ projects: 12, actual: 4 * (5 + 6 + 7), suppressed: false });
    expect((await territoryDistricts(database.db, city)).features).toHaveLength(7);
  });

  it('runs once: a second run only counts', async () => {
    expect(await seedLargeCity(database.db, { scale: SCALE })).toEqual(counts);
  });

  it('detects a broken row: an unbalanced entry, a bond counter off its subscriptions', async () => {
    await database.db.transaction(async (tx) => {
      // One more debit of 0.01 on the first entry's first account: the entry no longer balances.
      await tx.execute(sql`insert into journal_lines (entry_id, account_id, debit_minor, credit_minor)
        select entry_id, account_id, 1, 0 from journal_lines order by id limit 1`);
      await tx.execute(sql`update bond_offerings set paid_units = paid_units + 1 where code = 'LC-OB-1'`);
      const broken = await checkLargeCityInvariants(tx, { scale: SCALE });
      expect(broken).toEqual([
        expect.stringMatching(/^journal entry not balanced/),
        'bond offering counters differ from its subscriptions: LC-OB-1',
        'journal_lines: 2001 rows, expected 2000',
      ]);
      expect((await countLargeCity(tx)).journal_lines).toBe(2001);
      tx.rollback();
    }).catch((e: unknown) => {
      if (!(e instanceof TransactionRollbackError)) throw e;
    });
    expect(await checkLargeCityInvariants(database.db, { scale: SCALE })).toEqual([]);
  });
});
