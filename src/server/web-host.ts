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
 * browser talks to one origin. Unknown page paths get index.html (client-side routing); a missing
 * asset is a 404.
 */
export async function startWebHost(options: WebHostOptions): Promise<{ app: FastifyInstance; url: string }> {
  if (!existsSync(join(options.root, 'index.html'))) {
    throw new Error(
      `the web app is not built: ${join(options.root, 'index.html')} is missing (run npm run build:web)`,
    );
  }
  const app: FastifyInstance = Fastify({
    loggerInstance: options.logger.child({ service: 'web' }) as FastifyInstance['log'],
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
  // Files are looked up per request, so a rebuilt app is served without a restart.
  await app.register(fastifyStatic, { root: options.root, wildcard: true, index: 'index.html' });
  app.setNotFoundHandler((request, reply) => {
    // A missing asset is a 404; any other path is a page of the single-page app.
    if (
      request.method !== 'GET' ||
      /\.[a-z0-9]+$/i.test(request.url.split('?')[0]!) ||
      request.url.startsWith('/assets/')
    ) {
      return reply.status(404).type('text/plain; charset=utf-8').send('Not found');
    }
    return reply.type('text/html; charset=utf-8').sendFile('index.html');
  });
  const url = await app.listen({ host: options.host, port: options.port });
  return { app, url };
}
