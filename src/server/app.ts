import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { hasZodFastifySchemaValidationErrors, jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { DbHandle } from '../db/client.ts';
import type { Clock } from '../shared/clock.ts';
import { AppError, STATUS_OF, isAppError, type ErrorBody, type ErrorCode } from '../shared/errors.ts';
import { issuesToDetails } from '../services/validate.ts';
import type { Config } from './config.ts';
import { registerAuth } from './auth.ts';
import { authRoutes } from './routes/auth.ts';
import { regionRoutes } from './routes/regions.ts';
import { unitRoutes } from './routes/units.ts';
import { groupRoutes } from './routes/groups.ts';
import { userRoutes } from './routes/users.ts';
import { auditRoutes } from './routes/audit.ts';
import { planRoutes } from './routes/plans.ts';
import { evidenceRoutes, reportRoutes } from './routes/reports.ts';
import { LocalBlobStore, type BlobStore } from '../db/blob-store.ts';
import { healthRoutes } from './routes/health.ts';
import { supervisionRoutes } from './routes/supervision.ts';
import { circularRoutes } from './routes/circulars.ts';
import { annualReportRoutes } from './routes/annual-reports.ts';
import { portalRoutes } from './routes/portal.ts';
import { calendarRoutes } from './routes/calendar.ts';
import { notificationRoutes } from './routes/notifications.ts';
import { assessmentRoutes } from './routes/assessment.ts';
import { dashboardRoutes } from './routes/dashboard.ts';
import { taskSheetRoutes } from './routes/task-sheet.ts';
import { exportJobRoutes } from './routes/export-jobs.ts';
import { inspectionRoutes } from './routes/inspections.ts';
import { metricRoutes } from './routes/metrics.ts';
import type { WorkCalendar } from '../domain/calendar.ts';
import { VERSION } from '../shared/version.ts';

export interface AppDeps {
  config: Config;
  handle: DbHandle;
  clock: Clock;
  /** directory of the built web UI; defaults to ./dist/web */
  webDir?: string;
  /** where uploaded files live; defaults to FAZHI_DATA_DIR/files */
  blobs?: BlobStore;
  /** the working-day calendar the supervision rules count with */
  loadCalendar: () => Promise<WorkCalendar>;
  /** wakes the notification sender after a write, so messages go out within a second rather than at its next round */
  kickDeliveries?: () => void;
}

export type App = FastifyInstance;

declare module 'fastify' {
  interface FastifyInstance {
    routeTable: { method: string; url: string; public: boolean }[];
  }
}

export function errorBody(code: ErrorCode, message: string, details: ErrorBody['error']['details'], requestId?: string): ErrorBody {
  return { error: { code, message, details, requestId } };
}

export async function buildApp(deps: AppDeps): Promise<App> {
  const { config } = deps;
  deps.blobs ??= new LocalBlobStore(join(config.dataDir, 'files'));
  const app = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel, redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]'] },
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    genReqId: () => randomBytes(8).toString('hex'),
    requestIdHeader: false,
    ajv: undefined,
  }).withTypeProvider<ZodTypeProvider>();

  // every route, as registered: the role × route test checks that each protected one is covered
  const routes: { method: string; url: string; public: boolean }[] = [];
  app.decorate('routeTable', routes);
  app.addHook('onRoute', (r) => {
    for (const m of [r.method].flat()) if (m !== 'HEAD') routes.push({ method: m, url: r.url, public: !!r.config?.public });
  });

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  // a successful write may have queued notifications
  app.addHook('onResponse', async (req, reply) => {
    if (req.method !== 'GET' && reply.statusCode < 400) deps.kickDeliveries?.();
  });

  // set before any plugin so every encapsulated context answers errors the same way
  app.setErrorHandler((err: FastifyError, req, reply) => sendError(app, err, req, reply));
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: config.uploadLimitBytes, files: 1, fields: 10 } });
  await app.register(swagger, {
    openapi: { info: { title: 'fazhi 法治政府建设管理平台 API', version: VERSION }, components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'fazhi_session' } } } },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  registerAuth(app, deps);
  await app.register(healthRoutes(deps));
  await app.register(authRoutes(deps), { prefix: '/api/auth' });
  await app.register(regionRoutes(deps), { prefix: '/api/regions' });
  await app.register(unitRoutes(deps), { prefix: '/api/units' });
  await app.register(groupRoutes(deps), { prefix: '/api/groups' });
  await app.register(userRoutes(deps), { prefix: '/api/users' });
  await app.register(auditRoutes(deps), { prefix: '/api/audit' });
  await app.register(planRoutes(deps), { prefix: '/api/plans' });
  await app.register(reportRoutes(deps), { prefix: '/api/reports' });
  await app.register(evidenceRoutes(deps), { prefix: '/api/evidence' });
  await app.register(supervisionRoutes(deps), { prefix: '/api/supervision' });
  await app.register(circularRoutes(deps), { prefix: '/api/circulars' });
  await app.register(annualReportRoutes(deps), { prefix: '/api/annual-reports' });
  await app.register(portalRoutes(deps), { prefix: '/api/portal' });
  await app.register(calendarRoutes(deps), { prefix: '/api/calendar' });
  await app.register(notificationRoutes(deps), { prefix: '/api/notifications' });
  await app.register(assessmentRoutes(deps), { prefix: '/api/assessment' });
  await app.register(dashboardRoutes(deps), { prefix: '/api/dashboard' });
  await app.register(taskSheetRoutes(deps), { prefix: '/api/task-sheet' });
  await app.register(exportJobRoutes(deps), { prefix: '/api/export-jobs' });
  await app.register(inspectionRoutes(deps), { prefix: '/api/inspections' });
  await app.register(metricRoutes(deps), { prefix: '/api/metrics' });

  const webDir = deps.webDir ?? join(process.cwd(), 'dist/web');
  const haveWeb = existsSync(join(webDir, 'index.html'));
  if (haveWeb) await app.register(fastifyStatic, { root: webDir, wildcard: false, index: false, cacheControl: false });

  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0] ?? '';
    if (path.startsWith('/api/') || path === '/api' || req.method !== 'GET') {
      return reply.code(404).send(errorBody('NOT_FOUND', `接口不存在：${req.method} ${path}`, [], req.id));
    }
    if (!haveWeb) return reply.code(503).type('text/plain; charset=utf-8').send('前端尚未构建：请运行 npm run build:web（npm start 会自动构建）。');
    // the single-page app routes everything else; assets under /assets are immutable
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
  return app;
}

function sendError(app: FastifyInstance, err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  if (isAppError(err)) {
    return reply.code(STATUS_OF[err.code]).send(errorBody(err.code, err.message, err.details, req.id));
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const where = err.validationContext === 'body' ? undefined : err.validationContext;
    const details = issuesToDetails(
      err.validation.map((v) => ({ path: v.instancePath.split('/').filter(Boolean), code: v.keyword, message: v.message ?? '', input: (v.params as { input?: unknown }).input, keys: (v.params as { keys?: string[] }).keys })),
      where === 'querystring' ? 'query' : where,
    );
    const summary = details.map((d) => (d.field ? `${d.field}：${d.message}` : d.message)).join('；');
    return reply.code(400).send(errorBody('VALIDATION', `请求有误：${summary}`, details, req.id));
  }
  const code = err.code ?? '';
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE' || code === 'FST_REQ_FILE_TOO_LARGE' || err.statusCode === 413) {
    return reply.code(413).send(errorBody('TOO_LARGE', '提交的内容超过大小限制，请缩小后重试', [], req.id));
  }
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || err.statusCode === 415) {
    return reply.code(415).send(errorBody('UNSUPPORTED', '不支持的内容类型，请以 JSON 提交', [], req.id));
  }
  if (code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
    return reply.code(400).send(errorBody('VALIDATION', '请求体为空，应为 JSON', [], req.id));
  }
  if (err instanceof SyntaxError || code === 'FST_ERR_CTP_INVALID_JSON_BODY' || (err.statusCode === 400 && /JSON/i.test(err.message))) {
    return reply.code(400).send(errorBody('VALIDATION', '请求体不是合法的 JSON', [], req.id));
  }
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    const mapped: ErrorCode = err.statusCode === 404 ? 'NOT_FOUND' : err.statusCode === 429 ? 'RATE_LIMITED' : 'VALIDATION';
    return reply.code(err.statusCode).send(errorBody(mapped, `请求有误：${err.message}`, [], req.id));
  }
  app.log.error({ err, reqId: req.id }, 'unhandled error');
  return reply.code(500).send(errorBody('INTERNAL', `服务器内部错误，请稍后再试；如持续出现，请把编号 ${req.id} 告诉管理员`, [], req.id));
}

export { AppError };
