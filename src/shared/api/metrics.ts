import { z } from 'zod';
import { Id, IsoDate, Name, OptionalText, Version } from './common.ts';

/** 量化指标: every target of a region's plans (and those the office adds), their values per period with the source, and their status. */

export const METRIC_OPS = ['>=', '>', '=', '<=', '<', 'achieve', 'done'] as const;
export const METRIC_OP_LABEL: Record<(typeof METRIC_OPS)[number], string> = { '>=': '≥（不低于）', '>': '>（高于）', '=': '=（达到）', '<=': '≤（不高于）', '<': '<（低于）', achieve: '实现', done: '完成' };
export const METRIC_OP_SIGN: Record<(typeof METRIC_OPS)[number], string> = { '>=': '≥', '>': '>', '=': '=', '<=': '≤', '<': '<', achieve: '实现', done: '完成' };
export const METRIC_STATUSES = ['met', 'at_risk', 'missed', 'no_data'] as const;
export type MetricStatusT = (typeof METRIC_STATUSES)[number];
export const METRIC_STATUS_TEXT: Record<MetricStatusT, string> = { met: '已达标', at_risk: '有风险', missed: '未达标', no_data: '无数据' };
export const METRIC_STATUS_HINT: Record<MetricStatusT, string> = { met: '最新值已达到目标', at_risk: '尚未达到目标，仍在期限内', missed: '期限已过仍未达到目标', no_data: '尚无报送或录入的数值' };

export const MetricsQuery = z.object({ regionId: Id.optional(), status: z.enum(METRIC_STATUSES, { message: '状态不正确' }).optional(), chapterId: Id.optional() }).strict();

/** A target the office adds to a task: the comparison, the target value, unit, scope and date. */
export const DefineMetricRequest = z
  .object({
    taskId: Id,
    name: Name('指标名称', 100),
    op: z.enum(METRIC_OPS, { message: '请选择比较方式（≥、≤、= 等）' }),
    target: z.number({ message: '目标值应为数字' }).finite('目标值应为数字').nullable(),
    unit: OptionalText('单位', 20),
    scope: OptionalText('范围', 100),
    byDate: IsoDate.nullish(),
  })
  .strict()
  .refine((r) => r.op === 'achieve' || r.op === 'done' || r.target !== null, { message: '请填写目标值', path: ['target'] });
export type DefineMetricRequest = z.input<typeof DefineMetricRequest>;

const ValueFields = {
  periodLabel: Name('统计期', 30),
  periodDate: IsoDate,
  value: z.number({ message: '数值应为数字' }).finite('数值应为数字'),
  source: Name('数据来源', 200),
  note: OptionalText('备注', 500),
};
/** An actual value the office enters for a period, with where it comes from. */
export const EnterValueRequest = z.object(ValueFields).strict();
export type EnterValueRequest = z.input<typeof EnterValueRequest>;
/** A correction: a new value replacing an entered one (which is kept, marked superseded). */
export const CorrectValueRequest = z.object({ ...ValueFields, reason: Name('更正原因', 200), version: Version }).strict();
export type CorrectValueRequest = z.input<typeof CorrectValueRequest>;

/** One value of a target: from an accepted progress report, or entered by the office. */
export const MetricPoint = z.object({
  kind: z.enum(['report', 'office']),
  /** the report's id, or the office entry's */
  id: z.string(),
  date: z.string(),
  periodLabel: z.string(),
  value: z.number(),
  /** in words: 「县统计局2024年统计公报」, or 「某单位 2025年第一季度进展报送」 */
  source: z.string(),
  unitName: z.string().nullable(),
  taskId: z.string(),
  enteredBy: z.string().nullable(),
  recordedAt: z.string(),
  note: z.string().nullable(),
  superseded: z.boolean(),
  supersededById: z.string().nullable(),
  supersedesId: z.string().nullable(),
  correctionReason: z.string().nullable(),
  version: z.number().int(),
});
export type MetricPoint = z.infer<typeof MetricPoint>;

export const MetricItem = z.object({
  targetId: z.string(),
  planId: z.string(),
  planTitle: z.string(),
  taskId: z.string(),
  taskNumber: z.string(),
  taskText: z.string(),
  chapterId: z.string().nullable(),
  chapterTitle: z.string().nullable(),
  leadUnitName: z.string().nullable(),
  name: z.string(),
  raw: z.string(),
  op: z.enum(METRIC_OPS),
  target: z.number().nullable(),
  unit: z.string().nullable(),
  scope: z.string().nullable(),
  /** the target's own date, else its task's due date */
  byDate: z.string().nullable(),
  /** plan: found in the plan by the parser; office: added by the office */
  origin: z.enum(['plan', 'office']),
  actual: z.number().nullable(),
  latest: MetricPoint.nullable(),
  status: z.enum(METRIC_STATUSES),
  values: z.number().int(),
});
export type MetricItem = z.infer<typeof MetricItem>;

export const MetricsBoard = z.object({
  items: z.array(MetricItem),
  counts: z.object({ all: z.number().int(), met: z.number().int(), at_risk: z.number().int(), missed: z.number().int(), no_data: z.number().int() }),
  chapters: z.array(z.object({ id: z.string(), title: z.string(), planTitle: z.string() })),
});
export type MetricsBoard = z.infer<typeof MetricsBoard>;

export const MetricDetail = z.object({
  metric: MetricItem,
  /** the values that count, in order (corrected entries left out) */
  series: z.array(MetricPoint),
  /** everything, corrected entries too, newest first */
  history: z.array(MetricPoint),
  canEnter: z.boolean(),
});
export type MetricDetail = z.infer<typeof MetricDetail>;
