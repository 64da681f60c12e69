/**
 * What the ledger offers the other modules: the chart, the catalogue of movements, the rules on dates
 * and the reversal of an entry. Lines are never written by hand outside this module (postMovement).
 */
export { ACCOUNT, CHART_OF_ACCOUNTS, COMMITMENT_ACCOUNTS, GUARANTEE_CHART_OF_ACCOUNTS, TRUST_CHART_OF_ACCOUNTS, chartFor, type AccountCode } from './chart';
export { COMMITMENT_MOVEMENTS, MOVEMENTS, postMovement, type CommitmentLine, type MovementDetails, type MovementInput, type MovementKind } from './movements';
export {
  approvalBound,
  closedThrough,
  dayOf,
  ensureDateInOrder,
  openChartOfAccounts,
  reversalDateFor,
  reverseJournalEntry,
  todayUtc,
  type DateBound,
  type PostedEntry,
} from './posting';
export { getJournalEntry } from './reports';
