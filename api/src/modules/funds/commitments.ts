import type { Db } from '../../db/client';
import { COMMITMENT_MOVEMENTS, ensureDateInOrder, postMovement, type CommitmentLine, type MovementDetails, type PostedEntry } from '../ledger/public';
import { ensureAvailable } from './availability';
import type { FundRow } from './lock';

/**
 * The fund's three verbs on a promise, each called with the fund's row from `withFundLock` (./lock.ts):
 * commit reserves money, payOut turns the reservation into cash leaving the bank (the unused rest is
 * released), release gives back what will not be paid.
 */

/** Reserves the amount: the date in order, then never more than is available on that day and after (./availability.ts). */
export async function commit(tx: Db, fund: FundRow, line: CommitmentLine, amountMinor: number, details: MovementDetails): Promise<PostedEntry> {
  await ensureDateInOrder(tx, { fundId: fund.id, occurredOn: details.occurredOn, notBefore: details.notBefore, dateField: details.dateField });
  await ensureAvailable(tx, fund.id, amountMinor, details.occurredOn);
  return postMovement(tx, COMMITMENT_MOVEMENTS[line].commit, { fund, amountMinor, ...details });
}

/**
 * Pays out what was reserved, whole or in part; when `rest` is given, what the payment leaves of the
 * reservation is released on the same day.
 */
export async function payOut(
  tx: Db,
  fund: FundRow,
  line: CommitmentLine,
  amountMinor: number,
  details: MovementDetails,
  rest?: { committedMinor: number; description: string },
): Promise<{ payment: PostedEntry; release: PostedEntry | null }> {
  const payment = await postMovement(tx, COMMITMENT_MOVEMENTS[line].payOut, { fund, amountMinor, ...details });
  const unused = rest ? rest.committedMinor - amountMinor : 0;
  const release = unused > 0 ? await releaseCommitment(tx, fund, line, unused, { ...details, description: rest!.description }) : null;
  return { payment, release };
}

/** Gives back to the fund what was reserved and will not be paid. */
export function releaseCommitment(tx: Db, fund: FundRow, line: CommitmentLine, amountMinor: number, details: MovementDetails): Promise<PostedEntry> {
  return postMovement(tx, COMMITMENT_MOVEMENTS[line].release, { fund, amountMinor, ...details });
}
