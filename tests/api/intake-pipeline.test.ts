import { APPLICATION_STATUSES, BOARD_COLUMN_SIZE, PIPELINE, type ApplicationStatus } from '@essor/shared/applications';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationEvents, applications } from '../../api/src/db/schema/applications';
import { programmes } from '../../api/src/db/schema/programmes';
import { rowsOf } from '../../api/src/lib/rows';
import { createTestContext, type TestClient, type TestContext } from '../support/http';
import { applicationInput, CRITERIA, createOpenProgramme, draftApplication, expectOk, forceStatus, signedInAccount } from '../support/intake';

let ctx: TestContext;
let staff: TestClient;
let holder: TestClient;
let otherHolder: TestClient;
let programmeId: string;

beforeAll(async () => {
  ctx = await createTestContext();
  staff = await ctx.as('staff');
  holder = await ctx.as('project_holder');
  otherHolder = await signedInAccount(ctx, ['project_holder'], 'holder');
  programmeId = (await createOpenProgramme(staff)).id;
});
afterAll(() => ctx.close());

async function writes() {
  const [row] = rowsOf<{ audit: string; events: string }>(
    await ctx.database.db.execute(sql`select (select count(*) from audit_log) as audit, (select count(*) from application_events) as events`),
  );
  return { audit: Number(row.audit), events: Number(row.events) };
}

async function statusOf(id: string) {
  const [row] = await ctx.database.db.select({ status: applications.status }).from(applications).where(eq(applications.id, id));
  return row.status;
}

/** An application in `from`, with its checklist filled so that a move to `to` is not refused for a missing screening. */
async function applicationIn(from: ApplicationStatus, to: ApplicationStatus): Promise<string> {
  const id = await draftApplication(holder, programmeId);
  if (from === 'draft') return id;
  await forceStatus(ctx.database.db, id, 'screening');
  const failOne = to === 'rejected';
  await expectOk(staff.put(`/api/applications/${id}/screening`, { results: CRITERIA.map((c, i) => ({ key: c.key, passed: !(failOne && i === 0), reason: failOne && i === 0 ? 'Siège hors du territoire' : null })) }));
  await forceStatus(ctx.database.db, id, from);
  return id;
}

describe('the pipeline', () => {
  const pairs = APPLICATION_STATUSES.flatMap((from) => APPLICATION_STATUSES.filter((to) => to !== from).map((to) => [from, to] as const));

  it.each(pairs)('%s -> %s: allowed only to the mover the pipeline names, else 409 with nothing written', async (from, to) => {
    const id = await applicationIn(from, to);
    const mover = PIPELINE[from][to];
    const body = { to, reason: 'Parce que le dossier le justifie' };
    if (!mover || mover === 'committee') {
      const before = await writes();
      for (const client of [holder, staff]) {
        const res = await client.post(`/api/applications/${id}/moves`, body);
        expect(res.status).toBe(409);
      }
      expect(await writes()).toEqual(before);
      expect(await statusOf(id)).toBe(from);
      return;
    }
    const [right, wrong] = mover === 'holder' ? [holder, staff] : [staff, holder];
    const before = await writes();
    expect((await wrong.post(`/api/applications/${id}/moves`, body)).status).toBe(403);
    expect(await writes()).toEqual(before);
    const res = await right.post(`/api/applications/${id}/moves`, body);
    expect(res.status).toBe(200);
    const detail = await res.json();
    expect(detail.status).toBe(to);
    expect(await statusOf(id)).toBe(to);
    const last = detail.events.at(-1);
    expect(last).toMatchObject({ fromStatus: from, toStatus: to, reason: body.reason, actorName: right.me!.user.name });
    expect(await writes()).toEqual({ audit: before.audit + 1, events: before.events + 1 });
  });

  it('walks draft -> submitted -> screening -> committee through the API and keeps the timeline', async () => {
    const id = await draftApplication(holder, programmeId);
    const submitted = await (await holder.post(`/api/applications/${id}/moves`, { to: 'submitted', from: 'draft' })).json();
    expect(submitted.submittedAt).not.toBeNull();
    expect(submitted.allowedMoves).toEqual(['withdrawn']);
    await expectOk(staff.post(`/api/applications/${id}/moves`, { to: 'screening' }));
    const screening = await (await staff.get(`/api/applications/${id}/screening`)).json();
    expect(screening).toMatchObject({ complete: false, eligible: false });
    expect(screening.lines.map((l: { key: string }) => l.key)).toEqual(CRITERIA.map((c) => c.key));
    expect((await staff.post(`/api/applications/${id}/moves`, { to: 'committee' })).status).toBe(409);
    await expectOk(staff.put(`/api/applications/${id}/screening`, { results: [{ key: 'legal_form', passed: true }] }));
    expect((await staff.post(`/api/applications/${id}/moves`, { to: 'committee' })).status).toBe(409);
    await expectOk(staff.put(`/api/applications/${id}/screening`, { results: [{ key: 'territory', passed: true }] }));
    expect((await staff.post(`/api/applications/${id}/moves`, { to: 'rejected', reason: 'Pas éligible' })).status).toBe(409);
    const moved = await (await expectOk(staff.post(`/api/applications/${id}/moves`, { to: 'committee' }))).json();
    expect(moved.events.map((e: { toStatus: string }) => e.toStatus)).toEqual(['draft', 'submitted', 'screening', 'committee']);
    expect(moved.events.every((e: { at: string }) => !Number.isNaN(Date.parse(e.at)))).toBe(true);
    const holderView = await (await holder.get(`/api/applications/${id}`)).json();
    expect(holderView.status).toBe('committee');
    expect(holderView.allowedMoves).toEqual(['withdrawn']);
  });

  it('needs a reason for every failed criterion and refuses criteria the programme does not have', async () => {
    const id = await applicationIn('screening', 'committee');
    const before = await writes();
    const noReason = await staff.put(`/api/applications/${id}/screening`, { results: [{ key: 'territory', passed: false }] });
    expect(noReason.status).toBe(400);
    expect(Object.keys((await noReason.json()).error.fields)).toContain('results.0.reason');
    expect((await staff.put(`/api/applications/${id}/screening`, { results: [{ key: 'no_such', passed: true }] })).status).toBe(400);
    expect(await writes()).toEqual(before);
    const failed = await (await expectOk(staff.put(`/api/applications/${id}/screening`, { results: [{ key: 'territory', passed: false, reason: 'Siège à Laval' }] }))).json();
    expect(failed).toMatchObject({ complete: true, eligible: false });
    expect(failed.lines.find((l: { key: string }) => l.key === 'territory').reason).toBe('Siège à Laval');
    expect((await staff.post(`/api/applications/${id}/moves`, { to: 'committee' })).status).toBe(409);
    expect((await expectOk(staff.post(`/api/applications/${id}/moves`, { to: 'rejected', reason: 'Hors territoire' })).then((r) => r.json())).status).toBe('rejected');
    const closed = await staff.put(`/api/applications/${id}/screening`, { results: [{ key: 'territory', passed: true }] });
    expect(closed.status).toBe(409);
  });

  it('asks why an application is rejected, waitlisted or withdrawn, and writes nothing without it', async () => {
    const id = await draftApplication(holder, programmeId);
    const before = await writes();
    const res = await holder.post(`/api/applications/${id}/moves`, { to: 'withdrawn' });
    expect(res.status).toBe(400);
    expect((await res.json()).error.fields.reason).toBeDefined();
    expect(await writes()).toEqual(before);
    expect(await statusOf(id)).toBe('draft');
  });

  it('refuses a move made from a stale view of the board', async () => {
    const id = await draftApplication(holder, programmeId);
    await expectOk(holder.post(`/api/applications/${id}/moves`, { to: 'submitted' }));
    const res = await staff.post(`/api/applications/${id}/moves`, { to: 'screening', from: 'draft' });
    expect(res.status).toBe(409);
    expect(await statusOf(id)).toBe('submitted');
  });

  it('lets the holder edit a draft only, and refuses submission once the call has closed', async () => {
    const id = await draftApplication(holder, programmeId);
    const edited = await (await expectOk(holder.patch(`/api/applications/${id}`, { motivation: 'Nouvelle motivation', project: { ...applicationInput(programmeId).project, title: 'Nouveau titre' } }))).json();
    expect(edited.motivation).toBe('Nouvelle motivation');
    expect(edited.projectTitle).toBe('Nouveau titre');
    await ctx.database.db.update(programmes).set({ callClosesOn: '2021-01-01' }).where(eq(programmes.id, programmeId));
    try {
      expect((await holder.post(`/api/applications/${id}/moves`, { to: 'submitted' })).status).toBe(409);
      expect((await holder.post('/api/applications', applicationInput(programmeId))).status).toBe(409);
    } finally {
      await ctx.database.db.update(programmes).set({ callClosesOn: '2099-12-31' }).where(eq(programmes.id, programmeId));
    }
    await expectOk(holder.post(`/api/applications/${id}/moves`, { to: 'submitted' }));
    expect((await holder.patch(`/api/applications/${id}`, { motivation: 'Trop tard' })).status).toBe(409);
  });

  it('refuses a draft that breaks the form rules, writing nothing', async () => {
    const before = await writes();
    const input = applicationInput(programmeId);
    const res = await holder.post('/api/applications', { ...input, organisation: { ...input.organisation, womenCount: 9, legalForm: 'cooperative', targetLegalForm: 'association' } });
    expect(res.status).toBe(400);
    const fields = Object.keys((await res.json()).error.fields);
    expect(fields).toEqual(expect.arrayContaining(['organisation.foundersCount', 'organisation.targetLegalForm']));
    expect((await holder.post('/api/applications', { ...input, programmeId: '00000000-0000-4000-8000-000000000000' })).status).toBe(404);
    expect(await writes()).toEqual(before);
  });

  it('records an informal group on its way to a legal form', async () => {
    const input = applicationInput(programmeId, 'Collectif de couturières');
    const res = await holder.post('/api/applications', { ...input, organisation: { ...input.organisation, legalForm: 'informal_group', targetLegalForm: 'cooperative' } });
    expect(res.status).toBe(201);
    expect((await res.json()).organisation).toMatchObject({ legalForm: 'informal_group', targetLegalForm: 'cooperative' });
  });
});

describe('holders and their applications', () => {
  it("keeps a holder out of another holder's application", async () => {
    const id = await draftApplication(holder, programmeId, 'Dossier confidentiel');
    const before = await writes();
    expect((await otherHolder.get(`/api/applications/${id}`)).status).toBe(404);
    expect((await otherHolder.get(`/api/applications/${id}/messages`)).status).toBe(404);
    expect((await otherHolder.patch(`/api/applications/${id}`, { motivation: 'piraté' })).status).toBe(404);
    expect((await otherHolder.post(`/api/applications/${id}/moves`, { to: 'submitted' })).status).toBe(404);
    expect((await otherHolder.post(`/api/applications/${id}/messages`, { body: 'Bonjour' })).status).toBe(404);
    expect(await writes()).toEqual(before);
    const list = await (await otherHolder.get('/api/applications?limit=200')).json();
    expect(list.items.some((a: { id: string }) => a.id === id)).toBe(false);
    const csv = await (await otherHolder.get('/api/applications/export.csv')).text();
    expect(csv).not.toContain('Dossier confidentiel');
    const own = await (await holder.get('/api/applications?limit=200')).json();
    expect(own.items.length).toBeGreaterThan(0);
    expect(own.items.every((a: { holderUserId: string }) => a.holderUserId === holder.me!.user.id)).toBe(true);
  });

  it('shows the holder the messages addressed to them, not internal notes', async () => {
    const id = await draftApplication(holder, programmeId);
    await expectOk(staff.post(`/api/applications/${id}/messages`, { body: 'Merci, il manque vos états financiers.', audience: 'holder' }));
    await expectOk(staff.post(`/api/applications/${id}/messages`, { body: 'Note interne : dossier prometteur.', audience: 'internal' }));
    const reply = await (await expectOk(holder.post(`/api/applications/${id}/messages`, { body: 'Les voici.', audience: 'internal' }))).json();
    expect(reply.audience).toBe('holder');
    const seenByHolder = await (await holder.get(`/api/applications/${id}/messages`)).json();
    expect(seenByHolder.items.map((m: { body: string }) => m.body)).toEqual(['Merci, il manque vos états financiers.', 'Les voici.']);
    const seenByStaff = await (await staff.get(`/api/applications/${id}/messages`)).json();
    expect(seenByStaff.items).toHaveLength(3);
  });
});

describe('lists and reports', () => {
  it('counts applications per stage per programme in the funnel and its CSV', async () => {
    const fresh = (await createOpenProgramme(staff)).id;
    const ids = [await draftApplication(holder, fresh), await draftApplication(holder, fresh), await draftApplication(holder, fresh)];
    await expectOk(holder.post(`/api/applications/${ids[0]}/moves`, { to: 'submitted' }));
    await expectOk(holder.post(`/api/applications/${ids[1]}/moves`, { to: 'withdrawn', reason: 'Projet abandonné' }));
    const funnel = await (await staff.get('/api/applications/funnel')).json();
    const row = funnel.programmes.find((p: { programmeId: string }) => p.programmeId === fresh);
    expect(row.counts).toMatchObject({ draft: 1, submitted: 1, withdrawn: 1, screening: 0, accepted: 0 });
    expect(row.total).toBe(3);
    const csv = (await (await staff.get('/api/applications/funnel/export.csv')).text()).replace(/^\uFEFF/, '');
    expect(csv.split('\n')[0]).toBe('programme,name,draft,submitted,screening,committee,accepted,waitlisted,rejected,withdrawn,total');
    const board = await (await staff.get(`/api/applications/board?programmeId=${fresh}`)).json();
    expect(board.columns.map((c: { status: string }) => c.status)).toEqual([...APPLICATION_STATUSES]);
    expect(board.columns.find((c: { status: string }) => c.status === 'draft').items).toHaveLength(1);
  });

  it('shows each board column its own longest-waiting cards and says how many more the stage holds', async () => {
    const fresh = (await createOpenProgramme(staff)).id;
    const submitted = await draftApplication(holder, fresh, 'Déposée seule');
    await expectOk(holder.post(`/api/applications/${submitted}/moves`, { to: 'submitted' }));
    const draft = await draftApplication(holder, fresh, 'Brouillon modèle');
    // Copies of the draft (each with its own project), set-based: a crowded stage past one column's size.
    const copies = BOARD_COLUMN_SIZE + 23;
    const columnsOf = async (table: string) =>
      rowsOf<{ c: string }>(await ctx.database.db.execute(sql`select column_name as c from information_schema.columns where table_schema = 'public' and table_name = ${table} order by ordinal_position`)).map((r) => r.c);
    const projectCols = (await columnsOf('projects')).filter((c) => c !== 'id');
    const appCols = (await columnsOf('applications')).filter((c) => !['id', 'project_id', 'created_at', 'updated_at'].includes(c));
    const list = (cols: string[], prefix = '') => sql.raw(cols.map((c) => `${prefix}"${c}"`).join(', '));
    await ctx.database.db.execute(sql`
      with source as (select a.project_id, a.id from applications a where a.id = ${draft}),
      copies as (
        insert into projects (id, ${list(projectCols)})
        select gen_random_uuid(), ${list(projectCols, 'p.')} from projects p join source on p.id = source.project_id, generate_series(1, ${copies}) g
        returning id
      )
      insert into applications (id, project_id, created_at, updated_at, ${list(appCols)})
      select gen_random_uuid(), copies.id, now(), now(), ${list(appCols, 'a.')} from copies, applications a where a.id = ${draft}`);
    const board = await (await expectOk(staff.get(`/api/applications/board?programmeId=${fresh}`))).json();
    const column = (status: string) => board.columns.find((c: { status: string }) => c.status === status);
    expect(column('draft').total).toBe(copies + 1);
    expect(column('draft').items).toHaveLength(BOARD_COLUMN_SIZE);
    // The model draft waited longest (it was updated before its copies existed): it leads the column.
    expect(column('draft').items[0].id).toBe(draft);
    // The crowded stage does not push the other stages' cards out of view.
    expect(column('submitted').total).toBe(1);
    expect(column('submitted').items.map((i: { id: string }) => i.id)).toEqual([submitted]);
  });

  it('searches applications by project (the pattern taken literally) and filters them by status and project', async () => {
    const fresh = (await createOpenProgramme(staff)).id;
    const bulk = await draftApplication(holder, fresh, 'Épicerie 100% vrac');
    const bikes = await draftApplication(holder, fresh, 'Atelier vélo');
    await expectOk(holder.post(`/api/applications/${bikes}/moves`, { to: 'submitted' }));
    const ids = async (query: string) => (await (await staff.get(`/api/applications?programmeId=${fresh}&${query}`)).json()).items.map((i: { id: string }) => i.id);
    expect(await ids(`q=${encodeURIComponent('100%')}`)).toEqual([bulk]);
    expect(await ids(`q=${encodeURIComponent('%vélo')}`)).toEqual([]);
    expect(await ids('q=atelier')).toEqual([bikes]);
    expect(await ids('status=submitted')).toEqual([bikes]);
    expect(await ids('status=draft')).toEqual([bulk]);
    const { projectId } = await (await staff.get(`/api/applications/${bikes}`)).json();
    expect(await ids(`projectId=${projectId}`)).toEqual([bikes]);
    expect(await ids(`projectId=${projectId}&status=draft`)).toEqual([]);
  });

  it('pages through applications with cursors and exports them filtered', async () => {
    const seen = new Set<string>();
    let cursor: string | null = null;
    do {
      const page = await (await staff.get(`/api/applications?programmeId=${programmeId}&limit=7${cursor ? `&cursor=${cursor}` : ''}`)).json();
      for (const item of page.items) {
        expect(seen.has(item.id)).toBe(false);
        seen.add(item.id);
      }
      cursor = page.nextCursor;
    } while (cursor);
    const [{ n }] = rowsOf<{ n: string }>(await ctx.database.db.execute(sql`select count(*) as n from applications where programme_id = ${programmeId}`));
    expect(seen.size).toBe(Number(n));
    const csv = (await (await staff.get(`/api/applications/export.csv?programmeId=${programmeId}&status=draft`)).text()).replace(/^\uFEFF/, '').trim().split('\n');
    expect(csv[0]).toBe('id,programme,project,organisation,legal_form,holder,status,submitted_at,decided_at,created_at');
    const drafts = await ctx.database.db.select().from(applications).where(sql`${applications.programmeId} = ${programmeId} and ${applications.status} = 'draft'`);
    expect(csv).toHaveLength(1 + drafts.length);
  });

  it('keeps one event per move, in order', async () => {
    const id = await draftApplication(holder, programmeId);
    await expectOk(holder.post(`/api/applications/${id}/moves`, { to: 'submitted' }));
    const events = await ctx.database.db.select().from(applicationEvents).where(eq(applicationEvents.applicationId, id));
    expect(events.map((e) => [e.fromStatus, e.toStatus])).toEqual([
      [null, 'draft'],
      ['draft', 'submitted'],
    ]);
    expect(events[1].actorId).toBe(holder.me!.user.id);
  });
});
