import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { FeedQuery, PortalFileQuery, PortalList, PortalParams, PortalQuery, PortalRegions, PortalReport, PortalVersionParams } from '../../shared/api/annual-reports.ts';
import { portalDocx, portalFeed, portalPdf, portalRegions, portalReport, portalSearch } from '../../services/annual-portal.ts';
import { sendDownload } from '../files.ts';
import type { AppDeps } from '../app.ts';
import { ctxOf } from '../auth.ts';

/** The public portal of annual reports: no login; only published copies ever reach it. */
const tags = ['公开平台'];
const open = { public: true };

export const portalRoutes = (deps: AppDeps): FastifyPluginAsyncZod => async (app) => {
  app.get('/regions', { config: open, schema: { tags, summary: '有公开年度报告的地区及年度', response: { 200: PortalRegions } } }, async (req) => portalRegions(ctxOf(deps, req)));
  app.get('/reports', { config: open, schema: { tags, summary: '已公开的年度报告：按地区、年度浏览或中文全文检索', querystring: PortalQuery, response: { 200: PortalList } } }, async (req) => portalSearch(ctxOf(deps, req), req.query));
  app.get('/reports/:reportId', { config: open, schema: { tags, summary: '年度报告的现行公开版本（固定地址）', params: PortalParams, response: { 200: PortalReport } } }, async (req) => portalReport(ctxOf(deps, req), req.params.reportId));
  app.get('/reports/:reportId/v/:no', { config: open, schema: { tags, summary: '年度报告的某一公开版本（更正前的版本仍可查阅）', params: PortalVersionParams, response: { 200: PortalReport } } }, async (req) => portalReport(ctxOf(deps, req), req.params.reportId, req.params.no));
  app.get('/reports/:reportId/docx', { config: open, schema: { tags, summary: '下载 Word', params: PortalParams, querystring: PortalFileQuery } }, async (req, reply) => {
    const f = await portalDocx(ctxOf(deps, req), req.params.reportId, req.query.v);
    return sendDownload(reply, f.fileName, f.data, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  });
  app.get('/reports/:reportId/pdf', { config: open, schema: { tags, summary: '下载 PDF', params: PortalParams, querystring: PortalFileQuery } }, async (req, reply) => {
    const f = await portalPdf(ctxOf(deps, req), req.params.reportId, req.query.v);
    return sendDownload(reply, f.fileName, f.data, 'application/pdf');
  });
  app.get('/feed.xml', { config: open, schema: { tags, summary: '新公开年度报告的 Atom 订阅', querystring: FeedQuery } }, async (req, reply) => {
    const base = deps.config.publicUrl ?? `${req.protocol}://${req.host}`;
    const xml = await portalFeed(ctxOf(deps, req), { baseUrl: base, regionId: req.query.regionId });
    return reply.header('content-type', 'application/atom+xml; charset=utf-8').send(xml);
  });
};
