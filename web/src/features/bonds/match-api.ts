import type { CancelOfferingInput, CreateMatchPledgeInput, MatchPledge } from '@essor/shared/bond-matchfunding';
import type { Offering } from '@essor/shared/bonds';
import type { Fund } from '@essor/shared/funds';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../lib/api-client';
import { BONDS_KEY, OFFERINGS_ENDPOINT } from './api';

export const matchPledgesEndpoint = (offeringId: string) => `${OFFERINGS_ENDPOINT}/${offeringId}/match-pledges`;

export const useMatchPledges = (offeringId: string) =>
  useQuery({ queryKey: [...BONDS_KEY, 'match-pledges', offeringId], queryFn: () => apiRequest<MatchPledge[]>(matchPledgesEndpoint(offeringId)) });

/** Funds that may pledge: active, of the offering's structure and currency, not trust books (the API checks again). */
export const useMatchingFunds = (offering: Pick<Offering, 'structureId' | 'currency'>, enabled: boolean) =>
  useQuery({
    queryKey: [...BONDS_KEY, 'matching-funds', offering.structureId, offering.currency],
    queryFn: async () =>
      (await apiRequest<Fund[]>('/api/funds')).filter((f) => f.type !== 'bond_trust' && f.status === 'active' && f.structureId === offering.structureId && f.currency === offering.currency),
    enabled,
  });

function useBondsMutation<I, O>(request: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: request, onSuccess: () => queryClient.invalidateQueries({ queryKey: BONDS_KEY }) });
}

/** Money is committed: one idempotency key per pledge form, reused if the request is retried. */
export const usePledgeMatch = (offeringId: string) =>
  useBondsMutation(({ input, key }: { input: CreateMatchPledgeInput; key: string }) =>
    apiRequest<MatchPledge>(matchPledgesEndpoint(offeringId), { method: 'POST', body: input, headers: { 'Idempotency-Key': key } }),
  );

export const useWithdrawPledge = () =>
  useBondsMutation(({ pledgeId, key }: { pledgeId: string; key: string }) =>
    apiRequest<MatchPledge>(`/api/bonds/match-pledges/${pledgeId}/withdraw`, { method: 'POST', body: {}, headers: { 'Idempotency-Key': key } }),
  );

export const useCancelOffering = (offeringId: string) =>
  useBondsMutation(({ input, key }: { input: CancelOfferingInput; key: string }) =>
    apiRequest<Offering>(`${OFFERINGS_ENDPOINT}/${offeringId}/cancel`, { method: 'POST', body: input, headers: { 'Idempotency-Key': key } }),
  );
