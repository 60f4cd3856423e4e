import type { Kysely } from 'kysely';

/**
 * CA mutual recognition (CA证书互认, src/hub/ca): the root certificates of the CAs the hub
 * recognises, and the latest revocation list of each. A withdrawn CA keeps its row, so what was
 * recognised when stays on record.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('hub_ca')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('algorithm', 'text', (c) => c.notNull())
    .addColumn('certificate_pem', 'text', (c) => c.notNull())
    .addColumn('fingerprint', 'text', (c) => c.notNull().unique())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('subject_key', 'text', (c) => c.notNull())
    .addColumn('not_before', 'text', (c) => c.notNull())
    .addColumn('not_after', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('registered_by', 'text', (c) => c.notNull())
    .addColumn('registered_at', 'text', (c) => c.notNull())
    .addColumn('withdrawn_by', 'text')
    .addColumn('withdrawn_at', 'text')
    .addColumn('withdrawal_reason', 'text')
    .execute();
  // A certificate to check names its issuer: the roots with that subject are the candidates.
  await db.schema.createIndex('hub_ca_subject_key').on('hub_ca').columns(['subject_key', 'status']).execute();
  await db.schema.createIndex('hub_ca_registered').on('hub_ca').columns(['registered_at', 'id']).execute();

  await db.schema
    .createTable('hub_ca_crl')
    .addColumn('ca_id', 'text', (c) => c.primaryKey().references('hub_ca.id'))
    .addColumn('crl_pem', 'text', (c) => c.notNull())
    .addColumn('crl_number', 'text')
    .addColumn('this_update', 'text', (c) => c.notNull())
    .addColumn('next_update', 'text')
    .addColumn('revoked_count', 'integer', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('hub_ca_crl').execute();
  await db.schema.dropTable('hub_ca').execute();
}
