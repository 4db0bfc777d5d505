import { z } from 'zod';
import { Id, IsoDate, Page, Version } from './common.ts';
import { Evidence } from './reports.ts';

// ------------------------------------------------------------------ plans and visits

/** One line of a visit's checklist, derived from a task the unit owns (picked itself or through its chapter). */
export const ChecklistItem = z.object({
  key: z.string(),
  taskId: z.string().nullable(),
  number: z.string(),
  chapter: z.string().nullable(),
  text: z.string(),
  /** what the inspectors check for this task */
  check: z.string(),
});
export type ChecklistItem = z.infer<typeof ChecklistItem>;

export const CHECK_RESULTS = ['ok', 'problem', 'na'] as const;
export const CHECK_RESULT_LABEL: Record<(typeof CHECK_RESULTS)[number], string> = { ok: '符合', problem: '发现问题', na: '不适用' };
export const CheckResult = z.object({ result: z.enum(CHECK_RESULTS, { message: '请选择检查结果' }), note: z.string().trim().max(1000, '说明不能超过 1000 字').default('') }).strict();

export const VISIT_STATES = ['planned', 'recorded'] as const;
export const VISIT_STATE_LABEL: Record<(typeof VISIT_STATES)[number], string> = { planned: '待督察', recorded: '已督察' };

export const Person = z.object({ id: z.string(), name: z.string() });

export const Visit = z.object({
  id: z.string(),
  inspectionId: z.string(),
  inspectionTitle: z.string(),
  regionId: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  scheduledOn: z.string(),
  inspectors: z.array(Person),
  taskIds: z.array(z.string()),
  headingIds: z.array(z.string()),
  checklist: z.array(ChecklistItem),
  state: z.enum(VISIT_STATES),
  stateLabel: z.string(),
  visitedOn: z.string().nullable(),
  summary: z.string().nullable(),
  results: z.record(z.string(), z.object({ result: z.enum(CHECK_RESULTS), note: z.string() })),
  /** the 问题清单's number (督法察〔2026〕1号), given when the visit is recorded */
  listNumber: z.string().nullable(),
  recordedByName: z.string().nullable(),
  recordedAt: z.string().nullable(),
  problemCount: z.number(),
  openProblemCount: z.number(),
  /** whether the signed-in user may record this visit and close its problems */
  canInspect: z.boolean(),
  version: z.number(),
});
export type Visit = z.infer<typeof Visit>;

export const InspectionPlan = z.object({
  id: z.string(),
  regionId: z.string(),
  year: z.number(),
  title: z.string(),
  planId: z.string().nullable(),
  planTitle: z.string().nullable(),
  startsOn: z.string(),
  endsOn: z.string(),
  note: z.string(),
  createdByName: z.string(),
  unitCount: z.number(),
  recordedCount: z.number(),
  problemCount: z.number(),
  openProblemCount: z.number(),
  version: z.number(),
  createdAt: z.string(),
});
export type InspectionPlan = z.infer<typeof InspectionPlan>;
export const InspectionPlanDetail = InspectionPlan.extend({ visits: z.array(Visit) });
export type InspectionPlanDetail = z.infer<typeof InspectionPlanDetail>;
export const InspectionPlanList = z.object({ items: z.array(InspectionPlan) });

export const VisitInput = z
  .object({
    unitId: Id,
    scheduledOn: IsoDate,
    inspectorIds: z.array(Id).min(1, '请为每个被督察单位指定督察人员').max(20, '督察人员最多 20 人'),
    taskIds: z.array(Id).max(300, '任务最多 300 项'),
    headingIds: z.array(Id).max(100, '章节最多 100 个'),
  })
  .strict()
  .refine((v) => v.taskIds.length + v.headingIds.length > 0, { message: '请为每个被督察单位选择督察的任务或章节', path: ['taskIds'] });
export type VisitInput = z.input<typeof VisitInput>;

const PlanFields = {
  title: z.string({ message: '请填写督察计划名称' }).trim().min(1, '请填写督察计划名称').max(200, '名称不能超过 200 字'),
  year: z.number({ message: '请填写年度' }).int().min(2000, '年度不正确').max(2100, '年度不正确'),
  planId: Id.nullable(),
  startsOn: IsoDate,
  endsOn: IsoDate,
  note: z.string().trim().max(3000, '说明不能超过 3000 字').default(''),
  visits: z.array(VisitInput).min(1, '请至少安排一个被督察单位').max(300, '一次督察最多 300 个单位'),
};
export const CreateInspectionPlanRequest = z.object({ regionId: Id.optional(), ...PlanFields }).strict();
export type CreateInspectionPlanRequest = z.input<typeof CreateInspectionPlanRequest>;
export const UpdateInspectionPlanRequest = z.object({ version: Version, ...PlanFields }).strict();
export type UpdateInspectionPlanRequest = z.input<typeof UpdateInspectionPlanRequest>;
export const InspectionPlanQuery = z.object({ regionId: Id.optional(), year: z.coerce.number().int().min(2000).max(2100).optional() }).strict();

/** What the editor offers for one unit: the plan's chapters and the unit's tasks in it. */
export const ScopeQuery = z.object({ planId: Id, unitId: Id }).strict();
export const Scope = z.object({
  headings: z.array(z.object({ id: z.string(), number: z.string(), title: z.string(), depth: z.number(), taskCount: z.number() })),
  tasks: z.array(z.object({ id: z.string(), number: z.string(), text: z.string(), headingId: z.string().nullable(), role: z.enum(['lead', 'co']) })),
});
export type Scope = z.infer<typeof Scope>;
export const PersonList = z.object({ items: z.array(Person) });

export const RecordVisitRequest = z
  .object({
    version: Version,
    visitedOn: IsoDate,
    summary: z.string().trim().min(1, '请填写督察情况').max(5000, '督察情况不能超过 5000 字'),
    results: z.record(z.string(), CheckResult),
  })
  .strict();
export type RecordVisitRequest = z.input<typeof RecordVisitRequest>;

// ------------------------------------------------------------------ 问题清单

export const PROBLEM_STATES = ['draft', 'open', 'submitted', 'closed'] as const;
export type ProblemState = (typeof PROBLEM_STATES)[number];
export const PROBLEM_STATE_LABEL: Record<ProblemState, string> = { draft: '待提交记录', open: '待整改', submitted: '待核查', closed: '已销号' };

export const ProblemEvent = z.object({ action: z.string(), actionLabel: z.string(), actorName: z.string(), text: z.string().nullable(), createdAt: z.string() });

export const Problem = z.object({
  id: z.string(),
  regionId: z.string(),
  /** 督法察〔2026〕1号 第2项 (the list's number and the problem's place in it) */
  number: z.string(),
  visitId: z.string(),
  inspectionId: z.string(),
  inspectionTitle: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  year: z.number(),
  seq: z.number(),
  checklistKey: z.string().nullable(),
  taskId: z.string().nullable(),
  taskNumber: z.string().nullable(),
  taskText: z.string().nullable(),
  description: z.string(),
  evidenceNote: z.string(),
  requirement: z.string(),
  deadline: z.string(),
  state: z.enum(PROBLEM_STATES),
  stateLabel: z.string(),
  /** not rectified and past its deadline */
  overdue: z.boolean(),
  rectification: z.string().nullable(),
  rectifiedOn: z.string().nullable(),
  rectifiedByName: z.string().nullable(),
  returnReason: z.string().nullable(),
  closeNote: z.string().nullable(),
  closedOn: z.string().nullable(),
  closedByName: z.string().nullable(),
  escalatedAt: z.string().nullable(),
  findingFiles: z.array(Evidence),
  rectificationFiles: z.array(Evidence),
  version: z.number(),
  createdAt: z.string(),
});
export type Problem = z.infer<typeof Problem>;
export const ProblemDetail = Problem.extend({ events: z.array(ProblemEvent), canInspect: z.boolean(), canRectify: z.boolean() });
export type ProblemDetail = z.infer<typeof ProblemDetail>;

export const ProblemQuery = Page.extend({
  regionId: Id.optional(),
  unitId: Id.optional(),
  inspectionId: Id.optional(),
  visitId: Id.optional(),
  state: z.enum(PROBLEM_STATES).optional(),
  overdue: z.enum(['1']).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
}).strict();
export type ProblemQuery = z.infer<typeof ProblemQuery>;
export const ProblemList = z.object({ items: z.array(Problem), total: z.number() });
/** The filters of the 问题清单 for its Excel and Word exports: what is on screen, every page of it. */
export const ProblemExportQuery = ProblemQuery.omit({ page: true, pageSize: true }).strict();
export type ProblemExportQuery = z.infer<typeof ProblemExportQuery>;

export const AddProblemRequest = z
  .object({
    checklistKey: z.string().max(100).nullable().default(null),
    description: z.string({ message: '请写明发现的问题' }).trim().min(1, '请写明发现的问题').max(3000, '问题不能超过 3000 字'),
    evidenceNote: z.string().trim().max(3000, '证据说明不能超过 3000 字').default(''),
    requirement: z.string({ message: '请写明整改要求' }).trim().min(1, '请写明整改要求').max(3000, '整改要求不能超过 3000 字'),
    deadline: IsoDate,
    uploadIds: z.array(Id).max(30, '照片和材料最多 30 个').default([]),
  })
  .strict();
export type AddProblemRequest = z.input<typeof AddProblemRequest>;

export const RectifyRequest = z
  .object({
    version: Version,
    rectification: z.string({ message: '请填写整改情况' }).trim().min(1, '请填写整改情况').max(5000, '整改情况不能超过 5000 字'),
    uploadIds: z.array(Id).max(30, '佐证材料最多 30 个'),
  })
  .strict();
export type RectifyRequest = z.input<typeof RectifyRequest>;
export const ReturnProblemRequest = z.object({ version: Version, reason: z.string().trim().min(1, '请填写退回原因').max(1000, '原因不能超过 1000 字') }).strict();
export const CloseProblemRequest = z.object({ version: Version, note: z.string().trim().min(1, '请填写核查意见').max(1000, '核查意见不能超过 1000 字') }).strict();
export const DeleteProblemRequest = z.object({ version: Version }).strict();

// ------------------------------------------------------------------ coverage

/** The period: a plan's (its years), or one year; by default the plan in force today (else the latest one). */
export const CoverageQuery = z.object({ regionId: Id.optional(), planId: Id.optional(), year: z.coerce.number().int().min(2000).max(2100).optional() }).strict();
export const CoverageUnit = z.object({
  unitId: z.string(),
  unitName: z.string(),
  visits: z.number(),
  lastVisitedOn: z.string().nullable(),
  /** the next planned (not yet recorded) visit in the period */
  plannedOn: z.string().nullable(),
  problems: z.number(),
  openProblems: z.number(),
  overdueProblems: z.number(),
});
export const Coverage = z.object({
  planId: z.string().nullable(),
  planTitle: z.string().nullable(),
  /** the plan period (e.g. 2021-01-01 – 2025-12-31) */
  from: z.string(),
  to: z.string(),
  total: z.number(),
  covered: z.number(),
  planned: z.number(),
  units: z.array(CoverageUnit),
});
export type Coverage = z.infer<typeof Coverage>;
