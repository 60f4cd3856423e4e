import { clockFromSettings } from '../domain/clock.ts';
import type { Platform } from '../domain/roles.ts';
import { loadConfig } from '../server/config.ts';
import { createLogger } from '../server/logger.ts';
import { onShutdownSignal, startService } from '../server/run-service.ts';
import type { CommonOptions } from './runtime.ts';
import { loadServiceSpec } from './service-specs.ts';

export async function runServe(
  platform: Platform,
  options: CommonOptions & { host?: string; port?: string },
): Promise<void> {
  const service: Record<string, unknown> = {};
  if (options.host) service.host = options.host;
  if (options.port) service.port = options.port;
  if (options.database) service.database = options.database;
  const config = loadConfig({
    file: options.config,
    overrides: { ...(options.dataDir ? { dataDir: options.dataDir } : {}), services: { [platform]: service } },
  });
  const clock = clockFromSettings(config.clock);
  const logger = createLogger(config);
  const running = await startService(await loadServiceSpec(platform), { config, clock, logger });
  logger.info(
    { service: platform, url: running.url, database: running.deps.store.location, clock: { mode: clock.mode, factor: clock.factor } },
    'service ready',
  );
  onShutdownSignal(logger, running.stop);
}
