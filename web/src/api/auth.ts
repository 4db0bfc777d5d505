import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Me, SessionInfo } from '@shared/api/auth.ts';
import { api, isApiError, request, setCsrfToken } from './client.ts';

export const meKey = ['me'] as const;

async function fetchMe(): Promise<Me | null> {
  try {
    const me = await request<Me>('/api/auth/me', { noAuthRedirect: true });
    setCsrfToken(me.csrfToken);
    return me;
  } catch (e) {
    if (isApiError(e) && e.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw e;
  }
}

/** The signed-in user, or null. */
export function useMe() {
  return useQuery({ queryKey: meKey, queryFn: fetchMe, staleTime: 5 * 60_000, retry: false });
}

/** The signed-in user when the caller sits behind RequireAuth. */
export function useCurrentUser(): Me {
  const { data } = useMe();
  if (!data) throw new Error('useCurrentUser outside RequireAuth');
  return data;
}

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { username: string; password: string }) =>
      request<Me>('/api/auth/login', { method: 'POST', body, noAuthRedirect: true }),
    onSuccess: (me) => {
      setCsrfToken(me.csrfToken);
      qc.clear();
      qc.setQueryData(meKey, me);
    },
  });
}

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ ok: true }>('/api/auth/logout'),
    onSettled: () => {
      setCsrfToken(null);
      qc.clear();
      qc.setQueryData(meKey, null);
    },
  });
}

export function useChangePassword() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { oldPassword: string; newPassword: string }) => api.post<{ ok: true }>('/api/auth/password', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: meKey }),
  });
}

export function useSwitchRegion() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (regionId: string) => api.post<Me>('/api/auth/region', { regionId }),
    onSuccess: (me) => {
      setCsrfToken(me.csrfToken);
      qc.setQueryData(meKey, me);
      void qc.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
    },
  });
}

export const sessionsKey = ['sessions'] as const;
export function useSessions() {
  return useQuery({ queryKey: sessionsKey, queryFn: () => api.get<{ items: SessionInfo[] }>('/api/auth/sessions') });
}
export function useRevokeSession() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.del<{ ok: true }>(`/api/auth/sessions/${encodeURIComponent(id)}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: sessionsKey }),
  });
}
