import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { CamelCasePlugin, Kysely, PostgresDialect, SqliteDialect, type SqliteDatabase, sql } from 'kysely';
import pg from 'pg';
import { AppError } from '../domain/errors.ts';
import type { Schema } from './schema.ts';

export type DialectName = 'sqlite' | 'postgres';

export interface Store {
  readonly db: Kysely<Schema>;
  readonly dialect: DialectName;
  /** Where it lives, without any password. */
  readonly location: string;
  close(): Promise<void>;
}

/**
 * Opens `sqlite:<path>` (or a bare path) with better-sqlite3, or `postgres://…` with pg.
 * SQLite runs in WAL mode with synchronous=FULL, so a committed transaction survives a crash:
 * anything acknowledged is on disk.
 */
export function openStore(url: string, options: { searchPath?: string; poolSize?: number } = {}): Store {
  if (/^postgres(ql)?:\/\//.test(url)) return openPostgres(url, options);
  const path = url.startsWith('sqlite:') ? url.slice('sqlite:'.length) : url;
  if (!path) throw new AppError('CONFIG_INVALID', { problems: `database url "${url}" has no path` });
  return openSqlite(path);
}

function openSqlite(path: string): Store {
  const file = path === ':memory:' ? path : resolve(path);
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const database = new SQLite(file);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = FULL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  const db = new Kysely<Schema>({
    dialect: new SqliteDialect({ database: withStatementCache(database) }),
    plugins: [new CamelCasePlugin()],
  });
  return {
    db,
    dialect: 'sqlite',
    location: file,
    close: () => db.destroy(),
  };
}

/** How many prepared statements a SQLite store keeps; the services issue a few hundred distinct ones. */
const STATEMENT_CACHE_SIZE = 1000;

/**
 * Kysely prepares every query it runs; preparing costs as much as running a small one. The
 * compiled SQL of a query shape never changes, so its statement is prepared once and reused
 * (better-sqlite3 statements are reusable; Kysely runs one at a time on its single connection).
 */
function withStatementCache(database: SQLite.Database): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();
  return {
    prepare(sql: string) {
      let statement = statements.get(sql);
      if (statement) {
        statements.delete(sql);
      } else {
        statement = database.prepare(sql);
        if (statements.size >= STATEMENT_CACHE_SIZE) statements.delete(statements.keys().next().value!);
      }
      statements.set(sql, statement);
      return statement;
    },
    close: () => database.close(),
  };
}

function openPostgres(url: string, options: { searchPath?: string; poolSize?: number }): Store {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    ...(options.searchPath ? { options: `-c search_path=${options.searchPath}` } : {}),
  });
  const db = new Kysely<Schema>({
    dialect: new PostgresDialect({ pool }),
    plugins: [new CamelCasePlugin()],
  });
  const safe = new URL(url);
  safe.password = '';
  return {
    db,
    dialect: 'postgres',
    location: safe.toString() + (options.searchPath ? ` (schema ${options.searchPath})` : ''),
    close: () => db.destroy(),
  };
}

/** Readiness probe: one round trip to the database. */
export async function pingStore(store: Store): Promise<void> {
  await sql`select 1`.execute(store.db);
}
