import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { CreateRegionRequest, Region, RegionList } from '../../shared/api/regions.ts';
import { createRegion, listRegions } from '../../services/regions.ts';
import type { AppDeps } from '../app.ts';
import { ctxOf } from '../auth.ts';

const tags = ['地区'];

export const regionRoutes = (deps: AppDeps): FastifyPluginAsyncZod => async (app) => {
  app.get('/', { schema: { tags, summary: '可见的地区', response: { 200: RegionList } } }, async (req) => ({ items: await listRegions(ctxOf(deps, req)) }));
  app.post('/', { schema: { tags, summary: '新建地区（系统管理员）', body: CreateRegionRequest, response: { 200: Region } } }, async (req) => createRegion(ctxOf(deps, req), req.body));
};
