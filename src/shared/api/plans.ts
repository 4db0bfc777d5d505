import { z } from 'zod';
import { PlanDraftSchema } from '../plan-draft.ts';
import { UNIT_KINDS } from '../enums.ts';
import { Id } from './common.ts';
import { Resolution } from './units.ts';

/** How the office settles one printed owner name during import. */
export const UnitDecision = z.discriminatedUnion('action', [
  /** it is this unit (the printed spelling becomes an alias when it differs) */
  z.object({ action: z.literal('unit'), unitId: Id, addAlias: z.boolean().default(true) }),
  /** it is a unit the directory lacks: create it */
  z.object({ action: z.literal('create'), name: z.string().trim().min(1, '请填写单位名称').max(100), kind: z.enum(UNIT_KINDS), addAlias: z.boolean().default(true) }),
  /** it names a set of units: these, confirmed by the office (a group id to remember the phrase) */
  z.object({ action: z.literal('group'), groupId: Id.nullish(), unitIds: z.array(Id).max(2000) }),
  /** not an owner (a misread): keep it as printed, assign nobody */
  z.object({ action: z.literal('skip') }),
]);
export type UnitDecision = z.input<typeof UnitDecision>;

export const ImportParams = z.object({ id: Id }).strict();
export const UploadQuery = z.object({ regionId: Id }).strict();

export const PrintedName = z.object({
  printed: z.string(),
  /** how many tasks name it */
  uses: z.number(),
  roles: z.array(z.enum(['lead', 'responsible'])),
  resolution: Resolution,
  looksLikeGroup: z.boolean(),
  /** for a known group phrase: who is in it now */
  groupMembers: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type PrintedName = z.infer<typeof PrintedName>;

export const PlanImport = z.object({
  id: z.string(),
  regionId: z.string(),
  fileName: z.string(),
  sha256: z.string(),
  format: z.string(),
  status: z.enum(['pending', 'committed', 'cancelled']),
  sourceText: z.string(),
  draft: PlanDraftSchema,
  names: z.array(PrintedName),
  /** a version already imported from the very same file */
  duplicateOf: z.object({ planId: z.string(), planTitle: z.string(), versionNo: z.number(), label: z.string() }).nullable(),
  /** plans of the region this may be a new version of, most similar title first */
  candidatePlans: z.array(z.object({ id: z.string(), title: z.string(), score: z.number() })),
  createdAt: z.string(),
});
export type PlanImport = z.infer<typeof PlanImport>;

export const CommitImportRequest = z
  .object({
    /** the plan this is a new version of; absent for a new plan */
    planId: Id.nullish(),
    label: z.string().trim().min(1).max(30).default('正式稿'),
    /** the draft as the office edited it; absent to take the parsed draft as is */
    draft: PlanDraftSchema.optional(),
    decisions: z.record(z.string(), UnitDecision).default({}),
    /** committing the same file again must be said explicitly */
    allowDuplicate: z.boolean().default(false),
  })
  .strict();
export type CommitImportRequest = z.input<typeof CommitImportRequest>;

export const DiffRequest = z.object({ planId: Id, draft: PlanDraftSchema.optional() }).strict();

export const PlanDiffResponse = z.object({
  added: z.array(z.object({ newKey: z.string(), text: z.string() })),
  removed: z.array(z.object({ oldKey: z.string(), text: z.string() })),
  reworded: z.array(z.object({ oldKey: z.string(), newKey: z.string(), similarity: z.number(), before: z.string(), after: z.string() })),
  unchanged: z.array(z.object({ oldKey: z.string(), newKey: z.string() })),
  ownersChanged: z.array(z.object({ oldKey: z.string(), newKey: z.string(), before: z.array(z.string()), after: z.array(z.string()) })),
  deadlinesChanged: z.array(z.object({ oldKey: z.string(), newKey: z.string(), before: z.array(z.string()), after: z.array(z.string()) })),
});
export type PlanDiffResponse = z.infer<typeof PlanDiffResponse>;

export const CommitResult = z.object({
  planId: z.string(),
  versionId: z.string(),
  versionNo: z.number(),
  tasks: z.number(),
  assignments: z.number(),
  unitsCreated: z.number(),
  unassignedTasks: z.number(),
  diff: PlanDiffResponse.nullable(),
});
export type CommitResult = z.infer<typeof CommitResult>;

export const PlanSummary = z.object({
  id: z.string(),
  regionId: z.string(),
  title: z.string(),
  kind: z.string().nullable(),
  period: z.tuple([z.number(), z.number()]).nullable(),
  taskCount: z.number(),
  currentVersion: z.object({ id: z.string(), versionNo: z.number(), label: z.string(), docNumber: z.string().nullable(), issuedOn: z.string().nullable() }).nullable(),
  createdAt: z.string(),
});
export type PlanSummary = z.infer<typeof PlanSummary>;
export const PlanList = z.object({ items: z.array(PlanSummary) });
export const PlanListQuery = z.object({ regionId: Id }).strict();

export const TaskOwner = z.object({ role: z.enum(['lead', 'responsible', 'leader']), printed: z.string(), unitId: z.string().nullable(), groupId: z.string().nullable() });
export const TaskDeadline = z.object({ raw: z.string(), due: z.string().nullable(), ongoing: z.boolean(), recurring: z.string().nullable(), at: z.string().nullable(), meaning: z.string() });
export const TaskTarget = z.object({ raw: z.string(), metric: z.string().nullable(), op: z.string().nullable(), value: z.union([z.number(), z.string()]).nullable(), unit: z.string().nullable(), by: z.string().nullable(), scope: z.string().nullable() });
export const Assignment = z.object({ id: z.string(), unitId: z.string(), unitName: z.string(), role: z.enum(['lead', 'co']), source: z.enum(['import', 'manual']) });

export const PlanTaskView = z.object({
  id: z.string(),
  seq: z.number(),
  part: z.enum(['body', 'annex']),
  path: z.array(z.string()),
  headingId: z.string().nullable(),
  title: z.string().nullable(),
  text: z.string(),
  line: z.number().nullable(),
  span: z.object({ start: z.number(), end: z.number() }).nullable(),
  owners: z.array(TaskOwner),
  deadlines: z.array(TaskDeadline),
  targets: z.array(TaskTarget),
  assignments: z.array(Assignment),
  /** computed by the domain rules from deadlines and accepted reports, never typed */
  status: z.enum(['未开始', '推进中', '已完成', '长期坚持', '逾期', '滞后']),
  statusReason: z.string(),
  /** the due date after a granted 延期 (null when none was granted) */
  extendedDue: z.string().nullable(),
});
export type PlanTaskView = z.infer<typeof PlanTaskView>;

export const HeadingView = z.object({ id: z.string(), parentId: z.string().nullable(), number: z.string(), title: z.string(), depth: z.number(), line: z.number().nullable() });

export const StatusCounts = z.record(z.string(), z.number());
export const PlanDetail = PlanSummary.extend({
  statusSummary: StatusCounts,
  chapterSummary: z.array(z.object({ headingId: z.string(), title: z.string(), counts: StatusCounts })),
  unitSummary: z.array(z.object({ unitId: z.string(), unitName: z.string(), counts: StatusCounts })),
  headings: z.array(HeadingView),
  tasks: z.array(PlanTaskView),
  mechanisms: z.array(z.object({ kind: z.string(), raw: z.string(), schedule: z.string().nullable(), line: z.number().nullable() })),
  versions: z.array(z.object({ id: z.string(), versionNo: z.number(), label: z.string(), draft: z.boolean(), docNumber: z.string().nullable(), issuedOn: z.string().nullable(), sourceFile: z.string(), createdAt: z.string(), changes: PlanDiffResponse.nullable() })),
});
export type PlanDetail = z.infer<typeof PlanDetail>;

export const PlanSource = z.object({ versionId: z.string(), sourceFile: z.string(), format: z.string(), text: z.string() });

/** The office gives owners to many tasks at once (plans printed without owners, or corrections). */
export const BulkAssignRequest = z
  .object({
    taskIds: z.array(Id).min(1, '请至少选择一项任务').max(1000),
    unitIds: z.array(Id).min(1, '请至少选择一个单位').max(500),
    role: z.enum(['lead', 'co']),
    reason: z.string().trim().min(1, '请填写调整原因').max(500),
  })
  .strict();
export type BulkAssignRequest = z.input<typeof BulkAssignRequest>;

export const RemoveAssignmentRequest = z.object({ reason: z.string().trim().min(1, '请填写调整原因').max(500) }).strict();
export const AssignmentParams = z.object({ id: Id }).strict();
export const BulkAssignResult = z.object({ added: z.number(), changed: z.number(), unchanged: z.number() });

export const TaskPage = z.object({
  plan: z.object({ id: z.string(), title: z.string() }),
  /** where the task sits: its chapter and section headings, outermost first */
  trail: z.array(z.object({ number: z.string(), title: z.string() })),
  task: PlanTaskView,
  periods: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      due: z.string(),
      reports: z.array(
        z.object({
          reportId: z.string().nullable(),
          unitId: z.string(),
          unitName: z.string(),
          role: z.enum(['lead', 'co']),
          state: z.string(),
          stateLabel: z.string(),
          completion: z.string().nullable(),
          percent: z.number().nullable(),
          narrative: z.string().nullable(),
          returnReason: z.string().nullable(),
          evidence: z.array(z.object({ uploadId: z.string(), fileName: z.string(), kind: z.string(), size: z.number() })),
        }),
      ),
    }),
  ),
  /** the accepted reports that set the task's status, oldest first */
  statusHistory: z.array(z.object({ periodLabel: z.string(), completion: z.string(), percent: z.number().nullable(), acceptedAt: z.string().nullable() })),
});
export type TaskPage = z.infer<typeof TaskPage>;

export const ReportingPeriodView = z.object({ id: z.string(), key: z.string(), label: z.string(), start: z.string(), end: z.string(), due: z.string(), closed: z.boolean() });
export const ReportingSettings = z.object({
  frequency: z.enum(['monthly', 'quarterly', 'semiannual', 'yearly']),
  dueOffsetDays: z.number().int().min(0, '报送期限应为 0–60 天').max(60, '报送期限应为 0–60 天'),
  lagMargin: z.number().int().min(0, '容差应为 0–100').max(100, '容差应为 0–100'),
});
export const ReportingSettingsRequest = ReportingSettings.extend({ version: z.number().int().positive() }).strict();
export type ReportingSettingsRequest = z.input<typeof ReportingSettingsRequest>;
export const ReportingView = ReportingSettings.extend({ version: z.number(), periods: z.array(ReportingPeriodView) });
export type ReportingView = z.infer<typeof ReportingView>;
