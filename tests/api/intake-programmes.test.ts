import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestClient, type TestContext } from '../support/http';
import { createOpenProgramme, draftApplication, expectOk, GRID } from '../support/intake';
import { makeStructure, memberOf } from '../support/structures';

let ctx: TestContext;
let staff: TestClient;
let holder: TestClient;

beforeAll(async () => {
  ctx = await createTestContext();
  staff = await ctx.as('staff');
  holder = await ctx.as('project_holder');
});
afterAll(() => ctx.close());

describe('support programmes', () => {
  it('offers the public only open calls whose window includes today', async () => {
    const open = await createOpenProgramme(staff);
    const future = await createOpenProgramme(staff, { callOpensOn: '2098-01-01', callClosesOn: '2099-01-01' });
    const drafted = await createOpenProgramme(staff, { status: 'draft' });
    const calls = await (await expectOk(ctx.client().get('/api/programmes/calls'))).json();
    const codes = calls.items.map((p: { code: string }) => p.code);
    expect(codes).toContain(open.code);
    expect(codes).not.toContain(future.code);
    expect(codes).not.toContain(drafted.code);
    expect(calls.items[0]).not.toHaveProperty('budgetEnvelopeMinor');
    expect(calls.items[0]).not.toHaveProperty('scoringGrid');
  });

  it('checks settings: call dates in order, grid weights and bounds, unique keys and codes', async () => {
    const base = { code: 'CHECK-1', name: 'Programme vérifié', territory: 'Dakar', currency: 'XOF' };
    expect((await staff.post('/api/programmes', { ...base, callOpensOn: '2027-02-01', callClosesOn: '2027-01-01' })).status).toBe(400);
    expect((await staff.post('/api/programmes', { ...base, scoringGrid: [{ ...GRID[0], weight: 0 }] })).status).toBe(400);
    expect((await staff.post('/api/programmes', { ...base, scoringGrid: [{ ...GRID[0], max: 21 }] })).status).toBe(400);
    expect((await staff.post('/api/programmes', { ...base, scoringGrid: [GRID[0], GRID[0]] })).status).toBe(400);
    expect((await staff.post('/api/programmes', { ...base, budgetEnvelopeMinor: 12.5 })).status).toBe(400);
    const created = await (await expectOk(staff.post('/api/programmes', { ...base, budgetEnvelopeMinor: 75_000_000, scoringGrid: GRID }))).json();
    expect(created).toMatchObject({ code: 'CHECK-1', status: 'draft', languages: ['fr'], budgetEnvelopeMinor: 75_000_000 });
    expect((await staff.post('/api/programmes', base)).status).toBe(409);
    const updated = await (await expectOk(staff.patch(`/api/programmes/${created.id}`, { status: 'open', languages: ['fr', 'en'], callOpensOn: '2027-01-01' }))).json();
    expect(updated).toMatchObject({ status: 'open', languages: ['fr', 'en'] });
    expect((await staff.patch(`/api/programmes/${created.id}`, { callClosesOn: '2026-12-01' })).status).toBe(400);
    const audit = await (await (await ctx.as('admin')).get(`/api/audit?entity=programme&entityId=${created.id}`)).json();
    expect(audit.items.map((a: { action: string }) => a.action).sort()).toEqual(['programme.create', 'programme.update']);
  });

  it('exports programmes as CSV', async () => {
    const csv = (await (await expectOk(staff.get('/api/programmes/export.csv'))).text()).replace(/^\uFEFF/, '').trim().split('\n');
    expect(csv[0]).toBe('code,name,territory,status,call_opens_on,call_closes_on,budget_envelope_minor,currency,languages,eligibility_criteria,grid_criteria');
    const list = await (await staff.get('/api/programmes')).json();
    expect(csv).toHaveLength(1 + list.items.length);
  });
});

describe('organisations and projects', () => {
  it('searches, filters and pages the projects list, each filter alone and together', async () => {
    const programme = await createOpenProgramme(staff);
    const titles = ['Atelier 100% vélo', 'Atelier vélo solidaire', 'Cantine de quartier'];
    for (const title of titles) await draftApplication(holder, programme.id, title);
    const list = async (query: string) =>
      ((await (await expectOk(staff.get(`/api/projects?programmeId=${programme.id}${query}`))).json()) as { items: { title: string }[]; nextCursor: string | null });
    expect((await list('')).items.map((p) => p.title).sort()).toEqual([...titles].sort());
    // '%' is searched for as itself, not as a wildcard.
    expect((await list('&q=100%25')).items.map((p) => p.title)).toEqual(['Atelier 100% vélo']);
    expect((await list('&q=v%C3%A9lo')).items.map((p) => p.title).sort()).toEqual(['Atelier 100% vélo', 'Atelier vélo solidaire']);
    expect((await list('&q=v%C3%A9lo&stage=applicant&legalForm=cooperative')).items).toHaveLength(2);
    expect((await list('&q=v%C3%A9lo&stage=incubated')).items).toEqual([]);
    expect((await list('&legalForm=association')).items).toEqual([]);
    // Pages of one follow each other without a gap or a repeat, with and without a filter.
    for (const filter of ['', '&q=v%C3%A9lo']) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await list(`&limit=1${filter}${cursor ? `&cursor=${cursor}` : ''}`);
        seen.push(...page.items.map((p) => p.title));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen.sort()).toEqual(filter ? ['Atelier 100% vélo', 'Atelier vélo solidaire'] : [...titles].sort());
    }
    // Another structure's staff sees none of them, whatever the filters.
    const elsewhere = await memberOf(ctx, await makeStructure(ctx.database.db, 'Incubateur ailleurs'), ['staff']);
    expect((await (await expectOk(elsewhere.get(`/api/projects?programmeId=${programme.id}&q=v%C3%A9lo`))).json()).items).toEqual([]);
  });

  it('lists projects and organisations with filters, lets staff edit them, and exports them', async () => {
    const programme = await createOpenProgramme(staff);
    const id = await draftApplication(holder, programme.id, 'Ressourcerie de Thiès');
    const detail = await (await holder.get(`/api/applications/${id}`)).json();
    const coach = await ctx.as('coach');
    const page = await (await expectOk(coach.get(`/api/projects?programmeId=${programme.id}`))).json();
    expect(page.items.map((p: { title: string }) => p.title)).toEqual(['Ressourcerie de Thiès']);
    expect(page.items[0]).toMatchObject({ stage: 'applicant', programmeCode: programme.code, legalForm: 'cooperative' });
    const patched = await (await expectOk(staff.patch(`/api/projects/${detail.project.id}`, { needs: ['coaching', 'guarantee'] }))).json();
    expect(patched.needs).toEqual(['coaching', 'guarantee']);
    expect((await staff.patch(`/api/organisations/${detail.organisation.id}`, { womenCount: 99 })).status).toBe(400);
    expect((await staff.patch(`/api/organisations/${detail.organisation.id}`, { targetLegalForm: 'association' })).status).toBe(400);
    const org = await (await expectOk(staff.patch(`/api/organisations/${detail.organisation.id}`, { legalForm: 'informal_group', targetLegalForm: 'economic_interest_group' }))).json();
    expect(org).toMatchObject({ legalForm: 'informal_group', targetLegalForm: 'economic_interest_group' });
    const orgs = await (await expectOk(coach.get('/api/organisations?legalForm=informal_group'))).json();
    expect(orgs.items.map((o: { id: string }) => o.id)).toContain(detail.organisation.id);
    const csv = (await (await expectOk(staff.get(`/api/projects/export.csv?programmeId=${programme.id}`))).text()).replace(/^\uFEFF/, '').trim().split('\n');
    expect(csv).toHaveLength(2);
    expect(csv[1]).toContain('Ressourcerie de Thiès');
    const orgCsv = (await (await expectOk(staff.get('/api/organisations/export.csv?legalForm=informal_group'))).text()).replace(/^\uFEFF/, '').trim().split('\n');
    expect(orgCsv[0]).toBe('name,legal_form,target_legal_form,sector,district,territory,founders,women,youth,contact_name,contact_email,created_at');
    expect(orgCsv).toHaveLength(1 + orgs.items.length);
  });
});
