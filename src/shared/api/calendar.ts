import { z } from 'zod';
import { Id, IsoDate, Version } from './common.ts';

/**
 * The working-day calendar (节假日与调休): one entry per announced year, national. The admin edits and
 * imports it; the offices read it and see which years their plans need that are missing.
 */

const Year = z.coerce.number({ message: '年度应为数字' }).int('年度应为整数').min(2000, '年度应在 2000—2100 之间').max(2100, '年度应在 2000—2100 之间');

export const CalendarYearParams = z.object({ year: Year }).strict();
export const CalendarOverviewQuery = z.object({ regionId: Id.optional() }).strict();
export type CalendarOverviewQuery = z.infer<typeof CalendarOverviewQuery>;

export const CalendarYearSummary = z.object({
  year: z.number().int(),
  source: z.string().nullable(),
  /** days listed as off (including weekend days inside a holiday block) */
  holidayCount: z.number().int(),
  /** 调休 make-up working days */
  workdayCount: z.number().int(),
  version: z.number().int(),
  updatedAt: z.string(),
  updatedByName: z.string(),
});
export type CalendarYearSummary = z.infer<typeof CalendarYearSummary>;

/** A year some plan (or today's rules) counts working days in, and why. */
export const CalendarNeed = z.object({
  year: z.number().int(),
  covered: z.boolean(),
  /** e.g. 息烽县：息烽县法治政府建设实施方案（2022—2025年）, or 当前年度 */
  reasons: z.array(z.string()),
});
export type CalendarNeed = z.infer<typeof CalendarNeed>;

export const CalendarMissing = z.object({
  year: z.number().int(),
  /** 2027年节假日安排未导入，涉及工作日的规则将按周一至周五计算并标注 */
  message: z.string(),
  /** when the year is usually announced, or what to do */
  hint: z.string(),
  reasons: z.array(z.string()),
});
export type CalendarMissing = z.infer<typeof CalendarMissing>;

export const CalendarOverview = z.object({
  today: z.string(),
  years: z.array(CalendarYearSummary),
  needed: z.array(CalendarNeed),
  missing: z.array(CalendarMissing),
  /** the admin may edit, import and delete */
  canEdit: z.boolean(),
});
export type CalendarOverview = z.infer<typeof CalendarOverview>;

export const CalendarYearDetail = CalendarYearSummary.extend({
  holidays: z.array(z.string()),
  workdays: z.array(z.string()),
});
export type CalendarYearDetail = z.infer<typeof CalendarYearDetail>;

export const SaveCalendarYearRequest = z
  .object({
    holidays: z.array(IsoDate).max(366, '放假日期不能超过 366 个'),
    workdays: z.array(IsoDate).max(60, '调休上班日期不能超过 60 个'),
    source: z.string({ message: '请填写数据来源' }).trim().min(1, '请填写数据来源（如国务院办公厅通知的标题和日期）').max(300, '数据来源不能超过 300 个字'),
    /** absent when creating a year; the version read when changing one */
    version: Version.optional(),
  })
  .strict();
export type SaveCalendarYearRequest = z.input<typeof SaveCalendarYearRequest>;

export const DeleteCalendarYearQuery = z.object({ version: z.coerce.number({ message: '缺少版本号' }).int().positive('缺少版本号') }).strict();

export const ImportCalendarQuery = z
  .object({
    /** the year the admin means to import; every date in the file must belong to it (default: the file's) */
    year: Year.optional(),
    /** overrides the file's own source (CSV files carry none) */
    source: z.string().trim().max(300, '数据来源不能超过 300 个字').optional(),
  })
  .strict();
export type ImportCalendarQuery = z.infer<typeof ImportCalendarQuery>;

export const CalendarImportIssue = z.object({ line: z.number().int().nullable(), message: z.string() });
export const CalendarImportResult = z.object({
  /** false: the file had errors and nothing was changed */
  applied: z.boolean(),
  year: z.number().int().nullable(),
  format: z.enum(['json', 'csv']),
  /** the text encoding the file was read in */
  encoding: z.string(),
  holidayCount: z.number().int(),
  workdayCount: z.number().int(),
  /** an existing year was replaced */
  replaced: z.boolean(),
  errors: z.array(CalendarImportIssue),
  warnings: z.array(CalendarImportIssue),
});
export type CalendarImportResult = z.infer<typeof CalendarImportResult>;

export const CalendarExportQuery = z.object({ format: z.enum(['csv', 'json']).default('csv') }).strict();
