import type { Kysely } from 'kysely';
import { columnTypes } from './dialect.ts';

/**
 * The data exchange (docs/exchange.md), the same tables on every platform:
 * - `exchange_peer`: platforms registered to send to this one, with the operator's decision;
 * - `exchange_inbox`: every message applied, once per sender and data key, numbered in feed order;
 * - `exchange_order`: the last sequence number applied per sender and order key;
 * - `exchange_outgoing`: messages this platform sends, in order per receiver and order key, with
 *   their delivery state (pending, delivered, rejected with the receiver's field errors).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const { serial, postgres } = columnTypes(db);
  const bigint = postgres ? ('bigint' as const) : ('integer' as const);

  await db.schema
    .createTable('exchange_peer')
    .addColumn('platform_code', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('platform_name', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('registration', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('decision_reason', 'text')
    .execute();

  await db.schema
    .createTable('exchange_inbox')
    .addColumn('feed_seq', serial, (c) => (postgres ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('platform_code', 'text', (c) => c.notNull())
    .addColumn('data_key', 'text', (c) => c.notNull())
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('data_set_code', 'text', (c) => c.notNull())
    .addColumn('order_key', 'text', (c) => c.notNull())
    .addColumn('order_seq', bigint, (c) => c.notNull())
    .addColumn('content_digest', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('exchange_inbox_data_key', ['platform_code', 'data_key'])
    .execute();
  await db.schema
    .createIndex('exchange_inbox_feed')
    .on('exchange_inbox')
    .columns(['data_set_code', 'feed_seq'])
    .execute();
  await db.schema
    .createIndex('exchange_inbox_order')
    .on('exchange_inbox')
    .columns(['order_key', 'feed_seq'])
    .execute();

  await db.schema
    .createTable('exchange_order')
    .addColumn('platform_code', 'text', (c) => c.notNull())
    .addColumn('order_key', 'text', (c) => c.notNull())
    .addColumn('last_seq', bigint, (c) => c.notNull())
    .addPrimaryKeyConstraint('exchange_order_pk', ['platform_code', 'order_key'])
    .execute();

  await db.schema
    .createTable('exchange_outgoing')
    .addColumn('id', serial, (c) => (postgres ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('target_code', 'text', (c) => c.notNull())
    .addColumn('target_url', 'text', (c) => c.notNull())
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('data_set_code', 'text', (c) => c.notNull())
    .addColumn('data_key', 'text', (c) => c.notNull())
    .addColumn('order_key', 'text', (c) => c.notNull())
    .addColumn('order_seq', bigint, (c) => c.notNull())
    .addColumn('record', 'text', (c) => c.notNull())
    /** Where the record came from: an outbox row, or the inbox row a hub forwards. */
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    /** Real epoch milliseconds: back-off is about the network, not the tender's clock. */
    .addColumn('next_attempt_at', bigint, (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('errors', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('delivered_at', 'text')
    .addUniqueConstraint('exchange_outgoing_order', ['target_code', 'order_key', 'order_seq'])
    .addUniqueConstraint('exchange_outgoing_data_key', ['target_code', 'data_key'])
    .execute();
  await db.schema
    .createIndex('exchange_outgoing_due')
    .on('exchange_outgoing')
    .columns(['status', 'next_attempt_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['exchange_outgoing', 'exchange_order', 'exchange_inbox', 'exchange_peer']) {
    await db.schema.dropTable(table).execute();
  }
}
