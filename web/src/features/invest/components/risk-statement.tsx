import { Alert, List } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** The risk statement every offering page shows in full, before anyone subscribes. */
export function RiskStatement() {
  const { t } = useTranslation('invest');
  return (
    <Alert color="orange" variant="light" icon={<IconAlertTriangle />} title={t('risk.title')} role="note">
      <List size="sm" spacing={4}>
        <List.Item>{t('risk.capital')}</List.Item>
        <List.Item>{t('risk.noGuarantee')}</List.Item>
        <List.Item>{t('risk.liquidity')}</List.Item>
        <List.Item>{t('risk.interest')}</List.Item>
        <List.Item>{t('risk.afford')}</List.Item>
      </List>
    </Alert>
  );
}
