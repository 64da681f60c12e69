import { Card, Grid, Group, SimpleGrid, Stack, Tabs, Text, Title } from '@mantine/core';
import type { GuaranteeDetail } from '@essor/shared/guarantees';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ErrorState } from '../../../components/error-state';
import { PageHeader } from '../../../components/page-header';
import { useFormat } from '../../../lib/format';
import { useGuarantee } from '../api';
import { ExposureChart } from '../components/exposure-chart';
import { Figure } from '../components/figure';
import { GuaranteeActions } from '../components/guarantee-actions';
import { GuaranteeStatusBadge, RiskBadge } from '../components/guarantee-badges';
import { GuaranteeTimeline } from '../components/guarantee-timeline';
import { CallsTable, FeesTable, OutstandingsTable, RecoveriesTable, RiskChangesTable } from '../components/history-tables';

export function GuaranteePage() {
  const { id = '' } = useParams();
  const guarantee = useGuarantee(id);
  if (guarantee.isError) return <ErrorState error={guarantee.error} onRetry={() => void guarantee.refetch()} />;
  if (!guarantee.data) return <Text c="dimmed">…</Text>;
  return <GuaranteeView guarantee={guarantee.data} />;
}

function GuaranteeView({ guarantee: g }: { guarantee: GuaranteeDetail }) {
  const { t } = useTranslation('guarantees');
  const f = useFormat();
  const money = (minor: number) => f.money(minor, g.currency);
  return (
    <>
      <PageHeader
        title={t('detail.title', { number: g.number, project: g.projectTitle })}
        description={t('detail.description', { organisation: g.organisationName, bank: g.bankName, fund: g.fundCode, ref: g.bankLoanRef })}
        actions={<Group gap="xs"><GuaranteeStatusBadge status={g.status} /><RiskBadge riskClass={g.riskClass} /></Group>}
      />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack>
            <Card withBorder>
              <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="sm">
                <Figure label={t('figures.loan')} value={money(g.loanAmountMinor)} />
                <Figure label={t('figures.coverage')} value={f.percent(g.coverageBps / 10_000)} />
                <Figure label={t('figures.guaranteed')} value={money(g.guaranteedMinor)} />
                <Figure label={t('figures.outstanding')} value={`${money(g.outstandingMinor)} · ${f.date(g.outstandingOn)}`} />
                <Figure label={t('figures.exposure')} value={money(g.exposureMinor)} />
                <Figure label={t('figures.provision')} value={money(g.provisionMinor)} />
                <Figure label={t('figures.fees')} value={money(g.feesMinor)} />
                <Figure label={t('figures.paid')} value={money(g.paidMinor)} />
                <Figure label={t('figures.recovered')} value={money(g.recoveredMinor)} />
                <Figure label={t('figures.arrears')} value={g.daysInArrears > 0 ? t('figures.arrearsText', { amount: money(g.arrearsMinor), count: g.daysInArrears }) : '—'} />
                <Figure label={t('figures.terms')} value={t('figures.termsText', { rate: f.percent(g.loanRateBps / 10_000), term: g.termMonths, grace: g.graceMonths, method: t(`methods.${g.method}`) })} />
                <Figure label={t('figures.dates')} value={t('figures.datesText', { disbursed: f.date(g.disbursedOn), issued: f.date(g.issuedOn) })} />
              </SimpleGrid>
              {g.purpose && <Text size="sm" mt="sm">{g.purpose}</Text>}
            </Card>
            <Card withBorder>
              <Tabs defaultValue="outstandings" keepMounted={false}>
                <Tabs.List>
                  <Tabs.Tab value="outstandings">{t('history.outstandings')}</Tabs.Tab>
                  <Tabs.Tab value="risk">{t('history.riskChanges')}</Tabs.Tab>
                  <Tabs.Tab value="fees">{t('history.fees')}</Tabs.Tab>
                  <Tabs.Tab value="calls">{t('history.calls')}</Tabs.Tab>
                  <Tabs.Tab value="recoveries">{t('history.recoveries')}</Tabs.Tab>
                </Tabs.List>
                <Tabs.Panel value="outstandings" pt="md"><Stack><ExposureChart guarantee={g} /><OutstandingsTable guarantee={g} /></Stack></Tabs.Panel>
                <Tabs.Panel value="risk" pt="md"><RiskChangesTable guarantee={g} /></Tabs.Panel>
                <Tabs.Panel value="fees" pt="md"><FeesTable guarantee={g} /></Tabs.Panel>
                <Tabs.Panel value="calls" pt="md"><CallsTable guarantee={g} /></Tabs.Panel>
                <Tabs.Panel value="recoveries" pt="md"><RecoveriesTable guarantee={g} /></Tabs.Panel>
              </Tabs>
            </Card>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack>
            <GuaranteeActions guarantee={g} />
            <Card withBorder>
              <Title order={3} size="h5" mb="sm">{t('detail.timeline')}</Title>
              <GuaranteeTimeline events={g.timeline} />
            </Card>
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}
