import type { MyPayouts } from '@essor/shared/bond-investor';
import type { InvestorProfile, InvestorProfileInput, PublicOffering, Subscription } from '@essor/shared/bonds';
import type { Page } from '@essor/shared/pagination';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../lib/api-client';

export const INVEST_KEY = ['invest'] as const;

export const usePublicOfferings = () =>
  useQuery({ queryKey: [...INVEST_KEY, 'offerings'], queryFn: () => apiRequest<Page<PublicOffering>>('/api/bonds/public/offerings?limit=100') });

export const usePublicOffering = (id: string) =>
  useQuery({ queryKey: [...INVEST_KEY, 'offering', id], queryFn: () => apiRequest<PublicOffering>(`/api/bonds/public/offerings/${id}`) });

export const useMyProfiles = (enabled: boolean) =>
  useQuery({ queryKey: [...INVEST_KEY, 'profiles'], queryFn: () => apiRequest<InvestorProfile[]>('/api/bonds/me/profiles'), enabled });

export const useMySubscriptions = () =>
  useQuery({ queryKey: [...INVEST_KEY, 'subscriptions'], queryFn: () => apiRequest<Page<Subscription>>('/api/bonds/me/subscriptions?limit=200') });

export const useMyPayouts = () => useQuery({ queryKey: [...INVEST_KEY, 'payouts'], queryFn: () => apiRequest<MyPayouts>('/api/bonds/me/payouts') });

export function useRegisterInvestor() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: InvestorProfileInput) => apiRequest<InvestorProfile>('/api/bonds/me/profiles', { method: 'POST', body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: [...INVEST_KEY, 'profiles'] }),
  });
}

/** Subscribing reserves money: one idempotency key per decision, kept if the person retries it. */
export function useSubscribe(offeringId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ units, key }: { units: number; key: string }) =>
      apiRequest<Subscription>(`/api/bonds/offerings/${offeringId}/subscriptions`, { method: 'POST', body: { units }, headers: { 'Idempotency-Key': key } }),
    onSuccess: () => client.invalidateQueries({ queryKey: INVEST_KEY }),
  });
}

export function useCancelSubscription() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiRequest<Subscription>(`/api/bonds/me/subscriptions/${id}/cancel`, { method: 'POST' }),
    onSuccess: () => client.invalidateQueries({ queryKey: INVEST_KEY }),
  });
}


export const certificateUrl = (subscriptionId: string) => `/api/bonds/me/subscriptions/${subscriptionId}/certificate.pdf`;
export const statementUrl = (year: number, format: 'pdf' | 'csv') => `/api/bonds/me/statements/${year}/statement.${format}`;
