import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Cockpit, CockpitPeriodQuery, CockpitPeriodRows, CockpitQuery, CockpitTaskList, CockpitTasksQuery, Workbench, WorkbenchQuery } from '../../shared/api/dashboard.ts';
import { cockpit, cockpitDocx, cockpitPdf, cockpitPeriod, cockpitTasks, periodSummaryDocx, periodSummaryPdf } from '../../services/cockpit.ts';
import { sendDownload } from '../files.ts';
import { workbench } from '../../services/dashboard.ts';
import type { AppDeps } from '../app.ts';
import { ctxOf } from '../auth.ts';

const tags = ['工作台'];

export const dashboardRoutes = (deps: AppDeps): FastifyPluginAsyncZod => async (app) => {
  app.get('/workbench', { schema: { tags, summary: '我的工作台：按角色列出现在要办的事（每个数字对应一个列表）', querystring: WorkbenchQuery, response: { 200: Workbench } } }, async (req) => workbench(ctxOf(deps, req), req.query));
  // the cockpit answers its cached object to every leader until the data changes: serialize each object once
  const json = new WeakMap<object, string>();
  const once = () => (data: unknown) => {
    if (typeof data !== 'object' || data === null) return JSON.stringify(data);
    let s = json.get(data);
    if (s === undefined) json.set(data, (s = JSON.stringify(data)));
    return s;
  };
  app.get('/cockpit', { serializerCompiler: once, schema: { tags, summary: '领导驾驶舱：完成率、按时报送率趋势、单位排名、热力图、滞后任务、指标完成（依法治办、领导、督察）', querystring: CockpitQuery, response: { 200: Cockpit } } }, async (req) => cockpit(ctxOf(deps, req), req.query));
  app.get('/cockpit/tasks', { schema: { tags, summary: '驾驶舱下钻：图表某一部分对应的任务', querystring: CockpitTasksQuery, response: { 200: CockpitTaskList } } }, async (req) => ({ items: await cockpitTasks(ctxOf(deps, req), req.query) }));
  app.get('/cockpit/period', { schema: { tags, summary: '驾驶舱下钻：某报送周期各单位各任务的报送情况（按时、逾期、未报送）', querystring: CockpitPeriodQuery, response: { 200: CockpitPeriodRows } } }, async (req) => cockpitPeriod(ctxOf(deps, req), req.query));
  app.get('/cockpit/docx', { schema: { tags, summary: '驾驶舱导出为 Word（会议材料）', querystring: CockpitQuery } }, async (req, reply) => {
    const f = await cockpitDocx(ctxOf(deps, req), req.query);
    return sendDownload(reply, f.fileName, f.data, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  });
  app.get('/cockpit/pdf', { schema: { tags, summary: '驾驶舱导出为 PDF（服务器须安装 LibreOffice）', querystring: CockpitQuery } }, async (req, reply) => {
    const f = await cockpitPdf(ctxOf(deps, req), req.query);
    return sendDownload(reply, f.fileName, f.data, 'application/pdf');
  });
  app.get('/cockpit/summary/docx', { schema: { tags, summary: '报送情况汇总（某一周期按章节、按单位的应报、已报、按时、退回、通过，及滞后任务）导出为 Word', querystring: CockpitQuery } }, async (req, reply) => {
    const f = await periodSummaryDocx(ctxOf(deps, req), req.query);
    return sendDownload(reply, f.fileName, f.data, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  });
  app.get('/cockpit/summary/pdf', { schema: { tags, summary: '报送情况汇总导出为 PDF（服务器须安装 LibreOffice）', querystring: CockpitQuery } }, async (req, reply) => {
    const f = await periodSummaryPdf(ctxOf(deps, req), req.query);
    return sendDownload(reply, f.fileName, f.data, 'application/pdf');
  });
};
