import { Card, Group, SimpleGrid, Text, ThemeIcon, UnstyledButton } from '@mantine/core';
import type { HomeItem, HomeItemKind } from '@essor/shared/home';
import {
  IconAlertTriangle,
  IconCalendarEvent,
  IconCalendarWeek,
  IconCash,
  IconChecklist,
  IconClipboardCheck,
  IconFileSearch,
  IconFlag,
  IconGavel,
  IconInbox,
  IconListCheck,
  IconReceipt,
  type Icon,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../../lib/format';

const ICONS: Record<HomeItemKind, Icon> = {
  applications_to_screen: IconFileSearch,
  scorecards_to_fill: IconClipboardCheck,
  decisions_to_record: IconGavel,
  approvals_waiting: IconInbox,
  sessions_today: IconCalendarEvent,
  sessions_this_week: IconCalendarWeek,
  attendance_to_record: IconChecklist,
  action_items_due: IconListCheck,
  milestones_overdue: IconFlag,
  visits_at_risk: IconAlertTriangle,
  instalments_late: IconReceipt,
  tranches_to_disburse: IconCash,
};

/** One card per kind of waiting work, its count and a link to the list that shows it (as the API sent them). */
export function WaitingItems({ items }: { items: HomeItem[] }) {
  const { t } = useTranslation('home');
  const format = useFormat();
  return (
    <SimpleGrid cols={{ base: 2, md: 3 }} spacing="sm">
      {items.map((item) => {
        const ItemIcon = ICONS[item.kind];
        const label = t(`items.${item.kind}`);
        return (
          <UnstyledButton key={item.kind} component={Link} to={item.link} aria-label={`${label} : ${format.number(item.count)}`}>
            <Card withBorder radius="md" padding="sm" h="100%">
              <Group wrap="nowrap" gap="xs" mb={4}>
                <ThemeIcon variant="light" size="md" radius="md"><ItemIcon size={18} /></ThemeIcon>
                <Text fz={24} fw={700} lh={1.1}>{format.number(item.count)}</Text>
              </Group>
              <Text size="sm" c="dimmed" lh={1.3}>{label}</Text>
            </Card>
          </UnstyledButton>
        );
      })}
    </SimpleGrid>
  );
}
