import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams } from '../../shared/api/common.ts';
import { CorrectValueRequest, DefineMetricRequest, EnterValueRequest, MetricDetail, MetricsBoard, MetricsQuery } from '../../shared/api/metrics.ts';
import { correctMetricValue, defineMetric, enterMetricValue, getMetric, metricsBoard } from '../../services/metrics.ts';
import type { AppDeps } from '../app.ts';
import { ctxOf } from '../auth.ts';

const tags = ['量化指标'];

export const metricRoutes = (deps: AppDeps): FastifyPluginAsyncZod => async (app) => {
  app.get('/', { schema: { tags, summary: '量化指标看板：本地区全部指标的达标情况（已达标、有风险、未达标、无数据），可按章节、状态筛选', querystring: MetricsQuery, response: { 200: MetricsBoard } } }, async (req) => metricsBoard(ctxOf(deps, req), req.query));
  app.post('/', { schema: { tags, summary: '依法治办为任务添加方案未识别的量化指标（比较方式、目标值、单位、范围、期限）', body: DefineMetricRequest, response: { 200: MetricDetail } } }, async (req) => defineMetric(ctxOf(deps, req), req.body));
  app.get('/:id', { schema: { tags, summary: '量化指标：定义、达标情况、各期数值及来源', params: IdParams, response: { 200: MetricDetail } } }, async (req) => getMetric(ctxOf(deps, req), req.params.id));
  app.post('/:id/values', { schema: { tags, summary: '依法治办录入某期数值（须注明数据来源）', params: IdParams, body: EnterValueRequest, response: { 200: MetricDetail } } }, async (req) => enterMetricValue(ctxOf(deps, req), req.params.id, req.body));
  app.post('/values/:id/correct', { schema: { tags, summary: '更正已录入的数值（原记录保留并标为已更正）', params: IdParams, body: CorrectValueRequest, response: { 200: MetricDetail } } }, async (req) => correctMetricValue(ctxOf(deps, req), req.params.id, req.body));
};
