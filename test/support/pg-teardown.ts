import pg from 'pg';

/**
 * Vitest global setup for PostgreSQL: test schemas are dropped once, after the whole run. Dropping
 * them while other test files run makes PostgreSQL's catalog queries (Kysely's introspection
 * scans every schema) fail with "schema does not exist" in the files still running.
 */
export default function setup(): () => Promise<void> {
  return async () => {
    const url = process.env.ZHAOCAI_TEST_PG;
    if (!url) return;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ nspname: string }>(
        "select nspname from pg_namespace where nspname ~ '^(t|crash)_[0-9a-f]+$'",
      );
      for (const { nspname } of rows) await client.query(`drop schema if exists ${nspname} cascade`);
    } finally {
      await client.end();
    }
  };
}
