import { Alert, Button, Card, Grid, Group, Modal, NumberInput, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import type { Loan } from '@essor/shared/loans';
import { parseMoneyInput, type CurrencyCode } from '@essor/shared/money';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { PageHeader } from '../../../components/page-header';
import { useFormat } from '../../../lib/format';
import { notifySuccess } from '../../../lib/notify';
import { useDecideLoanAction, useDisburseLoan, useLoan, useLoanDecision, useProposeLoanAction, useRecordRepayment } from '../api';
import { EventTimeline } from '../components/event-timeline';
import { MoneyInput } from '../components/money-input';
import { QueryView } from '../components/query-view';
import { StatusBadge } from '../components/status-badge';

const todayIso = () => new Date().toISOString().slice(0, 10);

export function LoanPage() {
  const { id = '' } = useParams();
  const loan = useLoan(id);
  return <QueryView query={loan}>{(l) => <LoanView loan={l} />}</QueryView>;
}

function LoanView({ loan }: { loan: Loan }) {
  const { t } = useTranslation('funds');
  const format = useFormat();
  return (
    <>
      <PageHeader
        title={t('loans.heading', { number: loan.number, project: loan.projectTitle })}
        description={`${loan.fundCode} · ${t(`loanKinds.${loan.kind}`)} · ${loan.purpose}`}
        actions={<StatusBadge status={loan.status} />}
      />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack>
            <Card withBorder>
              <Group gap="xl">
                <Figure label={t('loans.principal')} value={format.money(loan.principalMinor, loan.currency)} />
                <Figure label={t('loans.terms')} value={t('loans.termsText', { rate: format.percent(loan.rateBps / 10_000), term: loan.termMonths, grace: loan.graceMonths })} />
                <Figure label={t('loans.method')} value={t(`methods.${loan.method}`)} />
                <Figure label={t('loans.outstanding')} value={format.money(loan.outstandingPrincipalMinor, loan.currency)} />
                <Figure label={t('loans.arrears')} value={loan.daysInArrears > 0 ? `${format.money(loan.arrearsMinor, loan.currency)} · ${t('loans.daysLate', { count: loan.daysInArrears })}` : '—'} />
              </Group>
            </Card>
            <Card withBorder>
              <Title order={3} size="h5" mb="sm">{t('loans.schedule', { version: loan.scheduleVersion })}</Title>
              {loan.schedule.length === 0 ? (
                <Text size="sm" c="dimmed">{t('loans.noSchedule')}</Text>
              ) : (
                <Table striped>
                  <Table.Thead><Table.Tr><Table.Th>#</Table.Th><Table.Th>{t('loans.dueOn')}</Table.Th><Table.Th>{t('loans.principalPart')}</Table.Th><Table.Th>{t('loans.interestPart')}</Table.Th><Table.Th>{t('loans.paid')}</Table.Th><Table.Th>{t('common.status')}</Table.Th></Table.Tr></Table.Thead>
                  <Table.Tbody>
                    {loan.schedule.map((i) => (
                      <Table.Tr key={i.seq}>
                        <Table.Td>{i.seq}</Table.Td>
                        <Table.Td>{format.date(i.dueOn)}</Table.Td>
                        <Table.Td>{format.money(i.principalMinor, loan.currency)}</Table.Td>
                        <Table.Td>{format.money(i.interestMinor, loan.currency)}</Table.Td>
                        <Table.Td>{format.money(i.paidPrincipalMinor + i.paidInterestMinor, loan.currency)}</Table.Td>
                        <Table.Td><StatusBadge status={i.status} /></Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </Card>
            <Card withBorder>
              <Title order={3} size="h5" mb="sm">{t('loans.repayments')}</Title>
              {loan.repayments.length === 0 ? (
                <Text size="sm" c="dimmed">{t('loans.noRepayment')}</Text>
              ) : (
                <Table>
                  <Table.Thead><Table.Tr><Table.Th>{t('loans.paidOn')}</Table.Th><Table.Th>{t('common.amount')}</Table.Th><Table.Th>{t('loans.principalPart')}</Table.Th><Table.Th>{t('loans.interestPart')}</Table.Th><Table.Th>{t('ledger.entry')}</Table.Th></Table.Tr></Table.Thead>
                  <Table.Tbody>
                    {loan.repayments.map((r) => (
                      <Table.Tr key={r.id}>
                        <Table.Td>{format.date(r.paidOn)}</Table.Td>
                        <Table.Td>{format.money(r.amountMinor, loan.currency)}</Table.Td>
                        <Table.Td>{format.money(r.principalMinor, loan.currency)}</Table.Td>
                        <Table.Td>{format.money(r.interestMinor, loan.currency)}</Table.Td>
                        <Table.Td>#{r.journalEntryId}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </Card>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack>
            <LoanActions loan={loan} />
            <Card withBorder>
              <Title order={3} size="h5" mb="sm">{t('timeline.title')}</Title>
              <EventTimeline events={loan.timeline} />
            </Card>
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>{label}</Text>
      <Text fw={700} size="sm">{value}</Text>
    </div>
  );
}

/** Exactly the actions the API says the caller may do now, and why the others wait. */
function LoanActions({ loan }: { loan: Loan }) {
  const { t } = useTranslation('funds');
  const decide = useLoanDecision(loan.id);
  const disburse = useDisburseLoan(loan.id);
  const decideAction = useDecideLoanAction(loan.id);
  const [repaying, setRepaying] = useState(false);
  const [proposing, setProposing] = useState<'reschedule' | 'write_off' | null>(null);
  const done = (message: string) => ({ onSuccess: () => notifySuccess(message) });
  const may = (action: Loan['allowedActions'][number]) => loan.allowedActions.includes(action);
  const pending = loan.actions.find((a) => a.status === 'pending');
  const items = [];
  for (const reason of new Set(loan.waiting.map((w) => w.reason))) items.push(<Alert key={reason} color="yellow">{t(`waiting.${reason}`)}</Alert>);
  if (may('approve') || may('reject')) {
    items.push(
      <Group key="decide" grow>
        {may('approve') && <Button color="teal" loading={decide.isPending} onClick={() => decide.mutate('approve', done(t('loans.approvedToast')))}>{t('loans.approve')}</Button>}
        {may('reject') && <Button color="red" variant="light" onClick={() => decide.mutate('reject', done(t('loans.rejectedToast')))}>{t('loans.reject')}</Button>}
      </Group>,
    );
  }
  if (may('disburse')) {
    items.push(<Button key="disburse" loading={disburse.isPending} onClick={() => disburse.mutate(todayIso(), done(t('loans.disbursedToast')))}>{t('loans.disburse')}</Button>);
  }
  if (may('record_repayment')) items.push(<Button key="repay" onClick={() => setRepaying(true)}>{t('loans.recordRepayment')}</Button>);
  if (may('propose_action')) {
    items.push(
      <Button key="reschedule" variant="light" onClick={() => setProposing('reschedule')}>{t('loanActions.reschedule')}</Button>,
      <Button key="write-off" variant="light" color="red" onClick={() => setProposing('write_off')}>{t('loanActions.write_off')}</Button>,
    );
  }
  if (pending) {
    items.push(<Alert key="pending" color="yellow" title={t(`loanActions.${pending.kind}`)}>{pending.reason}</Alert>);
    if (may('decide_action')) {
      items.push(
        <Group key="decide-action" grow>
          <Button color="teal" onClick={() => decideAction.mutate({ actionId: pending.id, decision: 'approve' }, done(t('loans.actionDecided')))}>{t('loans.approve')}</Button>
          <Button color="red" variant="light" onClick={() => decideAction.mutate({ actionId: pending.id, decision: 'reject' }, done(t('loans.actionDecided')))}>{t('loans.reject')}</Button>
        </Group>,
      );
    }
  }
  return (
    <Card withBorder>
      <Title order={3} size="h5" mb="sm">{t('common.actions')}</Title>
      {items.length ? <Stack gap="xs">{items}</Stack> : <Text size="sm" c="dimmed">{t('common.noAction')}</Text>}
      {repaying && <RepaymentModal loan={loan} onClose={() => setRepaying(false)} />}
      {proposing && <ProposeActionModal loan={loan} kind={proposing} onClose={() => setProposing(null)} />}
    </Card>
  );
}

function RepaymentModal({ loan, onClose }: { loan: Loan; onClose: () => void }) {
  const { t } = useTranslation('funds');
  const repay = useRecordRepayment(loan.id);
  const [amount, setAmount] = useState('');
  const [paidOn, setPaidOn] = useState(todayIso());
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const amountMinor = parseMoneyInput(amount, loan.currency as CurrencyCode);
    if (amountMinor === null) return;
    repay.mutate({ amountMinor, currency: loan.currency, paidOn }, { onSuccess: () => { notifySuccess(t('loans.repaidToast')); onClose(); } });
  };
  return (
    <Modal opened onClose={onClose} title={t('loans.recordRepayment')}>
      <Stack component="form" onSubmit={submit}>
        <MoneyInput label={t('common.amount')} currency={loan.currency} value={amount} onChange={setAmount} />
        <TextInput type="date" label={t('loans.paidOn')} required value={paidOn} onChange={(e) => setPaidOn(e.currentTarget.value)} />
        <Group justify="flex-end"><Button type="submit" loading={repay.isPending}>{t('common:actions.save')}</Button></Group>
      </Stack>
    </Modal>
  );
}

function ProposeActionModal({ loan, kind, onClose }: { loan: Loan; kind: 'reschedule' | 'write_off'; onClose: () => void }) {
  const { t } = useTranslation('funds');
  const propose = useProposeLoanAction(loan.id);
  const [reason, setReason] = useState('');
  const [termMonths, setTermMonths] = useState<number>(loan.termMonths);
  const [graceMonths, setGraceMonths] = useState<number>(0);
  const [method, setMethod] = useState<'annuity' | 'declining'>(loan.method);
  const [startsOn, setStartsOn] = useState(todayIso());
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input =
      kind === 'reschedule'
        ? { kind, reason, params: { termMonths, graceMonths, rateBps: loan.rateBps, method, startsOn } }
        : { kind, reason, writtenOffOn: startsOn };
    propose.mutate(input, { onSuccess: () => { notifySuccess(t('loans.proposedToast')); onClose(); } });
  };
  return (
    <Modal opened onClose={onClose} title={t(`loanActions.${kind}`)}>
      <Stack component="form" onSubmit={submit}>
        <Text size="sm" c="dimmed">{t('loans.makerChecker')}</Text>
        <TextInput label={t('loans.reason')} required value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
        {kind === 'reschedule' && (
          <>
            <NumberInput label={t('loans.termMonths')} min={1} max={360} value={termMonths} onChange={(v) => setTermMonths(Number(v))} />
            <NumberInput label={t('loans.graceMonths')} min={0} max={359} value={graceMonths} onChange={(v) => setGraceMonths(Number(v))} />
            <Select label={t('loans.method')} data={(['annuity', 'declining'] as const).map((m) => ({ value: m, label: t(`methods.${m}`) }))} value={method} onChange={(v) => setMethod(v === 'annuity' ? 'annuity' : 'declining')} allowDeselect={false} />
          </>
        )}
        <TextInput type="date" label={kind === 'reschedule' ? t('loans.startsOn') : t('loans.writtenOffOn')} required value={startsOn} onChange={(e) => setStartsOn(e.currentTarget.value)} />
        <Group justify="flex-end"><Button type="submit" loading={propose.isPending}>{t('loans.propose')}</Button></Group>
      </Stack>
    </Modal>
  );
}
