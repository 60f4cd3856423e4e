import type { FastifyBaseLogger } from 'fastify';
import { runPeriodically } from '../../server/periodic-task.ts';
import { scheduledTaskActor } from '../../domain/actor.ts';
import type { ServiceDeps, ZodApp } from '../../server/service-spec.ts';
import type { UseCaseContext } from '../../store/context.ts';
import { openDueHalls } from './open-due-halls.ts';

export interface OpeningScheduler {
  /** Stops looking, after the look in progress, if any, has finished. */
  stop(): Promise<void>;
}

/**
 * Looks for halls due to open and windows due to close every `intervalMs` real milliseconds (with
 * the sandbox clock, virtual time runs faster between two looks). One look at a time: a slow one
 * is not overlapped by the next.
 */
export function startOpeningScheduler(
  deps: Pick<ServiceDeps, 'store' | 'clock' | 'platform'>,
  log: Pick<FastifyBaseLogger, 'info' | 'error'>,
  intervalMs: number,
): OpeningScheduler {
  const ctx: UseCaseContext = {
    db: deps.store.db,
    clock: deps.clock,
    actor: scheduledTaskActor('opening-scheduler'),
    platform: deps.platform,
  };
  const look = async () => {
    try {
      const due = await openDueHalls(ctx, (projectId, err) =>
        log.error({ err, projectId }, 'scheduled opening step failed'),
      );
      if (due.opened.length || due.windowsClosed.length) log.info(due, 'scheduled opening steps done');
    } catch (err) {
      log.error({ err }, 'looking for due openings failed');
    }
  };
  return runPeriodically(intervalMs, look);
}

/**
 * The service's own scheduler, every `schedule.intervalMs` (0: none, for tests that move the clock
 * themselves, and for the demo, which starts one once its data is seeded).
 */
export function scheduleDueOpenings(app: ZodApp, deps: ServiceDeps): void {
  const intervalMs = deps.config.schedule.intervalMs;
  if (intervalMs === 0) return;
  let scheduler: OpeningScheduler | undefined;
  app.addHook('onReady', async () => {
    scheduler = startOpeningScheduler(deps, app.log, intervalMs);
  });
  // The database closes after this: let a look in progress finish first.
  app.addHook('preClose', async () => scheduler?.stop());
}
