import { z } from 'zod';
import { Id, Page, Version } from './common.ts';

/**
 * Circulars (通报). A draft is generated from the records of a plan's reporting period; the office
 * edits its wording (never its facts: the groups and the unit table stay as generated) and issues it,
 * which numbers and freezes it and tells the units listed.
 */
export const CIRCULAR_STATES = ['draft', 'issued'] as const;
export type CircularState = (typeof CIRCULAR_STATES)[number];
export const CIRCULAR_STATE_LABEL: Record<CircularState, string> = { draft: '草稿', issued: '已印发' };

/** The sections of the body, in order: an overview, then the five groups of units. */
export const CIRCULAR_SECTIONS = ['summary', 'on_time', 'late', 'missing', 'returned', 'behind'] as const;
export type CircularSectionKey = (typeof CIRCULAR_SECTIONS)[number];
export const CIRCULAR_SECTION_LABEL: Record<CircularSectionKey, string> = {
  summary: '总体情况',
  on_time: '按时报送',
  late: '逾期报送',
  missing: '未报送',
  returned: '被退回',
  behind: '任务滞后',
};

const Paragraphs = (label: string) =>
  z
    .array(z.string().trim().max(2000, `${label}每段不能超过 2000 字`), { message: `请填写${label}` })
    .max(30, `${label}最多 30 段`)
    .transform((ps) => ps.filter((p) => p.length > 0));

/** One unit as a group lists it: how many of its reports (or tasks) fall in the group, and which. */
export const CircularGroupUnit = z.object({ unitId: z.string(), unitName: z.string(), count: z.number(), detail: z.string().nullable() });
export type CircularGroupUnit = z.infer<typeof CircularGroupUnit>;

export const CircularSection = z.object({
  key: z.enum(CIRCULAR_SECTIONS),
  /** without its number: 一、 二、 … are given when the document is laid out, over the sections that have text */
  heading: z.string(),
  paragraphs: z.array(z.string()),
  /** the units of the group, as generated (empty for the overview) */
  units: z.array(CircularGroupUnit),
});
export type CircularSection = z.infer<typeof CircularSection>;

/** One row of the unit table (附件): counts of the unit's reports due in the period, and of its late tasks. */
export const CircularUnitRow = z.object({
  unitId: z.string(),
  unitName: z.string(),
  /** reports due in the period */
  due: z.number(),
  /** first submitted on or before the period's due date */
  onTime: z.number(),
  /** first submitted after it */
  late: z.number(),
  /** not submitted when the circular was generated */
  missing: z.number(),
  /** returned for revision at least once */
  returned: z.number(),
  accepted: z.number(),
  /** tasks the unit leads that trail 序时进度, and that are past their due date unfinished */
  behind: z.number(),
  overdue: z.number(),
});
export type CircularUnitRow = z.infer<typeof CircularUnitRow>;

export const CircularFacts = z.object({
  planTitle: z.string(),
  periodLabel: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  due: z.string(),
  /** the day the facts were read */
  asOf: z.string(),
  units: z.number(),
  reports: z.number(),
  onTime: z.number(),
  late: z.number(),
  missing: z.number(),
  returned: z.number(),
  accepted: z.number(),
  behindTasks: z.number(),
  overdueTasks: z.number(),
});
export type CircularFacts = z.infer<typeof CircularFacts>;

export const CircularBody = z.object({
  /** 主送机关, ending with a full-width colon */
  addressee: z.string(),
  opening: z.array(z.string()),
  sections: z.array(CircularSection),
  closingHeading: z.string(),
  closing: z.array(z.string()),
  /** the 附件 title (the unit table) */
  attachmentTitle: z.string(),
  /** 抄送, printed in the 版记 when not empty */
  cc: z.string(),
  table: z.array(CircularUnitRow),
  facts: CircularFacts,
});
export type CircularBody = z.infer<typeof CircularBody>;

export const CircularSummary = z.object({
  id: z.string(),
  regionId: z.string(),
  planId: z.string(),
  planTitle: z.string(),
  periodId: z.string(),
  periodLabel: z.string(),
  number: z.string().nullable(),
  title: z.string(),
  state: z.enum(CIRCULAR_STATES),
  stateLabel: z.string(),
  issuedAt: z.string().nullable(),
  issuerName: z.string().nullable(),
  issuerOrg: z.string(),
  createdByName: z.string(),
  facts: CircularFacts,
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CircularSummary = z.infer<typeof CircularSummary>;

export const Circular = CircularSummary.extend({
  body: CircularBody,
  /** what the reader may do with it */
  can: z.object({ edit: z.boolean(), issue: z.boolean(), delete: z.boolean() }),
});
export type Circular = z.infer<typeof Circular>;

export const CircularQuery = Page.extend({
  regionId: Id.optional(),
  planId: Id.optional(),
  state: z.enum(CIRCULAR_STATES).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
}).strict();
export type CircularQuery = z.infer<typeof CircularQuery>;
export const CircularList = z.object({ items: z.array(CircularSummary), total: z.number() });

export const GenerateCircularRequest = z.object({ planId: Id, periodId: Id }).strict();
export type GenerateCircularRequest = z.infer<typeof GenerateCircularRequest>;

/** The office's edit: the wording only. The groups, the unit table and the facts are not sent. */
export const UpdateCircularRequest = z
  .object({
    version: Version,
    title: z.string().trim().min(1, '请填写标题').max(120, '标题不能超过 120 字'),
    addressee: z.string().trim().min(1, '请填写主送单位').max(200, '主送单位不能超过 200 字'),
    opening: Paragraphs('开头'),
    sections: z
      .array(z.object({ key: z.enum(CIRCULAR_SECTIONS), paragraphs: Paragraphs('正文') }).strict())
      .max(CIRCULAR_SECTIONS.length)
      .refine((s) => new Set(s.map((x) => x.key)).size === s.length, { message: '同一部分只能出现一次' }),
    closing: Paragraphs('工作要求'),
    cc: z.string().trim().max(300, '抄送不能超过 300 字'),
  })
  .strict();
export type UpdateCircularRequest = z.input<typeof UpdateCircularRequest>;

export const IssueCircularRequest = z.object({ version: Version }).strict();
export const DeleteCircularQuery = z.object({ version: z.coerce.number().int().positive() }).strict();
