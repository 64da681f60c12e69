import type { ChangePasswordInput, ForgotPasswordInput, LoginInput, Me, RegisterInput, ResetPasswordInput } from '@essor/shared/auth';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest, setCsrfToken } from '../../lib/api-client';
import { ME_KEY } from '../../lib/session';

function useSessionMutation<T>(path: string, send: (input: T) => Promise<Me> = (input) => apiRequest<Me>(path, { method: 'POST', body: input })) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: (me) => {
      setCsrfToken(me.csrfToken);
      queryClient.clear();
      queryClient.setQueryData(ME_KEY, me);
    },
  });
}

export const useLogin = () => useSessionMutation<LoginInput>('/api/auth/login');
/** Sign-up answers the same for a known e-mail (it reveals no account), so the admin then signs in. */
export const useRegister = () =>
  useSessionMutation<RegisterInput>('/api/auth/register', async (input) => {
    await apiRequest<{ message: string }>('/api/auth/register', { method: 'POST', body: input });
    return apiRequest<Me>('/api/auth/login', { method: 'POST', body: { email: input.email, password: input.password } });
  });

export const useChangePassword = () => useMutation({ mutationFn: (input: ChangePasswordInput) => apiRequest<void>('/api/auth/password', { method: 'POST', body: input }) });
/** The answer is the same whether the e-mail has an account or not. */
export const useForgotPassword = () =>
  useMutation({ mutationFn: (input: ForgotPasswordInput) => apiRequest<{ message: string }>('/api/auth/forgot-password', { method: 'POST', body: input }) });
export const useResetPassword = () => useMutation({ mutationFn: (input: ResetPasswordInput) => apiRequest<void>('/api/auth/reset-password', { method: 'POST', body: input }) });
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
