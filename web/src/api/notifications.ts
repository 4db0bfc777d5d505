import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Delivery, DeliveryList, MarkReadRequest, NotificationList, NotificationPrefs, UpdateNotificationPrefsRequest, Webhook, WebhookInput } from '@shared/api/notifications.ts';
import { api } from './client.ts';

const KEY = ['notifications'];

/** The bell's count: polled every minute, and refreshed when the window regains focus. */
export function useUnread() {
  return useQuery({ queryKey: [...KEY, 'unread'], queryFn: ({ signal }) => api.get<{ unread: number }>('/api/notifications/unread', undefined, signal), refetchInterval: 60_000, refetchOnWindowFocus: true });
}

export function useNotifications(f: { page: number; pageSize: number; unread?: '1' }, enabled = true) {
  return useQuery({ queryKey: [...KEY, 'list', f], queryFn: ({ signal }) => api.get<NotificationList>('/api/notifications', { ...f }, signal), placeholderData: keepPreviousData, enabled });
}

export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (req: MarkReadRequest) => api.post<{ unread: number }>('/api/notifications/read', req), onSuccess: () => void qc.invalidateQueries({ queryKey: KEY }) });
}

export function usePrefs() {
  return useQuery({ queryKey: [...KEY, 'prefs'], queryFn: ({ signal }) => api.get<NotificationPrefs>('/api/notifications/prefs', undefined, signal) });
}
export function useSavePrefs() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (req: UpdateNotificationPrefsRequest) => api.put<NotificationPrefs>('/api/notifications/prefs', req), onSuccess: (p) => qc.setQueryData([...KEY, 'prefs'], p) });
}

export function useWebhooks(regionId: string | null) {
  return useQuery({ queryKey: [...KEY, 'webhooks', regionId], queryFn: ({ signal }) => api.get<{ items: Webhook[] }>('/api/notifications/webhooks', { regionId }, signal), enabled: !!regionId });
}
export function useSaveWebhook() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id?: string; version?: number; regionId: string; input: WebhookInput }) =>
      v.id ? api.put<Webhook>(`/api/notifications/webhooks/${v.id}`, { ...v.input, version: v.version }) : api.post<Webhook>('/api/notifications/webhooks', { ...v.input, regionId: v.regionId }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: [...KEY, 'webhooks'] }),
  });
}
export function useTestWebhook() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (id: string) => api.post<{ ok: true }>(`/api/notifications/webhooks/${id}/test`), onSuccess: () => void qc.invalidateQueries({ queryKey: [...KEY, 'deliveries'] }) });
}

export function useDeliveries(f: { regionId: string | null; state?: string; channel?: string; page: number; pageSize: number }) {
  return useQuery({ queryKey: [...KEY, 'deliveries', f], queryFn: ({ signal }) => api.get<DeliveryList>('/api/notifications/deliveries', { ...f }, signal), enabled: !!f.regionId, placeholderData: keepPreviousData, refetchInterval: 15_000 });
}
export function useResend() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (id: string) => api.post<Delivery>(`/api/notifications/deliveries/${id}/resend`), onSuccess: () => void qc.invalidateQueries({ queryKey: [...KEY, 'deliveries'] }) });
}
