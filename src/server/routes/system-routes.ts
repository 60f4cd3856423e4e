import { z } from 'zod';
import { PUBLIC } from '../../domain/access.ts';
import { systemInfo } from '../../domain/schemas/account-schemas.ts';
import { errorBody } from '../../domain/schemas/common.ts';
import { pingStore } from '../../store/database.ts';
import { VERSION } from '../version.ts';
import { sendError } from '../error-handler.ts';
import { AppError } from '../../domain/errors.ts';
import type { ServiceDeps, ZodApp } from '../service-spec.ts';

/** Liveness, readiness, service information and the OpenAPI document. */
export function registerSystemRoutes(app: ZodApp, deps: ServiceDeps): void {
  const tags = ['system'];
  app.get('/healthz', {
    config: { access: PUBLIC },
    schema: {
      tags,
      summary: 'Liveness: the process answers',
      response: { 200: z.object({ status: z.literal('ok') }) },
    },
    handler: async () => ({ status: 'ok' as const }),
  });

  app.get('/readyz', {
    config: { access: PUBLIC },
    schema: {
      tags,
      summary: 'Readiness: the database answers and migrations are applied',
      response: { 200: z.object({ status: z.literal('ready'), database: z.string() }), 503: errorBody },
    },
    handler: async (request, reply) => {
      try {
        await pingStore(deps.store);
      } catch (error) {
        request.log.warn({ err: error }, 'database not reachable');
        return sendError(request, reply, new AppError('NOT_READY'), 503);
      }
      return { status: 'ready' as const, database: deps.store.dialect };
    },
  });

  app.get('/openapi.json', {
    config: { access: PUBLIC },
    schema: { hide: true },
    handler: async () => app.swagger(),
  });

  app.get('/api/system/info', {
    config: { access: PUBLIC },
    schema: {
      tags,
      summary: 'Which service this is and its clock (sandbox mode shows its factor)',
      response: { 200: systemInfo },
    },
    handler: async () => ({
      service: deps.platform,
      version: VERSION,
      clock: { mode: deps.clock.mode, factor: deps.clock.factor, now: deps.clock.now().toISOString() },
    }),
  });
}
