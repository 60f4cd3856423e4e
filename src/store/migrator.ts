import { type Kysely, type Migration, type MigrationResult, Migrator, PostgresAdapter, sql } from 'kysely';
import * as accountsAndAudit from './migrations/0001-accounts-and-audit.ts';
import * as ledger from './migrations/0013-ledger.ts';
import * as exchange from './migrations/0015-exchange.ts';

/**
 * Migrations every service shares. Common and platform migrations share one numbering; a database
 * runs each one it has not run yet, in name order, even when it already ran a later-numbered one
 * (a hub has no 0002–0012, a trading database ran them before 0013 existed).
 */
export const COMMON_MIGRATIONS: Record<string, Migration> = {
  '0001-accounts-and-audit': accountsAndAudit,
  '0013-ledger': ledger,
  '0015-exchange': exchange,
};

export interface MigrationReport {
  readonly applied: readonly string[];
}

/** Applies every pending migration in name order; throws on the first failure. */
export async function migrateToLatest(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run before the schema type holds
  db: Kysely<any>,
  migrations: Record<string, Migration>,
): Promise<MigrationReport> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    allowUnorderedMigrations: true,
    // Kysely looks for its bookkeeping tables across all schemas unless told which one; name the
    // connection's own, so databases sharing a PostgreSQL cluster never see each other's.
    ...(db.getExecutor().adapter instanceof PostgresAdapter
      ? { migrationTableSchema: await currentSchema(db) }
      : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return { applied: (results ?? []).filter(isApplied).map((r) => r.migrationName) };
}

function isApplied(result: MigrationResult): boolean {
  return result.status === 'Success' && result.direction === 'Up';
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see migrateToLatest
async function currentSchema(db: Kysely<any>): Promise<string> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  return rows[0]!.schema;
}
