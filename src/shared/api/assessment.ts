import { z } from 'zod';
import { Id, Version } from './common.ts';

export const ScoringRuleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('manual') }).strict(),
  z.object({ kind: z.literal('tasks_on_time'), chapterId: Id.optional() }).strict(),
  z.object({ kind: z.literal('reports_first_pass'), chapterId: Id.optional() }).strict(),
  z.object({ kind: z.literal('reports_on_time'), chapterId: Id.optional() }).strict(),
  z.object({ kind: z.literal('metric_target'), metricId: Id, mode: z.enum(['all_or_nothing', 'proportional']) }).strict(),
  z.object({ kind: z.literal('deduction'), per: z.enum(['overdue_notice', 'unrectified_problem']), pointsEach: z.number().positive('每次扣分应大于 0').max(100) }).strict(),
]);

export interface IndicatorInputT {
  name: string;
  points: number;
  rule?: z.infer<typeof ScoringRuleSchema> | null;
  criteria?: string | null;
  evidence?: string | null;
  taskIds?: string[];
  children?: IndicatorInputT[];
}
export const IndicatorInput: z.ZodType<IndicatorInputT> = z.lazy(() =>
  z
    .object({
      name: z.string().trim().max(100, '指标名称不能超过100个字'),
      points: z.number({ message: '请填写分值' }),
      rule: ScoringRuleSchema.nullish(),
      criteria: z.string().trim().max(2000).nullish(),
      evidence: z.string().trim().max(1000).nullish(),
      taskIds: z.array(Id).max(200).optional(),
      children: z.array(IndicatorInput).max(100).optional(),
    })
    .strict(),
);

export const Indicator: z.ZodType<IndicatorT> = z.lazy(() =>
  z.object({
    id: z.string(),
    level: z.number().int(),
    name: z.string(),
    points: z.number(),
    rule: ScoringRuleSchema.nullable(),
    ruleLabel: z.string().nullable(),
    criteria: z.string().nullable(),
    evidence: z.string().nullable(),
    taskIds: z.array(z.string()),
    children: z.array(Indicator),
  }),
);
export interface IndicatorT {
  id: string;
  level: number;
  name: string;
  points: number;
  rule: z.infer<typeof ScoringRuleSchema> | null;
  ruleLabel: string | null;
  criteria: string | null;
  evidence: string | null;
  taskIds: string[];
  children: IndicatorT[];
}

export const Framework = z.object({
  id: z.string(),
  regionId: z.string(),
  year: z.number().int(),
  name: z.string(),
  totalPoints: z.number(),
  sourcePlanId: z.string().nullable(),
  indicators: z.array(Indicator),
  /** what is wrong with the tree, each naming the indicator's path; empty when sound */
  problems: z.array(z.object({ path: z.string(), message: z.string() })),
  inUse: z.boolean(),
  /** why the framework may not be edited (the campaigns that use it), null while it may */
  editBlock: z.string().nullable(),
  version: z.number().int(),
});
export type Framework = z.infer<typeof Framework>;

/** What the editor picks from: the region's plans, their chapters, tasks and numeric targets. */
export const FrameworkOptions = z.object({
  plans: z.array(z.object({ id: z.string(), title: z.string() })),
  chapters: z.array(z.object({ id: z.string(), planId: z.string(), label: z.string() })),
  tasks: z.array(z.object({ id: z.string(), planId: z.string(), number: z.string(), text: z.string() })),
  metrics: z.array(z.object({ id: z.string(), planId: z.string(), taskId: z.string(), taskNumber: z.string(), name: z.string(), raw: z.string() })),
});
export type FrameworkOptions = z.infer<typeof FrameworkOptions>;
export const FrameworkSummary = z.object({ id: z.string(), year: z.number().int(), name: z.string(), totalPoints: z.number(), version: z.number().int() });
export const FrameworkList = z.object({ items: z.array(FrameworkSummary) });

const Year = z.number({ message: '请填写年度' }).int().min(2000, '年度不正确').max(2100, '年度不正确');
export const DefaultFrameworkRequest = z.object({ planId: Id, year: Year, name: z.string().trim().min(1).max(100).optional() }).strict();
export const CopyFrameworkRequest = z.object({ year: Year, name: z.string().trim().min(1).max(100).optional() }).strict();
export const SaveFrameworkRequest = z.object({ name: z.string().trim().min(1, '请填写名称').max(100), totalPoints: z.number().positive(), indicators: z.array(IndicatorInput).min(1, '至少一个一级指标').max(50), version: Version }).strict();
export type SaveFrameworkRequest = z.infer<typeof SaveFrameworkRequest>;

// ------------------------------------------------------------------ campaigns

export const CAMPAIGN_STATES = ['self_assess', 'review', 'approved', 'published'] as const;
export type CampaignState = (typeof CAMPAIGN_STATES)[number];
export const CAMPAIGN_STATE_LABEL: Record<CampaignState, string> = { self_assess: '单位自评', review: '考核评分', approved: '已审定', published: '已公布' };

export const CreateCampaignRequest = z.object({ frameworkId: Id, name: z.string().trim().min(1, '请填写名称').max(100), unitIds: z.array(Id).min(1, '请选择参加考核的单位').max(500), assessorIds: z.array(Id).max(50).default([]) }).strict();
export const AdvanceCampaignRequest = z.object({ to: z.enum(CAMPAIGN_STATES), version: Version, reason: z.string().trim().max(500).optional() }).strict();

export const Campaign = z.object({
  id: z.string(),
  regionId: z.string(),
  frameworkId: z.string(),
  frameworkName: z.string(),
  year: z.number().int(),
  name: z.string(),
  state: z.enum(CAMPAIGN_STATES),
  stateLabel: z.string(),
  unitIds: z.array(z.string()),
  assessorIds: z.array(z.string()),
  approvedAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  version: z.number().int(),
});
export type Campaign = z.infer<typeof Campaign>;
export const CampaignList = z.object({ items: z.array(Campaign) });

export const ScoreLine = z.object({
  indicatorId: z.string(),
  path: z.array(z.string()),
  points: z.number(),
  rule: z.string().nullable(),
  computed: z.number().nullable(),
  explanation: z.string(),
  sources: z.array(z.object({ kind: z.string(), id: z.string() })),
  selfScore: z.number().nullable(),
  selfNote: z.string().nullable(),
  /** the files the unit attached to its self-assessment of this indicator */
  selfEvidence: z.array(z.object({ uploadId: z.string(), fileName: z.string() })),
  reviewScore: z.number().nullable(),
  reviewNote: z.string().nullable(),
  dispute: z.string().nullable(),
  /** the score that counts: the assessor's, else the computed one (manual: the assessor's) */
  final: z.number().nullable(),
  version: z.number().int().nullable(),
});
export type ScoreLine = z.infer<typeof ScoreLine>;

export const UnitScorecard = z.object({
  campaignId: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  lines: z.array(ScoreLine),
  total: z.number().nullable(),
  rank: z.number().int().nullable(),
  /** true once approved: the figures are the frozen ones */
  frozen: z.boolean(),
  missing: z.array(z.string()),
});
export type UnitScorecard = z.infer<typeof UnitScorecard>;

export const Ranking = z.object({ items: z.array(z.object({ unitId: z.string(), unitName: z.string(), total: z.number().nullable(), rank: z.number().int().nullable(), missing: z.number().int() })), frozen: z.boolean() });
export type Ranking = z.infer<typeof Ranking>;

export const SelfAssessRequest = z.object({ unitId: Id, indicatorId: Id, score: z.number().min(0).nullable(), note: z.string().trim().max(2000).nullish(), uploadIds: z.array(Id).max(50, '每项最多附 50 个材料').optional(), version: z.number().int().min(0) }).strict();
/** The unit's files already attached to its progress reports in the campaign's year, to reuse as evidence. */
export const SelfEvidenceQuery = z.object({ unitId: Id }).strict();
export const SelfEvidenceItem = z.object({
  uploadId: z.string(),
  fileName: z.string(),
  kind: z.string(),
  size: z.number(),
  uploadedAt: z.string(),
  uses: z.array(z.object({ reportId: z.string(), taskId: z.string(), taskNumber: z.string(), taskText: z.string(), periodKey: z.string(), periodLabel: z.string(), reportState: z.string() })),
});
export type SelfEvidenceItem = z.infer<typeof SelfEvidenceItem>;
export const SelfEvidenceList = z.object({ items: z.array(SelfEvidenceItem) });
export const ReviewScoreRequest = z.object({ unitId: Id, indicatorId: Id, score: z.number().min(0).nullable(), note: z.string().trim().max(2000).nullish(), dispute: z.string().trim().max(2000).nullish(), version: z.number().int().min(0) }).strict();
export const WhatIfRequest = z.object({ unitId: Id, indicatorId: Id, score: z.number().min(0) }).strict();
export const WhatIfResult = z.object({ before: z.number().nullable(), after: z.number().nullable(), delta: z.number().nullable(), rankBefore: z.number().int().nullable(), rankAfter: z.number().int().nullable() });

export const METRIC_STATUS_LABEL = { met: '已达标', at_risk: '未达标（仍在期限内）', missed: '逾期未达标', no_data: '未填报' } as const;
