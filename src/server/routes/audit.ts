import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AuditPage, AuditQuery } from '../../shared/api/audit.ts';
import { searchAudit } from '../../services/audit.ts';
import type { AppDeps } from '../app.ts';
import { ctxOf } from '../auth.ts';

export const auditRoutes = (deps: AppDeps): FastifyPluginAsyncZod => async (app) => {
  app.get('/', { schema: { tags: ['审计日志'], summary: '查询审计日志', querystring: AuditQuery, response: { 200: AuditPage } } }, async (req) => searchAudit(ctxOf(deps, req), req.query));
};
