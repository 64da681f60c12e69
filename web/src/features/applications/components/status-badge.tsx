import { Badge } from '@mantine/core';
import type { ApplicationStatus } from '@essor/shared/applications';
import { useTranslation } from 'react-i18next';

export const STATUS_COLORS: Record<ApplicationStatus, string> = {
  draft: 'gray',
  submitted: 'blue',
  screening: 'cyan',
  committee: 'grape',
  accepted: 'teal',
  waitlisted: 'yellow',
  rejected: 'red',
  withdrawn: 'dark',
};

export function StatusBadge({ status, size = 'md' }: { status: ApplicationStatus; size?: 'sm' | 'md' | 'lg' }) {
  const { t } = useTranslation('applications');
  return (
    <Badge color={STATUS_COLORS[status]} variant="light" size={size}>
      {t(`statuses.${status}`)}
    </Badge>
  );
}
