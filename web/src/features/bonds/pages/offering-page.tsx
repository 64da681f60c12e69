import { Alert, Anchor, Button, Card, Grid, Group, Modal, Progress, SimpleGrid, Stack, Tabs, Text, Textarea, Title, Tooltip } from '@mantine/core';
import { offeringActionsFor, SUBSCRIPTION_STATUSES, type Holding, type Offering, type Subscription } from '@essor/shared/bonds';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { DataList } from '../../../components/data-list';
import { ErrorState } from '../../../components/error-state';
import { PageHeader } from '../../../components/page-header';
import { useFormat } from '../../../lib/format';
import { notifySuccess } from '../../../lib/notify';
import { useMe } from '../../../lib/session';
import { BONDS_KEY, OFFERINGS_ENDPOINT, useOffering, useOfferingStep, type OfferingStep } from '../api';
import { ConfirmPaymentModal } from '../components/confirm-payment-modal';
import { EarlyRedemptionAction } from '../components/early-redemption-action';
import { OfferingFormModal } from '../components/offering-form-modal';
import { PayoutsPanel } from '../components/payouts-panel';
import { TransfersPanel } from '../components/transfers-panel';
import { BondStatusBadge } from '../components/offering-status-badge';
import { CancelOfferingAction } from '../components/cancel-offering-action';
import { SettlementCard } from '../components/settlement-card';
import { MatchPledgesPanel } from '../components/match-pledges-panel';
import { UptakeChart } from '../components/uptake-chart';

const todayIso = () => new Date().toISOString().slice(0, 10);

export function OfferingPage() {
  const { id = '' } = useParams();
  const offering = useOffering(id);
  if (offering.isError) return <ErrorState error={offering.error} onRetry={() => void offering.refetch()} />;
  if (!offering.data) return <Text c="dimmed">…</Text>;
  return <OfferingView offering={offering.data} />;
}

function OfferingView({ offering }: { offering: Offering }) {
  const { t } = useTranslation('bonds');
  const format = useFormat();
  const me = useMe().data?.user;
  const staffSide = Boolean(me?.roles.some((r) => r === 'staff' || r === 'fund_manager'));
  return (
    <>
      <PageHeader title={`${offering.code} · ${offering.title}`} description={t('detail.issuer', { issuer: offering.issuerName, fund: offering.trustFundCode })} actions={<BondStatusBadge status={offering.status} />} />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack>
            <ProgressCard offering={offering} />
            <UptakeChart offeringId={offering.id} />
            <Tabs defaultValue="subscriptions" keepMounted={false}>
              <Tabs.List>
                <Tabs.Tab value="subscriptions">{t('tabs.subscriptions')}</Tabs.Tab>
                <Tabs.Tab value="holders">{t('tabs.holders')}</Tabs.Tab>
                <Tabs.Tab value="coupons">{t('tabs.coupons')}</Tabs.Tab>
                <Tabs.Tab value="transfers">{t('tabs.transfers')}</Tabs.Tab>
                {staffSide && <Tabs.Tab value="match">{t('match.title')}</Tabs.Tab>}
              </Tabs.List>
              <Tabs.Panel value="subscriptions" pt="md"><SubscriptionsRegister offering={offering} mayConfirm={staffSide} /></Tabs.Panel>
              <Tabs.Panel value="holders" pt="md"><HoldersRegister offering={offering} /></Tabs.Panel>
              <Tabs.Panel value="coupons" pt="md">
                <Stack>
                  {staffSide && <EarlyRedemptionAction offering={offering} />}
                  <PayoutsPanel offeringId={offering.id} mayRun={staffSide} />
                </Stack>
              </Tabs.Panel>
              <Tabs.Panel value="transfers" pt="md"><TransfersPanel offering={offering} mayRecord={staffSide} /></Tabs.Panel>
              {staffSide && me && <Tabs.Panel value="match" pt="md"><MatchPledgesPanel offering={offering} person={me} /></Tabs.Panel>}
            </Tabs>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack>
            {offering.status === 'cancelled' && offering.cancelledAt && (
              <Alert color="red">{t('cancelOffering.cancelledOn', { day: format.date(offering.cancelledAt), reason: offering.cancelledReason ?? '' })}</Alert>
            )}
            {me && <OfferingActions offering={offering} person={me} />}
            {me && <CancelOfferingAction offering={offering} person={me} />}
            {staffSide && me && <SettlementCard offering={offering} person={me} />}
            <Card withBorder>
              <Title order={3} size="h5" mb="sm">{t('detail.terms')}</Title>
              <SimpleGrid cols={2} spacing="sm">
                <Figure label={t('form.unitPrice')} value={format.money(offering.unitPriceMinor, offering.currency)} />
                <Figure label={t('detail.target')} value={format.money(offering.maxUnits * offering.unitPriceMinor, offering.currency)} />
                <Figure label={t('detail.minimum')} value={format.money(offering.minUnits * offering.unitPriceMinor, offering.currency)} />
                <Figure label={t('detail.perPerson')} value={t('detail.perPersonText', { min: offering.minUnitsPerPerson, max: offering.maxUnitsPerPerson })} />
                <Figure label={t('form.rate')} value={format.percent(offering.rateBps / 10_000)} />
                <Figure label={t('form.termMonths')} value={t('detail.months', { count: offering.termMonths })} />
                <Figure label={t('form.couponFrequency')} value={t(`frequency.${offering.couponFrequency}`)} />
                <Figure label={t('form.dayCount')} value={t(`dayCount.${offering.dayCount}`)} />
                <Figure label={t('form.withholding')} value={format.percent(offering.withholdingBps / 10_000)} />
                <Figure label={t('form.earlyRedemptionFrom')} value={offering.earlyRedemptionFrom ? format.date(offering.earlyRedemptionFrom) : t('detail.atMaturity')} />
                <Figure label={t('form.opensOn')} value={format.date(offering.opensOn)} />
                <Figure label={t('form.closesOn')} value={format.date(offering.closesOn)} />
                <Figure label={t('detail.issuedOn')} value={format.date(offering.issuedOn)} />
                <Figure label={t('detail.maturesOn')} value={format.date(offering.maturesOn)} />
              </SimpleGrid>
            </Card>
            <Card withBorder>
              <Stack gap="xs">
                <Prose label={t('form.useOfFunds')} text={offering.useOfFunds} />
                <Prose label={t('form.impactAim')} text={offering.impactAim} />
                <Prose label={t('detail.noticeFr')} text={offering.noticeFr} />
                <Prose label={t('detail.noticeEn')} text={offering.noticeEn} />
              </Stack>
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

function Prose({ label, text }: { label: string; text: string }) {
  const { t } = useTranslation('bonds');
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>{label}</Text>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} c={text ? undefined : 'dimmed'}>{text || t('detail.none')}</Text>
    </div>
  );
}

/** Paid and reserved units against the maximum, with the minimum raise marked. */
function ProgressCard({ offering }: { offering: Offering }) {
  const { t } = useTranslation('bonds');
  const format = useFormat();
  const share = (units: number) => (offering.maxUnits > 0 ? (units / offering.maxUnits) * 100 : 0);
  return (
    <Card withBorder>
      <Group justify="space-between" mb="xs">
        <Title order={3} size="h5">{t('detail.progress')}</Title>
        <Text size="sm">
          {t('detail.progressText', {
            paid: format.number(offering.paidUnits),
            reserved: format.number(offering.reservedUnits),
            max: format.number(offering.maxUnits),
            amount: format.money(offering.paidUnits * offering.unitPriceMinor, offering.currency),
          })}
        </Text>
      </Group>
      <div style={{ position: 'relative' }}>
        <Progress.Root size="xl" aria-label={t('detail.progress')}>
          <Progress.Section value={share(offering.paidUnits)} color="teal" />
          <Progress.Section value={share(offering.reservedUnits)} color="blue.3" />
        </Progress.Root>
        <Tooltip label={t('detail.minLineText', { units: format.number(offering.minUnits) })}>
          <div style={{ position: 'absolute', top: -4, bottom: -4, left: `${share(offering.minUnits)}%`, width: 2, background: 'var(--mantine-color-red-6)' }} />
        </Tooltip>
      </div>
      <Text size="xs" c="dimmed" mt="xs">{t('detail.minLineText', { units: format.number(offering.minUnits) })}</Text>
    </Card>
  );
}

/** Exactly the steps the person may take now; closing asks for a confirmation, a rejection for a note. */
function OfferingActions({ offering, person }: { offering: Offering; person: { id: string; roles: readonly string[] } }) {
  const { t } = useTranslation('bonds');
  const step = useOfferingStep(offering.id);
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState<'close' | 'reject' | null>(null);
  const [note, setNote] = useState('');
  const actions = offeringActionsFor(offering, person, todayIso());
  const run = (s: OfferingStep, extra?: { note?: string }) =>
    step.mutate({ step: s, ...extra }, { onSuccess: () => { notifySuccess(t(`actions.${s}Done`)); setConfirming(null); } });
  if (actions.length === 0) return null;
  return (
    <Card withBorder>
      <Title order={3} size="h5" mb="sm">{t('actions.title')}</Title>
      <Stack gap="xs">
        {actions.includes('edit') && <Button variant="default" onClick={() => setEditing(true)}>{t('actions.edit')}</Button>}
        {actions.includes('submit') && <Button loading={step.isPending} onClick={() => run('submit')}>{t('actions.submit')}</Button>}
        {(actions.includes('approve') || actions.includes('reject')) && (
          <Group grow>
            {actions.includes('approve') && <Button color="teal" loading={step.isPending} onClick={() => run('approve')}>{t('actions.approve')}</Button>}
            {actions.includes('reject') && <Button color="red" variant="light" onClick={() => setConfirming('reject')}>{t('actions.reject')}</Button>}
          </Group>
        )}
        {actions.includes('open') && <Button loading={step.isPending} onClick={() => run('open')}>{t('actions.open')}</Button>}
        {actions.includes('close') && <Button color="orange" onClick={() => setConfirming('close')}>{t('actions.close')}</Button>}
      </Stack>
      {editing && <OfferingFormModal offering={offering} onClose={() => setEditing(false)} />}
      <Modal opened={confirming !== null} onClose={() => setConfirming(null)} title={confirming === 'close' ? t('actions.closeTitle') : t('actions.rejectTitle')}>
        <Stack>
          {confirming === 'close' ? (
            <Alert color="orange">
              {offering.paidUnits >= offering.minUnits ? t('actions.closeAllot', { units: offering.paidUnits }) : t('actions.closeRefund', { units: offering.paidUnits, min: offering.minUnits })}
            </Alert>
          ) : (
            <Textarea label={t('actions.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} minRows={2} />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(null)}>{t('actions.cancel')}</Button>
            <Button color={confirming === 'close' ? 'orange' : 'red'} loading={step.isPending} onClick={() => (confirming === 'close' ? run('close') : run('reject', { note }))}>
              {confirming === 'close' ? t('actions.closeConfirm') : t('actions.reject')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Card>
  );
}

function SubscriptionsRegister({ offering, mayConfirm }: { offering: Offering; mayConfirm: boolean }) {
  const { t } = useTranslation('bonds');
  const format = useFormat();
  const [paying, setPaying] = useState<Subscription | null>(null);
  const endpoint = `${OFFERINGS_ENDPOINT}/${offering.id}/subscriptions`;
  return (
    <>
      <DataList<Subscription>
        queryKey={[...BONDS_KEY, 'subscriptions', offering.id]}
        endpoint={endpoint}
        exportEndpoint={`${endpoint}.csv`}
        filters={[{ name: 'status', label: t('register.status'), options: SUBSCRIPTION_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) })) }]}
        rowKey={(s) => s.id}
        emptyTitle={t('register.empty')}
        columns={[
          { key: 'seq', header: '#', render: (s) => s.seq },
          { key: 'reference', header: t('register.reference'), render: (s) => s.reference },
          { key: 'investor', header: t('register.investor'), render: (s) => s.investorName },
          { key: 'units', header: t('register.units'), render: (s) => format.number(s.units) },
          { key: 'amount', header: t('register.amount'), render: (s) => format.money(s.amountMinor, s.currency) },
          { key: 'paid', header: t('register.paid'), render: (s) => format.money(s.paidMinor, s.currency) },
          { key: 'status', header: t('register.status'), render: (s) => <BondStatusBadge status={s.status} /> },
          { key: 'due', header: t('register.dueBy'), render: (s) => (s.status === 'reserved' ? format.date(s.expiresAt) : '—') },
          {
            key: 'pay',
            header: '',
            render: (s) =>
              mayConfirm && s.status === 'reserved' ? (
                <Button size="compact-xs" variant="light" onClick={() => setPaying(s)}>{t('register.confirmPayment')}</Button>
              ) : s.status === 'allotted' ? (
                <CertificateLink subscriptionId={s.id} />
              ) : null,
          },
        ]}
      />
      {paying && <ConfirmPaymentModal subscription={paying} onClose={() => setPaying(null)} />}
    </>
  );
}

function HoldersRegister({ offering }: { offering: Offering }) {
  const { t } = useTranslation('bonds');
  const format = useFormat();
  const endpoint = `${OFFERINGS_ENDPOINT}/${offering.id}/holders`;
  return (
    <DataList<Holding>
      queryKey={[...BONDS_KEY, 'holders', offering.id]}
      endpoint={endpoint}
      exportEndpoint={`${endpoint}.csv`}
      rowKey={(h) => h.id}
      emptyTitle={t('holders.empty')}
      columns={[
        { key: 'numbers', header: t('holders.numbers'), render: (h) => `${h.firstNumber}–${h.lastNumber}` },
        { key: 'units', header: t('register.units'), render: (h) => format.number(h.units) },
        { key: 'holder', header: t('holders.holder'), render: (h) => h.holderName },
        { key: 'from', header: t('holders.heldFrom'), render: (h) => format.date(h.heldFrom) },
        { key: 'until', header: t('holders.heldUntil'), render: (h) => format.date(h.heldUntil) },
        { key: 'origin', header: t('holders.origin'), render: (h) => t(`holders.origins.${h.origin}`) },
        { key: 'certificate', header: '', render: (h) => (h.origin === 'allotment' && h.subscriptionId ? <CertificateLink subscriptionId={h.subscriptionId} /> : null) },
      ]}
    />
  );
}

/** The holder's certificate of allotted bonds, reprinted by staff as a PDF. */
function CertificateLink({ subscriptionId }: { subscriptionId: string }) {
  const { t } = useTranslation('bonds');
  return <Anchor size="xs" href={`/api/bonds/subscriptions/${subscriptionId}/certificate.pdf`} download>{t('register.certificate')}</Anchor>;
}
