import { z } from 'zod';
import { Id, Version } from './common.ts';

export const COMPLETIONS = ['not_started', 'in_progress', 'done', 'ongoing_done'] as const;
export const COMPLETION_LABEL: Record<(typeof COMPLETIONS)[number], string> = {
  not_started: '未启动',
  in_progress: '推进中',
  done: '已完成',
  ongoing_done: '长期坚持-本期已落实',
};
export const REPORT_STATES = ['none', 'draft', 'submitted', 'returned', 'accepted'] as const;
export type ReportState = (typeof REPORT_STATES)[number];
export const REPORT_STATE_LABEL: Record<ReportState, string> = { none: '未报送', draft: '草稿', submitted: '已报送', returned: '被退回', accepted: '已通过' };

export const Completion = z.enum(COMPLETIONS, { message: '请选择完成情况' });

export const TargetValue = z.object({ targetIndex: z.number().int().min(0), value: z.number().finite().nullable(), note: z.string().trim().max(200).nullish() });

export const SaveReportRequest = z
  .object({
    taskId: Id,
    periodId: Id,
    /** the office may report for a unit; a liaison reports for their own */
    unitId: Id.optional(),
    /** absent for the first save; the version read, afterwards */
    version: Version.optional(),
    narrative: z.string().max(20000, '进展情况不能超过 20000 字'),
    completion: Completion.nullable(),
    percent: z.number().int().min(0, '完成比例应在 0–100 之间').max(100, '完成比例应在 0–100 之间').nullable(),
    targetValues: z.array(TargetValue).max(50).default([]),
    uploadIds: z.array(Id).max(100, '佐证材料最多 100 个').default([]),
  })
  .strict();
export type SaveReportRequest = z.input<typeof SaveReportRequest>;

export const SubmitRequest = z.object({ version: Version }).strict();
export const ReturnRequest = z.object({ version: Version, reason: z.string().trim().min(1, '请填写退回原因').max(1000) }).strict();
export const AcceptRequest = z.object({ version: Version }).strict();
export const BulkAcceptRequest = z.object({ ids: z.array(Id).min(1, '请选择要通过的报送').max(500) }).strict();
export const BulkAcceptResult = z.object({ accepted: z.number(), skipped: z.array(z.object({ id: z.string(), reason: z.string() })) });

export const Evidence = z.object({ uploadId: z.string(), fileName: z.string(), kind: z.string(), mime: z.string(), size: z.number(), sha256: z.string(), uploadedAt: z.string() });
export type Evidence = z.infer<typeof Evidence>;

export const ReportView = z.object({
  id: z.string().nullable(),
  taskId: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  periodId: z.string(),
  periodLabel: z.string(),
  role: z.enum(['lead', 'co']),
  state: z.enum(REPORT_STATES),
  stateLabel: z.string(),
  completion: Completion.nullable(),
  percent: z.number().nullable(),
  narrative: z.string(),
  targetValues: z.array(TargetValue),
  evidence: z.array(Evidence),
  submittedAt: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  returnReason: z.string().nullable(),
  version: z.number(),
  /** what the unit can do now */
  can: z.object({ edit: z.boolean(), submit: z.boolean(), review: z.boolean() }),
});
export type ReportView = z.infer<typeof ReportView>;

export const ReportEvent = z.object({
  action: z.enum(['save', 'submit', 'return', 'accept']),
  actionLabel: z.string(),
  version: z.number(),
  actorName: z.string(),
  reason: z.string().nullable(),
  snapshot: z.object({ narrative: z.string(), completion: Completion.nullable(), percent: z.number().nullable(), evidence: z.array(z.string()) }),
  createdAt: z.string(),
});
export const ReportHistory = z.object({ report: ReportView, events: z.array(ReportEvent) });

/** The inbox's deadline filter: 本期到期, 已逾期, 30天内, 长期坚持. */
export const INBOX_DEADLINES = ['period', 'overdue', 'within30', 'ongoing'] as const;
export type InboxDeadline = (typeof INBOX_DEADLINES)[number];
export const INBOX_DEADLINE_LABEL: Record<InboxDeadline, string> = { period: '本期到期', overdue: '已逾期', within30: '30天内', ongoing: '长期坚持' };

export const InboxQuery = z
  .object({
    unitId: Id.optional(),
    periodId: Id.optional(),
    planId: Id.optional(),
    /** the chapter (top-level heading) */
    headingId: Id.optional(),
    state: z.enum(REPORT_STATES).optional(),
    deadline: z.enum(INBOX_DEADLINES).optional(),
    dueBefore: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  })
  .strict();
export type InboxQuery = z.infer<typeof InboxQuery>;

export const InboxItem = z.object({
  taskId: z.string(),
  planId: z.string(),
  planTitle: z.string(),
  number: z.string(),
  chapter: z.string().nullable(),
  chapterId: z.string().nullable(),
  text: z.string(),
  role: z.enum(['lead', 'co']),
  reason: z.string(),
  taskDue: z.string().nullable(),
  periodId: z.string(),
  periodLabel: z.string(),
  reportDue: z.string(),
  overdue: z.boolean(),
  state: z.enum(REPORT_STATES),
  stateLabel: z.string(),
  reportId: z.string().nullable(),
  returnReason: z.string().nullable(),
  /** co-owners' reports waiting for this lead unit's consolidation */
  coReportsSubmitted: z.number(),
  coReportsTotal: z.number(),
  previous: z.object({ periodLabel: z.string(), narrative: z.string(), completion: Completion.nullable(), percent: z.number().nullable() }).nullable(),
});
export type InboxItem = z.infer<typeof InboxItem>;
export const Inbox = z.object({
  unit: z.object({ id: z.string(), name: z.string() }),
  period: z.object({ id: z.string(), label: z.string(), due: z.string() }).nullable(),
  items: z.array(InboxItem),
  /** counts per state (and total, overdue) over the items that pass the plan, chapter and deadline filters */
  counts: z.record(z.string(), z.number()),
  /** every chapter and plan of this period's items, whatever the filters, to offer as choices */
  chapters: z.array(z.object({ id: z.string(), label: z.string(), planId: z.string() })),
  plans: z.array(z.object({ id: z.string(), title: z.string() })),
});
export type Inbox = z.infer<typeof Inbox>;

export const ReviewQueueQuery = z.object({ regionId: Id, periodId: Id.optional(), state: z.enum(['submitted', 'returned', 'accepted']).default('submitted') }).strict();
export const ReviewItem = z.object({
  reportId: z.string(),
  taskId: z.string(),
  number: z.string(),
  text: z.string(),
  unitName: z.string(),
  periodLabel: z.string(),
  completion: Completion.nullable(),
  percent: z.number().nullable(),
  submittedAt: z.string().nullable(),
  evidenceCount: z.number(),
  version: z.number(),
});
export const ReviewQueue = z.object({ items: z.array(ReviewItem) });
export const ReportParams = z.object({ id: Id }).strict();
export const OpenReportQuery = z.object({ taskId: Id, periodId: Id, unitId: Id.optional() }).strict();
