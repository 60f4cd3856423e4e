import { type Kysely, PostgresAdapter } from 'kysely';

/** The few column types that differ between SQLite and PostgreSQL. */
export function columnTypes(db: Kysely<unknown>) {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  return {
    postgres,
    /** Auto-incrementing 64-bit key. */
    serial: postgres ? ('bigserial' as const) : ('integer' as const),
  };
}
