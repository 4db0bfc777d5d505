import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams } from '../../shared/api/common.ts';
import {
  AnnualBoard,
  AnnualDiff,
  AnnualList,
  AnnualQuery,
  AnnualReport,
  AnnualSettings,
  AnnualTransitionRequest,
  AnnualVersion,
  BoardQuery,
  CommentParams,
  CommentRequest,
  DiffQuery,
  GenerateAnnualRequest,
  PublishAnnualRequest,
  ReviseAnnualRequest,
  SettingsQuery,
  SubmitAnnualRequest,
  UpdateAnnualRequest,
  UpdateAnnualSettingsRequest,
  VersionParams,
} from '../../shared/api/annual-reports.ts';
import {
  addAnnualComment,
  annualBoard,
  annualDocx,
  annualPdf,
  approveAnnualReport,
  diffAnnualVersions,
  generateAnnualReport,
  getAnnualReport,
  getAnnualSettings,
  getAnnualVersion,
  listAnnualReports,
  publishAnnualReport,
  regenerateAnnualReport,
  resolveAnnualComment,
  returnAnnualReport,
  reviseAnnualReport,
  sendAnnualToReview,
  submitAnnualReport,
  updateAnnualReport,
  updateAnnualSettings,
} from '../../services/annual-reports.ts';
import { sendDownload } from '../files.ts';
import type { AppDeps } from '../app.ts';
import { ctxOf } from '../auth.ts';

const tags = ['年度报告'];
const VersionBody = z.object({ version: z.number().int().positive() }).strict();
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export const annualReportRoutes = (deps: AppDeps): FastifyPluginAsyncZod => async (app) => {
  app.get('/', { schema: { tags, summary: '年度报告列表（单位联络员只见本单位的）', querystring: AnnualQuery, response: { 200: AnnualList } } }, async (req) => listAnnualReports(ctxOf(deps, req), req.query));
  app.post('/', { schema: { tags, summary: '按年度数据起草单位或本级的年度报告', body: GenerateAnnualRequest, response: { 200: AnnualReport } } }, async (req) => generateAnnualReport(ctxOf(deps, req), req.body));
  app.get('/board', { schema: { tags, summary: '年度报告跟踪看板：各单位报送、公开情况与按时率', querystring: BoardQuery, response: { 200: AnnualBoard } } }, async (req) => annualBoard(ctxOf(deps, req), req.query));
  app.get('/settings', { schema: { tags, summary: '年度报告时限（报送、公开）与提醒天数', querystring: SettingsQuery, response: { 200: AnnualSettings } } }, async (req) => getAnnualSettings(ctxOf(deps, req), req.query.regionId));
  app.put('/settings', { schema: { tags, summary: '修改年度报告时限（依法治办）', querystring: SettingsQuery, body: UpdateAnnualSettingsRequest, response: { 200: AnnualSettings } } }, async (req) => updateAnnualSettings(ctxOf(deps, req), req.query.regionId, req.body));
  app.get('/:id', { schema: { tags, summary: '年度报告全文、意见、流程记录和版本', params: IdParams, response: { 200: AnnualReport } } }, async (req) => getAnnualReport(ctxOf(deps, req), req.params.id));
  app.put('/:id', { schema: { tags, summary: '保存修改（生成新版本；版本号不符时冲突）', params: IdParams, body: UpdateAnnualRequest, response: { 200: AnnualReport } } }, async (req) => updateAnnualReport(ctxOf(deps, req), req.params.id, req.body));
  app.post('/:id/regenerate', { schema: { tags, summary: '按最新数据重新生成草稿（原文保留为历史版本）', params: IdParams, body: VersionBody, response: { 200: AnnualReport } } }, async (req) => regenerateAnnualReport(ctxOf(deps, req), req.params.id, req.body.version));
  app.post('/:id/review', { schema: { tags, summary: '提交内部审核', params: IdParams, body: VersionBody, response: { 200: AnnualReport } } }, async (req) => sendAnnualToReview(ctxOf(deps, req), req.params.id, req.body.version));
  app.post('/:id/return', { schema: { tags, summary: '退回修改（须写明原因）', params: IdParams, body: AnnualTransitionRequest, response: { 200: AnnualReport } } }, async (req) => returnAnnualReport(ctxOf(deps, req), req.params.id, req.body.version, req.body.note));
  app.post('/:id/approve', { schema: { tags, summary: '审定', params: IdParams, body: AnnualTransitionRequest, response: { 200: AnnualReport } } }, async (req) => approveAnnualReport(ctxOf(deps, req), req.params.id, req.body.version, req.body.note));
  app.post('/:id/submit', { schema: { tags, summary: '报送（记录报送对象；有待补充内容时拒绝）', params: IdParams, body: SubmitAnnualRequest, response: { 200: AnnualReport } } }, async (req) => submitAnnualReport(ctxOf(deps, req), req.params.id, req.body));
  app.post('/:id/publish', { schema: { tags, summary: '在公开平台发布（更正时须填写更正说明）', params: IdParams, body: PublishAnnualRequest, response: { 200: AnnualReport } } }, async (req) => publishAnnualReport(ctxOf(deps, req), req.params.id, req.body));
  app.post('/:id/revise', { schema: { tags, summary: '启动更正：已公开的报告回到起草状态，原公开版本保留', params: IdParams, body: ReviseAnnualRequest, response: { 200: AnnualReport } } }, async (req) => reviseAnnualReport(ctxOf(deps, req), req.params.id, req.body.version, req.body.reason));
  app.post('/:id/comments', { schema: { tags, summary: '提出审核意见（可指向某一段）', params: IdParams, body: CommentRequest, response: { 200: AnnualReport } } }, async (req) => addAnnualComment(ctxOf(deps, req), req.params.id, req.body));
  app.post('/:id/comments/:commentId/resolve', { schema: { tags, summary: '意见已处理', params: CommentParams, response: { 200: AnnualReport } } }, async (req) => resolveAnnualComment(ctxOf(deps, req), req.params.id, req.params.commentId));
  app.get('/:id/versions/:no', { schema: { tags, summary: '某一历史版本', params: VersionParams, response: { 200: AnnualVersion } } }, async (req) => getAnnualVersion(ctxOf(deps, req), req.params.id, req.params.no));
  app.get('/:id/diff', { schema: { tags, summary: '两个版本之间的差异', params: IdParams, querystring: DiffQuery, response: { 200: AnnualDiff } } }, async (req) => diffAnnualVersions(ctxOf(deps, req), req.params.id, req.query.from, req.query.to));
  app.get('/:id/docx', { schema: { tags, summary: '年度报告 Word 文件（GB/T 9704 版式）', params: IdParams } }, async (req, reply) => {
    const f = await annualDocx(ctxOf(deps, req), req.params.id);
    return sendDownload(reply, f.fileName, f.data, DOCX);
  });
  app.get('/:id/pdf', { schema: { tags, summary: '年度报告 PDF（服务器须安装 LibreOffice）', params: IdParams } }, async (req, reply) => {
    const f = await annualPdf(ctxOf(deps, req), req.params.id);
    return sendDownload(reply, f.fileName, f.data, 'application/pdf');
  });
};
