import { type Kysely, sql } from 'kysely';
import { columnTypes } from '../../store/migrations/dialect.ts';

/**
 * The shared entity register (src/hub/entities): one row per unified social credit code, built
 * from the entity data sets (100–103) any connected platform sends, and the numbered list of its
 * changes that platforms follow. The same on SQLite and PostgreSQL.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const { postgres } = columnTypes(db);

  await db.schema
    .createTable('hub_entity')
    .addColumn('credit_code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kinds', 'text', (c) => c.notNull())
    .addColumn('legal_type', 'text')
    .addColumn('legal_status', 'text')
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('legal_representative', 'text')
    .addColumn('first_platform_code', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('registered_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('hub_entity_name').on('hub_entity').column('name').execute();

  await db.schema
    .createTable('hub_entity_change')
    // Numbered from hub_entity_state in commit order, so a cursor never skips a late commit.
    .addColumn('seq', postgres ? 'bigint' : 'integer', (c) => c.primaryKey())
    .addColumn('credit_code', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('data_set_code', 'text', (c) => c.notNull())
    .addColumn('changes', 'text', (c) => c.notNull())
    .addColumn('platform_code', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addUniqueConstraint('hub_entity_change_version', ['credit_code', 'version'])
    .execute();
  // A subscription reads the changes of its credit codes after a cursor.
  await db.schema
    .createIndex('hub_entity_change_code')
    .on('hub_entity_change')
    .columns(['credit_code', 'seq'])
    .execute();

  await db.schema
    .createTable('hub_entity_state')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('next_seq', 'bigint', (c) => c.notNull())
    .execute();
  await sql`insert into hub_entity_state (id, next_seq) values (1, 1)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['hub_entity_state', 'hub_entity_change', 'hub_entity']) {
    await db.schema.dropTable(table).execute();
  }
}
