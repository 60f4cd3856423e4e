import type { Logger } from 'pino';
import type { Clock } from '../domain/clock.ts';
import type { Store } from '../store/database.ts';
import type { Config } from './config.ts';
import { type Service, createService } from './create-service.ts';
import type { ServiceSpec } from './service-spec.ts';

export interface RunningService extends Service {
  readonly url: string;
  /** Stops accepting, finishes in-flight requests, then closes the database. */
  stop(): Promise<void>;
}

export async function startService(
  spec: ServiceSpec,
  options: { config: Config; clock: Clock; logger: Logger; store?: Store },
): Promise<RunningService> {
  const service = await createService(spec, options);
  const { host, port } = options.config.services[spec.platform];
  const url = await service.app.listen({ host, port });
  let stopping: Promise<void> | null = null;
  return {
    ...service,
    url,
    stop: () => (stopping ??= service.app.close().then(() => undefined)),
  };
}

/**
 * Runs `stop` once on SIGINT or SIGTERM; a second signal exits at once. Returns a function that
 * removes the handlers.
 */
export function onShutdownSignal(logger: Logger, stop: () => Promise<void>): () => void {
  let shuttingDown = false;
  const handler = (signal: NodeJS.Signals) => {
    if (shuttingDown) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(130);
    }
    shuttingDown = true;
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    stop().then(
      () => {
        logger.info('stopped cleanly');
        process.exitCode = 0;
        setImmediate(() => process.exit(0));
      },
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}
