import { describe, expect, it } from 'vitest';
import { COMMON_MIGRATIONS, migrateToLatest } from '../../src/store/migrator.ts';
import { DIALECTS, openTestStore } from '../support/stores.ts';

describe.each(DIALECTS)('migrations on %s', (dialect) => {
  it('apply once, then report nothing to do', async () => {
    const store = await openTestStore(dialect, {});
    try {
      expect((await migrateToLatest(store.db, COMMON_MIGRATIONS)).applied).toEqual([
        '0001-accounts-and-audit',
        '0013-ledger',
        '0015-exchange',
      ]);
      expect((await migrateToLatest(store.db, COMMON_MIGRATIONS)).applied).toEqual([]);
    } finally {
      await store.dispose();
    }
  });

  it('databases migrated side by side keep their own bookkeeping', async () => {
    const stores = await Promise.all(Array.from({ length: 4 }, () => openTestStore(dialect)));
    try {
      const again = await Promise.all(stores.map((store) => migrateToLatest(store.db, COMMON_MIGRATIONS)));
      expect(again.map((r) => r.applied)).toEqual([[], [], [], []]);
    } finally {
      await Promise.all(stores.map((store) => store.dispose()));
    }
  });
});
