import type { Db } from '../../db/client';
import { funds } from '../../db/schema/funds';
import { projects } from '../../db/schema/projects';
import { Conflict, Unprocessable } from '../../lib/errors';
import { msg } from '../../lib/messages/render';
import { committedToProgramme, findEnvelope } from '../funds/public';

export type ProjectRow = typeof projects.$inferSelect;

export type FundRow = typeof funds.$inferSelect;

/**
 * The programme's rules and the project's budget: the request plus the other funders fit in the
 * budget, the request stays under the programme's maximum amount and share, and within its envelope.
 */
export async function checkFinancingRules(db: Db, fund: FundRow, project: ProjectRow, amountMinor: number, otherFundersMinor: number, alreadyCommittedHere: boolean) {
  if (amountMinor + otherFundersMinor > project.totalBudgetMinor) {
    throw new Unprocessable(msg('cofinancing.over_budget', { total: amountMinor + otherFundersMinor, budget: project.totalBudgetMinor }), 'invalid', {
      amountMinor: ['field.above_budget_left'],
    });
  }
  const envelope = await findEnvelope(db, fund.id, project.programmeId);
  if (!envelope) return;
  if (amountMinor > envelope.maxRequestMinor) {
    throw new Unprocessable(msg('cofinancing.above_programme_max', { max: envelope.maxRequestMinor }), 'invalid', { amountMinor: ['field.above_programme_max'] });
  }
  if (amountMinor * 10_000 > project.totalBudgetMinor * envelope.maxShareBps) {
    throw new Unprocessable(msg('cofinancing.above_programme_share', { percent: envelope.maxShareBps / 100 }), 'invalid', { amountMinor: ['field.above_programme_share'] });
  }
  if (!alreadyCommittedHere) {
    const committed = await committedToProgramme(db, fund.id, envelope.programmeId);
    if (committed + amountMinor > envelope.amountMinor) {
      throw new Conflict(msg('cofinancing.envelope_left', { left: envelope.amountMinor - committed }), { amountMinor: ['field.above_envelope_left'] });
    }
  }
}
