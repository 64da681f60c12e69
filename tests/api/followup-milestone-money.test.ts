import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../api/src/db/schema/auth';
import { recordAudit } from '../../api/src/lib/audit';
import { hashPassword } from '../../api/src/lib/passwords';
import { DEMO_PASSWORD } from '../../seeds/platform';
import { createFund } from '../../api/src/modules/funds/service';
import { recordContribution } from '../../api/src/modules/funds/contributions';
import { ROOT_STRUCTURE_ID } from '../support/structures';
import { createFundsFixture, type FundsFixture } from '../support/funds-fixtures';
import { createTestContext, type TestClient, type TestContext } from '../support/http';

let ctx: TestContext;
let fixture: FundsFixture;
let staff: TestClient;
let manager: TestClient;
let keySeq = 0;
const withKey = () => ({ headers: { 'Idempotency-Key': `milestone-money-${Date.now()}-${keySeq++}` } });

beforeAll(async () => {
  ctx = await createTestContext();
  fixture = await createFundsFixture(ctx.database.db);
  await ctx.database.db.update(users).set({ passwordHash: await hashPassword(DEMO_PASSWORD) }).where(eq(users.email, 'fund2@essor.test'));
  [staff, manager] = await Promise.all([ctx.as('staff'), ctx.as('fund_manager')]);
});
afterAll(() => ctx.close());

describe('a milestone that released money', () => {
  it('cannot go back to planned (nor missed) once a tranche hanging on it is disbursed', async () => {
    const fund = await createFund(ctx.database.db, fixture.manager, { code: 'F-JALON', name: 'Fonds jalon', type: 'co_financing', currency: 'CAD', description: '', committeeThresholdMinor: Number.MAX_SAFE_INTEGER, structureId: ROOT_STRUCTURE_ID });
    const today = new Date().toISOString().slice(0, 10);
    await recordContribution(ctx.database.db, fixture.manager, fund.id, { funderId: fixture.funderId, amountMinor: 1_000_000, currency: 'CAD', receivedOn: today });
    const fundId = fund.id;
    // Staff admitted the project to financing (the audited admission the money rules look for).
    await recordAudit(ctx.database.db, fixture.staff, { action: 'project.admit_to_financing', entity: 'project', entityId: fixture.projectId, structureId: ROOT_STRUCTURE_ID, after: { reason: 'Test' } });
    const milestone = await (await staff.post('/api/followup/milestones', { projectId: fixture.projectId, kind: 'first_sale', title: 'Première vente' })).json();
    const creating = await staff.post('/api/funds/cofinancing', { fundId, projectId: fixture.projectId, amountMinor: 300_000, currency: 'CAD', purpose: 'Achat du four à pain', otherFunders: [] });
    expect(creating.status, await creating.clone().text()).toBe(201);
    const created = await creating.json();
    const prepared = await (
      await staff.post(`/api/funds/cofinancing/${created.id}/prepare`, { recommendation: 'Favorable', conditions: [], tranches: [{ amountMinor: 300_000, milestoneId: milestone.id }] })
    ).json();
    const approved = await manager.post(`/api/funds/cofinancing/${created.id}/approve`, { note: '' }, withKey());
    expect(approved.status, await approved.clone().text()).toBe(200);
    expect((await staff.post(`/api/funds/cofinancing/${created.id}/agreement`, { signedOn: today })).status).toBe(200);
    // Reached, then back to planned before any payment: allowed (a mistake corrected).
    expect((await staff.patch(`/api/followup/milestones/${milestone.id}`, { status: 'reached', evidence: 'Ticket de caisse', reachedOn: today })).status).toBe(200);
    expect((await staff.patch(`/api/followup/milestones/${milestone.id}`, { status: 'planned' })).status).toBe(200);
    expect((await staff.patch(`/api/followup/milestones/${milestone.id}`, { status: 'reached', evidence: 'Ticket de caisse', reachedOn: today })).status).toBe(200);
    const paid = await manager.post(`/api/funds/cofinancing/${created.id}/tranches/${prepared.tranches[0].id}/disburse`, {}, withKey());
    expect(paid.status).toBe(200);
    for (const status of ['planned', 'missed']) {
      const back = await staff.patch(`/api/followup/milestones/${milestone.id}`, { status });
      expect(back.status).toBe(409);
    }
    const after = (await (await staff.get(`/api/followup/milestones?projectId=${fixture.projectId}`)).json()).items.find((m: { id: string }) => m.id === milestone.id);
    expect(after).toMatchObject({ status: 'reached', reachedOn: today });
    // Its title and due date may still be edited.
    expect((await staff.patch(`/api/followup/milestones/${milestone.id}`, { title: 'Première vente de pain' })).status).toBe(200);
  });
});
