import { type Kysely, sql } from 'kysely';

/**
 * Bid submission: resumable uploads (their chunks are acknowledged on disk, next to the upload's
 * file), the bids (one current per bidder and
 * section, enforced by a partial unique index) and the receipts (E3). Bid files themselves live in
 * the blob store, addressed by their SHA-256.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('bid_upload')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('tender_project.id'))
    .addColumn('section_id', 'text', (c) => c.notNull().references('tender_section.id'))
    .addColumn('bidder_organisation_id', 'text', (c) => c.notNull().references('organisation.id'))
    .addColumn('opened_by_user_id', 'text')
    .addColumn('total_size', 'bigint', (c) => c.notNull())
    .addColumn('chunk_size', 'integer', (c) => c.notNull())
    .addColumn('chunk_count', 'integer', (c) => c.notNull())
    .addColumn('file_sha256', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('bid_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('completed_at', 'text')
    .execute();
  await db.schema
    .createIndex('bid_upload_bidder')
    .on('bid_upload')
    .columns(['section_id', 'bidder_organisation_id'])
    .execute();

  await db.schema
    .createTable('bid')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('tender_project.id'))
    .addColumn('section_id', 'text', (c) => c.notNull().references('tender_section.id'))
    .addColumn('bidder_organisation_id', 'text', (c) => c.notNull().references('organisation.id'))
    .addColumn('upload_id', 'text', (c) => c.notNull().references('bid_upload.id'))
    .addColumn('file_sha256', 'text', (c) => c.notNull())
    .addColumn('file_size', 'bigint', (c) => c.notNull())
    .addColumn('bond_amount_fen', 'bigint', (c) => c.notNull())
    .addColumn('bond_payer_account', 'text', (c) => c.notNull())
    .addColumn('bond_paid_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addColumn('submitted_by_user_id', 'text')
    .addColumn('replaced_at', 'text')
    .addColumn('replaced_by_bid_id', 'text')
    .addColumn('withdrawn_at', 'text')
    .addColumn('withdrawn_by_user_id', 'text')
    .execute();
  await db.schema
    .createIndex('bid_one_current')
    .on('bid')
    .columns(['section_id', 'bidder_organisation_id'])
    .unique()
    .where(sql.ref('status'), '=', sql.lit('current'))
    .execute();
  await db.schema.createIndex('bid_project').on('bid').column('project_id').execute();

  await db.schema
    .createTable('bid_receipt')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('bid_id', 'text', (c) => c.notNull().unique().references('bid.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['bid_receipt', 'bid', 'bid_upload']) {
    await db.schema.dropTable(table).execute();
  }
}
