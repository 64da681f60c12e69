import { Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from '../components/empty-state';

export function NotFoundPage() {
  const { t } = useTranslation();
  return <EmptyState title={t('errors.notFoundTitle')} hint={t('errors.notFoundHint')} action={<Button component={Link} to="/">{t('nav.home')}</Button>} />;
}
