import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ping } from '../../db/client.ts';
import { VERSION } from '../../shared/version.ts';
import type { AppDeps } from '../app.ts';

export const healthRoutes = (deps: AppDeps): FastifyPluginAsyncZod => async (app) => {
  app.get(
    '/healthz',
    {
      config: { public: true },
      schema: { tags: ['系统'], summary: '健康检查', response: { 200: z.object({ status: z.literal('ok'), version: z.string(), database: z.enum(['sqlite', 'postgres']) }) } },
    },
    async () => {
      await ping(deps.handle.db);
      return { status: 'ok' as const, version: VERSION, database: deps.handle.dialect };
    },
  );
};
