import { Anchor, Button, Select, Table, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from '../../../components/empty-state';
import { PageHeader } from '../../../components/page-header';
import { ExportCsvButton } from '../../../components/export-csv-button';
import { useFormat } from '../../../lib/format';
import { useHasRole } from '../../../lib/session';
import { useLoans } from '../api';
import { ProposeLoanModal } from '../components/propose-loan-modal';
import { QueryView } from '../components/query-view';
import { StatusBadge } from '../components/status-badge';

const STATUSES = ['proposed', 'approved', 'active', 'closed', 'written_off', 'rejected', 'cancelled'];

export function LoansPage() {
  const { t } = useTranslation('funds');
  const format = useFormat();
  const [status, setStatus] = useState<string | null>(null);
  const loans = useLoans({ status: status ?? undefined });
  const proposes = useHasRole('staff', 'fund_manager');
  const [proposing, setProposing] = useState(false);
  return (
    <>
      <PageHeader
        title={t('loans.title')}
        description={t('loans.description')}
        actions={
          <>
            <ExportCsvButton endpoint="/api/funds/loans/export.csv" params={{ status: status ?? undefined }} />
            {proposes && <Button leftSection={<IconPlus size={18} />} onClick={() => setProposing(true)}>{t('loans.new')}</Button>}
          </>
        }
      />
      <Select mb="md" maw={260} clearable placeholder={t('common.status')} aria-label={t('common.status')} data={STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))} value={status} onChange={setStatus} />
      <QueryView query={loans}>
        {(list) =>
          list.length === 0 ? (
            <EmptyState title={t('loans.empty')} />
          ) : (
            <Table.ScrollContainer minWidth={760}>
            <Table striped highlightOnHover>
              <Table.Thead>
                <Table.Tr><Table.Th>{t('loans.number')}</Table.Th><Table.Th>{t('common.project')}</Table.Th><Table.Th>{t('loans.kind')}</Table.Th><Table.Th>{t('loans.principal')}</Table.Th><Table.Th>{t('loans.outstanding')}</Table.Th><Table.Th>{t('loans.arrears')}</Table.Th><Table.Th>{t('common.status')}</Table.Th></Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.map((loan) => (
                  <Table.Tr key={loan.id}>
                    <Table.Td><Anchor component={Link} to={`/funds/loans/${loan.id}`}>#{loan.number}</Anchor></Table.Td>
                    <Table.Td>{loan.projectTitle}<Text size="xs" c="dimmed">{loan.fundCode}</Text></Table.Td>
                    <Table.Td>{t(`loanKinds.${loan.kind}`)}</Table.Td>
                    <Table.Td>{format.money(loan.principalMinor, loan.currency)}</Table.Td>
                    <Table.Td>{format.money(loan.outstandingPrincipalMinor, loan.currency)}</Table.Td>
                    <Table.Td>{loan.daysInArrears > 0 ? <Text c="red" size="sm">{t('loans.daysLate', { count: loan.daysInArrears })}</Text> : '—'}</Table.Td>
                    <Table.Td><StatusBadge status={loan.status} /></Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            </Table.ScrollContainer>
          )
        }
      </QueryView>
      {proposing && <ProposeLoanModal onClose={() => setProposing(false)} />}
    </>
  );
}
