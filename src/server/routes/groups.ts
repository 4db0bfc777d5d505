import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams, Ok } from '../../shared/api/common.ts';
import { CreateGroupRequest, Group, GroupList, GroupListQuery, GroupPreview, GroupPreviewRequest, UpdateGroupRequest } from '../../shared/api/units.ts';
import { createGroup, deleteGroup, listGroups, previewGroup, updateGroup } from '../../services/groups.ts';
import type { AppDeps } from '../app.ts';
import { ctxOf } from '../auth.ts';

const tags = ['单位分组'];

export const groupRoutes = (deps: AppDeps): FastifyPluginAsyncZod => async (app) => {
  app.get('/', { schema: { tags, summary: '分组列表（含当前成员）', querystring: GroupListQuery, response: { 200: GroupList } } }, async (req) => ({
    items: await listGroups(ctxOf(deps, req), req.query.regionId),
  }));
  app.post('/preview', { schema: { tags, summary: '预览分组成员', body: GroupPreviewRequest, response: { 200: GroupPreview } } }, async (req) => ({
    members: await previewGroup(ctxOf(deps, req), req.body),
  }));
  app.post('/', { schema: { tags, summary: '新建分组', body: CreateGroupRequest, response: { 200: Group } } }, async (req) => createGroup(ctxOf(deps, req), req.body));
  app.patch('/:id', { schema: { tags, summary: '修改分组', params: IdParams, body: UpdateGroupRequest, response: { 200: Group } } }, async (req) =>
    updateGroup(ctxOf(deps, req), req.params.id, req.body),
  );
  app.delete('/:id', { schema: { tags, summary: '删除分组', params: IdParams, response: { 200: Ok } } }, async (req) => {
    await deleteGroup(ctxOf(deps, req), req.params.id);
    return { ok: true as const };
  });
};
