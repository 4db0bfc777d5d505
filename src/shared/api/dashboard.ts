import { z } from 'zod';
import { UNIT_KINDS } from '../enums.ts';
import { Id } from './common.ts';

const TaskStatus = z.enum(['未开始', '推进中', '已完成', '长期坚持', '逾期', '滞后']);
const StatusCounts = z.object({ 未开始: z.number(), 推进中: z.number(), 已完成: z.number(), 长期坚持: z.number(), 逾期: z.number(), 滞后: z.number(), total: z.number() });
export type StatusCounts = z.infer<typeof StatusCounts>;

// ------------------------------------------------------------------ 工作台

export const WorkbenchQuery = z.object({ regionId: Id.optional() }).strict();

/** A dated item of this week: a report due, a task's deadline, a 督办单's reply date. */
export const WeekItem = z.object({
  kind: z.enum(['report', 'task', 'notice']),
  date: z.string(),
  label: z.string(),
  detail: z.string(),
  /** the page behind it */
  link: z.string(),
});
export type WeekItem = z.infer<typeof WeekItem>;

export const ConsolidationItem = z.object({ taskId: z.string(), number: z.string(), text: z.string(), periodId: z.string(), periodLabel: z.string(), coSubmitted: z.number(), coTotal: z.number(), state: z.string() });

export const LiaisonWorkbench = z.object({
  unit: z.object({ id: z.string(), name: z.string() }),
  period: z.object({ id: z.string(), label: z.string(), due: z.string() }).nullable(),
  /** the inbox's own counts: what this period asks of the unit */
  dueThisPeriod: z.number(),
  toDo: z.number(),
  returned: z.number(),
  overdue: z.number(),
  noticesToAnswer: z.number(),
  /** lead unit: tasks whose co-owners have reported and wait for the consolidated report */
  consolidation: z.array(ConsolidationItem),
  week: z.array(WeekItem),
});
export type LiaisonWorkbench = z.infer<typeof LiaisonWorkbench>;

export const OfficeWorkbench = z.object({
  toReview: z.number(),
  unitsBehind: z.number(),
  behindTasks: z.number(),
  overdueTasks: z.number(),
  overdueReports: z.number(),
  openNotices: z.number(),
  overdueNotices: z.number(),
  pendingExtensions: z.number(),
  openWarnings: z.number(),
  week: z.array(WeekItem),
});
export type OfficeWorkbench = z.infer<typeof OfficeWorkbench>;

export const Workbench = z.object({
  today: z.string(),
  role: z.string(),
  regionId: z.string().nullable(),
  liaison: LiaisonWorkbench.nullable(),
  office: OfficeWorkbench.nullable(),
  /** leaders and inspectors: their 工作台 is the cockpit */
  cockpit: z.boolean(),
});
export type Workbench = z.infer<typeof Workbench>;

// ------------------------------------------------------------------ 领导驾驶舱

export const CockpitQuery = z
  .object({
    regionId: Id.optional(),
    planId: Id.optional(),
    /** the period the unit ranking is about (default: the last one past its due date) */
    periodId: Id.optional(),
    /** a chapter (top-level heading) */
    headingId: Id.optional(),
    unitKind: z.enum(UNIT_KINDS).optional(),
  })
  .strict();
export type CockpitQuery = z.infer<typeof CockpitQuery>;

export const CockpitTask = z.object({
  id: z.string(),
  number: z.string(),
  text: z.string(),
  headingId: z.string().nullable(),
  chapter: z.string(),
  status: TaskStatus,
  reason: z.string(),
  due: z.string().nullable(),
  leadUnits: z.array(z.string()),
  unitIds: z.array(z.string()),
});
export type CockpitTask = z.infer<typeof CockpitTask>;

export const Cockpit = z.object({
  today: z.string(),
  regionId: z.string(),
  plans: z.array(z.object({ id: z.string(), title: z.string() })),
  plan: z.object({ id: z.string(), title: z.string() }).nullable(),
  periods: z.array(z.object({ id: z.string(), label: z.string(), due: z.string() })),
  period: z.object({ id: z.string(), label: z.string(), due: z.string() }).nullable(),
  chapters: z.array(z.object({ id: z.string(), label: z.string() })),
  completion: z.object({ counts: StatusCounts, doneRate: z.number(), onTrackRate: z.number() }),
  byChapter: z.array(z.object({ headingId: z.string(), chapter: z.string(), counts: StatusCounts, doneRate: z.number() })),
  onTimeTrend: z.array(z.object({ periodId: z.string(), label: z.string(), due: z.string(), owed: z.number(), onTime: z.number(), late: z.number(), missing: z.number(), rate: z.number() })),
  unitRanking: z.array(z.object({ unitId: z.string(), unitName: z.string(), owed: z.number(), onTime: z.number(), accepted: z.number(), onTimeRate: z.number(), acceptedRate: z.number() })),
  heatmap: z.object({
    units: z.array(z.object({ id: z.string(), name: z.string() })),
    chapters: z.array(z.object({ id: z.string(), label: z.string() })),
    /** score: 0 on track, 1 some 滞后, 2 some 逾期; done: every task done */
    cells: z.array(z.object({ unitId: z.string(), headingId: z.string(), total: z.number(), behind: z.number(), overdue: z.number(), done: z.number(), score: z.number() })),
  }),
  behind: z.array(CockpitTask),
  targets: z.array(z.object({ taskId: z.string(), number: z.string(), raw: z.string(), metric: z.string().nullable(), op: z.string().nullable(), target: z.number(), unit: z.string().nullable(), actual: z.number().nullable(), ratio: z.number().nullable(), periodLabel: z.string().nullable() })),
});
export type Cockpit = z.infer<typeof Cockpit>;

/** A drill-down from a chart to the tasks it counts: the cockpit's filters, narrowed by what was clicked. */
export const CockpitTasksQuery = CockpitQuery.extend({ status: TaskStatus.optional(), unitId: Id.optional(), taskId: Id.optional() }).strict();
export type CockpitTasksQuery = z.infer<typeof CockpitTasksQuery>;
export const CockpitTaskList = z.object({ items: z.array(CockpitTask) });

export const CockpitPeriodQuery = z.object({ planId: Id, periodId: Id, headingId: Id.optional(), unitKind: z.enum(UNIT_KINDS).optional(), unitId: Id.optional() }).strict();
export type CockpitPeriodQuery = z.infer<typeof CockpitPeriodQuery>;
export const ON_TIME_LABEL = { on_time: '按时报送', late: '逾期报送', missing: '未报送' } as const;
export const CockpitPeriodRows = z.object({
  period: z.object({ id: z.string(), label: z.string(), due: z.string() }),
  items: z.array(z.object({ taskId: z.string(), number: z.string(), text: z.string(), unitId: z.string(), unitName: z.string(), role: z.enum(['lead', 'co']), state: z.string(), submittedAt: z.string().nullable(), timeliness: z.enum(['on_time', 'late', 'missing']), reportId: z.string().nullable() })),
});
export type CockpitPeriodRows = z.infer<typeof CockpitPeriodRows>;

// ------------------------------------------------------------------ list exports (background jobs)

export const EXPORT_KINDS = ['reports', 'tasks', 'notices', 'alerts', 'review'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];
export const EXPORT_KIND_LABEL: Record<ExportKind, string> = { reports: '报送记录', tasks: '任务清单', notices: '督办单', alerts: '提醒与警示', review: '报送审核' };

/** The filters of the list on screen, by kind (each as its own list takes them). */
export const ExportFilters = z
  .object({
    planId: Id.optional(),
    periodId: Id.optional(),
    unitId: Id.optional(),
    /** reports, review: submitted | returned | accepted; notices: open | replied | closed; alerts: open | answered | escalated */
    state: z.string().max(20).optional(),
    /** tasks: a status (滞后, 逾期 …) */
    status: z.string().max(10).optional(),
    headingId: Id.optional(),
    /** tasks: those a unit of this kind takes part in (the cockpit's filter) */
    unitKind: z.enum(UNIT_KINDS).optional(),
    /** alerts: reminder | warning */
    alertKind: z.enum(['reminder', 'warning']).optional(),
    year: z.number().int().min(2000).max(2100).optional(),
    /** tasks: the due date from … to (inclusive), and words of the text or the number, as the 「任务」 list takes them */
    dueFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD').optional(),
    dueTo: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD').optional(),
    q: z.string().trim().max(100).optional(),
  })
  .strict();
export type ExportFilters = z.infer<typeof ExportFilters>;

export const StartExportRequest = z.object({ kind: z.enum(EXPORT_KINDS), regionId: Id.optional(), filters: ExportFilters.default({}) }).strict();
export type StartExportRequest = z.input<typeof StartExportRequest>;

export const ExportJob = z.object({
  id: z.string(),
  kind: z.enum(EXPORT_KINDS),
  kindLabel: z.string(),
  status: z.enum(['queued', 'running', 'done', 'failed']),
  doneRows: z.number(),
  totalRows: z.number().nullable(),
  /** 0–100 */
  progress: z.number(),
  fileName: z.string().nullable(),
  size: z.number().nullable(),
  error: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ExportJob = z.infer<typeof ExportJob>;
export const ExportJobList = z.object({ items: z.array(ExportJob) });
