import { Button } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import type { LoanListItem } from '@essor/shared/loans';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataList } from '../../../components/data-list';
import { PageHeader } from '../../../components/page-header';
import { useHasRole } from '../../../lib/session';
import { LOANS_KEY } from '../api';
import { useLoanColumns, useLoanFilters } from '../components/loan-list';
import { ProposeLoanModal } from '../components/propose-loan-modal';

export function LoansPage() {
  const { t } = useTranslation('funds');
  const proposes = useHasRole('staff', 'fund_manager');
  const [proposing, setProposing] = useState(false);
  const columns = useLoanColumns({ withFund: true });
  const filters = useLoanFilters();
  return (
    <>
      <PageHeader
        title={t('loans.title')}
        description={t('loans.description')}
        actions={proposes && <Button leftSection={<IconPlus size={18} />} onClick={() => setProposing(true)}>{t('loans.new')}</Button>}
      />
      <DataList<LoanListItem>
        queryKey={LOANS_KEY}
        endpoint="/api/funds/loans"
        exportEndpoint="/api/funds/loans/export.csv"
        columns={columns}
        rowKey={(loan) => loan.id}
        filters={filters}
        emptyTitle={t('loans.empty')}
      />
      {proposing && <ProposeLoanModal onClose={() => setProposing(false)} />}
    </>
  );
}
