import type { LoginInput, Me, RegisterInput } from '@essor/shared/auth';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest, setCsrfToken } from '../../lib/api-client';
import { ME_KEY } from '../../lib/session';

function useSessionMutation<T>(path: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: T) => apiRequest<Me>(path, { method: 'POST', body: input }),
    onSuccess: (me) => {
      setCsrfToken(me.csrfToken);
      queryClient.clear();
      queryClient.setQueryData(ME_KEY, me);
    },
  });
}

export const useLogin = () => useSessionMutation<LoginInput>('/api/auth/login');
export const useRegister = () => useSessionMutation<RegisterInput>('/api/auth/register');
export const useAcceptInvitation = () => useSessionMutation<{ token: string; password: string }>('/api/auth/accept-invitation');

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest<void>('/api/auth/logout', { method: 'POST' }),
    onSettled: () => {
      setCsrfToken(null);
      queryClient.clear();
      queryClient.setQueryData(ME_KEY, null);
    },
  });
}
