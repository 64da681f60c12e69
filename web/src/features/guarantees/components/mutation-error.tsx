import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../lib/api-client';

/** What the API refused, said in the form that asked (its fields show their own messages too). */
export function MutationError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <Alert color="red" variant="light" role="alert">
      {error instanceof ApiError ? error.message : t('errors.network')}
    </Alert>
  );
}

/** The API's messages for one field of the form, joined. */
export function fieldErrors(error: unknown): (name: string) => string | undefined {
  const fields = error instanceof ApiError ? error.fields : {};
  return (name) => fields[name]?.join(' ');
}
