import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const COLORS: Record<string, string> = {
  draft: 'gray',
  prepared: 'yellow',
  proposed: 'yellow',
  recorded: 'yellow',
  pending: 'yellow',
  approved: 'blue',
  ordered: 'blue',
  invoiced: 'blue',
  active: 'teal',
  completed: 'teal',
  paid: 'teal',
  closed: 'teal',
  disbursed: 'teal',
  in_service: 'teal',
  planned: 'gray',
  due: 'gray',
  partial: 'yellow',
  overdue: 'red',
  rejected: 'red',
  cancelled: 'gray',
  written_off: 'red',
  returned: 'gray',
};

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation('funds');
  return (
    <Badge color={COLORS[status] ?? 'gray'} variant="light">
      {t(`status.${status}`)}
    </Badge>
  );
}
