import { Card, SegmentedControl, Skeleton, Table, Text } from '@mantine/core';
import { NOTIFICATION_CHANNELS, type NotificationChannel, type NotificationKind } from '@essor/shared/notifications';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../../components/error-state';
import { PageHeader } from '../../../components/page-header';
import { notifyError, notifySuccess } from '../../../lib/notify';
import { usePreferences, useSavePreferences } from '../api';

/** i18n keys cannot hold the kinds' dots. */
const kindKey = (kind: NotificationKind) => kind.replace('.', '_');

/** One row per kind of notification, each with its channel: in the app only, by e-mail, or in the daily digest. */
export function NotificationPreferencesPage() {
  const { t } = useTranslation('notifications');
  const preferences = usePreferences();
  const save = useSavePreferences();

  const choose = (kind: NotificationKind, channel: NotificationChannel) =>
    save.mutate(
      { preferences: [{ kind, channel }] },
      { onSuccess: () => notifySuccess(t('saved')), onError: (error) => notifyError(error, t('saveFailed')) },
    );

  return (
    <>
      <PageHeader title={t('preferences.title')} description={t('preferences.description')} />
      {preferences.isError && <ErrorState error={preferences.error} onRetry={() => preferences.refetch()} />}
      {preferences.isLoading && <Skeleton h={320} />}
      {preferences.data && (
        <Card withBorder radius="md" p={0}>
          <Table.ScrollContainer minWidth={560}>
            <Table verticalSpacing="sm" horizontalSpacing="md">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('preferences.kind')}</Table.Th>
                  <Table.Th>{t('preferences.channel')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {preferences.data.preferences.map((row) => (
                  <Table.Tr key={row.kind}>
                    <Table.Td>
                      <Text size="sm" fw={500}>{t(`kinds.${kindKey(row.kind)}`)}</Text>
                      {row.isDefault && <Text size="xs" c="dimmed">{t('preferences.default')}</Text>}
                    </Table.Td>
                    <Table.Td>
                      <SegmentedControl
                        size="xs"
                        value={row.channel}
                        onChange={(value) => choose(row.kind, value as NotificationChannel)}
                        disabled={save.isPending}
                        aria-label={t(`kinds.${kindKey(row.kind)}`)}
                        data={NOTIFICATION_CHANNELS.map((channel) => ({ value: channel, label: t(`channels.${channel}`) }))}
                      />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Card>
      )}
    </>
  );
}
