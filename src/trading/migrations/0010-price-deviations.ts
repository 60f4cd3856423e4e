import type { Kysely } from 'kysely';

/**
 * The committee's quantified deviations (价格折算) for the lowest evaluated price method: per bid
 * that passed the review, signed amounts in fen added to its price for the ranking only (a
 * deviation in the tenderer's favour is negative). Recorded and removed by the chair; a removed
 * deviation keeps its row, marked with who removed it and when, for the archive.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('evaluation_price_deviation')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('session_id', 'text', (c) => c.notNull().references('evaluation_session.id'))
    .addColumn('bid_id', 'text', (c) => c.notNull().references('bid.id'))
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('amount_fen', 'bigint', (c) => c.notNull())
    .addColumn('recorded_by_user_id', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('removed_by_user_id', 'text')
    .addColumn('removed_at', 'text')
    .execute();
  await db.schema
    .createIndex('evaluation_price_deviation_by_session')
    .on('evaluation_price_deviation')
    .column('session_id')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('evaluation_price_deviation').execute();
}
