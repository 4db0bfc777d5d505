import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams } from '../../shared/api/common.ts';
import { CreateUserRequest, PasswordReset, UpdateUserRequest, User, UserCreated, UserList, UserListQuery } from '../../shared/api/users.ts';
import { createUser, listUsers, resetPassword, updateUser } from '../../services/users.ts';
import type { AppDeps } from '../app.ts';
import { ctxOf } from '../auth.ts';

const tags = ['账号'];

export const userRoutes = (deps: AppDeps): FastifyPluginAsyncZod => async (app) => {
  app.get('/', { schema: { tags, summary: '账号列表', querystring: UserListQuery, response: { 200: UserList } } }, async (req) => ({
    items: await listUsers(ctxOf(deps, req), req.query),
  }));
  app.post('/', { schema: { tags, summary: '新建账号（未设密码时生成临时密码，首次登录须修改）', body: CreateUserRequest, response: { 200: UserCreated } } }, async (req) =>
    createUser(ctxOf(deps, req), req.body),
  );
  app.patch('/:id', { schema: { tags, summary: '修改账号', params: IdParams, body: UpdateUserRequest, response: { 200: User } } }, async (req) =>
    updateUser(ctxOf(deps, req), req.params.id, req.body),
  );
  app.post('/:id/reset-password', { schema: { tags, summary: '重置密码', params: IdParams, response: { 200: PasswordReset } } }, async (req) => ({
    temporaryPassword: await resetPassword(ctxOf(deps, req), req.params.id),
  }));
};
