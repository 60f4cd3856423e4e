import { scheduledTaskActor } from '../../domain/actor.ts';
import type { ServiceDeps, ZodApp } from '../../server/service-spec.ts';
import type { UseCaseContext } from '../../store/context.ts';
import { openDueHalls } from './open-due-halls.ts';

/**
 * Looks for halls due to open and windows due to close every `schedule.intervalMs` real
 * milliseconds (with the sandbox clock, virtual time runs faster between two looks). One look at a
 * time: a slow one is not overlapped by the next.
 */
export function scheduleDueOpenings(app: ZodApp, deps: ServiceDeps): void {
  const intervalMs = deps.config.schedule.intervalMs;
  if (intervalMs === 0) return;
  const ctx: UseCaseContext = {
    db: deps.store.db,
    clock: deps.clock,
    actor: scheduledTaskActor('opening-scheduler'),
    platform: deps.platform,
  };
  let timer: ReturnType<typeof setInterval> | undefined;
  let inFlight: Promise<void> | undefined;
  const look = async () => {
    try {
      const due = await openDueHalls(ctx, (projectId, err) =>
        app.log.error({ err, projectId }, 'scheduled opening step failed'),
      );
      if (due.opened.length || due.windowsClosed.length) app.log.info(due, 'scheduled opening steps done');
    } catch (err) {
      app.log.error({ err }, 'looking for due openings failed');
    } finally {
      inFlight = undefined;
    }
  };
  app.addHook('onReady', async () => {
    timer = setInterval(() => {
      inFlight ??= look();
    }, intervalMs);
    timer.unref();
  });
  // The database closes after this: let a look in progress finish first.
  app.addHook('preClose', async () => {
    clearInterval(timer);
    await inFlight;
  });
}
