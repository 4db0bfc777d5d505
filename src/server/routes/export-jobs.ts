import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { join } from 'node:path';
import { IdParams } from '../../shared/api/common.ts';
import { ExportJob, ExportJobList, StartExportRequest } from '../../shared/api/dashboard.ts';
import { getExportJob, listExportJobs, openExportFile, startExportJob } from '../../services/export-jobs.ts';
import type { AppDeps } from '../app.ts';
import { ctxOf } from '../auth.ts';

const tags = ['导出'];

export const exportJobRoutes = (deps: AppDeps): FastifyPluginAsyncZod => async (app) => {
  const dir = join(deps.config.dataDir, 'exports');
  app.post('/', { schema: { tags, summary: '导出列表（按当前筛选条件，后台生成 Excel；联络员只含本单位）', body: StartExportRequest, response: { 200: ExportJob } } }, async (req) => startExportJob(ctxOf(deps, req), req.body, { dir }));
  app.get('/', { schema: { tags, summary: '我的导出任务', response: { 200: ExportJobList } } }, async (req) => ({ items: await listExportJobs(ctxOf(deps, req)) }));
  app.get('/:id', { schema: { tags, summary: '导出进度', params: IdParams, response: { 200: ExportJob } } }, async (req) => getExportJob(ctxOf(deps, req), req.params.id));
  app.get('/:id/download', { schema: { tags, summary: '下载导出的文件', params: IdParams } }, async (req, reply) => {
    const f = await openExportFile(ctxOf(deps, req), req.params.id);
    const ascii = f.fileName.replace(/[^\x20-\x7e]/g, '_');
    return reply
      .header('content-type', f.type)
      .header('content-length', f.size)
      .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(f.fileName)}`)
      .send(f.stream);
  });
};
