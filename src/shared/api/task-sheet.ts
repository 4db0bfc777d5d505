import { z } from 'zod';
import { Id } from './common.ts';

/** The fields of a task the 任务分解表 can change on import. */
export const TASK_SHEET_FIELDS = ['text', 'lead', 'co', 'leader', 'deadline'] as const;
export type TaskSheetField = (typeof TASK_SHEET_FIELDS)[number];
export const TASK_SHEET_FIELD_LABEL: Record<TaskSheetField, string> = { text: '任务', lead: '牵头单位', co: '责任单位', leader: '牵头领导', deadline: '完成时限' };

export const TaskSheetProblem = z.object({
  /** the sheet's row number (1 is the header); null for the whole file */
  row: z.number().int().nullable(),
  column: z.string().nullable(),
  message: z.string(),
});
export type TaskSheetProblem = z.infer<typeof TaskSheetProblem>;

export const TaskSheetChange = z.object({
  row: z.number().int(),
  taskId: z.string(),
  number: z.string(),
  text: z.string(),
  fields: z.array(z.object({ field: z.enum(TASK_SHEET_FIELDS), label: z.string(), before: z.string(), after: z.string() })),
});
export type TaskSheetChange = z.infer<typeof TaskSheetChange>;

/** What an uploaded sheet would change. Nothing is applied: the office confirms `importId`. */
export const TaskSheetPreview = z.object({
  /** null when the sheet has errors (it cannot be confirmed) or changes nothing */
  importId: z.string().nullable(),
  planId: z.string(),
  fileName: z.string(),
  rows: z.number().int(),
  unchanged: z.number().int(),
  changes: z.array(TaskSheetChange),
  errors: z.array(TaskSheetProblem),
  warnings: z.array(TaskSheetProblem),
});
export type TaskSheetPreview = z.infer<typeof TaskSheetPreview>;

export const TaskSheetApplyResult = z.object({ tasks: z.number().int(), fields: z.number().int() });
export type TaskSheetApplyResult = z.infer<typeof TaskSheetApplyResult>;

export const TaskSheetParams = z.object({ id: Id }).strict();
export const TaskSheetImportParams = z.object({ id: Id, importId: Id }).strict();
