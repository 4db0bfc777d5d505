import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { TaskList, TaskListQuery, TaskStatus } from '@shared/api/tasks.ts';
import { api } from './client.ts';

export type TaskFilter = Omit<TaskListQuery, 'regionId' | 'page' | 'pageSize' | 'status'> & { status?: TaskStatus; page: number; pageSize: number };

/** GET /api/plans/tasks: the 任务 list, filtered and paged by the server. */
export function useTaskList(regionId: string | null, f: TaskFilter) {
  return useQuery({
    queryKey: ['taskList', regionId ?? '', f],
    queryFn: ({ signal }) => api.get<TaskList>('/api/plans/tasks', { regionId, ...f }, signal),
    placeholderData: keepPreviousData,
    enabled: !!regionId,
  });
}
