import { existsSync } from 'node:fs';
import { join } from 'node:path';
import proxy from '@fastify/http-proxy';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { PLATFORMS, type Platform } from '../domain/roles.ts';

export interface WebHostOptions {
  readonly root: string;
  readonly host: string;
  readonly port: number;
  /** Base URL of each platform service, e.g. http://127.0.0.1:3101. */
  readonly upstreams: Record<Platform, string>;
  readonly logger: Logger;
}

/**
 * Serves the built web app and forwards `/<platform>/api/*` to that platform's service, so the
 * browser talks to one origin. Unknown paths get index.html (client-side routing).
 */
export async function startWebHost(options: WebHostOptions): Promise<{ app: FastifyInstance; url: string }> {
  if (!existsSync(join(options.root, 'index.html'))) {
    throw new Error(`the web app is not built: ${join(options.root, 'index.html')} is missing (run npm run build:web)`);
  }
  const app: FastifyInstance = Fastify({
    loggerInstance: options.logger.child({ service: 'web' }) as FastifyInstance['log'],
    disableRequestLogging: true,
  });
  for (const platform of PLATFORMS) {
    await app.register(proxy, {
      upstream: options.upstreams[platform],
      prefix: `/${platform}/api`,
      rewritePrefix: '/api',
      // The service sees the browser's address, for its audit trail.
      replyOptions: {
        rewriteRequestHeaders: (request, headers) => ({ ...headers, 'x-forwarded-for': request.ip }),
      },
    });
  }
  await app.register(fastifyStatic, { root: options.root, wildcard: false, index: 'index.html' });
  app.get('/*', (_request, reply) => reply.sendFile('index.html'));
  const url = await app.listen({ host: options.host, port: options.port });
  return { app, url };
}
