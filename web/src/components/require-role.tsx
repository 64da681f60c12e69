import type { Role } from '@essor/shared/roles';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../lib/session';
import { EmptyState } from './empty-state';

/** Hides a page from roles it is not for; the API refuses them anyway. */
export function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const { t } = useTranslation();
  const { data: me } = useMe();
  if (!me?.user.roles.some((role) => roles.includes(role))) {
    return <EmptyState title={t('errors.forbiddenTitle')} hint={t('errors.forbiddenHint')} />;
  }
  return <>{children}</>;
}
