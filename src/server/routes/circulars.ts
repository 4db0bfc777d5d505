import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams, Ok } from '../../shared/api/common.ts';
import { Circular, CircularList, CircularQuery, DeleteCircularQuery, GenerateCircularRequest, IssueCircularRequest, UpdateCircularRequest } from '../../shared/api/circulars.ts';
import { circularDocx, deleteCircular, generateCircular, getCircular, issueCircular, listCirculars, updateCircular } from '../../services/circulars.ts';
import { sendDownload } from '../files.ts';
import type { AppDeps } from '../app.ts';
import { ctxOf } from '../auth.ts';

const tags = ['通报'];

export const circularRoutes = (deps: AppDeps): FastifyPluginAsyncZod => async (app) => {
  app.get('/', { schema: { tags, summary: '通报列表（依法治办含草稿，其他人员只见已印发）', querystring: CircularQuery, response: { 200: CircularList } } }, async (req) => listCirculars(ctxOf(deps, req), req.query));
  app.post('/', { schema: { tags, summary: '按方案和报送周期生成通报草稿（依法治办，报送截止后）', body: GenerateCircularRequest, response: { 200: Circular } } }, async (req) => generateCircular(ctxOf(deps, req), req.body));
  app.get('/:id', { schema: { tags, summary: '通报全文', params: IdParams, response: { 200: Circular } } }, async (req) => getCircular(ctxOf(deps, req), req.params.id));
  app.put('/:id', { schema: { tags, summary: '修改通报草稿的文字（单位分组和统计表不可改）', params: IdParams, body: UpdateCircularRequest, response: { 200: Circular } } }, async (req) => updateCircular(ctxOf(deps, req), req.params.id, req.body));
  app.post('/:id/issue', { schema: { tags, summary: '印发：编号、定稿并通知所列单位', params: IdParams, body: IssueCircularRequest, response: { 200: Circular } } }, async (req) => issueCircular(ctxOf(deps, req), req.params.id, req.body.version));
  app.delete('/:id', { schema: { tags, summary: '删除通报草稿', params: IdParams, querystring: DeleteCircularQuery, response: { 200: Ok } } }, async (req) => deleteCircular(ctxOf(deps, req), req.params.id, req.query.version));
  app.get('/:id/docx', { schema: { tags, summary: '通报 Word 文件（GB/T 9704 版式）', params: IdParams } }, async (req, reply) => {
    const f = await circularDocx(ctxOf(deps, req), req.params.id);
    return sendDownload(reply, f.fileName, f.data, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  });
};
