import { Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import type { HolderHome } from '@essor/shared/home';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../../lib/format';

/** A project holder's own things: applications, next session, action items and instalments. */
export function HolderPanel({ holder }: { holder: HolderHome }) {
  const { t } = useTranslation('home');
  const format = useFormat();
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
      <Card withBorder radius="md">
        <Text fw={600} mb="xs">{t('holder.applications')}</Text>
        {holder.applications.length === 0 ? (
          <Stack gap="xs" align="flex-start">
            <Text size="sm" c="dimmed">{t('holder.noApplication')}</Text>
            <Button component={Link} to={holder.applyLink} size="sm">{t('holder.apply')}</Button>
          </Stack>
        ) : (
          <Stack gap="xs">
            {holder.applications.map((a) => (
              <Group key={a.id} justify="space-between" wrap="nowrap" gap="xs">
                <div style={{ minWidth: 0 }}>
                  <Anchor component={Link} to={a.link} size="sm" fw={600}>{a.projectTitle}</Anchor>
                  <Text size="xs" c="dimmed">{a.programmeName}</Text>
                </div>
                <Badge variant="light" style={{ flexShrink: 0 }}>{t(`statuses.${a.status}`)}</Badge>
              </Group>
            ))}
          </Stack>
        )}
      </Card>
      <Card withBorder radius="md">
        <Text fw={600} mb="xs">{t('holder.nextSession')}</Text>
        {holder.nextSession ? (
          <Stack gap={2}>
            <Anchor component={Link} to={holder.nextSession.link} size="sm" fw={600}>{holder.nextSession.title}</Anchor>
            <Text size="sm">{format.dateTime(holder.nextSession.startsAt)}</Text>
            <Text size="xs" c="dimmed">{t('holder.withCoach', { coach: holder.nextSession.coachName })}</Text>
          </Stack>
        ) : (
          <Text size="sm" c="dimmed">{t('holder.noSession')}</Text>
        )}
      </Card>
      <Card withBorder radius="md">
        <Text fw={600} mb="xs">{t('holder.actionItems')}</Text>
        <Group gap="xs">
          <Anchor component={Link} to={holder.openActionItems.link} size="sm">{t('holder.actionItemsCount', { count: holder.openActionItems.count })}</Anchor>
          {holder.openActionItems.overdue > 0 && <Badge color="red" variant="light">{t('holder.actionItemsOverdue', { count: holder.openActionItems.overdue })}</Badge>}
        </Group>
      </Card>
      <Card withBorder radius="md">
        <Text fw={600} mb="xs">{t('holder.instalments')}</Text>
        {holder.nextInstalments.length === 0 ? (
          <Text size="sm" c="dimmed">{t('holder.noInstalment')}</Text>
        ) : (
          <Stack gap="xs">
            {holder.nextInstalments.map((i) => (
              <Group key={`${i.loanId}-${i.seq}`} justify="space-between" wrap="nowrap" gap="xs">
                <div style={{ minWidth: 0 }}>
                  <Anchor component={Link} to={i.link} size="sm">{t('holder.loan', { number: i.loanNumber, seq: i.seq })}</Anchor>
                  <Text size="xs" c="dimmed">{format.date(i.dueOn)}</Text>
                </div>
                <Group gap={6} wrap="nowrap">
                  {i.overdue && <Badge color="red" variant="light">{t('holder.overdue')}</Badge>}
                  <Text size="sm" fw={600}>{format.money(i.amountMinor, i.currency)}</Text>
                </Group>
              </Group>
            ))}
          </Stack>
        )}
      </Card>
    </SimpleGrid>
  );
}
