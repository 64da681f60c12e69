import { AreaChart } from '@mantine/charts';
import { Anchor, Button, Card, Group, Modal, Select, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import type { Fund } from '@essor/shared/funds';
import { parseMoneyInput, type CurrencyCode } from '@essor/shared/money';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { PageHeader } from '../../../components/page-header';
import { useFormat } from '../../../lib/format';
import { notifyError, notifySuccess } from '../../../lib/notify';
import { useHasRole } from '../../../lib/session';
import { useCofinancingList, useContributions, useEnvelopes, useFund, useFunders, useFundTimeline, useLoans, useQuotes, useRecordContribution } from '../api';
import { FiguresGrid } from '../components/figures-grid';
import { EnvelopeModal } from '../components/fund-setup-modals';
import { MoneyInput } from '../components/money-input';
import { QueryView } from '../components/query-view';
import { StatusBadge } from '../components/status-badge';

export function FundPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('funds');
  const fund = useFund(id);
  const manages = useHasRole('fund_manager');
  const [contributing, setContributing] = useState(false);
  const [settingEnvelope, setSettingEnvelope] = useState(false);
  return (
    <QueryView query={fund}>
      {(f) => (
        <>
          <PageHeader
            title={f.name}
            description={`${f.code} · ${t(`fundTypes.${f.type}`)} · ${f.currency}`}
            actions={
              manages && (
                <>
                  <Button variant="default" onClick={() => setSettingEnvelope(true)}>{t('setup.envelope')}</Button>
                  <Button onClick={() => setContributing(true)}>{t('contributions.record')}</Button>
                </>
              )
            }
          />
          <Stack gap="lg">
            <FiguresGrid figures={f.figures} currency={f.currency} />
            <FundChart fund={f} />
            <Tabs defaultValue="documents">
              <Tabs.List>
                <Tabs.Tab value="documents">{t(`fund.documents.${f.type}`)}</Tabs.Tab>
                <Tabs.Tab value="contributions">{t('contributions.title')}</Tabs.Tab>
                <Tabs.Tab value="envelopes">{t('envelopes.title')}</Tabs.Tab>
              </Tabs.List>
              <Tabs.Panel value="documents" pt="md"><FundDocuments fund={f} /></Tabs.Panel>
              <Tabs.Panel value="contributions" pt="md"><Contributions fundId={f.id} /></Tabs.Panel>
              <Tabs.Panel value="envelopes" pt="md"><Envelopes fundId={f.id} /></Tabs.Panel>
            </Tabs>
          </Stack>
          <ContributionModal fund={f} opened={contributing} onClose={() => setContributing(false)} />
          {settingEnvelope && <EnvelopeModal fund={f} onClose={() => setSettingEnvelope(false)} />}
        </>
      )}
    </QueryView>
  );
}

function FundChart({ fund }: { fund: Fund }) {
  const { t } = useTranslation('funds');
  const format = useFormat();
  const timeline = useFundTimeline(fund.id);
  return (
    <Card withBorder>
      <Title order={3} size="h5" mb="sm">{t('fund.chart')}</Title>
      <QueryView query={timeline}>
        {(points) =>
          points.length === 0 ? (
            <Text size="sm" c="dimmed">{t('fund.noMovement')}</Text>
          ) : (
            <AreaChart
              h={260}
              data={points.map((p) => ({ month: p.month, capital: p.figures.capitalMinor, committed: p.figures.committedMinor, disbursed: p.figures.disbursedMinor, available: p.figures.availableMinor }))}
              dataKey="month"
              valueFormatter={(value) => format.money(value, fund.currency)}
              withLegend
              yAxisProps={{ width: 120 }}
              curveType="linear"
              series={[
                { name: 'capital', label: t('figures.capitalMinor'), color: 'indigo.6' },
                { name: 'committed', label: t('figures.committedMinor'), color: 'yellow.6' },
                { name: 'disbursed', label: t('figures.disbursedMinor'), color: 'orange.6' },
                { name: 'available', label: t('figures.availableMinor'), color: 'teal.6' },
              ]}
            />
          )
        }
      </QueryView>
    </Card>
  );
}

function FundDocuments({ fund }: { fund: Fund }) {
  const { t } = useTranslation('funds');
  const format = useFormat();
  const requests = useCofinancingList({ fundId: fund.id });
  const loans = useLoans({ fundId: fund.id });
  const quotes = useQuotes({ fundId: fund.id });
  if (fund.type === 'loan') {
    return (
      <QueryView query={loans}>
        {(list) => (
          <Table striped>
            <Table.Thead><Table.Tr><Table.Th>{t('loans.number')}</Table.Th><Table.Th>{t('common.project')}</Table.Th><Table.Th>{t('loans.principal')}</Table.Th><Table.Th>{t('loans.arrears')}</Table.Th><Table.Th>{t('common.status')}</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {list.map((loan) => (
                <Table.Tr key={loan.id}>
                  <Table.Td><Anchor component={Link} to={`/funds/loans/${loan.id}`}>#{loan.number}</Anchor></Table.Td>
                  <Table.Td>{loan.projectTitle}</Table.Td>
                  <Table.Td>{format.money(loan.principalMinor, loan.currency)}</Table.Td>
                  <Table.Td>{loan.daysInArrears > 0 ? t('loans.daysLate', { count: loan.daysInArrears }) : '—'}</Table.Td>
                  <Table.Td><StatusBadge status={loan.status} /></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </QueryView>
    );
  }
  if (fund.type === 'equipment') {
    return (
      <QueryView query={quotes}>
        {(list) => (
          <Table striped>
            <Table.Thead><Table.Tr><Table.Th>{t('equipment.number')}</Table.Th><Table.Th>{t('common.project')}</Table.Th><Table.Th>{t('equipment.supplier')}</Table.Th><Table.Th>{t('common.amount')}</Table.Th><Table.Th>{t('common.status')}</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {list.map((quote) => (
                <Table.Tr key={quote.id}>
                  <Table.Td><Anchor component={Link} to="/funds/equipment">#{quote.number}</Anchor></Table.Td>
                  <Table.Td>{quote.projectTitle}</Table.Td>
                  <Table.Td>{quote.supplier}</Table.Td>
                  <Table.Td>{format.money(quote.totalMinor, quote.currency)}</Table.Td>
                  <Table.Td><StatusBadge status={quote.status} /></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </QueryView>
    );
  }
  return (
    <QueryView query={requests}>
      {(list) => (
        <Table striped>
          <Table.Thead><Table.Tr><Table.Th>{t('cofinancing.number')}</Table.Th><Table.Th>{t('common.project')}</Table.Th><Table.Th>{t('common.amount')}</Table.Th><Table.Th>{t('cofinancing.disbursed')}</Table.Th><Table.Th>{t('common.status')}</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {list.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td><Anchor component={Link} to={`/funds/cofinancing/${r.id}`}>#{r.number}</Anchor></Table.Td>
                <Table.Td>{r.projectTitle}</Table.Td>
                <Table.Td>{format.money(r.amountMinor, r.currency)}</Table.Td>
                <Table.Td>{format.money(r.disbursedMinor, r.currency)}</Table.Td>
                <Table.Td><StatusBadge status={r.status} /></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </QueryView>
  );
}

function Contributions({ fundId }: { fundId: string }) {
  const { t } = useTranslation('funds');
  const format = useFormat();
  const contributions = useContributions(fundId);
  return (
    <QueryView query={contributions}>
      {(list) => (
        <Table striped>
          <Table.Thead><Table.Tr><Table.Th>{t('contributions.receivedOn')}</Table.Th><Table.Th>{t('contributions.funder')}</Table.Th><Table.Th>{t('common.amount')}</Table.Th><Table.Th>{t('ledger.entry')}</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {list.map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td>{format.date(c.receivedOn)}</Table.Td>
                <Table.Td>{c.funderName}</Table.Td>
                <Table.Td td={c.reversed ? 'line-through' : undefined}>{format.money(c.amountMinor, c.currency)}</Table.Td>
                <Table.Td>#{c.journalEntryId}{c.reversed && ` · ${t('contributions.reversed')}`}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </QueryView>
  );
}

function Envelopes({ fundId }: { fundId: string }) {
  const { t } = useTranslation('funds');
  const format = useFormat();
  const envelopes = useEnvelopes(fundId);
  const fund = useFund(fundId);
  const currency = fund.data?.currency ?? 'EUR';
  return (
    <QueryView query={envelopes}>
      {(list) =>
        list.length === 0 ? (
          <Text size="sm" c="dimmed">{t('envelopes.none')}</Text>
        ) : (
          <Table striped>
            <Table.Thead><Table.Tr><Table.Th>{t('envelopes.programme')}</Table.Th><Table.Th>{t('envelopes.amount')}</Table.Th><Table.Th>{t('envelopes.committed')}</Table.Th><Table.Th>{t('envelopes.remaining')}</Table.Th><Table.Th>{t('envelopes.rules')}</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {list.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td>{e.programmeCode}</Table.Td>
                  <Table.Td>{format.money(e.amountMinor, currency)}</Table.Td>
                  <Table.Td>{format.money(e.committedMinor, currency)}</Table.Td>
                  <Table.Td>{format.money(e.remainingMinor, currency)}</Table.Td>
                  <Table.Td>{t('envelopes.ruleText', { share: format.percent(e.maxShareBps / 10_000), max: format.money(e.maxRequestMinor, currency) })}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )
      }
    </QueryView>
  );
}

function ContributionModal({ fund, opened, onClose }: { fund: Fund; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation('funds');
  const funders = useFunders();
  const record = useRecordContribution(fund.id);
  const [funderId, setFunderId] = useState<string | null>(null);
  const [amount, setAmount] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const amountMinor = parseMoneyInput(amount, fund.currency as CurrencyCode);
    if (!funderId || amountMinor === null) return;
    record.mutate(
      { funderId, amountMinor, currency: fund.currency },
      {
        onSuccess: () => {
          notifySuccess(t('contributions.recorded'));
          setAmount('');
          onClose();
        },
        onError: (error) => notifyError(error, t('common:errors.saveFailed')),
      },
    );
  };
  return (
    <Modal opened={opened} onClose={onClose} title={t('contributions.record')}>
      <Stack component="form" onSubmit={submit}>
        <Select label={t('contributions.funder')} required data={(funders.data ?? []).map((f) => ({ value: f.id, label: f.name }))} value={funderId} onChange={setFunderId} searchable />
        <MoneyInput label={t('common.amount')} currency={fund.currency} value={amount} onChange={setAmount} />
        <Group justify="flex-end"><Button type="submit" loading={record.isPending}>{t('common:actions.save')}</Button></Group>
      </Stack>
    </Modal>
  );
}

