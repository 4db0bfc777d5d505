import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Id } from '../../shared/api/common.ts';
import {
  AcceptRequest,
  BulkAcceptRequest,
  BulkAcceptResult,
  Evidence,
  Inbox,
  InboxQuery,
  OpenReportQuery,
  ReportHistory,
  ReportParams,
  ReportView,
  ReturnRequest,
  ReviewQueue,
  ReviewQueueQuery,
  SaveReportRequest,
  SubmitRequest,
} from '../../shared/api/reports.ts';
import { getInbox } from '../../services/inbox.ts';
import { acceptReport, bulkAccept, coReports, getReport, openReport, reportHistory, returnReport, reviewQueue, saveReport, submitReport } from '../../services/reports.ts';
import { openEvidence, unitEvidence, uploadEvidence } from '../../services/evidence.ts';
import { exportEvidenceZip, exportLedger } from '../../services/exports.ts';
import { sendDownload } from '../files.ts';
import { AppError } from '../../shared/errors.ts';
import type { AppDeps } from '../app.ts';
import { ctxOf } from '../auth.ts';

const tags = ['进展报送'];

export const reportRoutes = (deps: AppDeps): FastifyPluginAsyncZod => async (app) => {
  app.get('/inbox', { schema: { tags, summary: '我的任务：本期应报送的任务及状态', querystring: InboxQuery, response: { 200: Inbox } } }, async (req) => getInbox(ctxOf(deps, req), req.query));
  app.get('/open', { schema: { tags, summary: '打开某单位某任务某期的报送（尚未填写时为空白）', querystring: OpenReportQuery, response: { 200: ReportView } } }, async (req) => openReport(ctxOf(deps, req), req.query));
  app.get('/review', { schema: { tags, summary: '待审核（或已退回、已通过）的报送', querystring: ReviewQueueQuery, response: { 200: ReviewQueue } } }, async (req) => ({
    items: await reviewQueue(ctxOf(deps, req), req.query),
  }));
  app.get('/co', { schema: { tags, summary: '牵头单位查看协同单位的报送', querystring: z.object({ taskId: Id, periodId: Id }).strict(), response: { 200: z.object({ items: z.array(ReportView) }) } } }, async (req) => ({
    items: await coReports(ctxOf(deps, req), req.query.taskId, req.query.periodId),
  }));
  const ExportQuery = z.object({ planId: Id, periodId: Id, unitId: Id.optional() }).strict();
  app.get('/export/ledger', { schema: { tags, summary: '导出本期进展台账（Excel；联络员只含本单位）', querystring: ExportQuery } }, async (req, reply) => {
    const f = await exportLedger(ctxOf(deps, req), req.query);
    return sendDownload(reply, f.fileName, f.data, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  });
  app.get('/export/evidence', { schema: { tags, summary: '导出本期佐证材料（ZIP，含清单）', querystring: ExportQuery } }, async (req, reply) => {
    const f = await exportEvidenceZip(ctxOf(deps, req), req.query);
    return sendDownload(reply, f.fileName, f.data, 'application/zip');
  });
  app.post('/', { schema: { tags, summary: '保存报送草稿（带版本号）', body: SaveReportRequest, response: { 200: ReportView } } }, async (req) => saveReport(ctxOf(deps, req), req.body));
  app.post('/bulk-accept', { schema: { tags, summary: '批量审核通过', body: BulkAcceptRequest, response: { 200: BulkAcceptResult } } }, async (req) => bulkAccept(ctxOf(deps, req), req.body.ids));
  app.get('/:id', { schema: { tags, summary: '报送详情', params: ReportParams, response: { 200: ReportView } } }, async (req) => getReport(ctxOf(deps, req), req.params.id));
  app.get('/:id/history', { schema: { tags, summary: '报送的全部历史（各版本、操作人、退回原因）', params: ReportParams, response: { 200: ReportHistory } } }, async (req) => reportHistory(ctxOf(deps, req), req.params.id));
  app.post('/:id/submit', { schema: { tags, summary: '提交（重复提交无副作用）', params: ReportParams, body: SubmitRequest, response: { 200: ReportView } } }, async (req) => submitReport(ctxOf(deps, req), req.params.id, req.body.version));
  app.post('/:id/accept', { schema: { tags, summary: '审核通过', params: ReportParams, body: AcceptRequest, response: { 200: ReportView } } }, async (req) => acceptReport(ctxOf(deps, req), req.params.id, req.body.version));
  app.post('/:id/return', { schema: { tags, summary: '退回（须填写原因）', params: ReportParams, body: ReturnRequest, response: { 200: ReportView } } }, async (req) => returnReport(ctxOf(deps, req), req.params.id, req.body.version, req.body.reason));
};

export const evidenceRoutes = (deps: AppDeps): FastifyPluginAsyncZod => async (app) => {
  app.post('/', { schema: { tags, summary: '上传佐证材料（PDF、Word、Excel、图片、ZIP；按内容识别类型）', querystring: z.object({ unitId: Id }).strict(), response: { 200: Evidence } } }, async (req) => {
    if (!req.isMultipart()) throw new AppError('UNSUPPORTED', '请以文件上传（multipart/form-data）的方式提交');
    const part = await req.file({ limits: { fileSize: deps.config.uploadLimitBytes } });
    if (!part) throw new AppError('VALIDATION', '请选择要上传的文件', [{ field: 'file', message: '未收到文件' }]);
    return uploadEvidence(ctxOf(deps, req), { unitId: req.query.unitId, fileName: part.filename, stream: part.file });
  });
  app.get('/', { schema: { tags, summary: '本单位已上传的材料（可再次引用）', querystring: z.object({ unitId: Id }).strict(), response: { 200: z.object({ items: z.array(Evidence) }) } } }, async (req) => ({
    items: await unitEvidence(ctxOf(deps, req), req.query.unitId),
  }));
  app.get('/:id/content', { schema: { tags, summary: '下载或预览（图片、PDF 可在浏览器中预览）', params: z.object({ id: Id }).strict(), querystring: z.object({ download: z.enum(['1']).optional() }).strict() } }, async (req, reply) => {
    const f = await openEvidence(ctxOf(deps, req), req.params.id);
    const disposition = f.inline && !req.query.download ? 'inline' : 'attachment';
    const ascii = f.fileName.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '');
    return reply
      .header('content-type', f.mime)
      .header('content-length', String(f.size))
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', 'sandbox')
      .header('content-disposition', `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(f.fileName)}`)
      .send(f.stream);
  });
};
