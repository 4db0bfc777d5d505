import { z } from 'zod';
import { Id } from './common.ts';

/** 任务 list: every task of the region's plans the reader may see, filtered on the server. */
export const TASK_STATUSES = ['未开始', '推进中', '已完成', '长期坚持', '逾期', '滞后'] as const;
export const TaskStatus = z.enum(TASK_STATUSES);
export type TaskStatus = z.infer<typeof TaskStatus>;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');

export const TaskListQuery = z
  .object({
    regionId: Id,
    planId: Id.optional(),
    /** the chapter (top-level heading) */
    headingId: Id.optional(),
    /** a unit's tasks (lead or co-owner); a liaison always sees their own unit's */
    unitId: Id.optional(),
    status: TaskStatus.optional(),
    /** the task's due date (after any granted 延期) from … to, inclusive; tasks without a date drop out */
    dueFrom: isoDate.optional(),
    dueTo: isoDate.optional(),
    /** words of the task text or its number */
    q: z.string().trim().max(100).optional(),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(500).default(50),
  })
  .strict()
  .refine((x) => !x.dueFrom || !x.dueTo || x.dueFrom <= x.dueTo, { message: '开始日期不能晚于结束日期', path: ['dueTo'] });
export type TaskListQuery = z.input<typeof TaskListQuery>;

export const TaskListItem = z.object({
  id: z.string(),
  planId: z.string(),
  planTitle: z.string(),
  /** 二.（四）.1 */
  number: z.string(),
  chapterId: z.string().nullable(),
  chapter: z.string().nullable(),
  title: z.string().nullable(),
  text: z.string(),
  leadUnits: z.array(z.string()),
  coUnits: z.array(z.string()),
  /** the unit in scope's role on the task (its own list), else null */
  role: z.enum(['lead', 'co']).nullable(),
  /** the deadlines in words (2026年12月31日前；长期坚持) */
  deadline: z.string(),
  /** the effective due date (after a granted 延期), null for ongoing tasks */
  due: z.string().nullable(),
  status: TaskStatus,
  statusReason: z.string(),
});
export type TaskListItem = z.infer<typeof TaskListItem>;

export const TaskList = z.object({
  items: z.array(TaskListItem),
  /** how many match (all pages) */
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  /** per status, over the tasks that pass every filter but the status one */
  counts: z.record(z.string(), z.number()),
  /** the unit the list is limited to (a liaison's own, or the one asked for) */
  unit: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** choices for the filters */
  plans: z.array(z.object({ id: z.string(), title: z.string() })),
  chapters: z.array(z.object({ id: z.string(), label: z.string(), planId: z.string() })),
});
export type TaskList = z.infer<typeof TaskList>;
