import { Anchor, Button, Group, Progress, Stack, Table, Text } from '@mantine/core';
import type { Payout } from '@essor/shared/bond-payouts';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../../components/error-state';
import { useFormat } from '../../../lib/format';
import { notifySuccess } from '../../../lib/notify';
import { OFFERINGS_ENDPOINT, usePayoutSchedule, useRunPayout } from '../api';
import { BondStatusBadge } from './offering-status-badge';

/** The coupons and the redemption, as the API schedules them; a due one is run from here and followed as it pays. */
export function PayoutsPanel({ offeringId, mayRun }: { offeringId: string; mayRun: boolean }) {
  const { t } = useTranslation('bonds');
  const format = useFormat();
  const schedule = usePayoutSchedule(offeringId);
  const run = useRunPayout(offeringId);
  if (schedule.isError) return <ErrorState error={schedule.error} onRetry={() => void schedule.refetch()} />;
  if (!schedule.data) return <Text size="sm" c="dimmed">{t('detail.loading')}</Text>;
  const { items, currency } = schedule.data;
  if (items.length === 0) return <Text size="sm" c="dimmed">{t('tabs.couponsLater')}</Text>;
  const money = (minor: number) => format.money(minor, currency);
  const progress = (p: Payout) => (p.holdersTotal > 0 ? (p.holdersDone / p.holdersTotal) * 100 : 0);
  return (
    <Stack gap="xs">
      {items.some((p) => p.status !== 'scheduled') && (
        <Group justify="flex-end">
          <Anchor size="xs" href={`${OFFERINGS_ENDPOINT}/${offeringId}/payout-lines.csv`} download>{t('payouts.linesCsv')}</Anchor>
        </Group>
      )}
      <Table striped verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>#</Table.Th>
            <Table.Th>{t('payouts.kind')}</Table.Th>
            <Table.Th>{t('payouts.paysOn')}</Table.Th>
            <Table.Th>{t('payouts.interest')}</Table.Th>
            <Table.Th>{t('payouts.withheld')}</Table.Th>
            <Table.Th>{t('payouts.principal')}</Table.Th>
            <Table.Th>{t('payouts.paidOut')}</Table.Th>
            <Table.Th>{t('register.status')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((p) => (
            <Table.Tr key={p.id}>
              <Table.Td>{p.number}</Table.Td>
              <Table.Td>{t(`payouts.kinds.${p.kind}`)}</Table.Td>
              <Table.Td>{format.date(p.paysOn)}</Table.Td>
              <Table.Td>{money(p.interestMinor)}</Table.Td>
              <Table.Td>{money(p.withheldMinor)}</Table.Td>
              <Table.Td>{money(p.principalMinor)}</Table.Td>
              <Table.Td>{money(p.paidOutMinor)}</Table.Td>
              <Table.Td>
                <Stack gap={4}>
                  <BondStatusBadge status={`payout_${p.status}`} />
                  {p.status === 'running' && (
                    <>
                      <Progress value={progress(p)} size="sm" aria-label={t('payouts.progress')} />
                      <Text size="xs" c="dimmed">{t('payouts.holdersDone', { done: p.holdersDone, total: p.holdersTotal })}</Text>
                    </>
                  )}
                </Stack>
              </Table.Td>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  {mayRun && p.actions.includes('run') && (
                    <Button size="compact-xs" loading={run.isPending && run.variables === p.id} onClick={() => run.mutate(p.id, { onSuccess: () => notifySuccess(t('payouts.started')) })}>
                      {t('payouts.run')}
                    </Button>
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
