import type { Kysely } from 'kysely';

/**
 * The items the tender documents require every bid to state for the read-out (唱标内容, e.g. 工期,
 * 质量, 项目经理): a JSON array of names per section, fixed at publication like the other section
 * fields. null: the documents name none, and only the price and what each bidder chose is read.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('tender_section').addColumn('read_out_items', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('tender_section').dropColumn('read_out_items').execute();
}
