import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Id, IdParams, Ok } from '../../shared/api/common.ts';
import { ReportingSettingsRequest, ReportingView, TaskPage, AssignmentParams, BulkAssignRequest, BulkAssignResult, RemoveAssignmentRequest, CommitImportRequest, CommitResult, DiffRequest, ImportParams, PlanDetail, PlanDiffResponse, PlanImport, PlanList, PlanListQuery, PlanSource, UploadQuery } from '../../shared/api/plans.ts';
import { cancelImport, commitImport, getImport, previewDiff, uploadPlan } from '../../services/plan-import.ts';
import { getPlan, getPlanSource, listPlans } from '../../services/plans.ts';
import { assignTasks, removeAssignment } from '../../services/assignments.ts';
import { getTaskPage } from '../../services/task-page.ts';
import { listTasks } from '../../services/task-list.ts';
import { TaskList, TaskListQuery } from '../../shared/api/tasks.ts';
import { getReporting, setReporting } from '../../services/reporting-settings.ts';
import { AppError } from '../../shared/errors.ts';
import type { AppDeps } from '../app.ts';
import { ctxOf } from '../auth.ts';
import { readUpload } from '../files.ts';

const tags = ['方案'];

export const planRoutes = (deps: AppDeps): FastifyPluginAsyncZod => async (app) => {
  app.get('/', { schema: { tags, summary: '方案列表', querystring: PlanListQuery, response: { 200: PlanList } } }, async (req) => ({
    items: await listPlans(ctxOf(deps, req), req.query.regionId),
  }));
  app.post('/imports', { schema: { tags, summary: '上传方案文件并解析（待确认，不改变任何数据）', querystring: UploadQuery, response: { 200: PlanImport } } }, async (req) => {
    const file = await readUpload(req, deps.config.uploadLimitBytes);
    if (!file) throw new AppError('VALIDATION', '请选择要导入的方案文件（.txt .md .docx .pdf .html）', [{ field: 'file', message: '未收到文件' }]);
    return uploadPlan(ctxOf(deps, req), { regionId: req.query.regionId, fileName: file.fileName, bytes: file.data });
  });
  app.get('/imports/:id', { schema: { tags, summary: '待确认的导入', params: ImportParams, response: { 200: PlanImport } } }, async (req) => getImport(ctxOf(deps, req), req.params.id));
  app.post('/imports/:id/diff', { schema: { tags, summary: '与已有方案比较（新版本导入前预览）', params: ImportParams, body: DiffRequest, response: { 200: PlanDiffResponse } } }, async (req) =>
    previewDiff(ctxOf(deps, req), req.params.id, req.body.planId, req.body.draft),
  );
  app.post('/imports/:id/commit', { schema: { tags, summary: '确认导入（一次性提交全部内容）', params: ImportParams, body: CommitImportRequest, response: { 200: CommitResult } } }, async (req) =>
    commitImport(ctxOf(deps, req), req.params.id, req.body),
  );
  app.delete('/imports/:id', { schema: { tags, summary: '取消导入', params: ImportParams, response: { 200: Ok } } }, async (req) => {
    await cancelImport(ctxOf(deps, req), req.params.id);
    return { ok: true as const };
  });
  app.post('/assignments', { schema: { tags, summary: '批量指定任务的牵头或责任单位（须填写原因）', body: BulkAssignRequest, response: { 200: BulkAssignResult } } }, async (req) =>
    assignTasks(ctxOf(deps, req), req.body),
  );
  app.post('/assignments/:id/remove', { schema: { tags, summary: '撤销一条任务分工（须填写原因）', params: AssignmentParams, body: RemoveAssignmentRequest, response: { 200: Ok } } }, async (req) => {
    await removeAssignment(ctxOf(deps, req), req.params.id, req.body.reason);
    return { ok: true as const };
  });
  app.get('/tasks', { schema: { tags, summary: '任务列表：按方案、章节、单位、状态、完成时限筛选（联络员只看本单位）', querystring: TaskListQuery, response: { 200: TaskList } } }, async (req) =>
    listTasks(ctxOf(deps, req), req.query),
  );
  app.get('/tasks/:id', { schema: { tags, summary: '任务详情：方案原文位置、责任单位、时限、指标、状态、各期报送与佐证材料', params: IdParams, response: { 200: TaskPage } } }, async (req) =>
    getTaskPage(ctxOf(deps, req), req.params.id),
  );
  app.get('/:id', { schema: { tags, summary: '方案详情（目录、任务、责任单位、时限、指标、版本）', params: IdParams, response: { 200: PlanDetail } } }, async (req) => getPlan(ctxOf(deps, req), req.params.id));
  app.get('/:id/reporting', { schema: { tags, summary: '报送设置与报送周期', params: IdParams, response: { 200: ReportingView } } }, async (req) => getReporting(ctxOf(deps, req), req.params.id));
  app.put('/:id/reporting', { schema: { tags, summary: '调整报送周期（无报送时）、报送期限和滞后容差', params: IdParams, body: ReportingSettingsRequest, response: { 200: ReportingView } } }, async (req) =>
    setReporting(ctxOf(deps, req), req.params.id, req.body),
  );
  app.get('/:id/source', { schema: { tags, summary: '方案原文', params: IdParams, querystring: z.object({ versionId: Id.optional() }).strict(), response: { 200: PlanSource } } }, async (req) =>
    getPlanSource(ctxOf(deps, req), req.params.id, req.query.versionId),
  );
};
