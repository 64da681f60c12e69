import type {
  ApplicationDetail,
  ApplicationMessage,
  ApplicationStatus,
  Attachment,
  Board,
  CreateApplicationInput,
  Funnel,
  PostMessageInput,
  Screening,
  ScreeningInput,
  UpdateApplicationInput,
  UploadAttachmentInput,
} from '@essor/shared/applications';
import type { Programme, ProgrammeCall } from '@essor/shared/programmes';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest, toQuery } from '../../lib/api-client';

export const APPLICATIONS_KEY = ['applications'] as const;

export function useCalls() {
  return useQuery({ queryKey: ['programmes', 'calls'], queryFn: () => apiRequest<{ items: ProgrammeCall[] }>('/api/programmes/calls') });
}

/** Programmes for the staff's filters (holders do not read the programme list). */
export function useProgrammeOptions(enabled: boolean) {
  return useQuery({ queryKey: ['programmes', 'options'], queryFn: () => apiRequest<{ items: Programme[] }>('/api/programmes'), enabled });
}

export function useApplication(id: string | undefined) {
  return useQuery({ queryKey: [...APPLICATIONS_KEY, id], queryFn: () => apiRequest<ApplicationDetail>(`/api/applications/${id}`), enabled: Boolean(id) });
}

function useInvalidateApplications() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: APPLICATIONS_KEY });
}

export function useCreateApplication() {
  const invalidate = useInvalidateApplications();
  return useMutation({
    mutationFn: (input: CreateApplicationInput) => apiRequest<ApplicationDetail>('/api/applications', { method: 'POST', body: input }),
    onSuccess: invalidate,
  });
}

export function useUpdateApplication(id: string) {
  const invalidate = useInvalidateApplications();
  return useMutation({
    mutationFn: (input: UpdateApplicationInput) => apiRequest<ApplicationDetail>(`/api/applications/${id}`, { method: 'PATCH', body: input }),
    onSuccess: invalidate,
  });
}

export interface MoveRequest {
  id: string;
  to: ApplicationStatus;
  from?: ApplicationStatus;
  reason?: string;
}

export function useMoveApplication() {
  const invalidate = useInvalidateApplications();
  return useMutation({
    mutationFn: ({ id, ...body }: MoveRequest) => apiRequest<ApplicationDetail>(`/api/applications/${id}/moves`, { method: 'POST', body }),
    onSettled: invalidate,
  });
}

export function useScreening(id: string, enabled: boolean) {
  return useQuery({ queryKey: [...APPLICATIONS_KEY, id, 'screening'], queryFn: () => apiRequest<Screening>(`/api/applications/${id}/screening`), enabled });
}

export function useRecordScreening(id: string) {
  const invalidate = useInvalidateApplications();
  return useMutation({
    mutationFn: (input: ScreeningInput) => apiRequest<Screening>(`/api/applications/${id}/screening`, { method: 'PUT', body: input }),
    onSuccess: invalidate,
  });
}

export function useMessages(id: string) {
  return useQuery({ queryKey: [...APPLICATIONS_KEY, id, 'messages'], queryFn: () => apiRequest<{ items: ApplicationMessage[] }>(`/api/applications/${id}/messages`) });
}

export function usePostMessage(id: string) {
  const invalidate = useInvalidateApplications();
  return useMutation({
    mutationFn: (input: PostMessageInput) => apiRequest<ApplicationMessage>(`/api/applications/${id}/messages`, { method: 'POST', body: input }),
    onSuccess: invalidate,
  });
}

export function useUploadAttachment(id: string) {
  const invalidate = useInvalidateApplications();
  return useMutation({
    mutationFn: (input: UploadAttachmentInput) => apiRequest<Attachment>(`/api/applications/${id}/attachments`, { method: 'POST', body: input }),
    onSuccess: invalidate,
  });
}

export function useDeleteAttachment(id: string) {
  const invalidate = useInvalidateApplications();
  return useMutation({
    mutationFn: (attachmentId: string) => apiRequest<void>(`/api/applications/${id}/attachments/${attachmentId}`, { method: 'DELETE' }),
    onSuccess: invalidate,
  });
}

export function useBoard(programmeId: string | null) {
  return useQuery({
    queryKey: [...APPLICATIONS_KEY, 'board', programmeId],
    queryFn: () => apiRequest<Board>(`/api/applications/board${toQuery({ programmeId })}`),
  });
}

export function useFunnel() {
  return useQuery({ queryKey: [...APPLICATIONS_KEY, 'funnel'], queryFn: () => apiRequest<Funnel>('/api/applications/funnel') });
}

/** Reads a file as base64 (without the data: prefix) for the JSON upload. */
export function fileToBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}
