import { Button, Card, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import type { Agreement } from '@essor/shared/guarantees';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../../components/error-state';
import { PageHeader } from '../../../components/page-header';
import { useFormat } from '../../../lib/format';
import { useHasRole } from '../../../lib/session';
import { useAgreements, useBanks, useGuaranteeFunds } from '../api';
import { AgreementModal } from '../components/agreement-modal';
import { BankModal } from '../components/bank-modal';
import { PolicyCard } from '../components/policy-form';

/** The fund's partners: the banks, the agreements they signed per fund, and the fund's own policy. */
export function PartnersPage() {
  const { t } = useTranslation('guarantees');
  const configures = useHasRole('admin', 'fund_manager');
  const funds = useGuaranteeFunds();
  const [chosenFund, setChosenFund] = useState<string | null>(null);
  const fundId = chosenFund ?? funds.data?.[0]?.id ?? null;
  const fund = funds.data?.find((f) => f.id === fundId);
  return (
    <>
      <PageHeader title={t('partners.title')} description={t('partners.description')} />
      <Stack gap="lg">
        <BanksCard mayAdd={configures} />
        <Select
          label={t('partners.fund')}
          data={(funds.data ?? []).map((f) => ({ value: f.id, label: `${f.code} · ${f.name}` }))}
          value={fundId}
          onChange={setChosenFund}
          allowDeselect={false}
          nothingFoundMessage={t('partners.noFund')}
          maw={400}
        />
        {funds.data && !fund && <Text c="dimmed">{t('partners.noFund')}</Text>}
        {fund && (
          <>
            <AgreementsCard fundId={fund.id} currency={fund.currency} mayAdd={configures} />
            <PolicyCard fundId={fund.id} mayEdit={configures} />
          </>
        )}
      </Stack>
    </>
  );
}

function BanksCard({ mayAdd }: { mayAdd: boolean }) {
  const { t } = useTranslation('guarantees');
  const banks = useBanks();
  const [adding, setAdding] = useState(false);
  const rows = banks.data ?? [];
  return (
    <Card withBorder>
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">{t('banks.title')}</Title>
        {mayAdd && <Button size="xs" leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)}>{t('banks.add')}</Button>}
      </Group>
      {banks.isError ? (
        <ErrorState error={banks.error} onRetry={() => void banks.refetch()} />
      ) : rows.length === 0 ? (
        <Text size="sm" c="dimmed">{banks.isPending ? '…' : t('banks.empty')}</Text>
      ) : (
        <Table striped>
          <Table.Thead><Table.Tr><Table.Th>{t('banks.name')}</Table.Th><Table.Th>{t('banks.contactName')}</Table.Th><Table.Th>{t('banks.contactEmail')}</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {rows.map((b) => (
              <Table.Tr key={b.id}><Table.Td>{b.name}</Table.Td><Table.Td>{b.contactName || '—'}</Table.Td><Table.Td>{b.contactEmail || '—'}</Table.Td></Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {adding && <BankModal onClose={() => setAdding(false)} />}
    </Card>
  );
}

function AgreementsCard({ fundId, currency, mayAdd }: { fundId: string; currency: string; mayAdd: boolean }) {
  const { t } = useTranslation('guarantees');
  const agreements = useAgreements({ fundId });
  const [adding, setAdding] = useState(false);
  const rows = agreements.data ?? [];
  return (
    <Card withBorder>
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">{t('agreements.title')}</Title>
        {mayAdd && <Button size="xs" leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)}>{t('agreements.add')}</Button>}
      </Group>
      {agreements.isError ? (
        <ErrorState error={agreements.error} onRetry={() => void agreements.refetch()} />
      ) : rows.length === 0 ? (
        <Text size="sm" c="dimmed">{agreements.isPending ? '…' : t('agreements.empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                {['bank', 'coverage', 'womenCoverage', 'maxGuaranteed', 'fee', 'claimDeadline', 'portfolioCap', 'guaranteed', 'exposure', 'paid', 'room'].map((k) => <Table.Th key={k}>{t(`agreements.${k}`)}</Table.Th>)}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>{rows.map((a) => <AgreementRow key={a.id} agreement={a} />)}</Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {adding && <AgreementModal fundId={fundId} currency={currency} onClose={() => setAdding(false)} />}
    </Card>
  );
}

function AgreementRow({ agreement: a }: { agreement: Agreement }) {
  const { t } = useTranslation('guarantees');
  const f = useFormat();
  const pct = (bps: number | null) => (bps === null ? '—' : f.percent(bps / 10_000));
  const money = (minor: number | null) => (minor === null ? '—' : f.money(minor, a.currency));
  return (
    <Table.Tr>
      <Table.Td>{a.bankName}{a.status === 'ended' ? ` (${t('agreements.ended')})` : ''}</Table.Td>
      <Table.Td>{`${pct(a.minCoverageBps)} – ${pct(a.maxCoverageBps)}`}</Table.Td>
      <Table.Td>{pct(a.maxCoverageWomenBps)}</Table.Td>
      <Table.Td>{money(a.maxGuaranteedMinor)}</Table.Td>
      <Table.Td>{`${pct(a.feeRateBps)} · ${t(`feeBases.${a.feeBasis}`)}`}</Table.Td>
      <Table.Td>{t('agreements.days', { count: a.claimDeadlineDays })}</Table.Td>
      <Table.Td>{pct(a.portfolioCapBps)}</Table.Td>
      <Table.Td>{money(a.guaranteedMinor)}</Table.Td>
      <Table.Td>{money(a.exposureMinor)}</Table.Td>
      <Table.Td>{money(a.paidMinor)}</Table.Td>
      <Table.Td>{money(a.portfolioRoomMinor)}</Table.Td>
    </Table.Tr>
  );
}
