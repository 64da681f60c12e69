import { Alert, Badge, Button, Card, Grid, Group, List, Modal, Select, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import type { Cofinancing } from '@essor/shared/cofinancing';
import { CURRENCY_EXPONENTS, parseMoneyInput, type CurrencyCode } from '@essor/shared/money';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { PageHeader } from '../../../components/page-header';
import { useFormat } from '../../../lib/format';
import { notifyError, notifySuccess } from '../../../lib/notify';
import { useHasRole, useMe } from '../../../lib/session';
import {
  useApproveCofinancing,
  useCancelCofinancing,
  useCofinancing,
  useCommitteeDecision,
  useDisburseTranche,
  useFinanceableProjects,
  usePrepareCofinancing,
  useRejectCofinancing,
  useSignAgreement,
} from '../api';
import { EventTimeline } from '../components/event-timeline';
import { MoneyInput } from '../components/money-input';
import { QueryView } from '../components/query-view';
import { StatusBadge } from '../components/status-badge';

export function CofinancingPage() {
  const { id = '' } = useParams();
  const request = useCofinancing(id);
  return <QueryView query={request}>{(r) => <CofinancingView request={r} />}</QueryView>;
}

function CofinancingView({ request: r }: { request: Cofinancing }) {
  const { t } = useTranslation('funds');
  const format = useFormat();
  return (
    <>
      <PageHeader title={t('cofinancing.heading', { number: r.number, project: r.projectTitle })} description={`${r.fundCode} · ${r.purpose}`} actions={<StatusBadge status={r.status} />} />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack>
            <Card withBorder>
              <Group gap="xl">
                <Figure label={t('cofinancing.amount')} value={format.money(r.amountMinor, r.currency)} />
                <Figure label={t('cofinancing.budget')} value={format.money(r.projectBudgetMinor, r.currency)} />
                <Figure label={t('cofinancing.share')} value={format.percent(r.amountMinor / Math.max(r.projectBudgetMinor, 1))} />
                <Figure label={t('cofinancing.disbursed')} value={format.money(r.disbursedMinor, r.currency)} />
              </Group>
              {r.otherFunders.length > 0 && (
                <>
                  <Text size="sm" fw={600} mt="md">{t('cofinancing.otherFunders')}</Text>
                  <List size="sm">{r.otherFunders.map((f) => <List.Item key={f.name}>{f.name} : {format.money(f.amountMinor, r.currency)} ({t(`otherFunderStatus.${f.status}`)})</List.Item>)}</List>
                </>
              )}
            </Card>
            {r.recommendation && (
              <Card withBorder>
                <Title order={3} size="h5">{t('cofinancing.recommendation')}</Title>
                <Text size="sm" mt={4}>{r.recommendation}</Text>
                {r.conditions.length > 0 && (
                  <>
                    <Text size="sm" fw={600} mt="sm">{t('cofinancing.conditions')}</Text>
                    <List size="sm">{r.conditions.map((c) => <List.Item key={c}>{c}</List.Item>)}</List>
                  </>
                )}
                {r.committeeRequired && (
                  <Text size="sm" mt="sm">
                    {t('cofinancing.committee')} : {r.committeeDecision ? <Badge color={r.committeeDecision === 'favourable' ? 'teal' : 'red'}>{t(`committee.${r.committeeDecision}`)}</Badge> : t('committee.awaited')}
                  </Text>
                )}
                {r.agreementSignedOn && <Text size="sm" mt="sm">{t('cofinancing.signedOn', { date: format.date(r.agreementSignedOn) })}</Text>}
              </Card>
            )}
            <Tranches request={r} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack>
            <Actions request={r} />
            <Card withBorder>
              <Title order={3} size="h5" mb="sm">{t('timeline.title')}</Title>
              <EventTimeline events={r.timeline} />
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
      <Text fw={700}>{value}</Text>
    </div>
  );
}

function Tranches({ request: r }: { request: Cofinancing }) {
  const { t } = useTranslation('funds');
  const format = useFormat();
  const manages = useHasRole('fund_manager');
  const disburse = useDisburseTranche(r.id);
  if (r.tranches.length === 0) return null;
  return (
    <Card withBorder>
      <Title order={3} size="h5" mb="sm">{t('cofinancing.tranches')}</Title>
      <Table>
        <Table.Thead><Table.Tr><Table.Th>#</Table.Th><Table.Th>{t('common.amount')}</Table.Th><Table.Th>{t('cofinancing.milestone')}</Table.Th><Table.Th>{t('common.status')}</Table.Th><Table.Th /></Table.Tr></Table.Thead>
        <Table.Tbody>
          {r.tranches.map((tranche) => (
            <Table.Tr key={tranche.id}>
              <Table.Td>{tranche.seq}</Table.Td>
              <Table.Td>{format.money(tranche.amountMinor, r.currency)}</Table.Td>
              <Table.Td>{tranche.milestoneTitle ? `${tranche.milestoneTitle} (${t(`milestone.${tranche.milestoneStatus}`, { defaultValue: tranche.milestoneStatus ?? '' })})` : '—'}</Table.Td>
              <Table.Td><StatusBadge status={tranche.status} />{tranche.disbursedOn && <Text size="xs" c="dimmed">{format.date(tranche.disbursedOn)}</Text>}</Table.Td>
              <Table.Td>
                {manages && r.status === 'approved' && tranche.status === 'planned' && (
                  <Button
                    size="xs"
                    loading={disburse.isPending}
                    onClick={() =>
                      disburse.mutate(tranche.id, {
                        onSuccess: () => notifySuccess(t('cofinancing.disbursedToast', { seq: tranche.seq })),
                        onError: (error) => notifyError(error, t('common:errors.saveFailed')),
                      })
                    }
                  >
                    {t('cofinancing.disburse', { seq: tranche.seq })}
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

function Actions({ request: r }: { request: Cofinancing }) {
  const { t } = useTranslation('funds');
  const { data: me } = useMe();
  const isStaff = useHasRole('staff');
  const isManager = useHasRole('fund_manager');
  const isCommittee = useHasRole('committee_member');
  const [preparing, setPreparing] = useState(false);
  const [note, setNote] = useState('');
  const approve = useApproveCofinancing(r.id);
  const reject = useRejectCofinancing(r.id);
  const committee = useCommitteeDecision(r.id);
  const sign = useSignAgreement(r.id);
  const cancel = useCancelCofinancing(r.id);
  const done = (message: string) => ({ onSuccess: () => notifySuccess(message), onError: (error: unknown) => notifyError(error, t('common:errors.saveFailed')) });
  const preparedByMe = r.preparedBy === me?.user.id;
  const needsCommittee = r.committeeRequired && r.committeeDecision !== 'favourable';
  const actions = [];
  if (isStaff && (r.status === 'draft' || r.status === 'prepared')) {
    actions.push(<Button key="prepare" variant={r.status === 'draft' ? 'filled' : 'light'} onClick={() => setPreparing(true)}>{t('cofinancing.prepare')}</Button>);
  }
  if (isCommittee && r.status === 'prepared' && r.committeeRequired && !r.committeeDecision) {
    actions.push(
      <Group key="committee" grow>
        <Button color="teal" onClick={() => committee.mutate({ decision: 'favourable', note }, done(t('committee.recorded')))}>{t('committee.favourable')}</Button>
        <Button color="red" variant="light" onClick={() => committee.mutate({ decision: 'unfavourable', note }, done(t('committee.recorded')))}>{t('committee.unfavourable')}</Button>
      </Group>,
    );
  }
  if (isManager && r.status === 'prepared') {
    if (preparedByMe) actions.push(<Alert key="four-eyes" color="yellow">{t('cofinancing.fourEyes')}</Alert>);
    else if (needsCommittee) actions.push(<Alert key="committee-first" color="yellow">{t('cofinancing.committeeFirst')}</Alert>);
    else {
      actions.push(
        <Textarea key="note" label={t('cofinancing.decisionNote')} value={note} onChange={(e) => setNote(e.currentTarget.value)} />,
        <Group key="decide" grow>
          <Button color="teal" loading={approve.isPending} onClick={() => approve.mutate(note, done(t('cofinancing.approvedToast')))}>{t('cofinancing.approve')}</Button>
          <Button color="red" variant="light" loading={reject.isPending} onClick={() => reject.mutate(note, done(t('cofinancing.rejectedToast')))}>{t('cofinancing.reject')}</Button>
        </Group>,
      );
    }
  }
  if ((isStaff || isManager) && r.status === 'approved' && !r.agreementSignedOn) {
    actions.push(<Button key="sign" variant="light" loading={sign.isPending} onClick={() => sign.mutate(new Date().toISOString().slice(0, 10), done(t('cofinancing.signedToast')))}>{t('cofinancing.sign')}</Button>);
  }
  if (isManager && ['draft', 'prepared', 'approved'].includes(r.status)) {
    actions.push(
      <Button key="cancel" color="gray" variant="subtle" onClick={() => { const reason = window.prompt(t('cofinancing.cancelReason')); if (reason) cancel.mutate(reason, done(t('cofinancing.cancelledToast'))); }}>
        {t('cofinancing.cancel')}
      </Button>,
    );
  }
  return (
    <Card withBorder>
      <Title order={3} size="h5" mb="sm">{t('common.actions')}</Title>
      {actions.length ? <Stack gap="xs">{actions}</Stack> : <Text size="sm" c="dimmed">{t('common.noAction')}</Text>}
      {preparing && <PrepareModal request={r} onClose={() => setPreparing(false)} />}
    </Card>
  );
}

function PrepareModal({ request: r, onClose }: { request: Cofinancing; onClose: () => void }) {
  const { t } = useTranslation('funds');
  const prepare = usePrepareCofinancing(r.id);
  const [recommendation, setRecommendation] = useState(r.recommendation ?? '');
  const [conditions, setConditions] = useState(r.conditions.join('\n'));
  const exponent = CURRENCY_EXPONENTS[r.currency];
  const asText = (minor: number) => (minor / 10 ** exponent).toFixed(exponent);
  const [tranches, setTranches] = useState<string[]>(r.tranches.length ? r.tranches.map((x) => asText(x.amountMinor)) : [asText(r.amountMinor)]);
  const [milestoneIds, setMilestoneIds] = useState<(string | null)[]>(r.tranches.length ? r.tranches.map((x) => x.milestoneId) : [null]);
  const projects = useFinanceableProjects();
  const milestoneOptions = (projects.data?.find((p) => p.id === r.projectId)?.milestones ?? []).map((m) => ({ value: m.id, label: m.title }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const amounts = tranches.map((a) => parseMoneyInput(a, r.currency as CurrencyCode));
    if (amounts.some((a) => a === null)) return;
    prepare.mutate(
      { recommendation, conditions: conditions.split('\n').map((c) => c.trim()).filter(Boolean), tranches: amounts.map((amountMinor, i) => ({ amountMinor: amountMinor!, milestoneId: milestoneIds[i] ?? null })) },
      { onSuccess: () => { notifySuccess(t('cofinancing.preparedToast')); onClose(); }, onError: (error) => notifyError(error, t('common:errors.saveFailed')) },
    );
  };
  return (
    <Modal opened onClose={onClose} title={t('cofinancing.prepare')} size="lg">
      <Stack component="form" onSubmit={submit}>
        <Textarea label={t('cofinancing.recommendation')} required minRows={3} value={recommendation} onChange={(e) => setRecommendation(e.currentTarget.value)} />
        <Textarea label={t('cofinancing.conditionsHint')} minRows={2} value={conditions} onChange={(e) => setConditions(e.currentTarget.value)} />
        {tranches.map((amount, i) => (
          <Group key={i} grow align="flex-start">
            <MoneyInput label={t('cofinancing.trancheAmount', { seq: i + 1 })} currency={r.currency} value={amount} onChange={(value) => setTranches(tranches.map((x, j) => (j === i ? value : x)))} />
            <Select
              label={t('cofinancing.trancheMilestone', { seq: i + 1 })}
              clearable
              placeholder={t('cofinancing.noMilestone')}
              data={milestoneOptions}
              value={milestoneIds[i] ?? null}
              onChange={(value) => setMilestoneIds(tranches.map((_, j) => (j === i ? value : (milestoneIds[j] ?? null))))}
            />
          </Group>
        ))}
        <Group justify="space-between">
          <Button variant="subtle" onClick={() => { setTranches([...tranches, '']); setMilestoneIds([...milestoneIds, null]); }}>{t('cofinancing.addTranche')}</Button>
          <Button type="submit" loading={prepare.isPending}>{t('cofinancing.submitPreparation')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
