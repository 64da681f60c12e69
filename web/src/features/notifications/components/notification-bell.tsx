import { ActionIcon, Anchor, Button, Divider, Group, Indicator, Popover, ScrollArea, Stack, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { Notification } from '@essor/shared/notifications';
import { IconBell } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useFormat } from '../../../lib/format';
import { useMarkAllRead, useMarkRead, useNotifications, useUnreadCount } from '../api';

function NotificationLine({ item, onOpen }: { item: Notification; onOpen: (item: Notification) => void }) {
  const format = useFormat();
  const { t } = useTranslation('notifications');
  const unread = !item.readAt;
  return (
    <UnstyledButton onClick={() => onOpen(item)} p="xs" style={{ borderRadius: 6 }} bg={unread ? 'essor.0' : undefined} aria-label={unread ? t('unreadItem', { title: item.title }) : item.title}>
      <Text size="sm" fw={unread ? 600 : 400} lineClamp={2}>{item.title}</Text>
      <Text size="xs" c="dimmed" lineClamp={2}>{item.body}</Text>
      <Text size="xs" c="dimmed" mt={2}>{format.relative(item.createdAt)}</Text>
    </UnstyledButton>
  );
}

/** The header's bell: the unread count (polled), and on click the latest notifications to open or mark read. */
export function NotificationBell() {
  const { t } = useTranslation('notifications');
  const [opened, { toggle, close }] = useDisclosure(false);
  const unread = useUnreadCount();
  const list = useNotifications(opened);
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const navigate = useNavigate();
  const count = unread.data?.unread ?? 0;

  const open = (item: Notification) => {
    if (!item.readAt) markRead.mutate(item.id);
    if (item.link) {
      close();
      navigate(item.link);
    }
  };

  return (
    <Popover opened={opened} onChange={(value) => (value ? undefined : close())} position="bottom-end" width={360} shadow="md" withinPortal>
      <Popover.Target>
        <ActionIcon variant="subtle" color="gray" size="lg" onClick={toggle} aria-label={t('bell', { count })}>
          <Indicator label={count > 99 ? '99+' : count} size={16} disabled={count === 0} color="red" offset={2}>
            <IconBell size={20} />
          </Indicator>
        </ActionIcon>
      </Popover.Target>
      <Popover.Dropdown p="xs">
        <Group justify="space-between" px="xs" mb="xs">
          <Text fw={600}>{t('title')}</Text>
          <Button variant="subtle" size="compact-xs" onClick={() => markAll.mutate()} disabled={count === 0} loading={markAll.isPending}>
            {t('markAllRead')}
          </Button>
        </Group>
        <ScrollArea.Autosize mah={420}>
          {list.isLoading && <Text size="sm" c="dimmed" p="xs">{t('loading')}</Text>}
          {list.data && list.data.items.length === 0 && <Text size="sm" c="dimmed" p="xs">{t('empty')}</Text>}
          <Stack gap={2}>
            {list.data?.items.map((item) => <NotificationLine key={item.id} item={item} onOpen={open} />)}
          </Stack>
        </ScrollArea.Autosize>
        <Divider my="xs" />
        <Anchor component={Link} to="/account/notifications" size="sm" px="xs" onClick={close}>
          {t('settings')}
        </Anchor>
      </Popover.Dropdown>
    </Popover>
  );
}
