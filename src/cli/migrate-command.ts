import { PLATFORMS, type Platform } from '../domain/roles.ts';
import { databaseUrlFor } from '../server/config.ts';
import { openStore } from '../store/database.ts';
import { migrateToLatest } from '../store/migrator.ts';
import { configFrom, type CommonOptions } from './runtime.ts';
import { loadServiceSpec } from './service-specs.ts';

export async function runMigrate(target: Platform | 'all', options: CommonOptions): Promise<void> {
  const platforms = target === 'all' ? PLATFORMS : [target];
  if (target === 'all' && options.database) {
    throw new Error('--database names one database; give one platform, not "all"');
  }
  for (const platform of platforms) {
    const config = configFrom(options, platform);
    const store = openStore(databaseUrlFor(config, platform));
    try {
      const { applied } = await migrateToLatest(store.db, (await loadServiceSpec(platform)).migrations);
      console.log(
        `${platform}: ${applied.length ? `applied ${applied.join(', ')}` : 'up to date'} (${store.location})`,
      );
    } finally {
      await store.close();
    }
  }
}
