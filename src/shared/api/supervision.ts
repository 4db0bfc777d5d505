import { z } from 'zod';
import { Id, IsoDate, Page, Version } from './common.ts';

// ------------------------------------------------------------------ rules

export const SupervisionSettings = z.object({
  regionId: z.string(),
  remindDays: z.array(z.number().int()),
  warnOverdueReports: z.boolean(),
  warnBehindTasks: z.boolean(),
  escalateAfterDays: z.number().int(),
  version: z.number().int(),
  /** false while the region runs on the defaults */
  saved: z.boolean(),
});
export type SupervisionSettings = z.infer<typeof SupervisionSettings>;

export const UpdateSupervisionSettingsRequest = z
  .object({
    remindDays: z
      .array(z.number({ message: '提醒天数应为数字' }).int('提醒天数应为整数').min(1, '提醒天数应在 1–60 之间').max(60, '提醒天数应在 1–60 之间'))
      .min(1, '至少设置一个提醒时间')
      .max(6, '提醒时间最多 6 个'),
    warnOverdueReports: z.boolean(),
    warnBehindTasks: z.boolean(),
    escalateAfterDays: z.number({ message: '请填写升级天数' }).int().min(1, '升级天数应在 1–30 个工作日之间').max(30, '升级天数应在 1–30 个工作日之间'),
    version: Version.optional(),
  })
  .strict();
export type UpdateSupervisionSettingsRequest = z.input<typeof UpdateSupervisionSettingsRequest>;

// ------------------------------------------------------------------ 提醒 / 警示

export const ALERT_KINDS = ['reminder', 'warning'] as const;
export const ALERT_KIND_LABEL: Record<(typeof ALERT_KINDS)[number], string> = { reminder: '提醒', warning: '警示' };
export const ALERT_RULES = ['report-due', 'task-due', 'report-overdue', 'task-overdue', 'task-behind'] as const;
export type AlertRule = (typeof ALERT_RULES)[number];
export const ALERT_RULE_LABEL: Record<AlertRule, string> = {
  'report-due': '报送即将到期',
  'task-due': '任务即将到期',
  'report-overdue': '逾期未报送',
  'task-overdue': '任务逾期未完成',
  'task-behind': '任务滞后于序时进度',
};

export const Alert = z.object({
  id: z.string(),
  kind: z.enum(ALERT_KINDS),
  number: z.string(),
  rule: z.enum(ALERT_RULES),
  ruleLabel: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  taskId: z.string().nullable(),
  taskNumber: z.string().nullable(),
  taskText: z.string().nullable(),
  planId: z.string().nullable(),
  periodId: z.string().nullable(),
  dueDate: z.string().nullable(),
  title: z.string(),
  detail: z.string(),
  ruleDate: z.string(),
  answeredAt: z.string().nullable(),
  answer: z.string().nullable(),
  escalatedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type Alert = z.infer<typeof Alert>;

export const AlertQuery = Page.extend({
  regionId: Id.optional(),
  kind: z.enum(ALERT_KINDS),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  unitId: Id.optional(),
  status: z.enum(['open', 'answered', 'escalated']).optional(),
}).strict();
export type AlertQuery = z.infer<typeof AlertQuery>;
export const AlertList = z.object({ items: z.array(Alert), total: z.number() });

export const AnswerAlertRequest = z.object({ answer: z.string().trim().min(1, '请填写情况说明').max(2000, '情况说明不能超过 2000 字') }).strict();

// ------------------------------------------------------------------ 督办单

export const NOTICE_STATES = ['open', 'replied', 'closed'] as const;
export type NoticeState = (typeof NOTICE_STATES)[number];
export const NOTICE_STATE_LABEL: Record<NoticeState, string> = { open: '待反馈', replied: '已反馈', closed: '已销号' };

export const NoticeTask = z.object({ id: z.string(), number: z.string(), text: z.string(), planId: z.string() });
export const NoticeEvent = z.object({ action: z.string(), actionLabel: z.string(), actorName: z.string(), text: z.string().nullable(), createdAt: z.string() });

export const Notice = z.object({
  id: z.string(),
  regionId: z.string(),
  number: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  issuerName: z.string(),
  issuerOrg: z.string(),
  problem: z.string(),
  requirement: z.string(),
  replyDue: z.string(),
  state: z.enum(NOTICE_STATES),
  stateLabel: z.string(),
  /** open and past its reply date */
  overdue: z.boolean(),
  reply: z.string().nullable(),
  repliedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  closeNote: z.string().nullable(),
  escalatedAt: z.string().nullable(),
  tasks: z.array(NoticeTask),
  version: z.number(),
  createdAt: z.string(),
});
export type Notice = z.infer<typeof Notice>;
export const NoticeDetail = Notice.extend({ events: z.array(NoticeEvent) });
export type NoticeDetail = z.infer<typeof NoticeDetail>;

export const NoticeQuery = Page.extend({
  regionId: Id.optional(),
  state: z.enum(NOTICE_STATES).optional(),
  unitId: Id.optional(),
  /** the notices about one task (its page lists them) */
  taskId: Id.optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
}).strict();
export type NoticeQuery = z.infer<typeof NoticeQuery>;
export const NoticeList = z.object({ items: z.array(Notice), total: z.number() });

export const IssueNoticeRequest = z
  .object({
    regionId: Id.optional(),
    unitId: Id,
    taskIds: z.array(Id).min(1, '请选择督办的任务').max(50, '一份督办单最多 50 项任务'),
    problem: z.string().trim().min(1, '请写明存在的问题').max(3000, '问题不能超过 3000 字'),
    requirement: z.string().trim().min(1, '请写明督办要求').max(3000, '要求不能超过 3000 字'),
    replyDue: IsoDate,
  })
  .strict();
export type IssueNoticeRequest = z.input<typeof IssueNoticeRequest>;

export const ReplyNoticeRequest = z.object({ version: Version, reply: z.string().trim().min(1, '请填写办理情况').max(5000, '办理情况不能超过 5000 字') }).strict();
export const ReturnNoticeRequest = z.object({ version: Version, reason: z.string().trim().min(1, '请填写退回原因').max(1000) }).strict();
export const CloseNoticeRequest = z.object({ version: Version, note: z.string().trim().min(1, '请填写销号意见').max(1000) }).strict();

// ------------------------------------------------------------------ 催办

export const ChaseRequest = z
  .object({
    taskId: Id,
    unitId: Id,
    message: z.string().trim().min(1, '请填写催办内容').max(500, '催办内容不能超过 500 字'),
  })
  .strict();
export const Chase = z.object({ id: z.string(), taskId: z.string(), unitId: z.string(), unitName: z.string(), message: z.string(), createdByName: z.string(), createdAt: z.string() });
export const ChaseList = z.object({ items: z.array(Chase) });

// ------------------------------------------------------------------ 延期申请

export const EXTENSION_STATES = ['pending', 'granted', 'refused', 'withdrawn'] as const;
export type ExtensionState = (typeof EXTENSION_STATES)[number];
export const EXTENSION_STATE_LABEL: Record<ExtensionState, string> = { pending: '待审批', granted: '已同意', refused: '未同意', withdrawn: '已撤回' };

export const RequestExtensionRequest = z
  .object({
    taskId: Id,
    unitId: Id.optional(),
    requestedDue: IsoDate,
    reason: z.string().trim().min(1, '请写明延期理由').max(2000, '理由不能超过 2000 字'),
  })
  .strict();
export type RequestExtensionRequest = z.input<typeof RequestExtensionRequest>;
export const DecideExtensionRequest = z
  .object({ version: Version, grant: z.boolean(), note: z.string().trim().max(1000).default('') })
  .strict()
  .refine((v) => v.grant || v.note.length > 0, { message: '不同意时请写明理由', path: ['note'] });
export const Extension = z.object({
  id: z.string(),
  taskId: z.string(),
  taskNumber: z.string(),
  taskText: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  currentDue: z.string(),
  requestedDue: z.string(),
  reason: z.string(),
  state: z.enum(EXTENSION_STATES),
  stateLabel: z.string(),
  requestedByName: z.string(),
  decidedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  version: z.number(),
  createdAt: z.string(),
});
export type Extension = z.infer<typeof Extension>;
export const ExtensionQuery = z.object({ regionId: Id.optional(), state: z.enum(EXTENSION_STATES).optional(), taskId: Id.optional() }).strict();
export const ExtensionList = z.object({ items: z.array(Extension) });

// ------------------------------------------------------------------ board and runs

export const BoardTask = z.object({
  taskId: z.string(),
  planId: z.string(),
  number: z.string(),
  text: z.string(),
  chapter: z.string().nullable(),
  status: z.string(),
  reason: z.string(),
  due: z.string().nullable(),
  leadUnits: z.array(z.object({ id: z.string(), name: z.string() })),
});
export const BoardReport = z.object({ unitId: z.string(), unitName: z.string(), planId: z.string(), periodLabel: z.string(), due: z.string(), missing: z.number(), returned: z.number() });
export const BoardUnitRow = z.object({ unitId: z.string(), unitName: z.string(), behind: z.number(), overdueTasks: z.number(), overdueReports: z.number(), openNotices: z.number(), pendingExtensions: z.number() });
export const BoardChapterRow = z.object({ planId: z.string(), chapter: z.string(), behind: z.number(), overdue: z.number(), total: z.number() });
export const SupervisionBoard = z.object({
  today: z.string(),
  counts: z.object({ behind: z.number(), overdueTasks: z.number(), overdueReports: z.number(), openNotices: z.number(), overdueNotices: z.number(), pendingExtensions: z.number(), openWarnings: z.number() }),
  tasks: z.array(BoardTask),
  reports: z.array(BoardReport),
  notices: z.array(Notice),
  extensions: z.array(Extension),
  byUnit: z.array(BoardUnitRow),
  byChapter: z.array(BoardChapterRow),
});
export type SupervisionBoard = z.infer<typeof SupervisionBoard>;
export const BoardQuery = z.object({ regionId: Id.optional() }).strict();

export const JobRun = z.object({
  id: z.string(),
  job: z.string(),
  runDate: z.string(),
  regionId: z.string(),
  regionName: z.string(),
  state: z.enum(['running', 'done', 'failed']),
  attempts: z.number(),
  summary: z.record(z.string(), z.unknown()).nullable(),
  error: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export const JobRunList = z.object({ items: z.array(JobRun) });
export const RunRulesRequest = z.object({ regionId: Id.optional() }).strict();

// ------------------------------------------------------------------ a unit's tasks (the 督办单 form)

export const UnitTaskQuery = z.object({ unitId: Id }).strict();
export const UnitTask = z.object({
  taskId: z.string(),
  planId: z.string(),
  planTitle: z.string(),
  number: z.string(),
  text: z.string(),
  role: z.enum(['lead', 'co']),
  status: z.string(),
  reason: z.string(),
  /** the effective due date (after a granted 延期); null for an ongoing duty */
  due: z.string().nullable(),
});
export type UnitTask = z.infer<typeof UnitTask>;
export const UnitTaskList = z.object({ items: z.array(UnitTask) });
