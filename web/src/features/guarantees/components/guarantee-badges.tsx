import { Badge } from '@mantine/core';
import type { GuaranteeStatus, RiskClass } from '@essor/shared/guarantees';
import { useTranslation } from 'react-i18next';

const STATUS_COLORS: Record<string, string> = {
  prepared: 'yellow',
  active: 'teal',
  rejected: 'red',
  cancelled: 'gray',
  released: 'gray',
  called: 'orange',
  paid: 'red',
  closed: 'gray',
  call_pending: 'yellow',
  call_approved: 'blue',
  call_rejected: 'gray',
  call_paid: 'red',
};

const RISK_COLORS: Record<RiskClass, string> = { performing: 'teal', watch: 'yellow', doubtful: 'orange', loss: 'red' };

/** A guarantee's or a call's status, named in the admin's language. */
export function GuaranteeStatusBadge({ status }: { status: GuaranteeStatus | string }) {
  const { t } = useTranslation('guarantees');
  return <Badge color={STATUS_COLORS[status] ?? 'gray'} variant="light">{t(`status.${status}`)}</Badge>;
}

export function RiskBadge({ riskClass }: { riskClass: RiskClass }) {
  const { t } = useTranslation('guarantees');
  return <Badge color={RISK_COLORS[riskClass]} variant="dot">{t(`risk.${riskClass}`)}</Badge>;
}
