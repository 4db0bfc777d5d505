import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Me } from '@shared/api/auth.ts';
import type { CalendarImportResult, CalendarOverview, CalendarYearDetail, SaveCalendarYearRequest } from '@shared/api/calendar.ts';
import { api, request, withQuery } from './client.ts';

/** Mirrors canReadCalendar / canManageCalendar in src/services/policies.ts (the server decides anyway). */
export const canReadCalendar = (me: Me) => me.role === 'admin' || me.role === 'office';
export const canManageCalendar = (me: Me) => me.role === 'admin';

const invalidate = (qc: ReturnType<typeof useQueryClient>) => void qc.invalidateQueries({ queryKey: ['calendar'] });

/** The years in the calendar and the missing years the plans need (the admin: every region; an office: its region). */
export function useCalendarOverview(regionId: string | null | undefined) {
  return useQuery({ queryKey: ['calendar', 'overview', regionId ?? null], queryFn: ({ signal }) => api.get<CalendarOverview>('/api/calendar', { regionId }, signal) });
}

export function useCalendarYear(year: number | null) {
  return useQuery({ queryKey: ['calendar', 'year', year], queryFn: ({ signal }) => api.get<CalendarYearDetail>(`/api/calendar/${year}`, undefined, signal), enabled: year !== null, retry: false });
}

export function useSaveCalendarYear() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (v: { year: number; body: SaveCalendarYearRequest }) => api.put<CalendarYearDetail>(`/api/calendar/${v.year}`, v.body), onSuccess: () => invalidate(qc) });
}

export function useDeleteCalendarYear() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (v: { year: number; version: number }) => request<{ ok: true }>(`/api/calendar/${v.year}`, { method: 'DELETE', query: { version: v.version } }), onSuccess: () => invalidate(qc) });
}

export function useImportCalendar() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ file, year, source }: { file: File; year?: number; source?: string }) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return api.upload<CalendarImportResult>('/api/calendar/import', form, { year, source });
    },
    onSuccess: (r) => {
      if (r.applied) invalidate(qc);
    },
  });
}

export const calendarExportUrl = (year: number, format: 'csv' | 'json' = 'csv') => withQuery(`/api/calendar/${year}/export`, { format });
