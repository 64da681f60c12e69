import { QUOTE_FLOW, type Quote, type QuoteAction } from '@essor/shared/equipment';
import { actionsByRole } from '@essor/shared/money-flow';
import type { Db } from '../../db/client';
import type { CurrentUser } from '../../lib/context';
import { touchedBy } from '../approvals/public';
import { reaches } from '../../lib/scope';

type Waiting = Quote['waiting'][number];

/** What the caller may do now on each quote, from the shared flow and four eyes, as the service enforces them. */
export async function withQuoteActions(db: Db, user: Pick<CurrentUser, 'id' | 'reach'>, quotes: Quote[]): Promise<Quote[]> {
  const touched = await touchedBy(db, 'equipment_quote', quotes.map((q) => q.id), user.id);
  return quotes.map((quote) => {
    const handOn = touched.has(quote.id) || quote.recordedBy === user.id;
    const allowed: QuoteAction[] = [];
    const waiting: Waiting[] = [];
    for (const action of actionsByRole(QUOTE_FLOW, quote.status, (roles) => reaches(user, quote.structureId, roles))) {
      if ((action === 'approve' || action === 'reject') && handOn) waiting.push({ action, reason: 'four_eyes', trancheId: null });
      else allowed.push(action);
    }
    return { ...quote, allowedActions: allowed, waiting };
  });
}
