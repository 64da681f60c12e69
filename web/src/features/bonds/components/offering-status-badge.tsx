import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const COLORS: Record<string, string> = {
  draft: 'gray',
  approved: 'blue',
  open: 'teal',
  closed: 'yellow',
  active: 'teal',
  redeemed: 'gray',
  failed: 'red',
  cancelled: 'gray',
  waitlisted: 'yellow',
  reserved: 'blue',
  paid: 'teal',
  lapsed: 'gray',
  refunded: 'orange',
  allotted: 'teal',
  payout_scheduled: 'gray',
  payout_running: 'blue',
  payout_paid: 'teal',
};

/** An offering's or a subscription's status, named in the admin's language. */
export function BondStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation('bonds');
  return (
    <Badge color={COLORS[status] ?? 'gray'} variant="light">
      {t(`status.${status}`)}
    </Badge>
  );
}
