import { type Kysely, sql } from 'kysely';
import { columnTypes } from '../../store/migrations/dialect.ts';

/**
 * The notices the hub publishes and their search index (src/hub/notices): a posting list per
 * character, character pair and filter value, split by week and stored in blocks, the same on
 * SQLite and PostgreSQL.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const { postgres } = columnTypes(db);

  await db.schema
    .createTable('hub_notice')
    // SQLite: an alias of the rowid, so the table is keyed by it.
    .addColumn('seq', postgres ? 'bigint' : 'integer', (c) => c.primaryKey())
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('platform_code', 'text', (c) => c.notNull())
    .addColumn('data_set_code', 'text', (c) => c.notNull())
    .addColumn('data_key', 'text', (c) => c.notNull())
    .addColumn('notice_type', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('industry_code', 'text')
    .addColumn('procedure', 'text')
    .addColumn('unified_deal_code', 'text')
    .addColumn('tender_project_code', 'text')
    .addColumn('section_codes', 'text', (c) => c.notNull())
    .addColumn('amount_fen', 'bigint')
    .addColumn('currency', 'text')
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('hub_notice_data_key', ['platform_code', 'data_set_code', 'data_key'])
    .execute();
  // The newest notices first, for feeds.
  await db.schema
    .createIndex('hub_notice_published')
    .on('hub_notice')
    .columns(['published_at', 'seq'])
    .execute();
  // A search word is also looked up as a whole code (src/hub/notices/search-plan.ts).
  for (const column of ['unified_deal_code', 'tender_project_code']) {
    await db.schema
      .createIndex(`hub_notice_${column}`)
      .on('hub_notice')
      .expression(sql`lower(${sql.ref(column)})`)
      .execute();
  }

  let postings = db.schema
    .createTable('hub_notice_posting')
    .addColumn('gram', 'text', (c) => c.notNull())
    .addColumn('bucket', 'integer', (c) => c.notNull())
    .addColumn('block', 'integer', (c) => c.notNull())
    .addColumn('entries', 'integer', (c) => c.notNull())
    .addColumn('last_seq', 'bigint', (c) => c.notNull())
    .addColumn('data', postgres ? 'bytea' : 'blob', (c) => c.notNull())
    .addPrimaryKeyConstraint('hub_notice_posting_pk', ['gram', 'bucket', 'block']);
  // The key is the row: no separate rowid b-tree.
  if (!postgres) postings = postings.modifyEnd(sql`without rowid`);
  await postings.execute();
  // The search plans from the entry counts alone; this index holds them without the blocks' bytes.
  if (postgres) {
    await sql`create index hub_notice_posting_counts on hub_notice_posting (gram, bucket) include (entries)`.execute(
      db,
    );
  } else {
    await db.schema
      .createIndex('hub_notice_posting_counts')
      .on('hub_notice_posting')
      .columns(['gram', 'bucket', 'entries'])
      .execute();
  }

  await db.schema
    .createTable('hub_notice_index_state')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('next_seq', 'bigint', (c) => c.notNull())
    .execute();
  await sql`insert into hub_notice_index_state (id, next_seq) values (1, 1)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['hub_notice_index_state', 'hub_notice_posting', 'hub_notice']) {
    await db.schema.dropTable(table).execute();
  }
}
