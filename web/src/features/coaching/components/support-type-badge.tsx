import type { SupportType } from '@essor/shared/coaching';
import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { SUPPORT_TYPE_COLORS } from './coaching-format';

export function SupportTypeBadge({ type, size = 'sm' }: { type: SupportType; size?: 'xs' | 'sm' }) {
  const { t } = useTranslation('coaching');
  return <Badge color={SUPPORT_TYPE_COLORS[type]} variant="light" size={size}>{t(`supportTypes.${type}`)}</Badge>;
}
