import type { Kysely } from 'kysely';

/**
 * Sealed bids (issue 4): the tender's cipher suite and its threshold opening key (public key and
 * the keyholders' encrypted shares; the private key never exists here before the reassembly), the
 * checked envelope of each bid, the platform's signature on each receipt, and the decryption of
 * bids after the deadline with its per-bid status (E6, E7). The decryption window is not stored: it
 * opens at the bid deadline and lasts the project's decryption_window_minutes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('tender_project')
    .addColumn('cipher_suite', 'text', (c) => c.notNull().defaultTo('gm'))
    .execute();
  // Whether the tender documents let the opening key open a bid its bidder failed to decrypt (办法 31).
  await db.schema
    .alterTable('tender_project')
    .addColumn('opening_key_remedy', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .alterTable('tender_project')
    .addColumn('decryption_window_minutes', 'integer', (c) => c.notNull().defaultTo(60))
    .execute();

  await db.schema
    .createTable('opening_key')
    .addColumn('project_id', 'text', (c) => c.primaryKey().references('tender_project.id'))
    .addColumn('suite', 'text', (c) => c.notNull())
    .addColumn('public_key_pem', 'text', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('threshold', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by_user_id', 'text')
    .addColumn('reassembled_at', 'text')
    .execute();
  await db.schema
    .createTable('opening_key_share')
    .addColumn('project_id', 'text', (c) => c.notNull().references('tender_project.id'))
    .addColumn('holder_id', 'text', (c) => c.notNull())
    .addColumn('holder_name', 'text', (c) => c.notNull())
    .addColumn('holder_key_id', 'text', (c) => c.notNull())
    .addColumn('x', 'integer', (c) => c.notNull())
    .addColumn('encrypted_share', 'text', (c) => c.notNull())
    // Hash of the share itself: lets the platform accept the genuine share after the deadline.
    .addColumn('commitment', 'text', (c) => c.notNull())
    .addColumn('submitted_share', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('submitted_by_user_id', 'text')
    .addPrimaryKeyConstraint('opening_key_share_pk', ['project_id', 'holder_id'])
    .execute();

  for (const [column, type] of [
    ['envelope_suite', 'text'],
    ['envelope_header', 'text'],
    ['signer_credit_code', 'text'],
    ['signer_certificate_serial', 'text'],
    // null before the opening; then 'pending', 'decrypted', 'failed_bidder' or 'failed_other' (E7).
    ['decryption_status', 'text'],
    ['decrypted_by', 'text'],
    ['decrypted_sha256', 'text'],
    ['decrypted_size', 'bigint'],
    ['decrypted_at', 'text'],
    ['decryption_failure', 'text'],
  ] as const) {
    await db.schema.alterTable('bid').addColumn(column, type).execute();
  }
  await db.schema.alterTable('bid_receipt').addColumn('signature', 'text').execute();
  await db.schema.alterTable('bid_receipt').addColumn('signer_key_id', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('opening_key_share').execute();
  await db.schema.dropTable('opening_key').execute();
}
