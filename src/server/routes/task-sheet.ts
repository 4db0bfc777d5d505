import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Ok } from '../../shared/api/common.ts';
import { TaskSheetApplyResult, TaskSheetImportParams, TaskSheetParams, TaskSheetPreview } from '../../shared/api/task-sheet.ts';
import { applyTaskSheet, cancelTaskSheet, exportTaskSheet, previewTaskSheet, XLSX_TYPE } from '../../services/task-sheet.ts';
import { AppError } from '../../shared/errors.ts';
import type { AppDeps } from '../app.ts';
import { ctxOf } from '../auth.ts';
import { readUpload, sendDownload } from '../files.ts';

const tags = ['任务分解表'];

/** The 任务分解表 of a plan (`:id` is the plan): export, upload for a preview, confirm or cancel. */
export const taskSheetRoutes = (deps: AppDeps): FastifyPluginAsyncZod => async (app) => {
  app.get('/:id/export', { schema: { tags, summary: '导出任务分解表（Excel；联络员只含本单位任务）', params: TaskSheetParams } }, async (req, reply) => {
    const f = await exportTaskSheet(ctxOf(deps, req), req.params.id);
    return sendDownload(reply, f.fileName, f.data, XLSX_TYPE);
  });
  app.post('/:id/preview', { schema: { tags, summary: '上传编辑后的任务分解表：列出将要修改的内容和有问题的行（不修改任何数据）', params: TaskSheetParams, response: { 200: TaskSheetPreview } } }, async (req) => {
    const file = await readUpload(req, deps.config.uploadLimitBytes);
    if (!file) throw new AppError('VALIDATION', '请选择要导入的任务分解表（.xlsx）', [{ field: 'file', message: '未收到文件' }]);
    return previewTaskSheet(ctxOf(deps, req), req.params.id, { fileName: file.fileName, bytes: file.data });
  });
  app.post('/:id/imports/:importId/apply', { schema: { tags, summary: '确认导入：一次性应用全部修改', params: TaskSheetImportParams, response: { 200: TaskSheetApplyResult } } }, async (req) => applyTaskSheet(ctxOf(deps, req), req.params.id, req.params.importId));
  app.post('/:id/imports/:importId/cancel', { schema: { tags, summary: '放弃这次导入', params: TaskSheetImportParams, response: { 200: Ok } } }, async (req) => {
    await cancelTaskSheet(ctxOf(deps, req), req.params.id, req.params.importId);
    return { ok: true as const };
  });
};
