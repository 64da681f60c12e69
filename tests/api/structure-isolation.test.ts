import { STAFF_SIDE_ROLES } from '@essor/shared/roles';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../api/src/lib/rows';
import { seedDemo } from '../../seeds/seed';
import { DEMO_STRUCTURES } from '../../seeds/structures';
import { createTestContext, type TestClient, type TestContext } from '../support/http';
import { concretePath, listOperations, type Operation } from '../support/openapi';
import { memberOf } from '../support/structures';

/** Where each kind of row named by `x-essor-scope` lives, to pick real rows of one structure. */
const TABLE_OF: Record<string, { table: string; structure: string }> = {
  structure: { table: 'structures s', structure: 's.id' },
  programme: { table: 'programmes s', structure: 's.structure_id' },
  project: { table: 'projects s', structure: 's.structure_id' },
  application: { table: 'applications s', structure: 's.structure_id' },
  cohort: { table: 'cohorts s', structure: 's.structure_id' },
  committee_session: { table: 'committee_sessions s', structure: 's.structure_id' },
  coach: { table: 'coaches s', structure: 's.structure_id' },
  coaching_plan: { table: 'coaching_plans s', structure: 's.structure_id' },
  coaching_session: { table: 'coaching_sessions s', structure: 's.structure_id' },
  action_item: { table: 'coaching_action_items s join coaching_sessions cs on cs.id = s.session_id', structure: 'cs.structure_id' },
  milestone: { table: 'milestones s', structure: 's.structure_id' },
  followup_visit: { table: 'followup_visits s', structure: 's.structure_id' },
  fund: { table: 'funds s', structure: 's.structure_id' },
  ledger_account: { table: 'ledger_accounts s join funds f on f.id = s.fund_id', structure: 'f.structure_id' },
  journal_entry: { table: 'journal_entries s join funds f on f.id = s.fund_id', structure: 'f.structure_id' },
  cofinancing: { table: 'cofinancing_requests s', structure: 's.structure_id' },
  loan: { table: 'loans s', structure: 's.structure_id' },
  equipment_quote: { table: 'equipment_quotes s', structure: 's.structure_id' },
  equipment_asset: { table: 'equipment_assets s', structure: 's.structure_id' },
  bond_offering: { table: 'bond_offerings s', structure: 's.structure_id' },
  bond_subscription: { table: 'bond_subscriptions s', structure: 's.structure_id' },
  bond_statement_import: { table: 'bond_statement_imports s', structure: 's.structure_id' },
  bond_match_pledge: { table: 'bond_match_pledges s', structure: 's.structure_id' },
  guarantee: { table: 'guarantees s', structure: 's.structure_id' },
  guarantee_bank: { table: 'guarantee_banks s', structure: 's.structure_id' },
  guarantee_agreement: { table: 'guarantee_agreements s', structure: 's.structure_id' },
  guarantee_call: { table: 'guarantee_calls s', structure: 's.structure_id' },
  impact_indicator: { table: 'impact_indicators s', structure: 's.structure_id' },
  indicator_value: { table: 'project_indicator_values s', structure: 's.structure_id' },
  district: { table: 'districts s', structure: 's.structure_id' },
  inventory_entry: { table: 'inventory_entries s', structure: 's.structure_id' },
};

const S = DEMO_STRUCTURES;
/**
 * Two sides that must not see each other: Montréal's structures with Chefchaouen's, and Dakar's. The
 * network above them all is neither: its rows (the network's own coaches) serve every structure below.
 */
const NOT_DAKAR = [S.montreal, S.montrealIncubator, S.montrealAgency, S.chefchaouen];
const DAKAR = [S.dakar];

let ctx: TestContext;
let operations: Operation[];
/** Every role there is, held on Dakar's incubator: a sibling of Montréal and Chefchaouen. */
let dakarPerson: TestClient;
/** Every role there is, held on Chefchaouen's committee: a sibling of Dakar, for the rows only Dakar has. */
let chefchaouenPerson: TestClient;
/** Every role there is, held on the top node: the parent of every structure. */
let parent: TestClient;
/** Per kind of row: the rows aimed at, and who must be refused them. */
const targets = new Map<string, { ids: string[]; sibling: () => TestClient }>();
const rowsBySide = { notDakar: [] as string[], dakar: [] as string[] };
const wordsBySide = { notDakar: [] as string[], dakar: [] as string[] };

async function rowsOfKind(kind: string, structureIds: string[]): Promise<string[]> {
  const { table, structure } = TABLE_OF[kind];
  const list = sql.join(
    structureIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  const rows = rowsOf<{ id: string }>(await ctx.database.db.execute(sql`select s.id::text as id from ${sql.raw(table)} where ${sql.raw(structure)} in (${list}) order by 1`));
  return rows.map((r) => r.id);
}

beforeAll(async () => {
  ctx = await createTestContext();
  await seedDemo(ctx.database.db);
  operations = listOperations(await (await ctx.client().get('/api/openapi.json')).json());
  dakarPerson = await memberOf(ctx, S.dakar, [...STAFF_SIDE_ROLES], 'dakar.everything@test.essor');
  chefchaouenPerson = await memberOf(ctx, S.chefchaouen, [...STAFF_SIDE_ROLES], 'chefchaouen.everything@test.essor');
  parent = await memberOf(ctx, S.network, [...STAFF_SIDE_ROLES], 'network.everything@test.essor');
  for (const kind of Object.keys(TABLE_OF)) {
    const notDakar = await rowsOfKind(kind, kind === 'structure' ? [S.montrealIncubator] : NOT_DAKAR);
    const dakar = await rowsOfKind(kind, DAKAR);
    targets.set(kind, notDakar.length ? { ids: notDakar, sibling: () => dakarPerson } : { ids: dakar, sibling: () => chefchaouenPerson });
    // Journal entries are numbered 1, 2, 3 ...: too short to look for in a page's text.
    if (kind !== 'journal_entry' && kind !== 'structure') {
      rowsBySide.notDakar.push(...notDakar);
      rowsBySide.dakar.push(...dakar);
    }
  }
  const titles = async (ids: string[]) =>
    rowsOf<{ title: string }>(await ctx.database.db.execute(sql`select title from projects where structure_id in (${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)})`)).map((t) => t.title);
  wordsBySide.notDakar = await titles(NOT_DAKAR);
  wordsBySide.dakar = await titles(DAKAR);
}, 120_000);
afterAll(() => ctx.close());

/** The operation's path with each scoped parameter naming a real row of one side. */
function targetPath(op: Operation): string | null {
  let missing = false;
  const path = op.path.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const kind = op.scope?.params?.[name];
    if (!kind) return concretePath({ ...op, path: `{${name}}` });
    const id = targets.get(kind)?.ids[0];
    if (!id) missing = true;
    return id ?? 'missing';
  });
  return missing ? null : path;
}

function targetBody(op: Operation): Record<string, string> {
  return Object.fromEntries(Object.entries(op.scope?.body ?? {}).map(([field, kind]) => [field, targets.get(kind)?.ids[0] ?? '']));
}

/** Who must be refused this operation: the sibling of the side its first scoped row lies on. */
function siblingFor(op: Operation): TestClient {
  const kind = Object.values(op.scope?.params ?? {})[0] ?? Object.values(op.scope?.body ?? {})[0];
  return targets.get(kind)!.sibling();
}

const staffSide = (op: Operation) => op.access.some((a) => (STAFF_SIDE_ROLES as readonly string[]).includes(a) || a === 'authenticated');

describe('structure isolation, read from the OpenAPI document', () => {
  it('has demo rows of every kind the routes name, to aim at', () => {
    const kinds = new Set(operations.flatMap((op) => [...Object.values(op.scope?.params ?? {}), ...Object.values(op.scope?.body ?? {})]));
    expect(kinds.size).toBeGreaterThan(10);
    const missing = [...kinds].filter((kind) => !targets.get(kind)?.ids.length);
    expect(missing).toEqual([]);
  });

  it("refuses a sibling structure's people every operation on another structure's row, with 404 or 403", async () => {
    const failures: string[] = [];
    let checked = 0;
    for (const op of operations.filter((o) => o.scope && staffSide(o))) {
      const path = targetPath(op);
      if (!path) continue;
      const body = op.bodySchema ? targetBody(op) : undefined;
      if (!op.scope?.params && !Object.values(body ?? {}).some(Boolean)) continue;
      const res = await siblingFor(op).request(op.method, path, { body, headers: { 'idempotency-key': `isolation-${checked}-key` } });
      checked++;
      if (res.status !== 404 && res.status !== 403) failures.push(`${op.method} ${op.path} -> ${res.status}`);
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(40);
  });

  it('lets the parent node read what its structures hold', async () => {
    const failures: string[] = [];
    let checked = 0;
    // Operations on one row; those pairing two rows (a session and an application) need a matching pair.
    for (const op of operations.filter((o) => o.method === 'GET' && o.scope?.params && o.pathParams.length === 1 && staffSide(o))) {
      const path = targetPath(op);
      if (!path || !op.pathParams.every((p) => op.scope?.params?.[p])) continue;
      const res = await parent.get(path);
      checked++;
      if (res.status === 404 || res.status === 403 || res.status >= 500) failures.push(`${op.method} ${op.path} -> ${res.status}`);
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(15);
  });

  it('shows a sibling structure nothing of the others in any list, export, report or dashboard, while the parent sees it', async () => {
    const lists = operations.filter((o) => o.method === 'GET' && o.pathParams.length === 0 && staffSide(o) && !o.access.includes('public'));
    const leaks: string[] = [];
    let parentSaw = 0;
    const sides = [
      { who: 'Dakar', client: dakarPerson, foreign: [...rowsBySide.notDakar, ...wordsBySide.notDakar] },
      { who: 'Chefchaouen', client: chefchaouenPerson, foreign: [...rowsBySide.dakar, ...wordsBySide.dakar] },
    ];
    for (const op of lists) {
      for (const side of sides) {
        const res = await side.client.get(op.path);
        const text = await res.text();
        if (res.status >= 500) leaks.push(`${side.who}: ${op.path} -> ${res.status}`);
        const leaked = side.foreign.filter((needle) => text.includes(needle));
        if (leaked.length) leaks.push(`${side.who}: ${op.path} shows ${leaked.slice(0, 3).join(', ')}`);
      }
      const seen = await (await parent.get(op.path)).text();
      if ([...rowsBySide.notDakar, ...rowsBySide.dakar].some((id) => seen.includes(id))) parentSaw++;
    }
    expect(leaks).toEqual([]);
    expect(lists.length).toBeGreaterThan(20);
    expect(parentSaw).toBeGreaterThan(10);
  });
});
