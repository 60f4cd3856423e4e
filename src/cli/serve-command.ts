import { clockFromSettings } from '../domain/clock.ts';
import type { Platform } from '../domain/roles.ts';
import { loadConfig } from '../server/config.ts';
import { createLogger } from '../server/logger.ts';
import { onShutdownSignal, startService } from '../server/run-service.ts';
import { startWebHost } from '../server/web-host.ts';
import { buildWebApp, WEB_DIST, webBuildIsStale } from './web-build.ts';
import type { CommonOptions } from './runtime.ts';
import { loadServiceSpec } from './service-specs.ts';

export async function runServe(
  platform: Platform | 'web',
  options: CommonOptions & { host?: string; port?: string },
): Promise<void> {
  if (platform === 'web') return serveWeb(options);
  const service: Record<string, unknown> = {};
  if (options.host) service.host = options.host;
  if (options.port) service.port = options.port;
  if (options.database) service.database = options.database;
  const config = loadConfig({
    file: options.config,
    overrides: {
      ...(options.dataDir ? { dataDir: options.dataDir } : {}),
      services: { [platform]: service },
    },
  });
  const clock = clockFromSettings(config.clock);
  const logger = createLogger(config);
  const running = await startService(await loadServiceSpec(platform), { config, clock, logger });
  logger.info(
    {
      service: platform,
      url: running.url,
      database: running.deps.store.location,
      clock: { mode: clock.mode, factor: clock.factor },
    },
    'service ready',
  );
  onShutdownSignal(logger, running.stop);
}

/** The built web app on its own port, forwarding each platform's API to the configured service. */
async function serveWeb(options: CommonOptions & { host?: string; port?: string }): Promise<void> {
  const web: Record<string, unknown> = {};
  if (options.host) web.host = options.host;
  if (options.port) web.port = options.port;
  const config = loadConfig({ file: options.config, overrides: { web } });
  const logger = createLogger(config);
  if (webBuildIsStale()) await buildWebApp((line) => logger.info(line));
  const upstream = (p: Platform) => {
    const { host, port } = config.services[p];
    return `http://${host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host}:${port}`;
  };
  const running = await startWebHost({
    root: WEB_DIST,
    host: config.web.host,
    port: config.web.port,
    upstreams: { trading: upstream('trading'), hub: upstream('hub'), supervision: upstream('supervision') },
    logger,
  });
  logger.info({ service: 'web', url: running.url }, 'service ready');
  onShutdownSignal(logger, () => running.app.close());
}
