import { AreaChart } from '@mantine/charts';
import { Alert, Anchor, Button, Card, Group, Modal, Select, Stack, Table, Tabs, Text, TextInput, Title } from '@mantine/core';
import type { Cofinancing } from '@essor/shared/cofinancing';
import type { Fund } from '@essor/shared/funds';
import type { LoanListItem } from '@essor/shared/loans';
import { parseMoneyInput, type CurrencyCode } from '@essor/shared/money';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { DataList } from '../../../components/data-list';
import { PageHeader } from '../../../components/page-header';
import { useFormat } from '../../../lib/format';
import { notifySuccess } from '../../../lib/notify';
import { useHasRole } from '../../../lib/session';
import { COFINANCING_KEY, useClosures, useContributions, useDecideClosure, useEnvelopes, useFund, useFunders, useFundTimeline, LOANS_KEY, useQuotes, useRecordContribution, useRequestClosure } from '../api';
import { useCofinancingColumns, useCofinancingFilters } from '../components/cofinancing-list';
import { FiguresGrid } from '../components/figures-grid';
import { useLoanColumns, useLoanFilters } from '../components/loan-list';
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
            <BooksStatus fund={f} />
            <FiguresGrid figures={f.figures} currency={f.currency} />
            <FundChart fund={f} />
            <Tabs defaultValue="documents">
              <Tabs.List>
                <Tabs.Tab value="documents">{t(`fund.documents.${f.type}`)}</Tabs.Tab>
                <Tabs.Tab value="contributions">{t('contributions.title')}</Tabs.Tab>
                <Tabs.Tab value="envelopes">{t('envelopes.title')}</Tabs.Tab>
                <Tabs.Tab value="closures">{t('closures.title')}</Tabs.Tab>
              </Tabs.List>
              <Tabs.Panel value="documents" pt="md"><FundDocuments fund={f} /></Tabs.Panel>
              <Tabs.Panel value="contributions" pt="md"><Contributions fundId={f.id} /></Tabs.Panel>
              <Tabs.Panel value="envelopes" pt="md"><Envelopes fundId={f.id} /></Tabs.Panel>
              <Tabs.Panel value="closures" pt="md"><Closures fund={f} manages={manages} /></Tabs.Panel>
            </Tabs>
          </Stack>
          <ContributionModal fund={f} opened={contributing} onClose={() => setContributing(false)} />
          {settingEnvelope && <EnvelopeModal fund={f} onClose={() => setSettingEnvelope(false)} />}
        </>
      )}
    </QueryView>
  );
}

/** When the fund opened, how far its books are closed, and envelopes beyond the capital, as the API says. */
function BooksStatus({ fund }: { fund: Fund }) {
  const { t } = useTranslation('funds');
  const format = useFormat();
  return (
    <Stack gap="xs">
      <Text size="sm" c="dimmed">
        {t('closures.openedOn', { date: format.date(fund.openedOn) })}
        {' · '}
        {fund.closedThrough ? t('closures.closedThrough', { date: format.date(fund.closedThrough) }) : t('closures.open')}
      </Text>
      {fund.overAllocatedMinor > 0 && (
        <Alert color="orange" title={t('envelopes.overAllocatedTitle')}>
          {t('envelopes.overAllocated', { envelopes: format.money(fund.envelopesMinor, fund.currency), amount: format.money(fund.overAllocatedMinor, fund.currency) })}
        </Alert>
      )}
    </Stack>
  );
}

function Closures({ fund, manages }: { fund: Fund; manages: boolean }) {
  const { t } = useTranslation('funds');
  const format = useFormat();
  const closures = useClosures(fund.id);
  const ask = useRequestClosure(fund.id);
  const decide = useDecideClosure(fund.id);
  const [closesOn, setClosesOn] = useState('');
  const [note, setNote] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    ask.mutate(
      { closesOn, note },
      {
        onSuccess: () => {
          notifySuccess(t('closures.asked'));
          setNote('');
        },
      },
    );
  };
  const onDecide = (closureId: string, decision: 'approve' | 'reject') =>
    decide.mutate(
      { closureId, decision },
      {
        onSuccess: () => notifySuccess(decision === 'approve' ? t('closures.approved') : t('closures.rejectedToast')),
      },
    );
  return (
    <Stack>
      <Text size="sm">{t('closures.explain')}</Text>
      {manages && (
        <Group component="form" onSubmit={submit} align="flex-end">
          <TextInput type="date" label={t('closures.closesOn')} required value={closesOn} onChange={(e) => setClosesOn(e.currentTarget.value)} />
          <TextInput label={t('closures.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
          <Button type="submit" loading={ask.isPending}>{t('closures.ask')}</Button>
        </Group>
      )}
      <QueryView query={closures}>
        {(list) =>
          list.length === 0 ? (
            <Text size="sm" c="dimmed">{t('closures.none')}</Text>
          ) : (
            <Table.ScrollContainer minWidth={560}><Table striped>
              <Table.Thead><Table.Tr><Table.Th>{t('closures.closesOn')}</Table.Th><Table.Th>{t('common.status')}</Table.Th><Table.Th>{t('closures.askedBy')}</Table.Th><Table.Th>{t('closures.decidedBy')}</Table.Th><Table.Th>{t('closures.note')}</Table.Th><Table.Th>{t('common.actions')}</Table.Th></Table.Tr></Table.Thead>
              <Table.Tbody>
                {list.map((c) => (
                  <Table.Tr key={c.id}>
                    <Table.Td>{format.date(c.closesOn)}</Table.Td>
                    <Table.Td><StatusBadge status={c.status} /></Table.Td>
                    <Table.Td>{c.requestedByEmail}</Table.Td>
                    <Table.Td>{c.decidedByEmail ?? '—'}</Table.Td>
                    <Table.Td>{[c.note, c.decisionNote].filter(Boolean).join(' · ')}</Table.Td>
                    <Table.Td>
                      {c.canDecide ? (
                        <Group gap="xs">
                          <Button size="xs" loading={decide.isPending} onClick={() => onDecide(c.id, 'approve')}>{t('closures.approve')}</Button>
                          <Button size="xs" variant="default" loading={decide.isPending} onClick={() => onDecide(c.id, 'reject')}>{t('closures.reject')}</Button>
                        </Group>
                      ) : c.status === 'pending' ? (
                        <Text size="sm" c="dimmed">{t('closures.waitsOther')}</Text>
                      ) : null}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table></Table.ScrollContainer>
          )
        }
      </QueryView>
    </Stack>
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
              data={points.map((p) => ({ month: format.month(p.month), capital: p.figures.capitalMinor, committed: p.figures.committedMinor, disbursed: p.figures.disbursedMinor, available: p.figures.availableMinor }))}
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
  const cofinancingColumns = useCofinancingColumns({ withFund: false });
  const cofinancingFilters = useCofinancingFilters();
  const loanColumns = useLoanColumns({ withFund: false });
  const loanFilters = useLoanFilters();
  const quotes = useQuotes({ fundId: fund.id });
  if (fund.type === 'loan') {
    return (
      <DataList<LoanListItem>
        queryKey={LOANS_KEY}
        endpoint="/api/funds/loans"
        exportEndpoint="/api/funds/loans/export.csv"
        baseParams={{ fundId: fund.id }}
        columns={loanColumns}
        rowKey={(loan) => loan.id}
        filters={loanFilters}
        pageSize={20}
        emptyTitle={t('loans.empty')}
      />
    );
  }
  if (fund.type === 'equipment') {
    return (
      <QueryView query={quotes}>
        {(list) =>
          list.length === 0 ? (
            <Text c="dimmed" size="sm">{t('equipment.empty')}</Text>
          ) : (
          <Table.ScrollContainer minWidth={560}><Table striped>
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
          </Table></Table.ScrollContainer>
        )}
      </QueryView>
    );
  }
  return (
    <DataList<Cofinancing>
      queryKey={COFINANCING_KEY}
      endpoint="/api/funds/cofinancing"
      exportEndpoint="/api/funds/cofinancing/export.csv"
      baseParams={{ fundId: fund.id }}
      columns={cofinancingColumns}
      rowKey={(r) => r.id}
      filters={cofinancingFilters}
      pageSize={20}
      emptyTitle={t(fund.type === 'bond_trust' ? 'cofinancing.trustFund' : 'cofinancing.empty')}
    />
  );
}

function Contributions({ fundId }: { fundId: string }) {
  const { t } = useTranslation('funds');
  const format = useFormat();
  const contributions = useContributions(fundId);
  return (
    <QueryView query={contributions}>
      {(list) => (
        <Table.ScrollContainer minWidth={560}><Table striped>
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
        </Table></Table.ScrollContainer>
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
          <Table.ScrollContainer minWidth={560}><Table striped>
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
          </Table></Table.ScrollContainer>
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

