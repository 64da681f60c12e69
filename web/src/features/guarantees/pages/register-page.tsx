import { Anchor, Button, Card, Group, Loader, ScrollArea, Skeleton, Stack, Table, Text } from '@mantine/core';
import type { Guarantee, GuaranteeFilters } from '@essor/shared/guarantees';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { EmptyState } from '../../../components/empty-state';
import { ErrorState } from '../../../components/error-state';
import { ExportCsvButton } from '../../../components/export-csv-button';
import { PageHeader } from '../../../components/page-header';
import { useFormat } from '../../../lib/format';
import { useHasRole } from '../../../lib/session';
import { GUARANTEES_ENDPOINT, useGuarantees } from '../api';
import { GuaranteeStatusBadge, RiskBadge } from '../components/guarantee-badges';
import { PrepareGuaranteeModal } from '../components/prepare-guarantee-modal';
import { RegisterFilters } from '../components/register-filters';

/** The guarantees of the funds the person reaches: filter, export, prepare a new one. */
export function RegisterPage() {
  const { t } = useTranslation('guarantees');
  const prepares = useHasRole('staff', 'fund_manager');
  const [filters, setFilters] = useState<GuaranteeFilters>({});
  const [preparing, setPreparing] = useState(false);
  const list = useGuarantees(filters);
  const rows = list.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <>
      <PageHeader
        title={t('register.title')}
        description={t('register.description')}
        actions={
          <>
            <Button component={Link} to="/guarantees/partners" variant="default">{t('partners.title')}</Button>
            <Button component={Link} to="/guarantees/reports" variant="default">{t('import.title')}</Button>
            {prepares && <Button leftSection={<IconPlus size={18} />} onClick={() => setPreparing(true)}>{t('register.prepare')}</Button>}
          </>
        }
      />
      <Card withBorder radius="md" p={0} data-list>
        <Group p="md" gap="sm" wrap="wrap" justify="space-between" style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}>
          <RegisterFilters value={filters} onChange={setFilters} />
          <Group gap="sm">
            {list.isFetching && !list.isPending && <Loader size="xs" />}
            <ExportCsvButton endpoint={`${GUARANTEES_ENDPOINT}/export.csv`} params={filters} />
          </Group>
        </Group>
        {list.isError ? (
          <Stack p="md"><ErrorState error={list.error} onRetry={() => void list.refetch()} /></Stack>
        ) : list.isPending ? (
          <Stack p="md" gap="xs" aria-busy="true">{Array.from({ length: 4 }, (_, i) => <Skeleton key={i} height={28} radius="sm" />)}</Stack>
        ) : rows.length === 0 ? (
          <EmptyState title={t('register.empty')} hint={t('register.emptyHint')} />
        ) : (
          <>
            <RegisterTable rows={rows} />
            {list.hasNextPage && (
              <Group justify="center" p="sm">
                <Button variant="subtle" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>{t('common:list.loadMore')}</Button>
              </Group>
            )}
          </>
        )}
      </Card>
      {preparing && <PrepareGuaranteeModal onClose={() => setPreparing(false)} />}
    </>
  );
}

function RegisterTable({ rows }: { rows: Guarantee[] }) {
  const { t } = useTranslation('guarantees');
  const f = useFormat();
  const navigate = useNavigate();
  const headers = [t('register.number'), t('register.project'), t('register.bank'), t('figures.loan'), t('figures.coverage'), t('figures.guaranteed'), t('figures.exposure'), t('register.riskClass'), t('register.status'), t('figures.provision')];
  return (
    <ScrollArea>
      <Table highlightOnHover verticalSpacing="sm" horizontalSpacing="md" striped="even" miw={1100}>
        <Table.Thead><Table.Tr>{headers.map((h) => <Table.Th key={h}>{h}</Table.Th>)}</Table.Tr></Table.Thead>
        <Table.Tbody>
          {rows.map((g) => (
            <Table.Tr key={g.id} onClick={() => void navigate(`/guarantees/${g.id}`)} style={{ cursor: 'pointer' }}>
              <Table.Td><Anchor component={Link} to={`/guarantees/${g.id}`} onClick={(e) => e.stopPropagation()}>#{g.number}</Anchor></Table.Td>
              <Table.Td miw={200}><Text size="sm" fw={600}>{g.organisationName}</Text><Text size="xs" c="dimmed">{g.projectTitle}</Text></Table.Td>
              <Table.Td>{g.bankName}</Table.Td>
              <Table.Td>{f.money(g.loanAmountMinor, g.currency)}</Table.Td>
              <Table.Td>{f.percent(g.coverageBps / 10_000)}</Table.Td>
              <Table.Td>{f.money(g.guaranteedMinor, g.currency)}</Table.Td>
              <Table.Td>{f.money(g.exposureMinor, g.currency)}</Table.Td>
              <Table.Td><RiskBadge riskClass={g.riskClass} /></Table.Td>
              <Table.Td><GuaranteeStatusBadge status={g.status} /></Table.Td>
              <Table.Td>{f.money(g.provisionMinor, g.currency)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollArea>
  );
}
