import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ChangePasswordRequest, LoginRequest, Me, SessionIdParams, SessionList, SwitchRegionRequest } from '../../shared/api/auth.ts';
import { Ok } from '../../shared/api/common.ts';
import { buildMe, changePassword, listSessions, login, logout, revokeSession, switchRegion, actorFor } from '../../services/auth.ts';
import { usersRepo } from '../../db/repositories/users.ts';
import type { AppDeps } from '../app.ts';
import { clearSessionCookie, ctxOf, sessionOf, setSessionCookie } from '../auth.ts';

const tags = ['登录与会话'];

export const authRoutes = (deps: AppDeps): FastifyPluginAsyncZod => async (app) => {
  app.post('/login', { config: { public: true }, schema: { tags, summary: '登录', body: LoginRequest, response: { 200: Me } } }, async (req, reply) => {
    const r = await login(
      { db: deps.handle.db, clock: deps.clock, settings: deps.config },
      { username: req.body.username, password: req.body.password, ip: req.ip, userAgent: req.headers['user-agent'] ?? null, requestId: req.id },
    );
    setSessionCookie(reply, req, deps, r.token, r.expiresAt);
    return r.me;
  });

  app.post('/logout', { schema: { tags, summary: '退出登录', response: { 200: Ok } } }, async (req, reply) => {
    await logout(ctxOf(deps, req), sessionOf(req).session.id);
    clearSessionCookie(reply);
    return { ok: true as const };
  });

  app.get('/me', { schema: { tags, summary: '当前用户', response: { 200: Me } } }, async (req) => {
    const { actor, session, user } = sessionOf(req);
    return buildMe(deps.handle.db, actor, session.csrf_token, user.must_change_password === 1);
  });

  app.post('/password', { schema: { tags, summary: '修改密码', body: ChangePasswordRequest, response: { 200: Ok } } }, async (req) => {
    await changePassword(ctxOf(deps, req), sessionOf(req).session.id, req.body.oldPassword, req.body.newPassword);
    return { ok: true as const };
  });

  app.post('/region', { schema: { tags, summary: '切换当前地区', body: SwitchRegionRequest, response: { 200: Me } } }, async (req) => {
    const { session, user } = sessionOf(req);
    await switchRegion(ctxOf(deps, req), session.id, req.body.regionId);
    const fresh = (await usersRepo.findById(deps.handle.db, user.id))!;
    return buildMe(deps.handle.db, await actorFor(deps.handle.db, fresh, req.body.regionId), session.csrf_token, fresh.must_change_password === 1);
  });

  app.get('/sessions', { schema: { tags, summary: '我的登录设备', response: { 200: SessionList } } }, async (req) => ({
    items: await listSessions(ctxOf(deps, req), sessionOf(req).session.id),
  }));

  app.delete('/sessions/:id', { schema: { tags, summary: '注销一个登录设备', params: SessionIdParams, response: { 200: Ok } } }, async (req) => {
    await revokeSession(ctxOf(deps, req), req.params.id);
    return { ok: true as const };
  });
};
