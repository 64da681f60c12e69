import { Alert, Button } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../lib/api-client';

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert color="red" variant="light" icon={<IconAlertTriangle />} title={t('errors.loadFailed')} role="alert">
      {error instanceof ApiError ? error.message : t('errors.network')}
      {onRetry && (
        <Button size="xs" variant="white" color="red" ml="md" onClick={onRetry}>{t('actions.retry')}</Button>
      )}
    </Alert>
  );
}
