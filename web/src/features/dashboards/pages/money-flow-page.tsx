import { Alert, Anchor, Card, Group, SegmentedControl, Select, SimpleGrid, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import type { MoneyFlow } from '@essor/shared/impact-dashboard';
import { CURRENCY_EXPONENTS, type CurrencyCode } from '@essor/shared/money';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from '../../../components/empty-state';
import { ErrorState } from '../../../components/error-state';
import { PageHeader } from '../../../components/page-header';
import { useFormat } from '../../../lib/format';
import { useDashboardOptions, useMoneyFlow } from '../api';
import { MoneySankey } from '../components/money-sankey';
import { StatCard } from '../components/stat-card';

type Pick = 'fund' | 'programme';

/** Follow the money: pick a fund or a programme, see its funders, programmes and projects (with each project's cost per job). */
export function MoneyFlowPage() {
  const { t } = useTranslation('dashboards');
  const options = useDashboardOptions();
  const [pick, setPick] = useState<Pick>('fund');
  const [fundId, setFundId] = useState<string | null>(null);
  const [programmeId, setProgrammeId] = useState<string | null>(null);
  const [currency, setCurrency] = useState<string | null>(null);
  const flow = useMoneyFlow(
    pick === 'fund' ? { fundId: fundId ?? undefined } : { programmeId: programmeId ?? undefined, currency: (currency as CurrencyCode | null) ?? undefined },
  );

  return (
    <Stack>
      <PageHeader title={t('money.title')} description={t('money.description')} />
      <Card withBorder>
        <Group align="flex-end">
          <SegmentedControl
            aria-label={t('money.followA')}
            value={pick}
            onChange={(v) => setPick(v as Pick)}
            data={[
              { value: 'fund', label: t('money.fund') },
              { value: 'programme', label: t('money.programme') },
            ]}
          />
          {pick === 'fund' ? (
            <Select
              label={t('money.fund')}
              placeholder={t('money.pickFund')}
              data={(options.data?.funds ?? []).map((f) => ({ value: f.id, label: `${f.code} · ${f.name} (${f.currency})` }))}
              value={fundId}
              onChange={setFundId}
              searchable
              w={360}
            />
          ) : (
            <>
              <Select
                label={t('money.programme')}
                placeholder={t('money.pickProgramme')}
                data={(options.data?.programmes ?? []).map((p) => ({ value: p.id, label: `${p.code} · ${p.name}` }))}
                value={programmeId}
                onChange={setProgrammeId}
                searchable
                w={320}
              />
              <Select label={t('money.currency')} placeholder={t('money.anyCurrency')} data={Object.keys(CURRENCY_EXPONENTS)} value={currency} onChange={setCurrency} clearable w={140} />
            </>
          )}
        </Group>
      </Card>
      {!(pick === 'fund' ? fundId : programmeId) ? (
        <EmptyState title={t('money.pickFirst')} hint={t('money.pickHint')} />
      ) : flow.isError ? (
        <ErrorState error={flow.error} onRetry={() => void flow.refetch()} />
      ) : !flow.data ? (
        <Skeleton h={360} />
      ) : (
        <FlowView flow={flow.data} />
      )}
    </Stack>
  );
}

function FlowView({ flow }: { flow: MoneyFlow }) {
  const { t } = useTranslation('dashboards');
  const format = useFormat();
  const money = (minor: number) => format.money(minor, flow.currency);
  const funderName = new Map(flow.funders.map((f) => [f.funderId, f.name]));
  return (
    <Stack>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
        <StatCard testId="flow-contributed" label={t('money.contributed')} value={money(flow.totals.contributedMinor)} />
        <StatCard testId="flow-disbursed" label={t('money.disbursed')} value={money(flow.totals.disbursedMinor)} hint={t('money.committedHint', { amount: money(flow.totals.committedMinor) })} />
        <StatCard testId="flow-jobs" label={t('money.jobs')} value={format.decimal(Number(flow.totals.jobsCreatedFte), 1)} />
        <StatCard testId="flow-cost-per-job" label={t('money.costPerJob')} value={flow.totals.costPerJobMinor === null ? '—' : money(flow.totals.costPerJobMinor)} />
      </SimpleGrid>
      <Card withBorder>
        <Title order={3} size="h5" mb="sm">{t('money.sankey')}</Title>
        {flow.links.length === 0 ? <Text size="sm" c="dimmed">{t('money.noFlow')}</Text> : <MoneySankey flow={flow} format={money} label={t('money.sankeyLabel')} />}
      </Card>
      <Card withBorder>
        <Title order={3} size="h5" mb="sm">{t('money.projects')}</Title>
        <Table striped aria-label={t('money.projects')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('money.project')}</Table.Th>
              <Table.Th ta="right">{t('money.disbursed')}</Table.Th>
              <Table.Th ta="right">{t('money.committed')}</Table.Th>
              <Table.Th ta="right">{t('money.jobs')}</Table.Th>
              <Table.Th ta="right">{t('money.costPerJob')}</Table.Th>
              <Table.Th>{t('money.byFunder')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {flow.projects.map((p) => (
              <Table.Tr key={p.projectId} data-testid={`flow-project-${p.projectId}`}>
                <Table.Td>
                  <Anchor component={Link} to={`/projects/${p.projectId}/impact`} aria-label={t('money.openImpact', { title: p.title })}>{p.title}</Anchor>
                </Table.Td>
                <Table.Td ta="right">{money(p.disbursedMinor)}</Table.Td>
                <Table.Td ta="right">{money(p.committedMinor)}</Table.Td>
                <Table.Td ta="right">{p.jobsCreatedFte === null ? '—' : format.decimal(Number(p.jobsCreatedFte), 1)}</Table.Td>
                <Table.Td ta="right" data-role="cost-per-job">{p.costPerJobMinor === null ? '—' : money(p.costPerJobMinor)}</Table.Td>
                <Table.Td>
                  <Text size="xs">{p.byFunder.map((f) => `${funderName.get(f.funderId) ?? ''} ${money(f.disbursedMinor + f.committedMinor)}`).join(' · ')}</Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
      <Card withBorder>
        <Title order={3} size="h5" mb="sm">{t('money.funders')}</Title>
        <Table>
          <Table.Thead><Table.Tr><Table.Th>{t('money.funder')}</Table.Th><Table.Th ta="right">{t('money.contributed')}</Table.Th><Table.Th ta="right">{t('money.disbursed')}</Table.Th><Table.Th ta="right">{t('money.committed')}</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {flow.funders.map((f) => (
              <Table.Tr key={f.funderId}><Table.Td>{f.name}</Table.Td><Table.Td ta="right">{money(f.contributedMinor)}</Table.Td><Table.Td ta="right">{money(f.disbursedMinor)}</Table.Td><Table.Td ta="right">{money(f.committedMinor)}</Table.Td></Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
      <Alert variant="light" title={t('money.rule')}>{flow.rule}</Alert>
    </Stack>
  );
}
