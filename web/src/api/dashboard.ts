import { useMutation, useQuery, useQueryClient, keepPreviousData } from '@tanstack/react-query';
import type { Cockpit, CockpitPeriodRows, CockpitQuery, CockpitTask, CockpitTasksQuery, ExportJob, StartExportRequest, Workbench } from '@shared/api/dashboard.ts';
import type { TaskSheetApplyResult, TaskSheetPreview } from '@shared/api/task-sheet.ts';
import { api, withQuery } from './client.ts';

export function useWorkbench(regionId: string | null) {
  return useQuery({ queryKey: ['dashboard', 'workbench', regionId], queryFn: ({ signal }) => api.get<Workbench>('/api/dashboard/workbench', { regionId }, signal) });
}

export function useCockpit(q: CockpitQuery, enabled = true) {
  return useQuery({ queryKey: ['dashboard', 'cockpit', q], queryFn: ({ signal }) => api.get<Cockpit>('/api/dashboard/cockpit', { ...q }, signal), enabled, placeholderData: keepPreviousData });
}

export function useCockpitPeriod(q: { planId?: string; periodId?: string; headingId?: string; unitKind?: string; unitId?: string }) {
  return useQuery({
    queryKey: ['dashboard', 'cockpit-period', q],
    queryFn: ({ signal }) => api.get<CockpitPeriodRows>('/api/dashboard/cockpit/period', { ...q }, signal),
    enabled: !!q.planId && !!q.periodId,
  });
}

export function useCockpitTasks(q: CockpitTasksQuery | null) {
  return useQuery({ queryKey: ['dashboard', 'cockpit-tasks', q], queryFn: ({ signal }) => api.get<{ items: CockpitTask[] }>('/api/dashboard/cockpit/tasks', { ...q }, signal), select: (d) => d.items, enabled: !!q });
}

export const taskSheetExportUrl = (planId: string) => withQuery(`/api/task-sheet/${planId}/export`);

export function usePreviewTaskSheet(planId: string) {
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return api.upload<TaskSheetPreview>(`/api/task-sheet/${planId}/preview`, form);
    },
  });
}

export function useApplyTaskSheet(planId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (importId: string) => api.post<TaskSheetApplyResult>(`/api/task-sheet/${planId}/imports/${importId}/apply`),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['plan', planId] });
      void qc.invalidateQueries({ queryKey: ['dashboard'] });
    },
  });
}

export function useCancelTaskSheet(planId: string) {
  return useMutation({ mutationFn: (importId: string) => api.post<{ ok: true }>(`/api/task-sheet/${planId}/imports/${importId}/cancel`) });
}

export function useStartExport() {
  return useMutation({ mutationFn: (v: StartExportRequest) => api.post<ExportJob>('/api/export-jobs', v) });
}

/** Polls a job twice a second until it is done or failed. */
export function useExportJob(id: string | null) {
  return useQuery({
    queryKey: ['export-job', id],
    queryFn: ({ signal }) => api.get<ExportJob>(`/api/export-jobs/${id}`, undefined, signal),
    enabled: !!id,
    refetchInterval: (q) => (q.state.data && (q.state.data.status === 'done' || q.state.data.status === 'failed') ? false : 500),
  });
}

export function useExportJobs() {
  return useQuery({ queryKey: ['export-jobs'], queryFn: ({ signal }) => api.get<{ items: ExportJob[] }>('/api/export-jobs', undefined, signal), select: (d) => d.items, refetchInterval: 2000 });
}

export const exportDownloadUrl = (id: string) => `/api/export-jobs/${id}/download`;
export const cockpitDocxUrl = (q: CockpitQuery) => withQuery('/api/dashboard/cockpit/docx', { ...q });
export const cockpitPdfUrl = (q: CockpitQuery) => withQuery('/api/dashboard/cockpit/pdf', { ...q });
export const periodSummaryUrl = (q: CockpitQuery, format: 'docx' | 'pdf') => withQuery(`/api/dashboard/cockpit/summary/${format}`, { ...q });
