import { type Kysely, sql } from 'kysely';
import { columnTypes } from './dialect.ts';

/**
 * The tamper-evident ledger (docs/ledger.md). Every audit event becomes a leaf: its index is
 * assigned in the event's own transaction, in commit order, with no gaps. `ledger_node` keeps the
 * hash of every perfect subtree, so any proof is a few keyed reads. The hash algorithm is chosen
 * by the service on first start (configuration `ledger.hash`) and fixed from then on.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const { postgres } = columnTypes(db);
  const bytes = postgres ? 'bytea' : 'blob';

  await db.schema.alterTable('audit_event').addColumn('leaf_index', 'bigint').execute();
  await db.schema.createIndex('audit_event_leaf').unique().on('audit_event').column('leaf_index').execute();

  let nodes = db.schema
    .createTable('ledger_node')
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('idx', 'bigint', (c) => c.notNull())
    .addColumn('hash', bytes, (c) => c.notNull())
    .addPrimaryKeyConstraint('ledger_node_pk', ['level', 'idx']);
  // The key is the row: no separate rowid b-tree, about half the bytes per node.
  if (!postgres) nodes = nodes.modifyEnd(sql`without rowid`);
  await nodes.execute();

  await db.schema
    .createTable('ledger_state')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('tree_size', 'bigint', (c) => c.notNull())
    .addColumn('platform', 'text')
    .addColumn('hash_algorithm', 'text')
    // The hashes of perfectSubtrees(0, tree_size), concatenated: what the next append builds on.
    .addColumn('frontier', bytes)
    .addColumn('updated_at', 'text')
    .execute();
  await sql`insert into ledger_state (id, tree_size) values (1, 0)`.execute(db);

  await db.schema
    .createTable('ledger_key')
    .addColumn('key_id', 'text', (c) => c.primaryKey())
    .addColumn('signature_algorithm', 'text', (c) => c.notNull())
    .addColumn('public_key_pem', 'text', (c) => c.notNull())
    .addColumn('first_used_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('ledger_tree_head')
    .addColumn('seq', 'integer', (c) => c.primaryKey())
    .addColumn('tree_size', 'bigint', (c) => c.notNull())
    .addColumn('root_hash', 'text', (c) => c.notNull())
    .addColumn('timestamp', 'text', (c) => c.notNull())
    .addColumn('hash_algorithm', 'text', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull().references('ledger_key.key_id'))
    .addColumn('signature_algorithm', 'text', (c) => c.notNull())
    .addColumn('signature', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ledger_tree_head_size').on('ledger_tree_head').column('tree_size').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['ledger_tree_head', 'ledger_key', 'ledger_state', 'ledger_node']) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.dropIndex('audit_event_leaf').execute();
  await db.schema.alterTable('audit_event').dropColumn('leaf_index').execute();
}
