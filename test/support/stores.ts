import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Migration } from 'kysely';
import pg from 'pg';
import { type DialectName, openStore, type Store } from '../../src/store/database.ts';
import { COMMON_MIGRATIONS, migrateToLatest } from '../../src/store/migrator.ts';

/**
 * Every repository test runs on SQLite and, when ZHAOCAI_TEST_PG holds a connection URL, on
 * PostgreSQL too: `describe.each(DIALECTS)`. No mocks — real databases only.
 */
export const PG_URL = process.env.ZHAOCAI_TEST_PG || null;
export const DIALECTS: DialectName[] = PG_URL ? ['sqlite', 'postgres'] : ['sqlite'];

export interface TestStore extends Store {
  /** Closes the store and removes its SQLite file (PostgreSQL schemas go at the end of the run). */
  dispose(): Promise<void>;
}

/** A fresh, migrated database of the given dialect, private to the caller. */
export async function openTestStore(
  dialect: DialectName,
  migrations: Record<string, Migration> = COMMON_MIGRATIONS,
): Promise<TestStore> {
  let store: Store;
  let cleanup: () => Promise<void>;
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'zhaocai-test-'));
    store = openStore(`sqlite:${join(dir, 'test.db')}`);
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    if (!PG_URL) throw new Error('ZHAOCAI_TEST_PG is not set');
    const schema = `t_${randomBytes(6).toString('hex')}`;
    await adminQuery(`create schema ${schema}`);
    store = openStore(PG_URL, { searchPath: schema, poolSize: 5 });
    // Dropped after the whole run (test/support/pg-teardown.ts), never while other files run.
    cleanup = async () => {};
  }
  await migrateToLatest(store.db, migrations);
  return {
    ...store,
    dispose: async () => {
      await store.close();
      await cleanup();
    },
  };
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_URL! });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
