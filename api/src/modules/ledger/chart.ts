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

export type AccountCode = (typeof CHART_OF_ACCOUNTS)[number]['code'];
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
} as const satisfies Record<string, AccountCode>;

/** Money the fund has promised but not paid out yet: it is not available for new commitments. */
export const COMMITMENT_ACCOUNTS: readonly AccountCode[] = [ACCOUNT.cofinancingPayable, ACCOUNT.suppliersPayable, ACCOUNT.loansToDisburse];

export function normalBalanceOf(type: AccountType): 'debit' | 'credit' {
  return type === 'asset' || type === 'expense' ? 'debit' : 'credit';
}
