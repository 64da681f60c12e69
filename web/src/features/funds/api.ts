import type { ApprovalInbox, Cofinancing, CommitteeDecisionInput, CommitteeSessionOption, CreateCofinancingInput, PrepareCofinancingInput } from '@essor/shared/cofinancing';
import type { Asset, Quote, RecordQuoteInput } from '@essor/shared/equipment';
import type { Programme } from '@essor/shared/programmes';
import type { Contribution, CreateFunderInput, CreateFundInput, Envelope, FinanceableProject, Fund, Funder, FundTimelinePoint, RecordContributionInput, SetEnvelopeInput } from '@essor/shared/funds';
import type { AccountingClosure, AccountStatement, JournalEntry, RequestClosureInput, TrialBalance } from '@essor/shared/ledger';
import type { Loan, ProposeLoanActionInput, ProposeLoanInput, RecordRepaymentInput } from '@essor/shared/loans';

export interface SchedulePreviewRow {
  seq: number;
  dueOn: string;
  principalMinor: number;
  interestMinor: number;
}
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest, newIdempotencyKey, toQuery } from '../../lib/api-client';

export const FUNDS_KEY = ['funds'] as const;

export const useFunds = () => useQuery({ queryKey: [...FUNDS_KEY, 'list'], queryFn: () => apiRequest<Fund[]>('/api/funds') });
export const useFund = (id: string) => useQuery({ queryKey: [...FUNDS_KEY, 'fund', id], queryFn: () => apiRequest<Fund>(`/api/funds/${id}`) });
export const useFundTimeline = (id: string) => useQuery({ queryKey: [...FUNDS_KEY, 'timeline', id], queryFn: () => apiRequest<FundTimelinePoint[]>(`/api/funds/${id}/timeline`) });
export const useContributions = (id: string) => useQuery({ queryKey: [...FUNDS_KEY, 'contributions', id], queryFn: () => apiRequest<Contribution[]>(`/api/funds/${id}/contributions`) });
export const useEnvelopes = (id: string) => useQuery({ queryKey: [...FUNDS_KEY, 'envelopes', id], queryFn: () => apiRequest<Envelope[]>(`/api/funds/${id}/envelopes`) });
export const useClosures = (id: string) => useQuery({ queryKey: [...FUNDS_KEY, 'closures', id], queryFn: () => apiRequest<AccountingClosure[]>(`/api/funds/${id}/closures`) });
export const useFunders = () => useQuery({ queryKey: [...FUNDS_KEY, 'funders'], queryFn: () => apiRequest<Funder[]>('/api/funds/funders') });
/** Selected projects matching what the person typed (title or organisation), the first page by title; never the whole list. */
export const useFinanceableProjects = (params: { q?: string; currency?: string; projectId?: string }, enabled = true) =>
  useQuery({
    queryKey: [...FUNDS_KEY, 'projects', params],
    queryFn: ({ signal }) => apiRequest<FinanceableProject[]>(`/api/funds/projects${toQuery(params)}`, { signal }),
    enabled,
    // Keep the last options on screen while the next search loads.
    placeholderData: keepPreviousData,
  });
/** The programmes an envelope can be set for (the programmes list is not capped). */
export const useProgrammeOptions = () =>
  useQuery({ queryKey: ['programmes', 'options'], queryFn: () => apiRequest<{ items: Programme[] }>('/api/programmes') });
export const useInbox = () => useQuery({ queryKey: [...FUNDS_KEY, 'inbox'], queryFn: () => apiRequest<ApprovalInbox>('/api/funds/inbox') });

/** The co-financing requests page through the shared DataList under this key (newest first, by fund or status). */
export const COFINANCING_KEY = [...FUNDS_KEY, 'cofinancing', 'list'] as const;
export const useCofinancing = (id: string) => useQuery({ queryKey: [...FUNDS_KEY, 'cofinancing', id], queryFn: () => apiRequest<Cofinancing>(`/api/funds/cofinancing/${id}`) });
export const useCommitteeSessions = (id: string) =>
  useQuery({ queryKey: [...FUNDS_KEY, 'committee-sessions', id], queryFn: () => apiRequest<CommitteeSessionOption[]>(`/api/funds/cofinancing/${id}/committee-sessions`) });

/** The loans page through the shared DataList under this key (newest first, filtered by fund, status or arrears). */
export const LOANS_KEY = [...FUNDS_KEY, 'loans'] as const;
export const useLoan = (id: string) => useQuery({ queryKey: [...FUNDS_KEY, 'loan', id], queryFn: () => apiRequest<Loan>(`/api/funds/loans/${id}`) });

export const useQuotes = (params: { fundId?: string }) =>
  useQuery({ queryKey: [...FUNDS_KEY, 'quotes', params], queryFn: () => apiRequest<Quote[]>(`/api/funds/equipment/quotes${toQuery(params)}`) });
/** The asset register pages through the shared DataList under this key. */
export const ASSETS_KEY = [...FUNDS_KEY, 'assets'] as const;

export const useTrialBalance = (params: { fundId?: string; asOf?: string }) =>
  useQuery({ queryKey: [...FUNDS_KEY, 'trial-balance', params], queryFn: () => apiRequest<TrialBalance>(`/api/funds/ledger/trial-balance${toQuery(params)}`) });
/** An account's statement, a page at a time in date order; each page's running balance carries on from the one before. */
export const useStatement = (accountId: string | null) =>
  useInfiniteQuery({
    queryKey: [...FUNDS_KEY, 'statement', accountId],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      apiRequest<AccountStatement>(`/api/funds/ledger/accounts/${accountId}/statement${toQuery({ cursor: pageParam, limit: 200 })}`, { signal }),
    getNextPageParam: (last) => last.nextCursor,
    enabled: accountId !== null,
  });
export type { JournalEntry };

/** Every write refreshes the whole funds cache: figures, inbox and documents move together. */
function useFundsMutation<I, O>(request: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: request, onSuccess: () => queryClient.invalidateQueries({ queryKey: FUNDS_KEY }) });
}

/** A money-moving POST: one idempotency key per action the person takes, reused if react-query retries. */
function moneyPost<O>(path: string, body: unknown): Promise<O> {
  return apiRequest<O>(path, { method: 'POST', body, headers: { 'Idempotency-Key': newIdempotencyKey() } });
}

export const useCreateCofinancing = () => useFundsMutation((input: CreateCofinancingInput) => apiRequest<Cofinancing>('/api/funds/cofinancing', { method: 'POST', body: input }));
export const usePrepareCofinancing = (id: string) =>
  useFundsMutation((input: PrepareCofinancingInput) => apiRequest<Cofinancing>(`/api/funds/cofinancing/${id}/prepare`, { method: 'POST', body: input }));
export const useCommitteeDecision = (id: string) =>
  useFundsMutation((input: CommitteeDecisionInput) => apiRequest<Cofinancing>(`/api/funds/cofinancing/${id}/committee-decision`, { method: 'POST', body: input }));
export const useApproveCofinancing = (id: string) => useFundsMutation((note: string) => moneyPost<Cofinancing>(`/api/funds/cofinancing/${id}/approve`, { note }));
export const useRejectCofinancing = (id: string) =>
  useFundsMutation((note: string) => apiRequest<Cofinancing>(`/api/funds/cofinancing/${id}/reject`, { method: 'POST', body: { note } }));
export const useSignAgreement = (id: string) =>
  useFundsMutation((signedOn: string) => apiRequest<Cofinancing>(`/api/funds/cofinancing/${id}/agreement`, { method: 'POST', body: { signedOn } }));
export const useDisburseTranche = (id: string) =>
  useFundsMutation((trancheId: string) => moneyPost<Cofinancing>(`/api/funds/cofinancing/${id}/tranches/${trancheId}/disburse`, {}));
export const useCancelCofinancing = (id: string) => useFundsMutation((reason: string) => moneyPost<Cofinancing>(`/api/funds/cofinancing/${id}/cancel`, { reason }));

export const useRecordContribution = (fundId: string) =>
  useFundsMutation((input: RecordContributionInput) => moneyPost<Contribution>(`/api/funds/${fundId}/contributions`, input));

export const useLoanDecision = (id: string) =>
  useFundsMutation((decision: 'approve' | 'reject') =>
    decision === 'approve' ? moneyPost<Loan>(`/api/funds/loans/${id}/approve`, {}) : apiRequest<Loan>(`/api/funds/loans/${id}/reject`, { method: 'POST' }),
  );
export const useDisburseLoan = (id: string) => useFundsMutation((disbursedOn: string) => moneyPost<Loan>(`/api/funds/loans/${id}/disburse`, { disbursedOn }));
export const useRecordRepayment = (id: string) => useFundsMutation((input: RecordRepaymentInput) => moneyPost<Loan>(`/api/funds/loans/${id}/repayments`, input));
export const useProposeLoanAction = (id: string) =>
  useFundsMutation((input: ProposeLoanActionInput) => apiRequest<Loan>(`/api/funds/loans/${id}/actions`, { method: 'POST', body: input }));
export const useDecideLoanAction = (id: string) =>
  useFundsMutation(({ actionId, decision }: { actionId: string; decision: 'approve' | 'reject' }) => moneyPost<Loan>(`/api/funds/loans/${id}/actions/${actionId}/${decision}`, {}));

export const useQuoteAction = (id: string) =>
  useFundsMutation(({ action, body }: { action: 'approve' | 'reject' | 'purchase-order' | 'invoice' | 'pay'; body?: unknown }) =>
    action === 'approve' || action === 'pay'
      ? moneyPost<Quote>(`/api/funds/equipment/quotes/${id}/${action}`, body ?? {})
      : apiRequest<Quote>(`/api/funds/equipment/quotes/${id}/${action}`, { method: 'POST', body }),
  );

export const useProposeLoan = () => useFundsMutation((input: ProposeLoanInput) => apiRequest<Loan>('/api/funds/loans', { method: 'POST', body: input }));
export const useSchedulePreview = (params: { principalMinor: number | null; rateBps: number; termMonths: number; graceMonths: number; method: string; startsOn: string }) =>
  useQuery({
    queryKey: [...FUNDS_KEY, 'schedule-preview', params],
    queryFn: () => apiRequest<SchedulePreviewRow[]>(`/api/funds/loans/schedule-preview${toQuery(params)}`),
    enabled: params.principalMinor !== null && params.principalMinor > 0 && params.graceMonths < params.termMonths,
  });
export const useRecordQuote = () => useFundsMutation((input: RecordQuoteInput) => apiRequest<Quote>('/api/funds/equipment/quotes', { method: 'POST', body: input }));
export const useReturnAsset = () =>
  useFundsMutation(({ id, returnedOn, note }: { id: string; returnedOn: string; note: string }) =>
    apiRequest<Asset>(`/api/funds/equipment/assets/${id}/return`, { method: 'POST', body: { returnedOn, note } }),
  );

export const useCreateFund = () => useFundsMutation((input: CreateFundInput) => apiRequest<Fund>('/api/funds', { method: 'POST', body: input }));
export const useCreateFunder = () => useFundsMutation((input: CreateFunderInput) => apiRequest<Funder>('/api/funds/funders', { method: 'POST', body: input }));
export const useSetEnvelope = (fundId: string) =>
  useFundsMutation((input: SetEnvelopeInput) => apiRequest<Envelope>(`/api/funds/${fundId}/envelopes`, { method: 'PUT', body: input }));

export const useRequestClosure = (fundId: string) =>
  useFundsMutation((input: RequestClosureInput) => apiRequest<AccountingClosure>(`/api/funds/${fundId}/closures`, { method: 'POST', body: input }));
export const useDecideClosure = (fundId: string) =>
  useFundsMutation(({ closureId, decision }: { closureId: string; decision: 'approve' | 'reject' }) =>
    apiRequest<AccountingClosure>(`/api/funds/${fundId}/closures/${closureId}/${decision}`, { method: 'POST', body: {} }),
  );
