import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import { authenticate, type Authenticated } from '../services/auth.ts';
import type { ServiceContext } from '../services/context.ts';
import { AppError } from '../shared/errors.ts';
import type { AppDeps } from './app.ts';

export const SESSION_COOKIE = 'fazhi_session';

declare module 'fastify' {
  interface FastifyRequest {
    auth: Authenticated | null;
  }
  interface FastifyContextConfig {
    /** true: no session needed (login, health, public portal) */
    public?: boolean;
  }
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Every /api route needs a live session unless its config says public; every state-changing
 * request must carry the session's CSRF token in x-csrf-token (double submit, server-side token).
 * Runs before validation, so an anonymous request is told to sign in, not that its body is wrong.
 */
export function registerAuth(app: FastifyInstance, deps: AppDeps): void {
  app.decorateRequest('auth', null);
  app.addHook('onRequest', async (req) => {
    const token = req.cookies[SESSION_COOKIE];
    req.auth = token ? await authenticate({ db: deps.handle.db, clock: deps.clock, settings: deps.config }, token) : null;
    if (!req.url.startsWith('/api/') || req.url.startsWith('/api/docs') || req.routeOptions.config?.public) return;
    if (!req.routeOptions.url) return; // unknown route: the 404 handler answers
    if (!req.auth) throw new AppError('UNAUTHENTICATED', '登录已过期或尚未登录，请重新登录');
    if (!SAFE.has(req.method)) {
      const sent = req.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !sameToken(sent, req.auth.session.csrf_token)) {
        throw new AppError('FORBIDDEN', '页面已过期（安全校验失败），请刷新页面后重试');
      }
    }
    // until the first-login password change is done, only the auth routes answer
    if (req.auth.user.must_change_password === 1 && !req.url.startsWith('/api/auth/')) {
      throw new AppError('FORBIDDEN', '请先修改初始密码');
    }
  });
}

export function ctxOf(deps: AppDeps, req: FastifyRequest): ServiceContext {
  return {
    db: deps.handle.db,
    clock: deps.clock,
    actor: req.auth ? req.auth.actor : { kind: 'anonymous' },
    ip: req.ip,
    requestId: req.id,
    blobs: deps.blobs,
    uploadLimitBytes: deps.config.uploadLimitBytes,
  };
}

/** The session of an authenticated route (the hook guarantees it). */
export function sessionOf(req: FastifyRequest): Authenticated {
  if (!req.auth) throw new AppError('UNAUTHENTICATED', '请先登录');
  return req.auth;
}

export function setSessionCookie(reply: FastifyReply, req: FastifyRequest, deps: AppDeps, token: string, expiresAt: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: deps.config.secureCookie || req.protocol === 'https',
    path: '/',
    expires: new Date(expiresAt),
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}
