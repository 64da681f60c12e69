import { Anchor, Text } from '@mantine/core';
import type { LoanListItem } from '@essor/shared/loans';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Column, ListFilter } from '../../../components/data-list';
import { useFormat } from '../../../lib/format';
import { StatusBadge } from './status-badge';

const STATUSES = ['proposed', 'approved', 'active', 'closed', 'written_off', 'rejected', 'cancelled'];

/** The loans' columns, shared by the register and a loan fund's page. */
export function useLoanColumns(options: { withFund: boolean }): Column<LoanListItem>[] {
  const { t } = useTranslation('funds');
  const format = useFormat();
  return [
    { key: 'number', header: t('loans.number'), render: (loan) => <Anchor component={Link} to={`/funds/loans/${loan.id}`}>#{loan.number}</Anchor> },
    { key: 'project', header: t('common.project'), render: (loan) => <>{loan.projectTitle}{options.withFund && <Text size="xs" c="dimmed">{loan.fundCode}</Text>}</> },
    { key: 'kind', header: t('loans.kind'), render: (loan) => t(`loanKinds.${loan.kind}`) },
    { key: 'principal', header: t('loans.principal'), render: (loan) => format.money(loan.principalMinor, loan.currency) },
    { key: 'outstanding', header: t('loans.outstanding'), render: (loan) => format.money(loan.outstandingPrincipalMinor, loan.currency) },
    {
      key: 'arrears',
      header: t('loans.arrears'),
      render: (loan) => (loan.daysInArrears > 0 ? <Text c="red" size="sm">{t('loans.daysLate', { count: loan.daysInArrears })}</Text> : '—'),
    },
    { key: 'status', header: t('common.status'), render: (loan) => <StatusBadge status={loan.status} /> },
  ];
}

/** The loans' filters: status, and whether an instalment is past due and unpaid. */
export function useLoanFilters(): ListFilter[] {
  const { t } = useTranslation('funds');
  return [
    { name: 'status', label: t('common.status'), options: STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) })) },
    { name: 'inArrears', label: t('loans.arrearsFilter'), options: [{ value: 'true', label: t('loans.inArrearsOption') }, { value: 'false', label: t('loans.onTimeOption') }] },
  ];
}
