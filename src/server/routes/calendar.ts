import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Ok } from '../../shared/api/common.ts';
import {
  CalendarExportQuery,
  CalendarImportResult,
  CalendarOverview,
  CalendarOverviewQuery,
  CalendarYearDetail,
  CalendarYearParams,
  DeleteCalendarYearQuery,
  ImportCalendarQuery,
  SaveCalendarYearRequest,
} from '../../shared/api/calendar.ts';
import { deleteCalendarYear, exportCalendarYear, getCalendarYear, importCalendarFile, listCalendarYears, saveCalendarYear } from '../../services/work-calendar.ts';
import { AppError } from '../../shared/errors.ts';
import type { AppDeps } from '../app.ts';
import { ctxOf } from '../auth.ts';
import { readUpload, sendDownload } from '../files.ts';

const tags = ['工作日历'];

export const calendarRoutes = (deps: AppDeps): FastifyPluginAsyncZod => async (app) => {
  app.get('/', { schema: { tags, summary: '已有年度、方案需要的年度与缺少的年度（系统管理员、依法治办）', querystring: CalendarOverviewQuery, response: { 200: CalendarOverview } } }, async (req) => listCalendarYears(ctxOf(deps, req), req.query));
  app.post('/import', { schema: { tags, summary: '从 JSON 或 CSV 文件导入一个年度（系统管理员；有错误时不导入任何内容）', querystring: ImportCalendarQuery, response: { 200: CalendarImportResult } } }, async (req) => {
    const file = await readUpload(req, deps.config.uploadLimitBytes);
    if (!file) throw new AppError('VALIDATION', '请选择要导入的日历文件（.csv 或 .json）', [{ field: 'file', message: '未收到文件' }]);
    return importCalendarFile(ctxOf(deps, req), { fileName: file.fileName, bytes: file.data, year: req.query.year, source: req.query.source });
  });
  app.get('/:year', { schema: { tags, summary: '一个年度的放假日期与调休上班日期', params: CalendarYearParams, response: { 200: CalendarYearDetail } } }, async (req) => getCalendarYear(ctxOf(deps, req), req.params.year));
  app.put('/:year', { schema: { tags, summary: '录入或修改一个年度（系统管理员）', params: CalendarYearParams, body: SaveCalendarYearRequest, response: { 200: CalendarYearDetail } } }, async (req) => saveCalendarYear(ctxOf(deps, req), req.params.year, req.body));
  app.delete('/:year', { schema: { tags, summary: '删除一个年度（系统管理员）', params: CalendarYearParams, querystring: DeleteCalendarYearQuery, response: { 200: Ok } } }, async (req) => {
    await deleteCalendarYear(ctxOf(deps, req), req.params.year, req.query.version);
    return { ok: true as const };
  });
  app.get('/:year/export', { schema: { tags, summary: '下载一个年度（CSV 或 JSON，可修改后再导入）', params: CalendarYearParams, querystring: CalendarExportQuery } }, async (req, reply) => {
    const f = await exportCalendarYear(ctxOf(deps, req), req.params.year, req.query.format);
    return sendDownload(reply, f.fileName, f.data, f.type);
  });
};
