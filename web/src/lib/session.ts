import type { Me } from '@essor/shared/auth';
import type { Role } from '@essor/shared/roles';
import { useQuery } from '@tanstack/react-query';
import { ApiError, apiRequest, setCsrfToken } from './api-client';

export const ME_KEY = ['auth', 'me'] as const;

/** Asks /api/auth/session, which answers null rather than 401 for a visitor: no error in the console. */
async function fetchMe(): Promise<Me | null> {
  try {
    const { session } = await apiRequest<{ session: Me | null }>('/api/auth/session');
    setCsrfToken(session?.csrfToken ?? null);
    return session;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

/** The signed-in person (null when signed out); every feature reads roles from here. */
export function useMe() {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 60_000, retry: false });
}

export function useHasRole(...roles: Role[]): boolean {
  const { data } = useMe();
  return Boolean(data?.user.roles.some((role) => roles.includes(role)));
}
