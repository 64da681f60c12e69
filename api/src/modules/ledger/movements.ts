import type { EntryKind } from '@essor/shared/ledger';
import type { Db } from '../../db/client';
import { ACCOUNT, type AccountCode } from './chart';
import { postJournalEntry, type DateBound, type JournalLineInput, type PostedEntry } from './posting';

/** One leg of a movement: a named part of the amount, debited on one account and credited on another. */
export interface MovementLeg {
  part: string;
  debit: AccountCode;
  credit: AccountCode;
}

export interface MovementSpec {
  /** The journal's kind of entry (what the figures and the reports group by). */
  entryKind: EntryKind;
  /** In words, for the decision record and whoever reads the catalogue. */
  meaning: string;
  legs: readonly MovementLeg[];
  /** The books it is posted in: a fund's own chart (default), trust books (funds of type bond_trust) or a guarantee fund's. */
  books?: 'fund' | 'trust' | 'guarantee';
}

const amount = (debit: AccountCode, credit: AccountCode) => [{ part: 'amount', debit, credit }] as const;

/** A bond payout's legs: interest and principal called on the issuer, collected, then paid (the tax withheld stays owed). */
const PAYOUT_CALL = [
  { part: 'interest', debit: ACCOUNT.couponsReceivable, credit: ACCOUNT.couponsPayable },
  { part: 'principal', debit: ACCOUNT.principalReceivable, credit: ACCOUNT.principalPayable },
] as const;
const PAYOUT_COLLECTED = [
  { part: 'interest', debit: ACCOUNT.trustBank, credit: ACCOUNT.couponsReceivable },
  { part: 'principal', debit: ACCOUNT.trustBank, credit: ACCOUNT.principalReceivable },
] as const;
const PAYOUT_PAID = [
  { part: 'withheld', debit: ACCOUNT.couponsPayable, credit: ACCOUNT.taxWithheld },
  { part: 'net', debit: ACCOUNT.couponsPayable, credit: ACCOUNT.trustBank },
  { part: 'principal', debit: ACCOUNT.principalPayable, credit: ACCOUNT.trustBank },
] as const;

/**
 * Every kind of money movement Essor posts, with the accounts it debits and credits: a posting names a
 * movement, never lines (TigerBeetle's one code per kind of transfer; reserve, then post or void).
 * A reversal is not listed: it mirrors the lines of the entry it corrects (ledger/posting.ts).
 */
export const MOVEMENTS = {
  capital_in: { entryKind: 'capital_contribution', meaning: 'A funder pays capital in', legs: amount(ACCOUNT.bank, ACCOUNT.capital) },
  cofinancing_commit: { entryKind: 'commitment', meaning: 'A co-financing is approved: granted, payable until paid', legs: amount(ACCOUNT.cofinancingGranted, ACCOUNT.cofinancingPayable) },
  cofinancing_pay_out: { entryKind: 'disbursement', meaning: 'A tranche leaves the bank', legs: amount(ACCOUNT.cofinancingPayable, ACCOUNT.bank) },
  cofinancing_release: { entryKind: 'cancellation', meaning: 'What was promised and not paid goes back to the fund', legs: amount(ACCOUNT.cofinancingPayable, ACCOUNT.cofinancingGranted) },
  equipment_commit: { entryKind: 'commitment', meaning: 'A quote is approved: equipment owed to the supplier', legs: amount(ACCOUNT.equipment, ACCOUNT.suppliersPayable) },
  equipment_pay_out: { entryKind: 'disbursement', meaning: "The supplier's invoice is paid", legs: amount(ACCOUNT.suppliersPayable, ACCOUNT.bank) },
  equipment_release: { entryKind: 'cancellation', meaning: 'What the invoice did not use, or a cancelled order, goes back to the fund', legs: amount(ACCOUNT.suppliersPayable, ACCOUNT.equipment) },
  loan_commit: { entryKind: 'commitment', meaning: 'A loan is approved: receivable, to disburse', legs: amount(ACCOUNT.loansReceivable, ACCOUNT.loansToDisburse) },
  loan_pay_out: { entryKind: 'disbursement', meaning: 'The principal leaves the bank', legs: amount(ACCOUNT.loansToDisburse, ACCOUNT.bank) },
  loan_release: { entryKind: 'cancellation', meaning: 'An approved loan is dropped before it is paid out', legs: amount(ACCOUNT.loansToDisburse, ACCOUNT.loansReceivable) },
  loan_repayment: {
    entryKind: 'repayment',
    meaning: 'The borrower pays: principal back to the fund, interest earned',
    legs: [
      { part: 'principal', debit: ACCOUNT.bank, credit: ACCOUNT.loansReceivable },
      { part: 'interest', debit: ACCOUNT.bank, credit: ACCOUNT.interestIncome },
    ],
  },
  loan_write_off: { entryKind: 'write_off', meaning: 'What the borrower will not repay becomes a loss', legs: amount(ACCOUNT.loanLosses, ACCOUNT.loansReceivable) },
  // Matchfunding (bonds/matchfunding.ts): a fund pledges to match a community bond raise, in its own books.
  bond_match_commit: { entryKind: 'commitment', meaning: "A fund pledges to match a bond offering's raise: its cap is granted, payable until the close", legs: amount(ACCOUNT.cofinancingGranted, ACCOUNT.cofinancingPayable) },
  bond_match_pay_out: { entryKind: 'disbursement', meaning: 'The offering closed above its minimum: the match leaves the fund for the issuer', legs: amount(ACCOUNT.cofinancingPayable, ACCOUNT.bank) },
  bond_match_release: { entryKind: 'cancellation', meaning: "What the match did not use of the cap, or a pledge withdrawn, failed or cancelled, goes back to the fund", legs: amount(ACCOUNT.cofinancingPayable, ACCOUNT.cofinancingGranted) },
  bond_subscription_paid: {
    entryKind: 'subscription_payment',
    meaning: "A subscriber's payment reaches the trust account: held in trust for them until the close",
    legs: amount(ACCOUNT.trustBank, ACCOUNT.subscriptionsHeld),
    books: 'trust',
  },
  bond_subscription_refund: {
    entryKind: 'subscription_refund',
    meaning: 'Money held for a subscriber goes back to them (a failed raise, a reservation dropped with a part paid)',
    legs: amount(ACCOUNT.subscriptionsHeld, ACCOUNT.trustBank),
    books: 'trust',
  },
  bond_issuer_payable: {
    entryKind: 'issuer_transfer',
    meaning: "At a successful close, a subscriber's money becomes owed to the issuer (their bonds are allotted)",
    legs: amount(ACCOUNT.subscriptionsHeld, ACCOUNT.issuersPayable),
    books: 'trust',
  },
  bond_issuer_paid_over: {
    entryKind: 'issuer_transfer',
    meaning: 'What is owed to the issuer leaves the trust account for theirs',
    legs: amount(ACCOUNT.issuersPayable, ACCOUNT.trustBank),
    books: 'trust',
  },
  // A payout (bonds/payouts.ts): the amount due is called on the issuer, collected, then paid to each holder.
  bond_coupon_called: { entryKind: 'coupon', meaning: 'A coupon falls due: the interest is owed by the issuer and to the bondholders', legs: PAYOUT_CALL, books: 'trust' },
  bond_coupon_collected: { entryKind: 'coupon', meaning: "The issuer's payment of a coupon reaches the trust account", legs: PAYOUT_COLLECTED, books: 'trust' },
  bond_coupon_paid: { entryKind: 'coupon', meaning: 'A bondholder is paid their coupon, net of the tax withheld (owed to the tax authority)', legs: PAYOUT_PAID, books: 'trust' },
  bond_redemption_called: { entryKind: 'redemption', meaning: 'Bonds are redeemed (at maturity or early): the principal and last interest are owed by the issuer and to the bondholders', legs: PAYOUT_CALL, books: 'trust' },
  bond_redemption_collected: { entryKind: 'redemption', meaning: "The issuer's payment of the redemption reaches the trust account", legs: PAYOUT_COLLECTED, books: 'trust' },
  bond_redemption_paid: { entryKind: 'redemption', meaning: 'A bondholder is paid back their principal and last interest, net of the tax withheld', legs: PAYOUT_PAID, books: 'trust' },
  // Guarantee funds (modules/guarantees): what is promised to banks, fees, provisions, calls and recoveries.
  guarantee_exposure_up: { entryKind: 'guarantee_exposure', meaning: "A guarantee is issued, or its loan's covered outstanding grows: the promise to the bank, off balance sheet", legs: amount(ACCOUNT.guaranteesGiven, ACCOUNT.guaranteeCommitments), books: 'guarantee' },
  guarantee_exposure_down: { entryKind: 'guarantee_exposure', meaning: "The loan is repaid (in part or in full) or the guarantee is called: the promise shrinks", legs: amount(ACCOUNT.guaranteeCommitments, ACCOUNT.guaranteesGiven), books: 'guarantee' },
  guarantee_fee: { entryKind: 'guarantee_fee', meaning: 'A guarantee fee is charged (at issue, or yearly on the outstanding) and received', legs: amount(ACCOUNT.bank, ACCOUNT.guaranteeFees), books: 'guarantee' },
  provision_charge: { entryKind: 'provision', meaning: "A guarantee's expected loss grows (a worse risk class, a larger exposure): provisioned", legs: amount(ACCOUNT.provisionsCharged, ACCOUNT.guaranteeProvisions), books: 'guarantee' },
  provision_release: { entryKind: 'provision', meaning: "A guarantee's expected loss shrinks, or the loss is paid: the provision goes back", legs: amount(ACCOUNT.guaranteeProvisions, ACCOUNT.provisionsCharged), books: 'guarantee' },
  guarantee_call_approved: { entryKind: 'guarantee_call', meaning: "A bank's call is approved: the payout is a loss, owed to the bank", legs: amount(ACCOUNT.callsPaid, ACCOUNT.callsPayable), books: 'guarantee' },
  guarantee_call_paid: { entryKind: 'guarantee_call', meaning: 'The payout leaves the bank for the lending bank', legs: amount(ACCOUNT.callsPayable, ACCOUNT.bank), books: 'guarantee' },
  guarantee_recovery: { entryKind: 'guarantee_recovery', meaning: "The fund's share of what the bank recovered from the borrower after a call comes back", legs: amount(ACCOUNT.bank, ACCOUNT.recoveries), books: 'guarantee' },
} as const satisfies Record<string, MovementSpec>;

export type MovementKind = keyof typeof MOVEMENTS;
type PartOf<K extends MovementKind> = (typeof MOVEMENTS)[K]['legs'][number]['part'];

/** A one-part movement takes `amountMinor`; a movement of several parts takes each part's amount. */
export type MovementAmounts<K extends MovementKind> = PartOf<K> extends 'amount' ? { amountMinor: number } : { parts: Record<PartOf<K>, number> };

/** What every posting says besides its amounts: when, why, for which document, by whom, and after what. */
export interface MovementDetails {
  occurredOn: string;
  description: string;
  projectId?: string | null;
  /** The business document the movement belongs to. */
  source?: { type: string; id: string };
  postedBy: string | null;
  notBefore?: DateBound | null | (DateBound | null)[];
  dateField?: string;
}

export type MovementInput<K extends MovementKind> = MovementAmounts<K> & MovementDetails & { fund: { id: string; currency: string } };

/** Each kind of money document reserves, then pays out or releases, through its own movements (two-phase). */
export const COMMITMENT_MOVEMENTS = {
  cofinancing: { commit: 'cofinancing_commit', payOut: 'cofinancing_pay_out', release: 'cofinancing_release' },
  equipment: { commit: 'equipment_commit', payOut: 'equipment_pay_out', release: 'equipment_release' },
  loan: { commit: 'loan_commit', payOut: 'loan_pay_out', release: 'loan_release' },
  bond_match: { commit: 'bond_match_commit', payOut: 'bond_match_pay_out', release: 'bond_match_release' },
} as const satisfies Record<string, { commit: MovementKind; payOut: MovementKind; release: MovementKind }>;

export type CommitmentLine = keyof typeof COMMITMENT_MOVEMENTS;

/** The balanced lines of a movement: each leg's part on its two accounts, same-side lines on one account added up, empty parts left out. */
export function movementLines<K extends MovementKind>(kind: K, amounts: MovementAmounts<K>): JournalLineInput[] {
  const spec: MovementSpec = MOVEMENTS[kind];
  const partAmount = (part: string) => ('amountMinor' in amounts ? amounts.amountMinor : (amounts.parts as Record<string, number>)[part]);
  const debits = new Map<AccountCode, number>();
  const credits = new Map<AccountCode, number>();
  for (const leg of spec.legs) {
    const value = partAmount(leg.part);
    if (value === 0) continue;
    debits.set(leg.debit, (debits.get(leg.debit) ?? 0) + value);
    credits.set(leg.credit, (credits.get(leg.credit) ?? 0) + value);
  }
  return [...[...debits].map(([account, debit]) => ({ account, debit })), ...[...credits].map(([account, credit]) => ({ account, credit }))];
}

/** Posts one movement of the catalogue as one balanced entry, inside the caller's transaction. */
export function postMovement<K extends MovementKind>(tx: Db, kind: K, input: MovementInput<K>): Promise<PostedEntry> {
  return postJournalEntry(tx, {
    fundId: input.fund.id,
    currency: input.fund.currency,
    occurredOn: input.occurredOn,
    dateField: input.dateField,
    notBefore: input.notBefore,
    kind: MOVEMENTS[kind].entryKind,
    description: input.description,
    projectId: input.projectId ?? null,
    sourceType: input.source?.type,
    sourceId: input.source?.id,
    postedBy: input.postedBy,
    lines: movementLines(kind, input),
  });
}
