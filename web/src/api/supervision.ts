import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Alert, Extension, IssueNoticeRequest, Notice, NoticeDetail, SupervisionBoard, SupervisionSettings, UnitTask, UpdateSupervisionSettingsRequest } from '@shared/api/supervision.ts';
import { api } from './client.ts';

export type ChaseT = { id: string; taskId: string; unitId: string; unitName: string; message: string; createdByName: string; createdAt: string };
export type JobRunT = { id: string; job: string; runDate: string; regionId: string; regionName: string; state: 'running' | 'done' | 'failed'; attempts: number; summary: Record<string, unknown> | null; error: string | null; startedAt: string; finishedAt: string | null };

const invalidateAll = (qc: ReturnType<typeof useQueryClient>) => void qc.invalidateQueries({ queryKey: ['supervision'] });

export function useBoard(regionId: string | null) {
  return useQuery({ queryKey: ['supervision', 'board', regionId], queryFn: ({ signal }) => api.get<SupervisionBoard>('/api/supervision/board', { regionId }, signal), enabled: !!regionId });
}

export function useAlerts(f: { regionId: string | null; kind: 'reminder' | 'warning'; status?: string; unitId?: string; year?: number; page: number; pageSize: number }) {
  return useQuery({
    queryKey: ['supervision', 'alerts', f],
    queryFn: ({ signal }) => api.get<{ items: Alert[]; total: number }>('/api/supervision/alerts', { ...f }, signal),
    enabled: !!f.regionId,
    placeholderData: keepPreviousData,
  });
}
export function useAnswerAlert() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (v: { id: string; answer: string }) => api.post<Alert>(`/api/supervision/alerts/${v.id}/answer`, { answer: v.answer }), onSuccess: () => invalidateAll(qc) });
}

export function useNotices(f: { regionId: string | null; state?: string; unitId?: string; taskId?: string; year?: number; page: number; pageSize: number }) {
  return useQuery({
    queryKey: ['supervision', 'notices', f],
    queryFn: ({ signal }) => api.get<{ items: Notice[]; total: number }>('/api/supervision/notices', { ...f }, signal),
    enabled: !!f.regionId,
    placeholderData: keepPreviousData,
  });
}
export function useNotice(id: string | undefined) {
  return useQuery({ queryKey: ['supervision', 'notice', id], queryFn: ({ signal }) => api.get<NoticeDetail>(`/api/supervision/notices/${id}`, undefined, signal), enabled: !!id });
}
/** The tasks a unit owns, with status and due date (the 督办单 form, the liaison's 延期 button). */
export function useUnitTasks(unitId: string | null | undefined) {
  return useQuery({
    queryKey: ['supervision', 'unitTasks', unitId],
    queryFn: ({ signal }) => api.get<{ items: UnitTask[] }>('/api/supervision/unit-tasks', { unitId }, signal),
    select: (d) => d.items,
    enabled: !!unitId,
  });
}
export function useIssueNotice() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (v: IssueNoticeRequest) => api.post<NoticeDetail>('/api/supervision/notices', v), onSuccess: () => invalidateAll(qc) });
}
export function useNoticeAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; action: 'reply' | 'return' | 'close'; version: number; text: string }) =>
      api.post<NoticeDetail>(`/api/supervision/notices/${v.id}/${v.action}`, v.action === 'reply' ? { version: v.version, reply: v.text } : v.action === 'return' ? { version: v.version, reason: v.text } : { version: v.version, note: v.text }),
    onSuccess: () => invalidateAll(qc),
  });
}

export function useExtensions(f: { regionId?: string | null; state?: string; taskId?: string }, enabled = true) {
  return useQuery({ queryKey: ['supervision', 'extensions', f], queryFn: ({ signal }) => api.get<{ items: Extension[] }>('/api/supervision/extensions', { ...f }, signal), enabled });
}
export function useRequestExtension() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { taskId: string; unitId?: string; requestedDue: string; reason: string }) => api.post<Extension>('/api/supervision/extensions', v),
    onSuccess: () => (invalidateAll(qc), void qc.invalidateQueries({ queryKey: ['taskPage'] })),
  });
}
export function useDecideExtension() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; version: number; grant: boolean; note: string }) => api.post<Extension>(`/api/supervision/extensions/${v.id}/decide`, { version: v.version, grant: v.grant, note: v.note }),
    onSuccess: () => (invalidateAll(qc), void qc.invalidateQueries({ queryKey: ['taskPage'] })),
  });
}

export function useChases(taskId: string | undefined) {
  return useQuery({ queryKey: ['supervision', 'chases', taskId], queryFn: ({ signal }) => api.get<{ items: ChaseT[] }>('/api/supervision/chases', { taskId }, signal), enabled: !!taskId });
}
export function useChase() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (v: { taskId: string; unitId: string; message: string }) => api.post<ChaseT>('/api/supervision/chases', v), onSuccess: () => invalidateAll(qc) });
}

export function useSupervisionSettings(regionId: string | null) {
  return useQuery({ queryKey: ['supervision', 'settings', regionId], queryFn: ({ signal }) => api.get<SupervisionSettings>('/api/supervision/settings', { regionId }, signal), enabled: !!regionId });
}
export function useSaveSupervisionSettings(regionId: string | null) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: UpdateSupervisionSettingsRequest) => api.put<SupervisionSettings>(`/api/supervision/settings?regionId=${regionId ?? ''}`, v),
    onSuccess: () => invalidateAll(qc),
  });
}
export function useRuns(regionId: string | null) {
  return useQuery({
    queryKey: ['supervision', 'runs', regionId],
    queryFn: ({ signal }) => api.get<{ items: JobRunT[] }>('/api/supervision/runs', { regionId }, signal),
    enabled: !!regionId,
    // a run in progress (the start-up catch-up, another server's) is followed until it ends
    refetchInterval: (q) => (q.state.data?.items.some((r) => r.state === 'running') ? 2000 : false),
  });
}
export function useRunNow() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (regionId: string) => api.post<{ ran: boolean; summary: Record<string, unknown> | null; error: string | null }>('/api/supervision/runs', { regionId }), onSuccess: () => invalidateAll(qc) });
}
