import { Anchor } from '@mantine/core';
import type { Cofinancing } from '@essor/shared/cofinancing';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Column, ListFilter } from '../../../components/data-list';
import { useFormat } from '../../../lib/format';
import { StatusBadge } from './status-badge';

const STATUSES = ['draft', 'prepared', 'approved', 'rejected', 'cancelled', 'completed'];

/** The co-financing requests' columns, shared by the register and a fund's page (which shows what was paid out). */
export function useCofinancingColumns(options: { withFund: boolean }): Column<Cofinancing>[] {
  const { t } = useTranslation('funds');
  const format = useFormat();
  return [
    { key: 'number', header: t('cofinancing.number'), render: (r) => <Anchor component={Link} to={`/funds/cofinancing/${r.id}`}>#{r.number}</Anchor> },
    { key: 'project', header: t('common.project'), render: (r) => r.projectTitle },
    ...(options.withFund ? [{ key: 'fund', header: t('common.fund'), render: (r: Cofinancing) => r.fundCode }] : []),
    { key: 'amount', header: t('common.amount'), render: (r) => <span style={{ whiteSpace: 'nowrap' }}>{format.money(r.amountMinor, r.currency)}</span> },
    ...(options.withFund ? [] : [{ key: 'disbursed', header: t('cofinancing.disbursed'), render: (r: Cofinancing) => format.money(r.disbursedMinor, r.currency) }]),
    { key: 'status', header: t('common.status'), render: (r) => <StatusBadge status={r.status} /> },
  ];
}

export function useCofinancingFilters(): ListFilter[] {
  const { t } = useTranslation('funds');
  return [{ name: 'status', label: t('common.status'), options: STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) })) }];
}
