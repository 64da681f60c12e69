import { Alert, Anchor, Badge, Button, Card, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import type { MyHolding, MyPayoutLine, MyUpcomingPayout } from '@essor/shared/bond-investor';
import type { Subscription, SubscriptionStatus } from '@essor/shared/bonds';
import { IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorState } from '../../../components/error-state';
import { useFormat } from '../../../lib/format';
import { notifyError, notifySuccess } from '../../../lib/notify';
import { certificateUrl, statementUrl, useCancelSubscription, useMyPayouts, useMySubscriptions } from '../api';
import { InvestFrame } from '../components/invest-frame';
import { PaymentInstructions } from '../components/payment-instructions';

const STATUS_COLOURS: Record<SubscriptionStatus, string> = {
  waitlisted: 'yellow',
  reserved: 'blue',
  paid: 'teal',
  allotted: 'essor',
  lapsed: 'gray',
  cancelled: 'gray',
  refunded: 'gray',
};

function CancelButton({ subscription }: { subscription: Subscription }) {
  const { t } = useTranslation('invest');
  const cancel = useCancelSubscription();
  const [asked, setAsked] = useState(false);
  if (!asked) return <Button variant="default" color="red" size="xs" onClick={() => setAsked(true)}>{t('mine.cancel')}</Button>;
  return (
    <Group gap="xs">
      <Text size="sm">{t('mine.cancelSure')}</Text>
      <Button
        color="red"
        size="xs"
        loading={cancel.isPending}
        onClick={() => cancel.mutate(subscription.id, { onSuccess: () => notifySuccess(t('mine.cancelled')), onError: (error) => notifyError(error, t('mine.cancelFailed')) })}
      >
        {t('mine.cancelConfirm')}
      </Button>
      <Button variant="subtle" size="xs" onClick={() => setAsked(false)}>{t('mine.keep')}</Button>
    </Group>
  );
}

function SubscriptionCard({ subscription, holdings }: { subscription: Subscription; holdings: MyHolding[] }) {
  const { t } = useTranslation('invest');
  const f = useFormat();
  const mine = holdings.filter((h) => h.subscriptionId === subscription.id);
  const open = subscription.status === 'reserved' || subscription.status === 'waitlisted';
  return (
    <Card withBorder radius="md" padding="md" component="article">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
          <div>
            <Title order={3} size="h5">{subscription.offeringTitle}</Title>
            <Text size="sm" c="dimmed">{t('mine.units', { count: subscription.units, amount: f.money(subscription.amountMinor, subscription.currency) })}</Text>
          </div>
          <Badge color={STATUS_COLOURS[subscription.status]} variant="light">{t(`subscriptionStatus.${subscription.status}`)}</Badge>
        </Group>
        <Text size="xs" c="dimmed">{t('mine.since', { date: f.date(subscription.reservedAt ?? subscription.createdAt) })}</Text>
        {subscription.status === 'waitlisted' && <Text size="sm">{t('mine.waitlistedHint')}</Text>}
        {subscription.paidMinor > 0 && subscription.status === 'reserved' && (
          <Text size="sm">{t('mine.partPaid', { paid: f.money(subscription.paidMinor, subscription.currency) })}</Text>
        )}
        {subscription.paymentInstructions && <PaymentInstructions instructions={subscription.paymentInstructions} />}
        {subscription.status === 'paid' && <Text size="sm">{t('mine.paidHint')}</Text>}
        {subscription.status === 'allotted' && (
          <Stack gap={4}>
            {mine.map((h) => (
              <Text key={h.firstNumber} size="sm">
                {h.firstNumber === h.lastNumber ? t('mine.bondNumber', { number: h.firstNumber }) : t('mine.bondNumbers', { first: h.firstNumber, last: h.lastNumber })}
                {h.maturesOn ? ` · ${t('mine.maturesOn', { date: f.date(h.maturesOn) })}` : ''}
              </Text>
            ))}
            <Button component="a" href={certificateUrl(subscription.id)} download variant="light" size="xs" leftSection={<IconDownload size={14} />} w="fit-content">
              {t('mine.certificate')}
            </Button>
          </Stack>
        )}
        {open && subscription.paidMinor === 0 && <CancelButton subscription={subscription} />}
      </Stack>
    </Card>
  );
}

function UpcomingRow({ payout }: { payout: MyUpcomingPayout }) {
  const { t } = useTranslation('invest');
  const f = useFormat();
  return (
    <Paper withBorder radius="md" p="sm">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <div>
          <Text size="sm" fw={600}>{f.date(payout.paysOn)} · {t(`payoutKind.${payout.kind}`)}</Text>
          <Text size="xs" c="dimmed">{payout.offeringTitle} · {t('mine.unitsShort', { count: payout.units })}</Text>
        </div>
        <Text size="sm" fw={600}>{payout.estimatedGrossMinor === null ? t('mine.amountLater') : t('mine.estimated', { amount: f.money(payout.estimatedGrossMinor, payout.currency) })}</Text>
      </Group>
    </Paper>
  );
}

function PaidRow({ line }: { line: MyPayoutLine }) {
  const { t } = useTranslation('invest');
  const f = useFormat();
  return (
    <Paper withBorder radius="md" p="sm">
      <Group justify="space-between" wrap="wrap" gap="xs" align="flex-start">
        <div>
          <Text size="sm" fw={600}>{f.date(line.paidOn)} · {t(`payoutKind.${line.kind}`)}</Text>
          <Text size="xs" c="dimmed">{line.offeringTitle} · {t('mine.unitsShort', { count: line.units })}</Text>
        </div>
        <Stack gap={0} align="flex-end">
          <Text size="sm" fw={700}>{t('mine.net', { amount: f.money(line.netMinor + line.principalMinor, line.currency) })}</Text>
          <Text size="xs" c="dimmed">{t('mine.grossWithheld', { gross: f.money(line.grossMinor, line.currency), withheld: f.money(line.withheldMinor, line.currency) })}</Text>
          {line.principalMinor > 0 && <Text size="xs" c="dimmed">{t('mine.principal', { amount: f.money(line.principalMinor, line.currency) })}</Text>}
        </Stack>
      </Group>
    </Paper>
  );
}

/** The investor's space: subscriptions and how to pay them, bonds held, coupons to come and paid, yearly statements. */
export function MyBondsPage() {
  const { t } = useTranslation('invest');
  const subscriptions = useMySubscriptions();
  const payouts = useMyPayouts();
  const holdings = payouts.data?.holdings ?? [];
  return (
    <InvestFrame>
      <Stack gap="lg" pt="md">
        <Group justify="space-between" align="flex-end" wrap="wrap" gap="xs">
          <div>
            <Title order={1} size="h2">{t('mine.title')}</Title>
            <Text c="dimmed" size="sm">{t('mine.intro')}</Text>
          </div>
          <Button component={Link} to="/invest" variant="light">{t('mine.browse')}</Button>
        </Group>

        <section aria-labelledby="my-subscriptions">
          <Title order={2} size="h4" mb="sm" id="my-subscriptions">{t('mine.subscriptions')}</Title>
          {subscriptions.isPending && <Skeleton height={140} radius="md" />}
          {subscriptions.isError && <ErrorState error={subscriptions.error} onRetry={() => void subscriptions.refetch()} />}
          {subscriptions.data?.items.length === 0 && (
            <Alert variant="light">
              {t('mine.none')} <Anchor component={Link} to="/invest">{t('mine.browse')}</Anchor>
            </Alert>
          )}
          <Stack gap="sm">
            {subscriptions.data?.items.map((s) => <SubscriptionCard key={s.id} subscription={s} holdings={holdings} />)}
          </Stack>
        </section>

        <section aria-labelledby="my-coupons">
          <Title order={2} size="h4" mb="sm" id="my-coupons">{t('mine.coupons')}</Title>
          {payouts.isPending && <Skeleton height={100} radius="md" />}
          {payouts.isError && <ErrorState error={payouts.error} onRetry={() => void payouts.refetch()} />}
          {payouts.data && (
            <Stack gap="md">
              <Stack gap="xs">
                <Text fw={600} size="sm">{t('mine.upcoming')}</Text>
                {payouts.data.upcoming.length === 0 ? <Text size="sm" c="dimmed">{t('mine.noUpcoming')}</Text> : payouts.data.upcoming.map((p) => <UpcomingRow key={p.payoutId} payout={p} />)}
              </Stack>
              <Stack gap="xs">
                <Text fw={600} size="sm">{t('mine.paid')}</Text>
                {payouts.data.paid.length === 0 ? <Text size="sm" c="dimmed">{t('mine.noPaid')}</Text> : payouts.data.paid.map((line) => <PaidRow key={line.id} line={line} />)}
              </Stack>
            </Stack>
          )}
        </section>

        <section aria-labelledby="my-statements">
          <Title order={2} size="h4" mb="sm" id="my-statements">{t('mine.statements')}</Title>
          <Text size="sm" c="dimmed" mb="xs">{t('mine.statementsHint')}</Text>
          {payouts.data && payouts.data.statementYears.length === 0 && <Text size="sm" c="dimmed">{t('mine.noStatements')}</Text>}
          <Stack gap="xs">
            {payouts.data?.statementYears.map((year) => (
              <Group key={year} gap="xs" wrap="wrap">
                <Text fw={600} w={60}>{year}</Text>
                <Button component="a" href={statementUrl(year, 'pdf')} download size="xs" variant="light" leftSection={<IconDownload size={14} />}>
                  {t('mine.statementPdf', { year })}
                </Button>
                <Button component="a" href={statementUrl(year, 'csv')} download size="xs" variant="default" leftSection={<IconDownload size={14} />}>
                  {t('mine.statementCsv', { year })}
                </Button>
              </Group>
            ))}
          </Stack>
        </section>
      </Stack>
    </InvestFrame>
  );
}
