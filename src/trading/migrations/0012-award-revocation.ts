import type { Kysely } from 'kysely';

/**
 * An award revoked after the award notice (条例 55, 74): the winner gave up, did not sign, did not
 * provide the performance bond, or was found ineligible. The revoked award is kept here as it
 * was — winner, rule, reason, notice and announcement — with the ground, the evidence, who revoked
 * it and when; `award_decision` keeps only the award in force, so a section can be awarded again.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('award_revocation')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('section_id', 'text', (c) => c.notNull().references('tender_section.id'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('tender_project.id'))
    .addColumn('bid_id', 'text', (c) => c.notNull().references('bid.id'))
    .addColumn('bidder_organisation_id', 'text', (c) => c.notNull())
    .addColumn('price_fen', 'bigint', (c) => c.notNull())
    .addColumn('rule', 'text')
    .addColumn('reason', 'text')
    .addColumn('notice_body', 'text', (c) => c.notNull())
    .addColumn('announcement', 'text', (c) => c.notNull())
    .addColumn('awarded_at', 'text', (c) => c.notNull())
    .addColumn('awarded_by_user_id', 'text')
    .addColumn('ground', 'text', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text', (c) => c.notNull())
    .addColumn('revoked_by_user_id', 'text')
    .execute();
  await db.schema
    .createIndex('award_revocation_section')
    .on('award_revocation')
    .column('section_id')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('award_revocation').execute();
}
