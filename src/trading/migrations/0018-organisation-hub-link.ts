import { type Kysely, sql } from 'kysely';

/**
 * What the transaction platform knows of its organisations at the hub's entity register
 * (src/trading/entities): each organisation's check at sign-up and the hub version it follows,
 * and the cursor of its subscription to the register's changes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('organisation_hub_link')
    .addColumn('organisation_id', 'text', (c) => c.primaryKey().references('organisation.id'))
    .addColumn('credit_code', 'text', (c) => c.notNull())
    // 'linked' (the hub knew it, same name), 'new' (the hub did not know it yet), 'unchecked'
    // (the hub was unreachable at sign-up: checked later).
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('hub_version', 'integer')
    // 0 until a round of the subscription has looked it up after it began to be followed.
    .addColumn('following', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('checked_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('organisation_hub_link_following')
    .on('organisation_hub_link')
    .columns(['following', 'checked_at'])
    .execute();

  await db.schema
    .createTable('hub_entity_subscription')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('cursor', 'text')
    .addColumn('updated_at', 'text')
    .execute();
  await sql`insert into hub_entity_subscription (id) values (1)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('hub_entity_subscription').execute();
  await db.schema.dropTable('organisation_hub_link').execute();
}
