import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestClient, type TestContext } from '../support/http';
import { pdfText } from '../support/pdf';
import { buildDashboardWorld, type DashboardWorld } from './dashboards-fixture';

let ctx: TestContext;
let w: DashboardWorld;
let electedA: TestClient;
let electedB: TestClient;

beforeAll(async () => {
  ctx = await createTestContext();
  w = await buildDashboardWorld(ctx.database.db);
  electedA = await ctx.client().signIn(w.emails.electedA);
  electedB = await ctx.client().signIn(w.emails.electedB);
}, 60_000);

afterAll(async () => {
  await ctx?.close();
});

async function report(client: TestClient, ext: 'pdf' | 'xlsx' | 'csv', query: string): Promise<Buffer> {
  const res = await client.get(`/api/dashboards/council-report.${ext}${query}`);
  expect(res.status, res.status === 200 ? '' : await res.clone().text()).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

describe('the council report', () => {
  it('draws the year’s figures in French, money formatted the French way', async () => {
    const pdf = await report(electedA, 'pdf', `?structureId=${w.a}&year=2025`);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(pdf);
    expect(text).toContain('Rapport annuel au conseil municipal');
    expect(text).toContain(`Ville ${w.tag}`);
    for (const heading of ['Chiffres clés', 'Parcours des candidatures', 'Impact par rapport aux cibles', 'objectifs de développement durable', 'Utilisation des fonds', "Suivi de l'argent", 'Quartiers']) {
      expect(text).toContain(heading);
    }
    // Worked out by hand for 2025 (a7, submitted in 2024, is left out): 7 submitted, 2 accepted.
    expect(text).toMatch(/Candidatures déposées\s*7/);
    expect(text).toMatch(/Candidatures retenues\s*2/);
    // 100 001 + 200 000 + 300 000 + 40 001 paid; 640 002 / 4 jobs = 160 000.5 -> 160 001.
    expect(text).toContain('6 400,02 $');
    expect(text).toContain('1 600,01 $');
    // Guaranteed exposure 80 000 + 50 000.
    expect(text).toContain('1 300,00 $');
    // FA: 30 000.00 in, 3 000.01 paid, 500.00 committed, 26 499.99 left.
    expect(text).toContain('30 000,00 $');
    expect(text).toContain('3 000,01 $');
    expect(text).toContain('26 499,99 $');
    // The funders' parts of FA: Fondation 2 000.00 paid, 333.33 committed.
    expect(text).toContain(`Fondation Z ${w.tag}`);
    expect(text).toContain('2 000,00 $');
    expect(text).toContain('333,33 $');
    // Districts: Nord 3.5 jobs, Sud 5 400.01 paid.
    expect(text).toContain('3,5');
    expect(text).toContain('5 400,01 $');
    // People served in 2025: 100 + 150 of a target of 400 (63 %).
    expect(text).toContain('Personnes servies');
    expect(text).toMatch(/250\s*63\s*%/);
  });

  it('speaks English when asked', async () => {
    const text = pdfText(await report(electedA, 'pdf', `?structureId=${w.a}&year=2025&lang=en`));
    expect(text).toContain('Yearly report to the city council');
    expect(text).toContain('$6,400.02');
    expect(text).toContain('$1,600.01');
    expect(text).toContain('Jobs created (FTE)');
  });

  it('gives the tables as a workbook, one sheet per table, numbers as numbers', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await report(electedA, 'xlsx', `?structureId=${w.a}&year=2025`)) as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['Chiffres clés', 'Parcours', 'Impact', 'ODD', 'Fonds', 'Suivi argent', 'Quartiers']);
    const rows = (name: string) => (book.getWorksheet(name)!.getSheetValues() as unknown[][]).filter(Boolean).map((r) => r.slice(1));
    expect(rows('Parcours').slice(1)).toEqual([
      ['Déposées', 7],
      ['Présélection', 6],
      ['Comité', 5],
      ['Retenues', 2],
      ["Liste d'attente", 1],
      ['Refusées', 2],
      ['Retirées', 1],
    ]);
    expect(rows('Fonds').find((r) => String(r[0]).startsWith(`FA-${w.tag}`))).toEqual([`FA-${w.tag} · Fonds FA`, 'CAD', 30000, 3000.01, 500, 26499.99]);
    expect(rows('Fonds').find((r) => String(r[0]).startsWith(`FXA-${w.tag}`))).toEqual([`FXA-${w.tag} · Fonds FXA`, 'XOF', 0, 0, 0, 0]);
    const impact = rows('Impact');
    expect(impact.find((r) => r[1] === 'jobs_created_fte')?.slice(2, 7)).toEqual([0, 5, 5, undefined, 3]);
    expect(impact.find((r) => r[1] === 'revenue')?.slice(4, 6)).toEqual([12345.67, 'CAD']);
    expect(rows('Quartiers').slice(1)).toEqual([
      [`Nord ${w.tag}`, 2, 5, 3.5, 'CAD', 1000.01],
      [`Sud ${w.tag}`, 1, 4, 1.5, 'CAD', 5400.01],
    ]);
    // SDG 8 in 2025: four indicators, reported by p1 and p2 (p3's figure is from 2024).
    expect(rows('ODD').find((r) => r[0] === 8)).toEqual([8, 4, 2]);
    expect(rows('Suivi argent').slice(1)).toEqual([
      [`Fondation Z ${w.tag}`, 'CAD', 20000, 2000, 333.33],
      // FA 1 000 001 + FL 300 000 + FG 400.01 paid; FA 166.67 + FL 1 000 committed.
      [`Ville A ${w.tag}`, 'CAD', 19000, 1000.01 + 3000 + 400.01, 166.67 + 1000],
    ].map((r) => r.map((v) => (typeof v === 'number' ? Math.round(v * 100) / 100 : v))));
  });

  it('gives the impact table as CSV', async () => {
    const csv = (await report(electedA, 'csv', `?structureId=${w.a}&year=2025`)).toString('utf8').replace(/^\uFEFF/, '');
    const lines = csv.trim().split('\n');
    expect(lines[0]).toBe('indicator,name,unit,currency,baseline,target,actual,projects');
    expect(lines).toContain('people_served,Personnes servies,people,,,400.00,250.00,1');
  });

  it('keeps each side to its own figures and refuses others', async () => {
    expect((await electedB.get(`/api/dashboards/council-report.pdf?structureId=${w.a}&year=2025`)).status).toBe(404);
    const text = pdfText(await report(electedB, 'pdf', '?year=2025'));
    expect(text).not.toContain(`Ville ${w.tag}`);
    expect(text).not.toContain(`Fondation Z ${w.tag}`);
    expect(text).toContain(`Bailleur B ${w.tag}`);
    expect((await electedA.get('/api/dashboards/council-report.pdf?year=1900')).status).toBe(400);
    const coach = await ctx.client().signIn(w.emails.coachA);
    expect((await coach.get('/api/dashboards/council-report.xlsx')).status).toBe(403);
    expect((await ctx.client().get('/api/dashboards/council-report.pdf')).status).toBe(401);
  });
});
