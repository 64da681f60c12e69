import { Center, Loader } from '@mantine/core';
import type { Role } from '@essor/shared/roles';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { EmptyState } from '../components/empty-state';
import { ErrorState } from '../components/error-state';
import { useMe } from '../lib/session';

/** Sends anonymous visitors to the sign-in page; shows a refusal to roles the page is not for. */
export function RequireAuth({ children, roles }: { children: ReactNode; roles?: readonly Role[] }) {
  const { t } = useTranslation();
  const me = useMe();
  const location = useLocation();
  if (me.isLoading) {
    return (
      <Center h="100vh"><Loader aria-label={t('app.loading')} /></Center>
    );
  }
  if (me.isError) return <ErrorState error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data) {
    const next = location.pathname + location.search;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  if (roles && !me.data.user.roles.some((role) => roles.includes(role))) {
    return <EmptyState title={t('errors.forbiddenTitle')} hint={t('errors.forbiddenHint')} />;
  }
  return <>{children}</>;
}
