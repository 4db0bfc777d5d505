import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Id, IdParams } from '../../shared/api/common.ts';
import {
  AdvanceCampaignRequest,
  Campaign,
  CampaignList,
  CopyFrameworkRequest,
  CreateCampaignRequest,
  DefaultFrameworkRequest,
  Framework,
  FrameworkList,
  FrameworkOptions,
  Ranking,
  ReviewScoreRequest,
  SaveFrameworkRequest,
  SelfAssessRequest,
  SelfEvidenceList,
  SelfEvidenceQuery,
  UnitScorecard,
  WhatIfRequest,
  WhatIfResult,
} from '../../shared/api/assessment.ts';
import { advanceCampaign, copyFramework, createCampaign, defaultFramework, frameworkOptions, getCampaign, getFramework, listCampaigns, listFrameworks, ranking, rankingXlsx, reviewScore, saveFramework, scorecard, scorecardDocx, selfAssess, selfEvidence, whatIf } from '../../services/assessment.ts';
import { AppError } from '../../shared/errors.ts';
import { exportFramework, importFramework } from '../../services/assessment-sheet.ts';
import { readUpload, sendDownload } from '../files.ts';
import type { AppDeps } from '../app.ts';
import { ctxOf } from '../auth.ts';

const tags = ['考核'];
const RegionQuery = z.object({ regionId: Id.optional() }).strict();
const ImportFrameworkQuery = z.object({ regionId: Id.optional(), planId: Id.optional(), year: z.coerce.number().int().min(2000, '年度不正确').max(2100, '年度不正确'), name: z.string().trim().min(1, '请填写名称').max(100) }).strict();
const regionOf = (req: { query: { regionId?: string } }, ctx: ReturnType<typeof ctxOf>) => {
  const r = req.query.regionId ?? (ctx.actor.kind === 'user' ? ctx.actor.currentRegionId : null);
  if (!r) throw new AppError('VALIDATION', '请先选择地区');
  return r;
};

export const assessmentRoutes = (deps: AppDeps): FastifyPluginAsyncZod => async (app) => {
  app.get('/frameworks', { schema: { tags, summary: '考核指标体系列表', querystring: RegionQuery, response: { 200: FrameworkList } } }, async (req) => {
    const ctx = ctxOf(deps, req);
    return listFrameworks(ctx, regionOf(req, ctx));
  });
  app.post('/frameworks/default', { schema: { tags, summary: '按方案的章节和量化指标生成默认指标体系', body: DefaultFrameworkRequest, response: { 200: Framework } } }, async (req) => defaultFramework(ctxOf(deps, req), req.body));
  app.get('/frameworks/:id', { schema: { tags, summary: '指标体系（树）及其校验问题', params: IdParams, response: { 200: Framework } } }, async (req) => getFramework(ctxOf(deps, req), req.params.id));
  app.put('/frameworks/:id', { schema: { tags, summary: '保存编辑后的指标体系（整体校验）', params: IdParams, body: SaveFrameworkRequest, response: { 200: Framework } } }, async (req) => saveFramework(ctxOf(deps, req), req.params.id, req.body));
  app.get('/frameworks/:id/options', { schema: { tags, summary: '编辑指标体系可选的方案、章节、任务和量化指标', params: IdParams, response: { 200: FrameworkOptions } } }, async (req) => frameworkOptions(ctxOf(deps, req), req.params.id));
  app.get('/frameworks/:id/xlsx', { schema: { tags, summary: '导出指标体系（Excel：一级、二级、三级指标、分值、评分方式、评分标准、佐证材料、关联任务）', params: IdParams } }, async (req, reply) => {
    const f = await exportFramework(ctxOf(deps, req), req.params.id);
    return sendDownload(reply, f.fileName, f.data, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  });
  app.post('/frameworks/import', { schema: { tags, summary: '从 Excel 导入指标体系（逐行校验，全部无误才导入）', querystring: ImportFrameworkQuery, response: { 200: Framework } } }, async (req) => {
    const file = await readUpload(req, deps.config.uploadLimitBytes);
    if (!file) throw new AppError('VALIDATION', '请选择要导入的 Excel 文件', [{ field: 'file', message: '未收到文件' }]);
    const ctx = ctxOf(deps, req);
    return importFramework(ctx, { regionId: regionOf(req, ctx), year: req.query.year, name: req.query.name, planId: req.query.planId ?? null, bytes: file.data });
  });
  app.post('/frameworks/:id/copy', { schema: { tags, summary: '复制为下一年度的指标体系', params: IdParams, body: CopyFrameworkRequest, response: { 200: Framework } } }, async (req) => copyFramework(ctxOf(deps, req), req.params.id, req.body));

  app.get('/campaigns', { schema: { tags, summary: '考核列表（考核组只见参加的）', querystring: RegionQuery, response: { 200: CampaignList } } }, async (req) => {
    const ctx = ctxOf(deps, req);
    return listCampaigns(ctx, regionOf(req, ctx));
  });
  app.post('/campaigns', { schema: { tags, summary: '组织考核（依法治办）', body: CreateCampaignRequest, response: { 200: Campaign } } }, async (req) => createCampaign(ctxOf(deps, req), req.body));
  app.get('/campaigns/:id', { schema: { tags, summary: '考核详情', params: IdParams, response: { 200: Campaign } } }, async (req) => getCampaign(ctxOf(deps, req), req.params.id));
  app.post('/campaigns/:id/advance', { schema: { tags, summary: '转入下一阶段：考核评分、审定（冻结结果）、公布；或重新打开（须说明原因）', params: IdParams, body: AdvanceCampaignRequest, response: { 200: Campaign } } }, async (req) => advanceCampaign(ctxOf(deps, req), req.params.id, req.body));
  app.get('/campaigns/:id/ranking', { schema: { tags, summary: '排名（单位在公布后可见）', params: IdParams, response: { 200: Ranking } } }, async (req) => ranking(ctxOf(deps, req), req.params.id));
  app.get('/campaigns/:id/units/:unitId', { schema: { tags, summary: '单位得分卡：每项指标的计算过程与来源', params: z.object({ id: Id, unitId: Id }).strict(), response: { 200: UnitScorecard } } }, async (req) => scorecard(ctxOf(deps, req), req.params.id, req.params.unitId));
  app.get('/campaigns/:id/units/:unitId/docx', { schema: { tags, summary: '单位得分表（Word）', params: z.object({ id: Id, unitId: Id }).strict() } }, async (req, reply) => {
    const f = await scorecardDocx(ctxOf(deps, req), req.params.id, req.params.unitId);
    return sendDownload(reply, f.fileName, f.data, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  });
  app.get('/campaigns/:id/ranking/xlsx', { schema: { tags, summary: '考核排名（Excel）', params: IdParams } }, async (req, reply) => {
    const f = await rankingXlsx(ctxOf(deps, req), req.params.id);
    return sendDownload(reply, f.fileName, f.data, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  });
  app.get('/campaigns/:id/evidence', { schema: { tags, summary: '本单位本年度进展报送中已有的佐证材料（自评时可直接引用）', params: IdParams, querystring: SelfEvidenceQuery, response: { 200: SelfEvidenceList } } }, async (req) => selfEvidence(ctxOf(deps, req), req.params.id, req.query.unitId));
  app.post('/campaigns/:id/self', { schema: { tags, summary: '单位自评', params: IdParams, body: SelfAssessRequest, response: { 200: UnitScorecard } } }, async (req) => selfAssess(ctxOf(deps, req), req.params.id, req.body));
  app.post('/campaigns/:id/review', { schema: { tags, summary: '考核组评分、记录异议', params: IdParams, body: ReviewScoreRequest, response: { 200: UnitScorecard } } }, async (req) => reviewScore(ctxOf(deps, req), req.params.id, req.body));
  app.post('/campaigns/:id/what-if', { schema: { tags, summary: '模拟测算：某项指标得分变化对总分和排名的影响', params: IdParams, body: WhatIfRequest, response: { 200: WhatIfResult } } }, async (req) => whatIf(ctxOf(deps, req), req.params.id, req.body));
};
