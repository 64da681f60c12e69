import type { PreviewStatementInput, Statement } from '@essor/shared/bond-statements';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../lib/api-client';
import { BONDS_KEY } from './api';

export const STATEMENTS_ENDPOINT = '/api/bonds/statements';
export const STATEMENTS_KEY = [...BONDS_KEY, 'statements'] as const;

export const useStatement = (id: string | null) =>
  useQuery({ queryKey: [...STATEMENTS_KEY, 'one', id], queryFn: () => apiRequest<Statement>(`${STATEMENTS_ENDPOINT}/${id}`), enabled: id !== null });

/** The file's bytes in base64, as the API takes uploads (JSON only). */
export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function useStatementsMutation<I>(request: (input: I) => Promise<Statement>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: (statement) => {
      queryClient.setQueryData([...STATEMENTS_KEY, 'one', statement.id], statement);
      // Posting pays subscriptions: offerings and registers change too.
      return queryClient.invalidateQueries({ queryKey: BONDS_KEY });
    },
  });
}

export const usePreviewStatement = () =>
  useStatementsMutation((input: PreviewStatementInput) => apiRequest<Statement>(STATEMENTS_ENDPOINT, { method: 'POST', body: input }));

/** Posting moves money: one idempotency key per click, reused if react-query retries. */
export const usePostStatement = () =>
  useStatementsMutation(({ id, key }: { id: string; key: string }) => apiRequest<Statement>(`${STATEMENTS_ENDPOINT}/${id}/post`, { method: 'POST', body: {}, headers: { 'Idempotency-Key': key } }));

export const useDiscardStatement = () => useStatementsMutation((id: string) => apiRequest<Statement>(`${STATEMENTS_ENDPOINT}/${id}/discard`, { method: 'POST' }));
