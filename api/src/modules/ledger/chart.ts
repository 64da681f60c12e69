/**
 * The chart every fund gets: codes are stable so services and reports name accounts by code (the admin
 * translates them by code; entry descriptions are written in French, the books' language).
 */
export const CHART_OF_ACCOUNTS = [
  { code: '1000', name: 'Bank', type: 'asset' },
  { code: '1100', name: 'Loans receivable', type: 'asset' },
  { code: '1200', name: 'Equipment held by projects', type: 'asset' },
  { code: '2000', name: 'Co-financing committed, not yet disbursed', type: 'liability' },
  { code: '2100', name: 'Equipment orders and supplier invoices', type: 'liability' },
  { code: '2200', name: 'Loans committed, not yet disbursed', type: 'liability' },
  { code: '3000', name: "Funders' capital", type: 'equity' },
  { code: '4000', name: 'Interest received', type: 'income' },
  { code: '5000', name: 'Co-financing granted', type: 'expense' },
  { code: '5100', name: 'Loans written off', type: 'expense' },
] as const;

/**
 * The chart of trust books (funds of type bond_trust): community bond money held for subscribers until
 * the close, then owed to the issuer; later the coupons and the tax withheld on them. Its own codes, so a
 * trust fund never takes a fund's movement and the other funds' balance sheets do not change.
 */
export const TRUST_CHART_OF_ACCOUNTS = [
  { code: '1050', name: 'Trust bank account', type: 'asset' },
  { code: '1350', name: 'Coupons receivable from issuers', type: 'asset' },
  { code: '1360', name: 'Principal receivable from issuers', type: 'asset' },
  { code: '2300', name: 'Subscriptions held in trust', type: 'liability' },
  { code: '2310', name: 'Payable to issuers', type: 'liability' },
  { code: '2320', name: 'Coupons payable to bondholders', type: 'liability' },
  { code: '2330', name: 'Tax withheld, payable to the tax authority', type: 'liability' },
  { code: '2340', name: 'Principal payable to bondholders', type: 'liability' },
] as const;

/**
 * The chart of guarantee funds: the fund's capital sits in the bank; what it has promised banks is kept in
 * memorandum accounts (off balance sheet, class 9: outside its net assets); provisions for expected losses,
 * calls payable and their expense, fees and recoveries earned are on the balance sheet, so its net assets
 * are always net of expected losses.
 */
export const GUARANTEE_CHART_OF_ACCOUNTS = [
  { code: '1000', name: 'Bank', type: 'asset' },
  { code: '2400', name: 'Provisions for guarantee losses', type: 'liability' },
  { code: '2410', name: 'Guarantee calls payable to banks', type: 'liability' },
  { code: '3000', name: "Funders' capital", type: 'equity' },
  { code: '4100', name: 'Guarantee fees earned', type: 'income' },
  { code: '4200', name: 'Recoveries on guarantee calls', type: 'income' },
  { code: '5200', name: 'Provisions charged', type: 'expense' },
  { code: '5300', name: 'Guarantee calls paid', type: 'expense' },
  { code: '9000', name: 'Guarantees given (exposure)', type: 'off_balance', normalBalance: 'debit' },
  { code: '9010', name: 'Guarantee commitments to banks (counterpart)', type: 'off_balance', normalBalance: 'credit' },
] as const;

interface ChartAccount {
  code: AccountCode;
  name: string;
  type: AccountType;
  /** Memorandum accounts name their side; the others take their type's. */
  normalBalance?: 'debit' | 'credit';
}

/** Which chart a fund of this type opens with. */
export function chartFor(fundType: string): readonly ChartAccount[] {
  if (fundType === 'bond_trust') return TRUST_CHART_OF_ACCOUNTS;
  if (fundType === 'guarantee') return GUARANTEE_CHART_OF_ACCOUNTS;
  return CHART_OF_ACCOUNTS;
}

export type AccountCode =
  | (typeof CHART_OF_ACCOUNTS)[number]['code']
  | (typeof TRUST_CHART_OF_ACCOUNTS)[number]['code']
  | (typeof GUARANTEE_CHART_OF_ACCOUNTS)[number]['code'];
export type AccountType = 'asset' | 'liability' | 'equity' | 'income' | 'expense' | 'off_balance';

export const ACCOUNT = {
  bank: '1000',
  loansReceivable: '1100',
  equipment: '1200',
  cofinancingPayable: '2000',
  suppliersPayable: '2100',
  loansToDisburse: '2200',
  capital: '3000',
  interestIncome: '4000',
  cofinancingGranted: '5000',
  loanLosses: '5100',
  trustBank: '1050',
  couponsReceivable: '1350',
  principalReceivable: '1360',
  subscriptionsHeld: '2300',
  issuersPayable: '2310',
  couponsPayable: '2320',
  taxWithheld: '2330',
  principalPayable: '2340',
  guaranteeProvisions: '2400',
  callsPayable: '2410',
  guaranteeFees: '4100',
  recoveries: '4200',
  provisionsCharged: '5200',
  callsPaid: '5300',
  guaranteesGiven: '9000',
  guaranteeCommitments: '9010',
} as const satisfies Record<string, AccountCode>;

/** Money the fund has promised but not paid out yet: it is not available for new commitments. */
export const COMMITMENT_ACCOUNTS: readonly AccountCode[] = [ACCOUNT.cofinancingPayable, ACCOUNT.suppliersPayable, ACCOUNT.loansToDisburse];

export function normalBalanceOf(type: AccountType, side?: 'debit' | 'credit'): 'debit' | 'credit' {
  if (side) return side;
  return type === 'asset' || type === 'expense' ? 'debit' : 'credit';
}
