import type { InventoryImportPreview, InventoryPage } from '@essor/shared/territory';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../api/src/db/client';
import { rowsOf } from '../../api/src/lib/rows';
import { legalFormOf, parseInventoryCsv } from '../../api/src/modules/territory/inventory-import';
import { createTestContext, type TestClient, type TestContext } from '../support/http';
import { expectOk } from '../support/intake';
import { makeStructure, memberOf } from '../support/structures';

/** A string in Windows-1252, as a spreadsheet on Windows saves it (é is 0xE9, ’ 0x92). */
function cp1252(text: string): Buffer {
  return Buffer.from([...text].map((c) => (c === '’' ? 0x92 : c === '–' ? 0x96 : c.charCodeAt(0))));
}
const b64 = (bytes: Buffer | string) => Buffer.from(bytes).toString('base64');
const square = (lon: number, lat: number) => ({ type: 'Polygon', coordinates: [[[lon, lat], [lon + 0.01, lat], [lon + 0.01, lat + 0.01], [lon, lat + 0.01], [lon, lat]]] });

async function written(db: Db): Promise<number[]> {
  const count = async (table: string) => Number(rowsOf<{ n: string }>(await db.execute(sql.raw(`select count(*) as n from ${table}`)))[0].n);
  return [await count('organisations'), await count('inventory_entries'), await count('inventory_imports'), await count('audit_log')];
}

describe('reading inventory files', () => {
  it('reads French and English headers, either delimiter, and legal forms as people write them', () => {
    const rows = parseInventoryCsv('Nom;Forme juridique;Secteur;Arrondissement;Salariés\n"Coop A";Coopérative;alimentation;Nord;4\n\n');
    expect(rows).toEqual([expect.objectContaining({ lineNo: 2, name: 'Coop A', legalForm: 'Coopérative', sector: 'alimentation', district: 'Nord', employees: '4', members: '' })]);
    expect(parseInventoryCsv('name,legal form,district\nB,mutual,Sud\n')[0]).toMatchObject({ name: 'B', legalForm: 'mutual', district: 'Sud' });
    expect(legalFormOf('OBNL')).toBe('non_profit');
    expect(legalFormOf('GIE')).toBe('economic_interest_group');
    expect(legalFormOf('social_enterprise')).toBe('social_enterprise');
    expect(legalFormOf('Société anonyme')).toBeNull();
  });
});

describe('inventory CSV import', () => {
  let ctx: TestContext;
  let db: Db;
  let city: string;
  let other: string;
  let staff: TestClient;
  let otherStaff: TestClient;
  let elected: TestClient;

  const input = (content: string | Buffer, filename = 'inventaire.csv', structureId = city) => ({ structureId, filename, contentBase64: b64(content) });
  const preview = async (client: TestClient, body: unknown) => client.post('/api/territory/inventory/import/preview', body);
  const commit = async (client: TestClient, body: unknown) => client.post('/api/territory/inventory/import/commit', body);

  beforeAll(async () => {
    ctx = await createTestContext();
    db = ctx.database.db;
    city = await makeStructure(db, 'Ville importatrice');
    other = await makeStructure(db, 'Autre ville');
    const admin = await ctx.as('admin');
    await expectOk(
      admin.post('/api/territory/districts/import', {
        structureId: city,
        geojson: { type: 'FeatureCollection', features: ['Nord', 'Centre', 'Côte-Sud'].map((name, i) => ({ type: 'Feature', properties: { name }, geometry: square(-73.6, 45.5 + i / 100) })) },
      }),
    );
    staff = await memberOf(ctx, city, ['staff']);
    otherStaff = await memberOf(ctx, other, ['staff']);
    elected = await memberOf(ctx, city, ['elected_official']);
    // An entry already there, matched by its registration number.
    await expectOk(staff.post('/api/territory/inventory', { structureId: city, name: 'Coopérative Existante', legalForm: 'cooperative', sector: 'habitation', district: 'Nord', registrationNumber: 'NEQ-1', employees: 2, members: 40 }));
    await expectOk(staff.post('/api/territory/inventory', { structureId: city, name: 'Association Tranquille', legalForm: 'association', sector: 'culture', district: 'Centre', employees: 1, members: 10 }));
  }, 120_000);
  afterAll(() => ctx.close());

  const GOOD = [
    'Nom;Forme juridique;Secteur;Arrondissement;Numéro d’immatriculation;Salariés;Membres;Latitude;Longitude;Courriel',
    'Coopérative Nouvelle;Coopérative;alimentation;Nord;NEQ-9;12;80;45,501;-73,595;info@nouvelle.example',
    'Nom changé de l’existante;coopérative;habitation;nord;NEQ-1;3;40;;;',
    'Association Tranquille;Association;culture;Centre;;1;10;;;',
    'Mutuelle du Sud;Mutuelle;santé;cote-sud;;0;500;;;',
  ].join('\n');

  it('previews a good file row by row, then commits it in one go, audited', async () => {
    const before = await written(db);
    const res = await preview(staff, input(GOOD, 'bon.csv'));
    expect(res.status, await res.clone().text()).toBe(200);
    const p = (await res.json()) as InventoryImportPreview;
    expect(p).toMatchObject({ rowCount: 4, errorCount: 0, created: 2, updated: 1, unchanged: 1, importId: null });
    expect(p.rows.map((r) => [r.lineNo, r.action, r.district])).toEqual([
      [2, 'create', 'Nord'],
      [3, 'update', 'Nord'],
      [4, 'unchanged', 'Centre'],
      [5, 'create', 'Côte-Sud'],
    ]);
    expect(await written(db)).toEqual(before);

    const done = await commit(staff, input(GOOD, 'bon.csv'));
    expect(done.status, await done.clone().text()).toBe(200);
    const result = (await done.json()) as InventoryImportPreview;
    expect(result.importId).toBeTruthy();
    // Two organisations and entries, one import, one audit row.
    expect(await written(db)).toEqual([before[0] + 2, before[1] + 2, before[2] + 1, before[3] + 1]);
    const page = (await (await staff.get('/api/territory/inventory')).json()) as InventoryPage;
    const byName = Object.fromEntries(page.items.map((i) => [i.name, i]));
    expect(byName['Coopérative Nouvelle']).toMatchObject({ source: 'import', employees: 12, members: 80, latitude: 45.501, longitude: -73.595, contactEmail: 'info@nouvelle.example', registrationNumber: 'NEQ-9' });
    expect(byName['Nom changé de l’existante']).toMatchObject({ source: 'manual', employees: 3, registrationNumber: 'NEQ-1' });
    expect(byName['Coopérative Existante']).toBeUndefined();
    expect(byName['Mutuelle du Sud']).toMatchObject({ legalForm: 'mutual', district: 'Côte-Sud' });
    const [imp] = rowsOf<{ rows_count: number; created_count: number; updated_count: number }>(await db.execute(sql`select rows_count, created_count, updated_count from inventory_imports where id = ${result.importId}`));
    expect(imp).toMatchObject({ rows_count: 4, created_count: 2, updated_count: 1 });
  });

  it('refuses the same file twice with 409, on preview and on commit', async () => {
    expect((await preview(staff, input(GOOD, 'autre-nom.csv'))).status).toBe(409);
    expect((await commit(staff, input(GOOD, 'bon.csv'))).status).toBe(409);
  });

  it('reads a Windows-1252 file', async () => {
    const text = 'Nom;Forme juridique;Secteur;Arrondissement;Salariés\nCoopérative d’été;Coopérative;loisirs;Côte-Sud;2\n';
    const res = await preview(staff, input(cp1252(text), 'ete.csv'));
    expect(res.status, await res.clone().text()).toBe(200);
    const p = (await res.json()) as InventoryImportPreview;
    expect(p.rows[0]).toMatchObject({ name: 'Coopérative d’été', district: 'Côte-Sud', action: 'create', employees: 2, errors: [] });
  });

  it('names what is wrong in each row, and a file with errors imports nothing (422)', async () => {
    const file = [
      'name,legal form,sector,district,employees,members,latitude,longitude,registration number',
      ',cooperative,food,Nord,1,1,,,',
      'Société X,Société anonyme,food,Nord,1,1,,,',
      'Ailleurs,association,food,Atlantide,1,1,,,',
      'Chiffres,association,food,Nord,douze,-3,,,',
      'Coordonnées,association,food,Nord,1,1,95,10,',
      'Moitié,association,food,Nord,1,1,45.5,,',
      'Bonne,association,food,Nord,1,1,,,R-1',
      'Bonne bis,association,food,Nord,1,1,,,R-1',
      'Bonne,association,food,nord,2,2,,,',
    ].join('\n');
    const res = await preview(staff, input(file, 'erreurs.csv'));
    expect(res.status).toBe(200);
    const p = (await res.json()) as InventoryImportPreview;
    expect(p.rows.map((r) => [r.lineNo, r.errors])).toEqual([
      [2, ['territory.row_missing_name']],
      [3, ['territory.row_unknown_legal_form']],
      [4, ['territory.row_unknown_district']],
      [5, ['territory.row_bad_number']],
      [6, ['territory.row_bad_coordinates']],
      [7, ['territory.row_bad_coordinates']],
      [8, []],
      [9, ['territory.row_duplicate']],
      [10, ['territory.row_duplicate']],
    ]);
    expect(p.errorCount).toBe(8);
    const before = await written(db);
    const refused = await commit(staff, input(file, 'erreurs.csv'));
    expect(refused.status).toBe(422);
    const body = (await refused.json()) as { error: { fields: Record<string, string[]> } };
    expect(Object.keys(body.error.fields)).toHaveLength(8);
    expect(body.error.fields['line 4'][0]).toMatch(/territoire|territory/);
    expect(await written(db)).toEqual(before);
  });

  it('refuses a file without the required columns, an empty file, a huge file', async () => {
    const wrong = await preview(staff, input('Raison;Ville\nA;B\n', 'colonnes.csv'));
    expect(wrong.status).toBe(422);
    expect(((await wrong.json()) as { error: { message: string } }).error.message).toMatch(/name|legalForm|district/);
    expect((await preview(staff, input('Nom;Forme juridique;Arrondissement\n', 'vide.csv'))).status).toBe(422);
    const many = ['Nom;Forme juridique;Secteur;Arrondissement', ...Array.from({ length: 5001 }, (_, i) => `Acteur ${i};association;culture;Nord`)].join('\n');
    const tooMany = await preview(staff, input(many, 'trop.csv'));
    expect(tooMany.status).toBe(422);
    expect(((await tooMany.json()) as { error: { message: string } }).error.message).toContain('5000');
    const huge = `Nom;Forme juridique;Secteur;Arrondissement\n${'x'.repeat(2 * 1024 * 1024 + 10)}`;
    const tooBig = await preview(staff, input(huge, 'gros.csv'));
    expect(tooBig.status).toBe(413);
    expect((await preview(staff, { structureId: city, filename: 'x.csv', contentBase64: '!!!!' })).status).toBe(400);
  });

  it('keeps imports to the writers of the structure', async () => {
    expect((await preview(elected, input(GOOD, 'elu.csv'))).status).toBe(403);
    expect((await preview(otherStaff, input(GOOD, 'ailleurs.csv'))).status).toBe(404);
    expect((await commit(otherStaff, input(GOOD, 'ailleurs.csv'))).status).toBe(404);
  });
});
