import type { Kysely } from 'kysely';

/**
 * The award (issue 5 item 4): per section the candidate publicity and the objections to it, what
 * became of a candidate (gave up, failed to perform, found ineligible), the award with its notices
 * and result announcement, the contract with its performance bond, the written report to the
 * supervisor, and the refund of each bid bond. Times are ISO 8601 UTC text; amounts integer fen.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('award_publicity')
    .addColumn('section_id', 'text', (c) => c.primaryKey().references('tender_section.id'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('tender_project.id'))
    .addColumn('report_id', 'text', (c) => c.notNull().references('evaluation_report.id'))
    .addColumn('candidates', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('published_by_user_id', 'text')
    .execute();
  await db.schema
    .createTable('award_objection')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('section_id', 'text', (c) => c.notNull().references('tender_section.id'))
    .addColumn('organisation_id', 'text')
    .addColumn('user_id', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('raised_at', 'text', (c) => c.notNull())
    .addColumn('reply', 'text')
    .addColumn('replied_at', 'text')
    .addColumn('replied_by_user_id', 'text')
    .execute();
  await db.schema.createIndex('award_objection_section').on('award_objection').column('section_id').execute();
  await db.schema
    .createTable('award_candidate_standing')
    .addColumn('section_id', 'text', (c) => c.notNull().references('tender_section.id'))
    .addColumn('bid_id', 'text', (c) => c.notNull().references('bid.id'))
    .addColumn('standing', 'text', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by_user_id', 'text')
    .addPrimaryKeyConstraint('award_candidate_standing_pk', ['section_id', 'bid_id'])
    .execute();
  await db.schema
    .createTable('award_decision')
    .addColumn('section_id', 'text', (c) => c.primaryKey().references('tender_section.id'))
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
    .execute();
  await db.schema
    .createTable('award_contract')
    .addColumn('section_id', 'text', (c) => c.primaryKey().references('tender_section.id'))
    .addColumn('amount_fen', 'bigint', (c) => c.notNull())
    .addColumn('performance_bond_fen', 'bigint', (c) => c.notNull())
    .addColumn('signed_at', 'text', (c) => c.notNull())
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('file_sha256', 'text', (c) => c.notNull())
    .addColumn('file_size', 'bigint', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by_user_id', 'text')
    .execute();
  await db.schema
    .createTable('award_supervisor_report')
    .addColumn('section_id', 'text', (c) => c.primaryKey().references('tender_section.id'))
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('reported_at', 'text', (c) => c.notNull())
    .addColumn('reported_by_user_id', 'text')
    .execute();
  await db.schema
    .createTable('bid_bond_refund')
    .addColumn('bid_id', 'text', (c) => c.primaryKey().references('bid.id'))
    .addColumn('section_id', 'text', (c) => c.notNull().references('tender_section.id'))
    .addColumn('amount_fen', 'bigint', (c) => c.notNull())
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('refunded_at', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by_user_id', 'text')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'bid_bond_refund',
    'award_supervisor_report',
    'award_contract',
    'award_decision',
    'award_candidate_standing',
    'award_objection',
    'award_publicity',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
