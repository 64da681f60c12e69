import { Alert, Badge, Button, Card, Checkbox, Grid, Group, List, Modal, Select, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import type { Cofinancing } from '@essor/shared/cofinancing';
import { CURRENCY_EXPONENTS, parseMoneyInput, type CurrencyCode } from '@essor/shared/money';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { PageHeader } from '../../../components/page-header';
import { useFormat } from '../../../lib/format';
import { notifySuccess } from '../../../lib/notify';
import {
  useApproveCofinancing,
  useCancelCofinancing,
  useCofinancing,
  useCommitteeDecision,
  useCommitteeSessions,
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
  const disburse = useDisburseTranche(r.id);
  const waitsFor = (trancheId: string) => r.waiting.find((w) => w.trancheId === trancheId);
  if (r.tranches.length === 0) return null;
  return (
    <Card withBorder>
      <Title order={3} size="h5" mb="sm">{t('cofinancing.tranches')}</Title>
      <Table.ScrollContainer minWidth={560}>
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
                {waitsFor(tranche.id) && <Text size="xs" c="dimmed">{t(`waiting.${waitsFor(tranche.id)!.reason}`)}</Text>}
                {tranche.disbursable && (
                  <Button
                    size="xs"
                    loading={disburse.isPending}
                    onClick={() =>
                      disburse.mutate(tranche.id, {
                        onSuccess: () => notifySuccess(t('cofinancing.disbursedToast', { seq: tranche.seq })),
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
      </Table.ScrollContainer>
    </Card>
  );
}

/** Exactly the actions the API says the caller may do now, and why the others wait. */
function Actions({ request: r }: { request: Cofinancing }) {
  const { t } = useTranslation('funds');
  const [preparing, setPreparing] = useState(false);
  const [recording, setRecording] = useState(false);
  const [note, setNote] = useState('');
  const approve = useApproveCofinancing(r.id);
  const reject = useRejectCofinancing(r.id);
  const sign = useSignAgreement(r.id);
  const cancel = useCancelCofinancing(r.id);
  const done = (message: string) => ({ onSuccess: () => notifySuccess(message) });
  const may = (action: Cofinancing['allowedActions'][number]) => r.allowedActions.includes(action);
  const actions = [];
  if (may('prepare')) {
    actions.push(<Button key="prepare" variant={r.status === 'draft' ? 'filled' : 'light'} onClick={() => setPreparing(true)}>{t('cofinancing.prepare')}</Button>);
  }
  if (may('committee_opinion')) {
    actions.push(<Button key="committee" variant="light" onClick={() => setRecording(true)}>{t('committee.record')}</Button>);
  }
  if (may('approve') || may('reject')) {
    actions.push(<Textarea key="note" label={t('cofinancing.decisionNote')} value={note} onChange={(e) => setNote(e.currentTarget.value)} />);
    actions.push(
      <Group key="decide" grow>
        {may('approve') && <Button color="teal" loading={approve.isPending} onClick={() => approve.mutate(note, done(t('cofinancing.approvedToast')))}>{t('cofinancing.approve')}</Button>}
        {may('reject') && <Button color="red" variant="light" loading={reject.isPending} onClick={() => reject.mutate(note, done(t('cofinancing.rejectedToast')))}>{t('cofinancing.reject')}</Button>}
      </Group>,
    );
  }
  if (may('sign_agreement')) {
    actions.push(<Button key="sign" variant="light" loading={sign.isPending} onClick={() => sign.mutate(new Date().toISOString().slice(0, 10), done(t('cofinancing.signedToast')))}>{t('cofinancing.sign')}</Button>);
  }
  if (may('cancel')) {
    actions.push(
      <Button key="cancel" color="gray" variant="subtle" onClick={() => { const reason = window.prompt(t('cofinancing.cancelReason')); if (reason) cancel.mutate(reason, done(t('cofinancing.cancelledToast'))); }}>
        {t('cofinancing.cancel')}
      </Button>,
    );
  }
  // One line per reason (approve and reject waiting on four eyes say it once); tranche reasons sit by their tranche.
  const reasons = [...new Set(r.waiting.filter((w) => w.trancheId === null).map((w) => w.reason))];
  return (
    <Card withBorder>
      <Title order={3} size="h5" mb="sm">{t('common.actions')}</Title>
      <Stack gap="xs">
        {reasons.map((reason) => <Alert key={reason} color="yellow">{t(`waiting.${reason}`)}</Alert>)}
        {actions.length ? actions : reasons.length === 0 && <Text size="sm" c="dimmed">{t('common.noAction')}</Text>}
      </Stack>
      {preparing && <PrepareModal request={r} onClose={() => setPreparing(false)} />}
      {recording && <CommitteeOpinionModal request={r} onClose={() => setRecording(false)} />}
    </Card>
  );
}

/** Staff record the committee's opinion from one of its sessions, naming the members who voted. */
function CommitteeOpinionModal({ request: r, onClose }: { request: Cofinancing; onClose: () => void }) {
  const { t } = useTranslation('funds');
  const sessions = useCommitteeSessions(r.id);
  const record = useCommitteeDecision(r.id);
  const [sessionId, setSessionId] = useState<string | null>(null);
  const [voterIds, setVoterIds] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const session = sessions.data?.find((s) => s.id === sessionId);
  const submit = (decision: 'favourable' | 'unfavourable') =>
    sessionId &&
    record.mutate(
      { sessionId, voterIds, decision, note },
      { onSuccess: () => { notifySuccess(t('committee.recorded')); onClose(); } },
    );
  return (
    <Modal opened onClose={onClose} title={t('committee.record')} size="lg">
      <Stack>
        <Text size="sm" c="dimmed">{t('committee.recordHint')}</Text>
        <Select
          label={t('committee.session')}
          required
          data={(sessions.data ?? []).map((s) => ({ value: s.id, label: `${s.title} (${s.heldOn})` }))}
          value={sessionId}
          onChange={(value) => { setSessionId(value); setVoterIds([]); }}
        />
        {session && (
          <Checkbox.Group label={t('committee.voters', { quorum: session.quorum })} value={voterIds} onChange={setVoterIds}>
            <Stack gap={4} mt={4}>{session.members.map((m) => <Checkbox key={m.id} value={m.id} label={m.name} />)}</Stack>
          </Checkbox.Group>
        )}
        <Textarea label={t('committee.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
        <Group grow>
          <Button color="teal" disabled={!session} loading={record.isPending} onClick={() => submit('favourable')}>{t('committee.favourable')}</Button>
          <Button color="red" variant="light" disabled={!session} loading={record.isPending} onClick={() => submit('unfavourable')}>{t('committee.unfavourable')}</Button>
        </Group>
      </Stack>
    </Modal>
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
  const projects = useFinanceableProjects({ projectId: r.projectId });
  const milestoneOptions = (projects.data?.find((p) => p.id === r.projectId)?.milestones ?? []).map((m) => ({ value: m.id, label: m.title }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const amounts = tranches.map((a) => parseMoneyInput(a, r.currency as CurrencyCode));
    if (amounts.some((a) => a === null)) return;
    prepare.mutate(
      { recommendation, conditions: conditions.split('\n').map((c) => c.trim()).filter(Boolean), tranches: amounts.map((amountMinor, i) => ({ amountMinor: amountMinor!, milestoneId: milestoneIds[i] ?? null })) },
      { onSuccess: () => { notifySuccess(t('cofinancing.preparedToast')); onClose(); } },
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
