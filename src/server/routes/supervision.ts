import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Id, IdParams } from '../../shared/api/common.ts';
import {
  Alert,
  AlertList,
  AlertQuery,
  AnswerAlertRequest,
  BoardQuery,
  Chase,
  ChaseList,
  ChaseRequest,
  CloseNoticeRequest,
  DecideExtensionRequest,
  Extension,
  ExtensionList,
  ExtensionQuery,
  IssueNoticeRequest,
  JobRunList,
  NoticeDetail,
  NoticeList,
  NoticeQuery,
  ReplyNoticeRequest,
  RequestExtensionRequest,
  ReturnNoticeRequest,
  RunRulesRequest,
  SupervisionBoard,
  SupervisionSettings,
  UnitTaskList,
  UnitTaskQuery,
  UpdateSupervisionSettingsRequest,
} from '../../shared/api/supervision.ts';
import { answerAlert, listAlerts } from '../../services/alerts.ts';
import { chaseTask, decideExtension, listChases, listExtensions, requestExtension } from '../../services/extensions.ts';
import { closeNotice, getNotice, issueNotice, listNotices, noticeDocx, replyNotice, returnNotice } from '../../services/notices.ts';
import { listRuns, runRulesNow } from '../../services/scheduler.ts';
import { supervisionBoard, unitTasks } from '../../services/supervision-board.ts';
import { getSupervisionSettings, updateSupervisionSettings } from '../../services/supervision-settings.ts';
import { sendDownload } from '../files.ts';
import type { AppDeps } from '../app.ts';
import { ctxOf } from '../auth.ts';

const tags = ['督办'];
const RegionQuery = z.object({ regionId: Id.optional() }).strict();

export const supervisionRoutes = (deps: AppDeps): FastifyPluginAsyncZod => async (app) => {
  app.get('/board', { schema: { tags, summary: '督办看板：滞后与逾期任务、未报送单位、未办结督办单、待审批延期', querystring: BoardQuery, response: { 200: SupervisionBoard } } }, async (req) => supervisionBoard(ctxOf(deps, req), req.query));

  app.get('/settings', { schema: { tags, summary: '本地区督办规则（未设置时为默认值）', querystring: RegionQuery, response: { 200: SupervisionSettings } } }, async (req) => getSupervisionSettings(ctxOf(deps, req), req.query.regionId));
  app.put('/settings', { schema: { tags, summary: '修改督办规则（依法治办）', querystring: RegionQuery, body: UpdateSupervisionSettingsRequest, response: { 200: SupervisionSettings } } }, async (req) => updateSupervisionSettings(ctxOf(deps, req), req.query.regionId, req.body));

  app.get('/alerts', { schema: { tags, summary: '提醒清单、警示清单', querystring: AlertQuery, response: { 200: AlertList } } }, async (req) => listAlerts(ctxOf(deps, req), req.query));
  app.post('/alerts/:id/answer', { schema: { tags, summary: '单位答复警示（情况说明）', params: IdParams, body: AnswerAlertRequest, response: { 200: Alert } } }, async (req) => answerAlert(ctxOf(deps, req), req.params.id, req.body.answer));

  app.get('/notices', { schema: { tags, summary: '督办单列表（联络员只见本单位）', querystring: NoticeQuery, response: { 200: NoticeList } } }, async (req) => listNotices(ctxOf(deps, req), req.query));
  app.post('/notices', { schema: { tags, summary: '签发督办单（依法治办、领导）', body: IssueNoticeRequest, response: { 200: NoticeDetail } } }, async (req) => issueNotice(ctxOf(deps, req), req.body));
  app.get('/unit-tasks', { schema: { tags, summary: '某单位承担的任务及其状态（签发督办单时选择）', querystring: UnitTaskQuery, response: { 200: UnitTaskList } } }, async (req) => ({ items: await unitTasks(ctxOf(deps, req), req.query.unitId) }));
  app.get('/notices/:id', { schema: { tags, summary: '督办单详情与办理过程', params: IdParams, response: { 200: NoticeDetail } } }, async (req) => getNotice(ctxOf(deps, req), req.params.id));
  app.get('/notices/:id/docx', { schema: { tags, summary: '督办单 Word 文件（GB/T 9704 版式）', params: IdParams } }, async (req, reply) => {
    const f = await noticeDocx(ctxOf(deps, req), req.params.id);
    return sendDownload(reply, f.fileName, f.data, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  });
  app.post('/notices/:id/reply', { schema: { tags, summary: '承办单位反馈办理情况', params: IdParams, body: ReplyNoticeRequest, response: { 200: NoticeDetail } } }, async (req) => replyNotice(ctxOf(deps, req), req.params.id, req.body.version, req.body.reply));
  app.post('/notices/:id/return', { schema: { tags, summary: '退回反馈，要求重新办理', params: IdParams, body: ReturnNoticeRequest, response: { 200: NoticeDetail } } }, async (req) => returnNotice(ctxOf(deps, req), req.params.id, req.body.version, req.body.reason));
  app.post('/notices/:id/close', { schema: { tags, summary: '销号', params: IdParams, body: CloseNoticeRequest, response: { 200: NoticeDetail } } }, async (req) => closeNotice(ctxOf(deps, req), req.params.id, req.body.version, req.body.note));

  app.get('/extensions', { schema: { tags, summary: '延期申请（依法治办见全部，联络员见本单位，或某任务的申请记录）', querystring: ExtensionQuery, response: { 200: ExtensionList } } }, async (req) => ({ items: await listExtensions(ctxOf(deps, req), req.query) }));
  app.post('/extensions', { schema: { tags, summary: '申请延期（须在完成时限前）', body: RequestExtensionRequest, response: { 200: Extension } } }, async (req) => requestExtension(ctxOf(deps, req), req.body));
  app.post('/extensions/:id/decide', { schema: { tags, summary: '同意或不同意延期', params: IdParams, body: DecideExtensionRequest, response: { 200: Extension } } }, async (req) => decideExtension(ctxOf(deps, req), req.params.id, req.body));

  app.get('/chases', { schema: { tags, summary: '某任务的催办记录', querystring: z.object({ taskId: Id }).strict(), response: { 200: ChaseList } } }, async (req) => ({ items: await listChases(ctxOf(deps, req), req.query.taskId) }));
  app.post('/chases', { schema: { tags, summary: '催办（依法治办、领导）', body: ChaseRequest, response: { 200: Chase } } }, async (req) => chaseTask(ctxOf(deps, req), req.body));

  app.get('/runs', { schema: { tags, summary: '定时任务运行记录（每天每地区一次）', querystring: RegionQuery, response: { 200: JobRunList } } }, async (req) => ({ items: await listRuns(ctxOf(deps, req), req.query.regionId) }));
  app.post('/runs', { schema: { tags, summary: '立即运行本地区今天的督办规则（已运行过则不重复）', body: RunRulesRequest, response: { 200: z.object({ ran: z.boolean(), summary: z.record(z.string(), z.unknown()).nullable(), error: z.string().nullable() }) } } }, async (req) => runRulesNow(ctxOf(deps, req), deps.loadCalendar, req.body));
};
