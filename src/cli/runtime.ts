import { clockFromSettings } from '../domain/clock.ts';
import { systemActor } from '../domain/actor.ts';
import type { Platform } from '../domain/roles.ts';
import { type Config, databaseUrlFor, loadConfig } from '../server/config.ts';
import { openStore, type Store } from '../store/database.ts';
import type { UseCaseContext } from '../store/context.ts';
import { migrateToLatest } from '../store/migrator.ts';
import { loadServiceSpec } from './service-specs.ts';

export interface CommonOptions {
  readonly config?: string;
  readonly database?: string;
  readonly dataDir?: string;
}

export function configFrom(options: CommonOptions, platform?: Platform): Config {
  const overrides: Record<string, unknown> = {};
  if (options.dataDir) overrides.dataDir = options.dataDir;
  if (options.database && platform) overrides.services = { [platform]: { database: options.database } };
  return loadConfig({ file: options.config, overrides });
}

/**
 * Opens a platform's database, migrated, with a system actor: for commands an operator runs on
 * the service's own machine.
 */
export async function openPlatformContext(
  platform: Platform,
  options: CommonOptions,
  command: string,
): Promise<{ ctx: UseCaseContext; store: Store; config: Config }> {
  const config = configFrom(options, platform);
  const store = openStore(databaseUrlFor(config, platform));
  await migrateToLatest(store.db, (await loadServiceSpec(platform)).migrations);
  const ctx: UseCaseContext = {
    db: store.db,
    clock: clockFromSettings(config.clock),
    actor: systemActor(command),
    platform,
  };
  return { ctx, store, config };
}
