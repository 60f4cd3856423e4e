import type { FastifyBaseLogger } from 'fastify';
import { runPeriodically } from '../../server/periodic-task.ts';
import { scheduledTaskActor } from '../../domain/actor.ts';
import { useOrganisationRegistrar } from '../../server/routes/organisation-routes.ts';
import type { ServiceDeps, ZodApp } from '../../server/service-spec.ts';
import type { UseCaseContext } from '../../store/context.ts';
import { type HubEntities, HubUnreachable, hubEntitiesFor } from './hub-entities.ts';
import { hubEntityRegistrar } from './hub-entity-registrar.ts';
import { syncOrganisationsFromHub } from './sync-organisations-from-hub.ts';

/** Rounds of the subscription are this many delivery intervals apart (10 s by default). */
const DELIVERY_INTERVALS_PER_ROUND = 10;

export interface HubEntitySync {
  /** Stops following, after the round in progress, if any, has finished. */
  stop(): Promise<void>;
}

/** Follows the hub's entity register every `intervalMs` real milliseconds, one round at a time. */
export function startHubEntitySync(
  deps: Pick<ServiceDeps, 'store' | 'clock' | 'platform'>,
  hub: HubEntities,
  log: Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'>,
  intervalMs: number,
): HubEntitySync {
  const ctx: UseCaseContext = {
    db: deps.store.db,
    clock: deps.clock,
    actor: scheduledTaskActor('hub-entity-sync'),
    platform: deps.platform,
  };
  const round = async () => {
    try {
      const done = await syncOrganisationsFromHub(ctx, hub);
      if (done.checked || done.updated) log.info(done, 'organisations synced from the hub');
    } catch (err) {
      if (err instanceof HubUnreachable) log.warn({ err }, 'hub entity register unreachable');
      else log.error({ err }, 'following the hub entity register failed');
    }
  };
  return runPeriodically(intervalMs, round);
}

/**
 * Connects the transaction platform to its hub's entity register: sign-up checks the register and
 * queues the organisation for it, and a subscription keeps names and legal representatives in
 * step, started and stopped with the app (none without a hub, or with `deliveryIntervalMs` 0).
 */
export function connectHubEntities(app: ZodApp, deps: ServiceDeps): void {
  const hub = hubEntitiesFor(deps.config);
  useOrganisationRegistrar(app, hubEntityRegistrar(hub));
  const intervalMs =
    (deps.config.services.trading.exchange?.deliveryIntervalMs ?? 0) * DELIVERY_INTERVALS_PER_ROUND;
  if (!hub || intervalMs === 0) return;
  let sync: HubEntitySync | undefined;
  app.addHook('onReady', async () => {
    sync = startHubEntitySync(deps, hub, app.log, intervalMs);
  });
  // The database closes after this: let a round in progress finish first.
  app.addHook('preClose', async () => sync?.stop());
}
