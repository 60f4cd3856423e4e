import type { Actor } from '../domain/actor.ts';
import type { Clock } from '../domain/clock.ts';
import type { Platform } from '../domain/roles.ts';
import type { Db } from './schema.ts';

/** What every use case gets: the database, the clock, the acting party and its platform. */
export interface UseCaseContext {
  readonly db: Db;
  readonly clock: Clock;
  readonly actor: Actor;
  readonly platform: Platform;
}
