import type { RiskRating } from '@essor/shared/followup';
import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const COLORS: Record<RiskRating, string> = { green: 'teal', amber: 'yellow', red: 'red' };

export function RiskBadge({ rating }: { rating: RiskRating }) {
  const { t } = useTranslation('followup');
  return <Badge color={COLORS[rating]} variant={rating === 'red' ? 'filled' : 'light'}>{t(`risk.${rating}`)}</Badge>;
}
