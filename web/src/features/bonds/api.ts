import type { ConfirmPaymentInput, CreateOfferingInput, Offering, OfferingUptake, Subscription, UpdateOfferingInput } from '@essor/shared/bonds';
import type { EarlyRedemptionInput, OfferingInvestor, Payout, PayoutSchedule, Transfer, TransferInput } from '@essor/shared/bond-payouts';
import type { Fund } from '@essor/shared/funds';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest, newIdempotencyKey, toQuery } from '../../lib/api-client';

export const BONDS_KEY = ['bonds'] as const;
export const OFFERINGS_ENDPOINT = '/api/bonds/offerings';

export const useOffering = (id: string) => useQuery({ queryKey: [...BONDS_KEY, 'offering', id], queryFn: () => apiRequest<Offering>(`${OFFERINGS_ENDPOINT}/${id}`) });
export const useOfferingUptake = (id: string) =>
  useQuery({ queryKey: [...BONDS_KEY, 'uptake', id], queryFn: () => apiRequest<OfferingUptake>(`${OFFERINGS_ENDPOINT}/${id}/uptake`) });

/** The structure's trust books: the funds an offering's money may be held in. */
export const useTrustFunds = () =>
  useQuery({ queryKey: [...BONDS_KEY, 'trust-funds'], queryFn: async () => (await apiRequest<Fund[]>('/api/funds')).filter((f) => f.type === 'bond_trust' && f.status === 'active') });

/** Projects of the pipeline an offering may be issued for, searched by title or organisation. */
function useBondsMutation<I, O>(request: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: request, onSuccess: () => queryClient.invalidateQueries({ queryKey: BONDS_KEY }) });
}

export const useCreateOffering = () => useBondsMutation((input: CreateOfferingInput) => apiRequest<Offering>(OFFERINGS_ENDPOINT, { method: 'POST', body: input }));
export const useUpdateOffering = (id: string) =>
  useBondsMutation((input: UpdateOfferingInput) => apiRequest<Offering>(`${OFFERINGS_ENDPOINT}/${id}`, { method: 'PATCH', body: input }));

export type OfferingStep = 'submit' | 'approve' | 'reject' | 'open' | 'close';

/** The offering's next step; closing moves money (allotment or refunds), so it carries an idempotency key. */
export const useOfferingStep = (id: string) =>
  useBondsMutation(({ step, note }: { step: OfferingStep; note?: string }) => {
    const path = `${OFFERINGS_ENDPOINT}/${id}/${step}`;
    if (step === 'close') return apiRequest<Offering>(path, { method: 'POST', body: {}, headers: { 'Idempotency-Key': newIdempotencyKey() } });
    if (step === 'approve' || step === 'reject') return apiRequest<Offering>(path, { method: 'POST', body: { note: note ?? '' } });
    return apiRequest<Offering>(path, { method: 'POST' });
  });

/** Money received for a subscription: one idempotency key per confirmation, reused if react-query retries. */
export const useConfirmPayment = () =>
  useBondsMutation(({ subscriptionId, input, key }: { subscriptionId: string; input: ConfirmPaymentInput; key: string }) =>
    apiRequest<Subscription>(`/api/bonds/subscriptions/${subscriptionId}/payments`, { method: 'POST', body: input, headers: { 'Idempotency-Key': key } }),
  );

/** The coupon and redemption schedule; polled every few seconds while a payout runs, to show its progress. */
export const usePayoutSchedule = (offeringId: string) =>
  useQuery({
    queryKey: [...BONDS_KEY, 'payouts', offeringId],
    queryFn: () => apiRequest<PayoutSchedule>(`${OFFERINGS_ENDPOINT}/${offeringId}/payouts`),
    refetchInterval: (query) => (query.state.data?.items.some((p) => p.status === 'running') ? 2000 : false),
  });

/** Runs a due payout (money moves: one idempotency key per click). */
export const useRunPayout = (offeringId: string) =>
  useBondsMutation((payoutId: string) =>
    apiRequest<Payout>(`${OFFERINGS_ENDPOINT}/${offeringId}/payouts/${payoutId}/run`, { method: 'POST', body: {}, headers: { 'Idempotency-Key': newIdempotencyKey() } }),
  );

/** Investors of the offering's structure, searched by name, with the bonds each holds now (the transfer pickers). */
export const useOfferingInvestors = (offeringId: string, params: { q?: string; holding?: boolean }) =>
  useQuery({
    queryKey: [...BONDS_KEY, 'investors', offeringId, params],
    queryFn: ({ signal }) => apiRequest<OfferingInvestor[]>(`${OFFERINGS_ENDPOINT}/${offeringId}/investors${toQuery({ q: params.q, holding: params.holding ? 'true' : undefined })}`, { signal }),
    placeholderData: keepPreviousData,
  });

/** A money-moving step of a form that shows its errors beside its fields: one idempotency key per form, reused on a retry. */
function useInlineBondsMutation<I, O>(request: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: request, meta: { errorShown: 'inline' }, onSuccess: () => queryClient.invalidateQueries({ queryKey: BONDS_KEY }) });
}

/** Schedules the early redemption: the unpaid payouts from that day become one payout. */
export const useEarlyRedemption = (offeringId: string) =>
  useInlineBondsMutation(({ input, key }: { input: EarlyRedemptionInput; key: string }) =>
    apiRequest<Payout>(`${OFFERINGS_ENDPOINT}/${offeringId}/early-redemption`, { method: 'POST', body: input, headers: { 'Idempotency-Key': key } }),
  );

/** Records bonds passing from one holder to another. */
export const useRecordTransfer = (offeringId: string) =>
  useInlineBondsMutation(({ input, key }: { input: TransferInput; key: string }) =>
    apiRequest<Transfer>(`${OFFERINGS_ENDPOINT}/${offeringId}/transfers`, { method: 'POST', body: input, headers: { 'Idempotency-Key': key } }),
  );
