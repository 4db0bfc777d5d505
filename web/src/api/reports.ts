import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Evidence, Inbox, ReportView, SaveReportRequest } from '@shared/api/reports.ts';
import type { TaskPage } from '@shared/api/plans.ts';
import { api, withQuery } from './client.ts';

export type ReportEventT = {
  action: 'save' | 'submit' | 'return' | 'accept';
  actionLabel: string;
  version: number;
  actorName: string;
  reason: string | null;
  snapshot: { narrative: string; completion: ReportView['completion']; percent: number | null; evidence: string[] };
  createdAt: string;
};
export type ReportHistoryT = { report: ReportView; events: ReportEventT[] };
export type ReviewItemT = {
  reportId: string;
  taskId: string;
  number: string;
  text: string;
  unitName: string;
  periodLabel: string;
  completion: ReportView['completion'];
  percent: number | null;
  submittedAt: string | null;
  evidenceCount: number;
  version: number;
};

export interface InboxFilter {
  unitId?: string;
  periodId?: string;
  /** chapter (top-level heading) */
  headingId?: string;
  state?: string;
  deadline?: string;
}

export function useInbox(f: InboxFilter, enabled = true) {
  return useQuery({
    queryKey: ['inbox', f.unitId ?? '', f.periodId ?? '', f.headingId ?? '', f.state ?? '', f.deadline ?? ''],
    queryFn: ({ signal }) => api.get<Inbox>('/api/reports/inbox', { unitId: f.unitId, periodId: f.periodId, headingId: f.headingId, state: f.state, deadline: f.deadline }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export interface ReportKey {
  taskId: string;
  periodId: string;
  unitId?: string;
}
export const reportKey = (k: ReportKey) => ['report', k.taskId, k.periodId, k.unitId ?? ''] as const;

export function useOpenReport(k: ReportKey | null) {
  return useQuery({
    queryKey: reportKey(k ?? { taskId: '', periodId: '' }),
    queryFn: ({ signal }) => api.get<ReportView>('/api/reports/open', { taskId: k!.taskId, periodId: k!.periodId, unitId: k!.unitId }, signal),
    enabled: !!k,
    staleTime: 0,
  });
}

export function useTaskPage(id: string | null | undefined) {
  return useQuery({
    queryKey: ['taskPage', id],
    queryFn: ({ signal }) => api.get<TaskPage>(`/api/plans/tasks/${id}`, undefined, signal),
    enabled: !!id,
  });
}

export function useCoReports(taskId: string, periodId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['coReports', taskId, periodId],
    queryFn: ({ signal }) => api.get<{ items: ReportView[] }>('/api/reports/co', { taskId, periodId }, signal),
    select: (d) => d.items,
    enabled,
  });
}

export function useReportHistory(id: string | null | undefined) {
  return useQuery({
    queryKey: ['reportHistory', id],
    queryFn: ({ signal }) => api.get<ReportHistoryT>(`/api/reports/${id}/history`, undefined, signal),
    enabled: !!id,
  });
}

export function useUnitEvidence(unitId: string | null, enabled: boolean) {
  return useQuery({
    queryKey: ['evidence', unitId],
    queryFn: ({ signal }) => api.get<{ items: Evidence[] }>('/api/evidence', { unitId }, signal),
    select: (d) => d.items,
    enabled: enabled && !!unitId,
  });
}

export function useReviewQueue(regionId: string | null, state: 'submitted' | 'returned' | 'accepted') {
  return useQuery({
    queryKey: ['review', regionId, state],
    queryFn: ({ signal }) => api.get<{ items: ReviewItemT[] }>('/api/reports/review', { regionId, state }, signal),
    select: (d) => d.items,
    enabled: !!regionId,
    placeholderData: keepPreviousData,
  });
}

function useInvalidateReports() {
  const qc = useQueryClient();
  return () => {
    for (const k of ['inbox', 'report', 'reportHistory', 'review', 'taskPage', 'coReports', 'plan']) void qc.invalidateQueries({ queryKey: [k] });
  };
}

export function useSaveReport() {
  const done = useInvalidateReports();
  return useMutation({ mutationFn: (b: SaveReportRequest) => api.post<ReportView>('/api/reports', b), onSuccess: done });
}

export function useReportAction() {
  const done = useInvalidateReports();
  return useMutation({
    mutationFn: ({ id, action, version, reason }: { id: string; action: 'submit' | 'accept' | 'return'; version: number; reason?: string }) =>
      api.post<ReportView>(`/api/reports/${id}/${action}`, action === 'return' ? { version, reason } : { version }),
    onSuccess: done,
  });
}

export function useBulkAccept() {
  const done = useInvalidateReports();
  return useMutation({
    mutationFn: (ids: string[]) => api.post<{ accepted: number; skipped: { id: string; reason: string }[] }>('/api/reports/bulk-accept', { ids }),
    onSuccess: done,
  });
}

export function useUploadEvidence() {
  return useMutation({
    mutationFn: ({ unitId, file }: { unitId: string; file: File }) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return api.upload<Evidence>('/api/evidence', form, { unitId });
    },
  });
}

export const evidenceUrl = (id: string, download = false) => withQuery(`/api/evidence/${id}/content`, { download: download ? 1 : undefined });
export const ledgerExportUrl = (q: { planId: string; periodId: string; unitId?: string }) => withQuery('/api/reports/export/ledger', { ...q });
export const evidenceExportUrl = (q: { planId: string; periodId: string; unitId?: string }) => withQuery('/api/reports/export/evidence', { ...q });

export interface PeriodOption {
  id: string;
  label: string;
  start: string;
  due: string;
}

/** A plan's reporting periods (GET /api/plans/:id/reporting), to switch the inbox between periods. */
export function usePlanPeriods(planId: string | undefined) {
  return useQuery({
    queryKey: ['plan-reporting', planId ?? ''],
    queryFn: ({ signal }) => api.get<{ periods: PeriodOption[] }>(`/api/plans/${planId}/reporting`, undefined, signal),
    enabled: !!planId,
    staleTime: 60_000,
  });
}
