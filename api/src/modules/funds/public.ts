/**
 * What the funds module offers the money documents (co-financing, equipment, loans) and the other
 * modules: the fund's row and its lock, its three verbs on a promise, what is available, the rules a
 * financing must meet, the envelopes and the figures.
 */
export { availableOf, ensureAvailable } from './availability';
export { commit, payOut, releaseCommitment } from './commitments';
export { ensureCurrency, ensureFinanceable, ensureFinances, isFinanceable } from './eligibility';
export { committedToProgramme, findEnvelope } from './envelopes';
export { figuresOfFunds, fundFigures } from './figures';
export { getFundRow, lockFund, withFundLock, type FundRow } from './lock';
