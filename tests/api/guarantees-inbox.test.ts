import type { ApprovalInbox } from '@essor/shared/cofinancing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../api/src/db/client';
import { callGuarantee } from '../../api/src/modules/guarantees/calls';
import { prepareGuarantee } from '../../api/src/modules/guarantees/requests';
import { createGuaranteeFixture, guaranteeInput, issueGuarantee, type GuaranteeFixture } from '../support/guarantee-fixtures';
import { createTestContext, type TestClient, type TestContext } from '../support/http';

let ctx: TestContext;
let db: Db;
let fx: GuaranteeFixture;
let manager: TestClient;
let second: TestClient;
beforeAll(async () => {
  ctx = await createTestContext();
  db = ctx.database.db;
  fx = await createGuaranteeFixture(db);
  manager = await ctx.client().signIn(fx.manager.email!);
  second = await ctx.client().signIn(fx.secondManager.email!);
});
afterAll(() => ctx.close());

const guaranteesIn = async (client: TestClient) => ((await (await client.get('/api/funds/inbox')).json()) as ApprovalInbox).guarantees;

describe('the funds inbox lists what waits on a guarantee', () => {
  it('shows a prepared guarantee to the fund managers who may decide it, and a call to everyone but its maker', async () => {
    // 80 000.00 at 60 %: 48 000.00 to guarantee, waiting for a fund manager (the preparer is staff).
    const prepared = await prepareGuarantee(db, fx.staff, guaranteeInput(fx, { loanAmountMinor: 8_000_000, coverageBps: 6000 }));
    for (const client of [manager, second]) {
      expect((await guaranteesIn(client)).filter((g) => g.id === prepared.id).map((g) => [g.kind, g.number, g.amountMinor, g.currency])).toEqual([['guarantee.approve', prepared.number, 4_800_000, 'CAD']]);
    }
    // A call made by the first manager: 50 % of a 30 000.00 loss, 15 000.00, waits on the second only.
    const issued = await issueGuarantee(db, fx, { loanAmountMinor: 6_000_000, coverageBps: 5000 });
    await callGuarantee(db, fx.manager, issued, { defaultedOn: '2026-03-01', calledOn: '2026-03-10', declaredLossMinor: 3_000_000, note: '' });
    expect((await guaranteesIn(manager)).filter((g) => g.id === issued)).toEqual([]);
    expect((await guaranteesIn(second)).filter((g) => g.id === issued).map((g) => [g.kind, g.amountMinor])).toEqual([['guarantee.call', 1_500_000]]);
    // Staff decide nothing: the inbox is not theirs.
    expect((await (await ctx.as('staff')).get('/api/funds/inbox')).status).toBe(403);
  });
});
