import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Id, IdParams, Ok } from '../../shared/api/common.ts';
import {
  AddProblemRequest,
  CloseProblemRequest,
  Coverage,
  CoverageQuery,
  CreateInspectionPlanRequest,
  DeleteProblemRequest,
  InspectionPlanDetail,
  InspectionPlanList,
  InspectionPlanQuery,
  PersonList,
  ProblemDetail,
  ProblemExportQuery,
  ProblemList,
  ProblemQuery,
  RecordVisitRequest,
  RectifyRequest,
  ReturnProblemRequest,
  Scope,
  ScopeQuery,
  UpdateInspectionPlanRequest,
  Visit,
} from '../../shared/api/inspections.ts';
import { Evidence } from '../../shared/api/reports.ts';
import { AppError } from '../../shared/errors.ts';
import { createInspectionPlan, getInspectionPlan, getVisit, inspectionCoverage, inspectionScope, listInspectionPlans, listInspectors, recordVisit, updateInspectionPlan } from '../../services/inspections.ts';
import { addProblem, closeProblem, deleteProblem, exportProblemsDocx, exportProblemsXlsx, getProblem, listProblems, openInspectionFile, rectifyProblem, returnProblem, uploadVisitFile } from '../../services/inspections-problems.ts';
import type { AppDeps } from '../app.ts';
import { ctxOf } from '../auth.ts';
import { sendDownload } from '../files.ts';

const tags = ['督察'];

export const inspectionRoutes = (deps: AppDeps): FastifyPluginAsyncZod => async (app) => {
  app.get('/plans', { schema: { tags, summary: '督察计划列表', querystring: InspectionPlanQuery, response: { 200: InspectionPlanList } } }, async (req) => ({ items: await listInspectionPlans(ctxOf(deps, req), req.query) }));
  app.post('/plans', { schema: { tags, summary: '制定督察计划（单位、时间、督察人员、任务或章节 → 督察清单）', body: CreateInspectionPlanRequest, response: { 200: InspectionPlanDetail } } }, async (req) => createInspectionPlan(ctxOf(deps, req), req.body));
  app.get('/plans/:id', { schema: { tags, summary: '督察计划详情（各单位的督察清单和进度）', params: IdParams, response: { 200: InspectionPlanDetail } } }, async (req) => getInspectionPlan(ctxOf(deps, req), req.params.id));
  app.put('/plans/:id', { schema: { tags, summary: '修改督察计划（已督察的单位保持不变）', params: IdParams, body: UpdateInspectionPlanRequest, response: { 200: InspectionPlanDetail } } }, async (req) => updateInspectionPlan(ctxOf(deps, req), req.params.id, req.body));
  app.get('/scope', { schema: { tags, summary: '某单位在规划中承担的任务及规划章节（选择督察范围）', querystring: ScopeQuery, response: { 200: Scope } } }, async (req) => inspectionScope(ctxOf(deps, req), req.query));
  app.get('/inspectors', { schema: { tags, summary: '本地区督察考核人员', querystring: z.object({ regionId: Id.optional() }).strict(), response: { 200: PersonList } } }, async (req) => ({ items: await listInspectors(ctxOf(deps, req), req.query.regionId) }));
  app.get('/coverage', { schema: { tags, summary: '规划期内督察覆盖情况（各单位是否已督察）', querystring: CoverageQuery, response: { 200: Coverage } } }, async (req) => inspectionCoverage(ctxOf(deps, req), req.query));

  app.get('/visits/:id', { schema: { tags, summary: '一次督察：清单、记录', params: IdParams, response: { 200: Visit } } }, async (req) => getVisit(ctxOf(deps, req), req.params.id));
  app.post('/visits/:id/record', { schema: { tags, summary: '提交督察记录（发现的问题形成问题清单并下发单位）', params: IdParams, body: RecordVisitRequest, response: { 200: Visit } } }, async (req) => recordVisit(ctxOf(deps, req), req.params.id, req.body));
  app.post('/visits/:id/problems', { schema: { tags, summary: '记录督察发现的问题（证据、照片、整改要求、整改期限）', params: IdParams, body: AddProblemRequest, response: { 200: ProblemDetail } } }, async (req) => addProblem(ctxOf(deps, req), req.params.id, req.body));
  app.post('/visits/:id/files', { schema: { tags, summary: '上传督察照片或材料（按内容识别类型）', params: IdParams, response: { 200: Evidence } } }, async (req) => {
    if (!req.isMultipart()) throw new AppError('UNSUPPORTED', '请以文件上传（multipart/form-data）的方式提交');
    const part = await req.file({ limits: { fileSize: deps.config.uploadLimitBytes } });
    if (!part) throw new AppError('VALIDATION', '请选择要上传的文件', [{ field: 'file', message: '未收到文件' }]);
    return uploadVisitFile(ctxOf(deps, req), req.params.id, { fileName: part.filename, stream: part.file });
  });

  app.get('/problems', { schema: { tags, summary: '问题清单（联络员只见本单位）', querystring: ProblemQuery, response: { 200: ProblemList } } }, async (req) => listProblems(ctxOf(deps, req), req.query));
  app.get('/problems/xlsx', { schema: { tags, summary: '导出问题清单 Excel（与列表相同的筛选条件，联络员只含本单位）', querystring: ProblemExportQuery } }, async (req, reply) => {
    const f = await exportProblemsXlsx(ctxOf(deps, req), req.query);
    return sendDownload(reply, f.fileName, f.data, f.type);
  });
  app.get('/problems/docx', { schema: { tags, summary: '问题清单 Word 文件（GB/T 9704 版式，每次督察一份：按单位、督察计划或一次督察筛选）', querystring: ProblemExportQuery } }, async (req, reply) => {
    const f = await exportProblemsDocx(ctxOf(deps, req), req.query);
    return sendDownload(reply, f.fileName, f.data, f.type);
  });
  app.get('/problems/:id', { schema: { tags, summary: '问题详情与整改过程', params: IdParams, response: { 200: ProblemDetail } } }, async (req) => getProblem(ctxOf(deps, req), req.params.id));
  app.post('/problems/:id/delete', { schema: { tags, summary: '删除尚未提交记录的问题', params: IdParams, body: DeleteProblemRequest, response: { 200: Ok } } }, async (req) => deleteProblem(ctxOf(deps, req), req.params.id, req.body.version));
  app.post('/problems/:id/rectify', { schema: { tags, summary: '单位提交整改报告（须附佐证材料）', params: IdParams, body: RectifyRequest, response: { 200: ProblemDetail } } }, async (req) => rectifyProblem(ctxOf(deps, req), req.params.id, req.body));
  app.post('/problems/:id/return', { schema: { tags, summary: '退回整改报告，要求重新整改', params: IdParams, body: ReturnProblemRequest, response: { 200: ProblemDetail } } }, async (req) => returnProblem(ctxOf(deps, req), req.params.id, req.body.version, req.body.reason));
  app.post('/problems/:id/close', { schema: { tags, summary: '核查后销号', params: IdParams, body: CloseProblemRequest, response: { 200: ProblemDetail } } }, async (req) => closeProblem(ctxOf(deps, req), req.params.id, req.body.version, req.body.note));

  app.get('/files/:id', { schema: { tags, summary: '打开督察照片、问题证据或整改佐证材料', params: IdParams, querystring: z.object({ download: z.enum(['1']).optional() }).strict() } }, async (req, reply) => {
    const f = await openInspectionFile(ctxOf(deps, req), req.params.id);
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
