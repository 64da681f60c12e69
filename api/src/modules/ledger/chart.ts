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

/** Which chart a fund of this type opens with. */
export function chartFor(fundType: string): readonly { code: AccountCode; name: string; type: AccountType }[] {
  return fundType === 'bond_trust' ? TRUST_CHART_OF_ACCOUNTS : CHART_OF_ACCOUNTS;
}

export type AccountCode = (typeof CHART_OF_ACCOUNTS)[number]['code'] | (typeof TRUST_CHART_OF_ACCOUNTS)[number]['code'];
export type AccountType = 'asset' | 'liability' | 'equity' | 'income' | 'expense';

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
} as const satisfies Record<string, AccountCode>;

/** Money the fund has promised but not paid out yet: it is not available for new commitments. */
export const COMMITMENT_ACCOUNTS: readonly AccountCode[] = [ACCOUNT.cofinancingPayable, ACCOUNT.suppliersPayable, ACCOUNT.loansToDisburse];

export function normalBalanceOf(type: AccountType): 'debit' | 'credit' {
  return type === 'asset' || type === 'expense' ? 'debit' : 'credit';
}
