import { randomUUID } from 'node:crypto';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import { authenticate } from '../accounts/authenticate.ts';
import { PUBLIC, assertAccess } from '../domain/access.ts';
import type { Clock } from '../domain/clock.ts';
import { negotiateLocale } from '../domain/locale.ts';
import { BlobStore } from '../store/blob-store.ts';
import { type Store, openStore } from '../store/database.ts';
import { migrateToLatest } from '../store/migrator.ts';
import { type Config, blobDirFor, databaseUrlFor } from './config.ts';
import { installErrorHandling } from './error-handler.ts';
import { emptyRequestContext } from './request-context.ts';
import { LedgerService } from './ledger-service.ts';
import { registerAuditRoutes } from './routes/audit-routes.ts';
import { registerLedgerRoutes } from './routes/ledger-routes.ts';
import { registerAuthRoutes } from './routes/auth-routes.ts';
import { registerOrganisationRoutes } from './routes/organisation-routes.ts';
import { registerSystemRoutes } from './routes/system-routes.ts';
import { registerUserRoutes } from './routes/user-routes.ts';
import { VERSION } from './version.ts';
import type { ServiceDeps, ServiceSpec, ZodApp } from './service-spec.ts';

export interface CreateServiceOptions {
  readonly config: Config;
  readonly clock: Clock;
  /** An already open store (tests); otherwise opened from the configuration. */
  readonly store?: Store;
  readonly logger?: Logger;
}

export interface Service {
  readonly app: FastifyInstance;
  readonly deps: ServiceDeps;
}

const BEARER = /^Bearer\s+(\S+)$/i;
/** How long a stop waits for in-flight requests before it cuts their connections. */
const SHUTDOWN_GRACE_MS = 10_000;

/**
 * Builds one platform service: opens and migrates its own database, then registers the common
 * routes (system, auth, organisations, users, audit) and the platform's own. Closing the app
 * waits for in-flight requests and then closes the database.
 */
export async function createService(spec: ServiceSpec, options: CreateServiceOptions): Promise<Service> {
  const { config, clock } = options;
  const store = options.store ?? openStore(databaseUrlFor(config, spec.platform));
  await migrateToLatest(store.db, spec.migrations);
  const ledger = new LedgerService({
    platform: spec.platform,
    config,
    clock,
    db: store.db,
    logger: options.logger,
  });
  await ledger.open();
  const deps: ServiceDeps = {
    platform: spec.platform,
    config,
    clock,
    store,
    blobs: new BlobStore(blobDirFor(config, spec.platform), config.uploads.maxBytes),
    ledger,
  };

  const app = Fastify({
    loggerInstance: options.logger ? options.logger.child({ service: spec.platform }) : undefined,
    logger: options.logger ? undefined : { level: config.log.level, base: { service: spec.platform } },
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomUUID();
    },
    return503OnClosing: true,
    trustProxy: '127.0.0.1',
    bodyLimit: 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>() as unknown as ZodApp;

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app);

  app.decorateRequest('actor', null as never);
  app.decorateRequest('locale', null as never);
  app.decorateRequest('sessionToken', null);

  app.addHook('onRoute', (route) => {
    if (route.config?.access) return;
    if (route.url.startsWith('/docs')) {
      route.config = { ...route.config, access: PUBLIC };
      return;
    }
    throw new Error(`route ${route.method} ${route.url} declares no access rule`);
  });

  app.addHook('onRequest', async (request, reply) => {
    emptyRequestContext(request);
    request.locale = negotiateLocale(request.headers['accept-language']);
    reply.header('x-request-id', request.id);
  });

  // Who is calling, and may they call this route? Runs before validation so a 401/403 never
  // leaks whether the body would have been valid.
  app.addHook('preValidation', async (request) => {
    const rule = request.routeOptions.config.access ?? PUBLIC;
    const match = BEARER.exec(request.headers.authorization ?? '');
    if (match) {
      try {
        const { actor } = await authenticate(store.db, clock, match[1]!, request.actor);
        request.actor = actor;
        request.sessionToken = match[1]!;
      } catch (error) {
        if (rule.kind !== 'public') throw error;
      }
    }
    assertAccess(request.actor, rule);
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: spec.title, description: spec.description, version: VERSION },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'token from POST /api/auth/login' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { docExpansion: 'list' } });

  registerSystemRoutes(app, deps);
  registerAuthRoutes(app, deps);
  registerOrganisationRoutes(app, deps);
  registerUserRoutes(app, deps);
  registerAuditRoutes(app, deps);
  registerLedgerRoutes(app, deps);
  spec.registerRoutes?.(app, deps);

  // While closing, tell keep-alive clients to hang up after their in-flight response, so close()
  // is not held open by idle connections that became idle after it began. A response already on
  // its way when closing began cannot carry that header: its connection is closed once idle. A
  // connection still busy after the grace period (a client that stopped halfway through a request)
  // is cut, so a stop always ends.
  let closing = false;
  let sweep: NodeJS.Timeout | undefined;
  let cut: NodeJS.Timeout | undefined;
  app.addHook('preClose', async () => {
    closing = true;
    sweep = setInterval(() => app.server.closeIdleConnections?.(), 100).unref();
    cut = setTimeout(() => app.server.closeAllConnections?.(), SHUTDOWN_GRACE_MS).unref();
  });
  app.addHook('onSend', async (_request, reply) => {
    if (closing) reply.header('connection', 'close');
  });
  app.addHook('onClose', async () => {
    clearInterval(sweep);
    clearTimeout(cut);
    await ledger.stop();
    if (!options.store) await store.close();
  });
  await app.ready();
  ledger.start();
  return { app, deps };
}
