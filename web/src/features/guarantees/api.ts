import type { Fund } from '@essor/shared/funds';
import type {
  Agreement,
  BankReportInput,
  CallInput,
  CreateAgreementInput,
  CreateGuaranteeBankInput,
  Guarantee,
  GuaranteeBank,
  GuaranteeDetail,
  GuaranteeFilters,
  PayCallInput,
  Policy,
  PolicyInput,
  PrepareGuaranteeInput,
  RecoveryInput,
  ReportImportInput,
  ReportPreview,
} from '@essor/shared/guarantees';
import type { Page } from '@essor/shared/pagination';
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest, newIdempotencyKey, toQuery } from '../../lib/api-client';

export const GUARANTEES_KEY = ['guarantees'] as const;
export const GUARANTEES_ENDPOINT = '/api/guarantees';

/** A list the API answers either bare or as one page ({ items }). */
const itemsOf = <T>(answer: T[] | { items: T[] }): T[] => (Array.isArray(answer) ? answer : answer.items);

/** The guarantee funds the person reaches. */
export const useGuaranteeFunds = () =>
  useQuery({ queryKey: [...GUARANTEES_KEY, 'funds'], queryFn: async () => (await apiRequest<Fund[]>('/api/funds')).filter((f) => f.type === 'guarantee') });

export const useBanks = () =>
  useQuery({ queryKey: [...GUARANTEES_KEY, 'banks'], queryFn: async () => itemsOf(await apiRequest<GuaranteeBank[] | { items: GuaranteeBank[] }>(`${GUARANTEES_ENDPOINT}/banks`)) });

export const useAgreements = (params: { fundId?: string; bankId?: string } = {}) =>
  useQuery({
    queryKey: [...GUARANTEES_KEY, 'agreements', params],
    queryFn: async () => itemsOf(await apiRequest<Agreement[] | { items: Agreement[] }>(`${GUARANTEES_ENDPOINT}/agreements${toQuery(params)}`)),
  });

export const usePolicy = (fundId: string | null) =>
  useQuery({ queryKey: [...GUARANTEES_KEY, 'policy', fundId], queryFn: () => apiRequest<Policy>(`${GUARANTEES_ENDPOINT}/funds/${fundId}/policy`), enabled: fundId !== null });

export const useGuarantee = (id: string) => useQuery({ queryKey: [...GUARANTEES_KEY, 'one', id], queryFn: () => apiRequest<GuaranteeDetail>(`${GUARANTEES_ENDPOINT}/${id}`) });

/** Projects of the pipeline a guarantee may be prepared for, searched by title or organisation. */
/** Every write refreshes the guarantee cache; forms show API errors beside their fields. */
function useGuaranteesMutation<I, O>(request: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: request, meta: { errorShown: 'inline' }, onSuccess: () => queryClient.invalidateQueries({ queryKey: GUARANTEES_KEY }) });
}

const post = <O>(path: string, body: unknown) => apiRequest<O>(`${GUARANTEES_ENDPOINT}${path}`, { method: 'POST', body });
/** A guarantee's step (most move money): one idempotency key per action the person takes, reused if react-query retries. */
const moneyPost = <O>(path: string, body: unknown, key: string) =>
  apiRequest<O>(`${GUARANTEES_ENDPOINT}${path}`, { method: 'POST', body, headers: { 'Idempotency-Key': key } });

export const useCreateBank = () => useGuaranteesMutation((input: CreateGuaranteeBankInput) => post<GuaranteeBank>('/banks', input));
export const useCreateAgreement = () => useGuaranteesMutation((input: CreateAgreementInput) => post<Agreement>('/agreements', input));
export const useSavePolicy = (fundId: string) =>
  useGuaranteesMutation((input: PolicyInput) => apiRequest<Policy>(`${GUARANTEES_ENDPOINT}/funds/${fundId}/policy`, { method: 'PUT', body: input }));

export const usePrepareGuarantee = () => useGuaranteesMutation((input: PrepareGuaranteeInput) => post<GuaranteeDetail>('', input));

export type GuaranteeStep = 'approve' | 'reject' | 'cancel' | 'close';

/** A step of the guarantee's life that needs at most a note (a cancellation's is its reason). */
export const useGuaranteeStep = (id: string) =>
  useGuaranteesMutation(({ step, note, key }: { step: GuaranteeStep; note: string; key: string }) =>
    moneyPost<GuaranteeDetail>(`/${id}/${step}`, step === 'cancel' ? { reason: note } : step === 'close' ? {} : { note }, key),
  );

/** The register with its filters, a page at a time (newest first): "load more" follows the cursor. */
export const useGuarantees = (params: GuaranteeFilters) =>
  useInfiniteQuery({
    queryKey: [...GUARANTEES_KEY, 'register', params],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) => apiRequest<Page<Guarantee>>(`${GUARANTEES_ENDPOINT}${toQuery({ ...params, cursor: pageParam, limit: 50 })}`, { signal }),
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });

export const useBankReport = (id: string) =>
  useGuaranteesMutation(({ input, key }: { input: BankReportInput; key: string }) => moneyPost<GuaranteeDetail>(`/${id}/reports`, input, key));
export const useCallGuarantee = (id: string) =>
  useGuaranteesMutation(({ input, key }: { input: CallInput; key: string }) => moneyPost<GuaranteeDetail>(`/${id}/calls`, input, key));
export const useDecideCall = () =>
  useGuaranteesMutation(({ callId, decision, note, key }: { callId: string; decision: 'approve' | 'reject'; note: string; key: string }) =>
    moneyPost<GuaranteeDetail>(`/calls/${callId}/${decision}`, { note }, key),
  );
export const usePayCall = () =>
  useGuaranteesMutation(({ callId, input, key }: { callId: string; input: PayCallInput; key: string }) => moneyPost<GuaranteeDetail>(`/calls/${callId}/pay`, input, key));
export const useRecordRecovery = (id: string) =>
  useGuaranteesMutation(({ input, key }: { input: RecoveryInput; key: string }) => moneyPost<GuaranteeDetail>(`/${id}/recoveries`, input, key));

/** The bank's file read row by row: nothing is written. */
export const usePreviewReport = () =>
  useMutation({ mutationFn: (input: ReportImportInput) => post<ReportPreview>('/reports/preview', input), meta: { errorShown: 'inline' } });
/** Posts every row of the file at once (all or nothing): one idempotency key per file shown. */
export const useImportReport = () =>
  useGuaranteesMutation(({ input, key }: { input: ReportImportInput; key: string }) => moneyPost<ReportPreview>('/reports/import', input, key));

/** The file's bytes in base64, as the API takes uploads (JSON only). */
export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export { newIdempotencyKey };
