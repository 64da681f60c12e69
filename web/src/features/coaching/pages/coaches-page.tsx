import type { Coach } from '@essor/shared/coaching';
import { Badge, Button, Code, CopyButton, Group, Modal, Skeleton, Stack, Table, Text } from '@mantine/core';
import { IconCalendarShare, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../components/empty-state';
import { ErrorState } from '../../../components/error-state';
import { ExportCsvButton } from '../../../components/export-csv-button';
import { PageHeader } from '../../../components/page-header';
import { localeTag, useFormat } from '../../../lib/format';
import { notifyError } from '../../../lib/notify';
import { useHasRole, useMe } from '../../../lib/session';
import { useCoaches, useRotateCalendarFeed } from '../api';
import { CoachModal } from '../components/coach-modal';
import { SupportTypeBadge } from '../components/support-type-badge';

/** "mar. 09:00–12:00, jeu. 14:00–18:00": a coach's week at a glance, in the admin's language. */
function availabilityText(coach: Coach, language: string): string {
  // 2024-01-01 was a Monday: weekday n (1 = Monday) falls on January n.
  const dayName = (weekday: number) => new Intl.DateTimeFormat(localeTag(language), { weekday: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, weekday)));
  return coach.weeklyAvailability.map((slot) => `${dayName(slot.weekday)} ${slot.from}–${slot.to}`).join(', ');
}

export function CoachesPage() {
  const { t, i18n } = useTranslation('coaching');
  const format = useFormat();
  const { data: me } = useMe();
  const manages = useHasRole('admin', 'staff');
  const coaches = useCoaches();
  const rotate = useRotateCalendarFeed();
  const [editing, setEditing] = useState<Coach | null | 'new'>(null);
  const [feedUrl, setFeedUrl] = useState<string | null>(null);

  async function issueFeed(coach: Coach) {
    try {
      const feed = await rotate.mutateAsync(coach.id);
      setFeedUrl(`${window.location.origin}${feed.url}`);
    } catch (e) {
      notifyError(e, t('common:errors.saveFailed'));
    }
  }

  return (
    <>
      <PageHeader
        title={t('coaches.title')}
        description={t('coaches.description')}
        actions={
          <>
            <ExportCsvButton endpoint="/api/coaching/coaches/export.csv" />
            {manages && <Button leftSection={<IconPlus size={18} />} onClick={() => setEditing('new')}>{t('coaches.new')}</Button>}
          </>
        }
      />
      {coaches.isError && <ErrorState error={coaches.error} onRetry={() => coaches.refetch()} />}
      {coaches.isLoading && <Skeleton h={200} />}
      {coaches.data?.length === 0 && <EmptyState title={t('coaches.none')} hint={manages ? t('coaches.noneHint') : undefined} />}
      {!!coaches.data?.length && (
        <Table.ScrollContainer minWidth={760}>
          <Table highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('coaches.name')}</Table.Th>
                <Table.Th>{t('coaches.specialties')}</Table.Th>
                <Table.Th>{t('coaches.languages')}</Table.Th>
                <Table.Th>{t('coaches.availability')}</Table.Th>
                <Table.Th ta="right">{t('coaches.rate')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {coaches.data?.map((coach) => (
                <Table.Tr key={coach.id} style={{ cursor: manages ? 'pointer' : undefined }} onClick={() => manages && setEditing(coach)}>
                  <Table.Td>
                    <Text size="sm" fw={600}>{coach.name}{!coach.active && <Badge ml="xs" color="gray" size="xs">{t('coaches.inactive')}</Badge>}</Text>
                    <Text size="xs" c="dimmed">{t(`professions.${coach.profession}`)} · {coach.kind === 'external' ? (coach.firm ?? t('coaches.kinds.external')) : t('coaches.kinds.staff')}</Text>
                  </Table.Td>
                  <Table.Td><Group gap={4}>{coach.specialties.map((s) => <SupportTypeBadge key={s} type={s} size="xs" />)}</Group></Table.Td>
                  <Table.Td>{coach.languages.map((l) => t(`languages.${l}`)).join(', ')}</Table.Td>
                  <Table.Td maw={260}><Text size="xs">{availabilityText(coach, i18n.language) || '—'}</Text></Table.Td>
                  <Table.Td ta="right">{coach.hourlyRateMinor !== null && coach.currency ? format.money(coach.hourlyRateMinor, coach.currency) : '—'}</Table.Td>
                  <Table.Td onClick={(e) => e.stopPropagation()}>
                    {(manages || coach.userId === me?.user.id) && (
                      <Button size="xs" variant="subtle" leftSection={<IconCalendarShare size={14} />} onClick={() => issueFeed(coach)}>{t('coaches.feed')}</Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <CoachModal opened={editing !== null} coach={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      <Modal opened={feedUrl !== null} onClose={() => setFeedUrl(null)} title={t('coaches.feed')}>
        <Stack>
          <Text size="sm">{t('coaches.feedHint')}</Text>
          <Code block>{feedUrl}</Code>
          <CopyButton value={feedUrl ?? ''}>
            {({ copied, copy }) => <Button onClick={copy} variant="light">{copied ? t('common:actions.copied') : t('common:actions.copy')}</Button>}
          </CopyButton>
        </Stack>
      </Modal>
    </>
  );
}
