import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR, openDatabase, type Database } from '../../api/src/db/client';
import { ROOT_STRUCTURE_ID } from '../../api/src/db/schema/structures';
import { rowsOf } from '../../api/src/lib/rows';

/** A database left at the first migration, as an Essor installed before structures would be. */
let database: Database;
let dispose: () => Promise<void>;

function statementsOf(file: string): string[] {
  return readFileSync(path.join(MIGRATIONS_DIR, file), 'utf8')
    .split('--> statement-breakpoint')
    .map((s) => s.trim())
    .filter(Boolean);
}

async function run(file: string) {
  for (const statement of statementsOf(file)) await database.db.execute(sql.raw(statement));
}

const query = async <T>(text: string) => rowsOf<T>(await database.db.execute(sql.raw(text)));

beforeAll(async () => {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    database = await openDatabase({ dataDir: 'memory://' });
    dispose = () => database.close();
  } else {
    const name = `essor_mig_${randomBytes(6).toString('hex')}`;
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    database = await openDatabase({ url: url.toString(), poolSize: 2 });
    dispose = async () => {
      await database.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
  }
  await run('0000_initial.sql');
  const existing = `
    insert into users (id, email, name, roles, status) values
      ('11111111-1111-4111-8111-111111111111', 'staff@old.example', 'Old staff', '{staff,fund_manager}', 'active'),
      ('22222222-2222-4222-8222-222222222222', 'holder@old.example', 'Old holder', '{project_holder}', 'active');
    insert into programmes (id, code, name, territory, currency) values ('33333333-3333-4333-8333-333333333333', 'OLD-1', 'Programme existant', 'Ville', 'MAD');
    insert into organisations (id, name, legal_form, sector, district, territory) values ('44444444-4444-4444-8444-444444444444', 'Coop', 'cooperative', 'artisanat', 'Centre', 'Ville');
    insert into projects (id, organisation_id, programme_id, title, district, currency) values ('55555555-5555-4555-8555-555555555555', '44444444-4444-4444-8444-444444444444', '33333333-3333-4333-8333-333333333333', 'Projet existant', 'Centre', 'MAD');
    insert into applications (programme_id, project_id, holder_user_id, status) values ('33333333-3333-4333-8333-333333333333', '55555555-5555-4555-8555-555555555555', '22222222-2222-4222-8222-222222222222', 'submitted');
    insert into cohorts (programme_id, name, starts_on, ends_on, capacity) values ('33333333-3333-4333-8333-333333333333', 'Cohorte existante', '2026-01-01', '2026-12-31', 5);
    insert into funds (id, code, name, type, currency, committee_threshold_minor) values ('66666666-6666-4666-8666-666666666666', 'OLD-F', 'Fonds existant', 'loan', 'MAD', 100);
  `;
  for (const statement of existing.split(';').map((s) => s.trim()).filter(Boolean)) await database.db.execute(sql.raw(statement));
  await run('0001_structures.sql');
}, 60_000);
afterAll(() => dispose());

describe('moving an existing database into structures', () => {
  it('puts every row it held into one default structure at the top, and loses none', async () => {
    const structures = await query<{ id: string; parent_id: string | null; path: string; currency: string }>('select id, parent_id, path, currency from structures');
    expect(structures).toEqual([{ id: ROOT_STRUCTURE_ID, parent_id: null, path: `/${ROOT_STRUCTURE_ID}/`, currency: 'MAD' }]);
    for (const table of ['programmes', 'projects', 'applications', 'cohorts', 'funds']) {
      const rows = await query<{ structure_id: string; n: number }>(`select structure_id, count(*)::int as n from ${table} group by structure_id`);
      expect(rows, table).toEqual([{ structure_id: ROOT_STRUCTURE_ID, n: 1 }]);
    }
  });

  it("turns staff-side roles into memberships of that structure and keeps holders' roles on their account", async () => {
    const memberships = await query<{ email: string; role: string; structure_id: string }>(
      'select u.email, m.role, m.structure_id from memberships m join users u on u.id = m.user_id order by m.role',
    );
    expect(memberships).toEqual([
      { email: 'staff@old.example', role: 'fund_manager', structure_id: ROOT_STRUCTURE_ID },
      { email: 'staff@old.example', role: 'staff', structure_id: ROOT_STRUCTURE_ID },
    ]);
    const roles = await query<{ email: string; roles: string[] }>('select email, roles from users order by email');
    expect(roles).toEqual([
      { email: 'holder@old.example', roles: ['project_holder'] },
      { email: 'staff@old.example', roles: [] },
    ]);
  });

  it('then refuses a child row in another structure than its parent', async () => {
    await database.db.execute(sql.raw(`insert into structures (id, parent_id, path, name, kind, currency) values ('77777777-7777-4777-8777-777777777777', '${ROOT_STRUCTURE_ID}', '/${ROOT_STRUCTURE_ID}/77777777-7777-4777-8777-777777777777/', 'Autre', 'incubator', 'MAD')`));
    await expect(
      database.db.execute(
        sql.raw(`insert into cohorts (structure_id, programme_id, name, starts_on, ends_on, capacity) values ('77777777-7777-4777-8777-777777777777', '33333333-3333-4333-8333-333333333333', 'Ailleurs', '2026-01-01', '2026-12-31', 5)`),
      ),
    ).rejects.toThrow();
    await expect(database.db.execute(sql.raw(`update programmes set structure_id = '77777777-7777-4777-8777-777777777777'`))).rejects.toThrow();
  });
});
