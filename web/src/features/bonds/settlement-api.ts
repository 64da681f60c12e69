import type { PayOverInput, Settlement } from '@essor/shared/bond-settlement';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../lib/api-client';
import { BONDS_KEY, OFFERINGS_ENDPOINT } from './api';

/** Where the raise stands between the trust account and the issuer (an active offering's). */
export const useSettlement = (offeringId: string) =>
  useQuery({ queryKey: [...BONDS_KEY, 'settlement', offeringId], queryFn: () => apiRequest<Settlement>(`${OFFERINGS_ENDPOINT}/${offeringId}/settlement`) });

/** Records the transfer of the raise to the issuer (money moves: one idempotency key per form, reused on a retry). */
export function usePayOver(offeringId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ input, key }: { input: PayOverInput; key: string }) =>
      apiRequest<Settlement>(`${OFFERINGS_ENDPOINT}/${offeringId}/pay-over`, { method: 'POST', body: input, headers: { 'Idempotency-Key': key } }),
    meta: { errorShown: 'inline' },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: BONDS_KEY }),
  });
}

export const issuerTransferCsvPath = (offeringId: string) => `${OFFERINGS_ENDPOINT}/${offeringId}/issuer-transfer.csv`;
export const refundsCsvPath = (offeringId: string) => `${OFFERINGS_ENDPOINT}/${offeringId}/refunds.csv`;
