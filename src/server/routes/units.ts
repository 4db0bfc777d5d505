import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Id, IdParams } from '../../shared/api/common.ts';
import {
  AddAliasRequest,
  AliasParams,
  CreateUnitRequest,
  ImportResult,
  MergeUnitsRequest,
  Resolution,
  ResolveQuery,
  SetActiveRequest,
  Unit,
  UnitList,
  UnitListQuery,
  UpdateUnitRequest,
} from '../../shared/api/units.ts';
import { addAlias, createUnit, getUnit, listUnits, mergeUnits, removeAlias, resolveUnitName, setUnitActive, updateUnit } from '../../services/units.ts';
import { exportUnits, importUnits } from '../../services/units-import.ts';
import { AppError } from '../../shared/errors.ts';
import type { AppDeps } from '../app.ts';
import { ctxOf } from '../auth.ts';
import { readUpload, sendDownload } from '../files.ts';

const tags = ['单位名录'];

export const unitRoutes = (deps: AppDeps): FastifyPluginAsyncZod => async (app) => {
  app.get('/', { schema: { tags, summary: '单位列表', querystring: UnitListQuery, response: { 200: UnitList } } }, async (req) => ({
    items: await listUnits(ctxOf(deps, req), req.query),
  }));
  app.get('/resolve', { schema: { tags, summary: '解析单位名称（全称、别名、相似建议）', querystring: ResolveQuery, response: { 200: Resolution } } }, async (req) =>
    resolveUnitName(ctxOf(deps, req), req.query.regionId, req.query.name),
  );
  app.get('/export', { schema: { tags, summary: '导出单位名录（Excel）', querystring: z.object({ regionId: Id }).strict() } }, async (req, reply) => {
    const f = await exportUnits(ctxOf(deps, req), req.query.regionId);
    return sendDownload(reply, f.fileName, f.data, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  });
  app.post('/import', { schema: { tags, summary: '导入单位名录（Excel，全部成功才生效）', querystring: z.object({ regionId: Id }).strict(), response: { 200: ImportResult } } }, async (req) => {
    const file = await readUpload(req, deps.config.uploadLimitBytes);
    if (!file) throw new AppError('VALIDATION', '请选择要导入的 Excel 文件', [{ field: 'file', message: '未收到文件' }]);
    return importUnits(ctxOf(deps, req), req.query.regionId, file.data);
  });
  app.post('/merge', { schema: { tags, summary: '合并两个单位（别名、分组、账号移到目标单位）', body: MergeUnitsRequest, response: { 200: Unit } } }, async (req) =>
    mergeUnits(ctxOf(deps, req), req.body.sourceId, req.body.targetId),
  );
  app.get('/:id', { schema: { tags, summary: '单位详情', params: IdParams, response: { 200: Unit } } }, async (req) => getUnit(ctxOf(deps, req), req.params.id));
  app.post('/', { schema: { tags, summary: '新增单位', body: CreateUnitRequest, response: { 200: Unit } } }, async (req) => createUnit(ctxOf(deps, req), req.body));
  app.patch('/:id', { schema: { tags, summary: '修改单位（带版本号，防止覆盖他人修改）', params: IdParams, body: UpdateUnitRequest, response: { 200: Unit } } }, async (req) =>
    updateUnit(ctxOf(deps, req), req.params.id, req.body),
  );
  app.post('/:id/active', { schema: { tags, summary: '启用或停用单位', params: IdParams, body: SetActiveRequest, response: { 200: Unit } } }, async (req) =>
    setUnitActive(ctxOf(deps, req), req.params.id, req.body.version, req.body.active),
  );
  app.post('/:id/aliases', { schema: { tags, summary: '添加别名', params: IdParams, body: AddAliasRequest, response: { 200: Unit } } }, async (req) =>
    addAlias(ctxOf(deps, req), req.params.id, req.body.alias),
  );
  app.delete('/:id/aliases/:aliasId', { schema: { tags, summary: '删除别名', params: AliasParams, response: { 200: Unit } } }, async (req) =>
    removeAlias(ctxOf(deps, req), req.params.id, req.params.aliasId),
  );
};
