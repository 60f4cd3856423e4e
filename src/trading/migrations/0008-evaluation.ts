import type { Kysely } from 'kysely';

/**
 * Online evaluation (issue 5): per section the review requirements and the price-score
 * configuration (null: the defaults in evaluation-config.ts), one evaluation session with its
 * votes, review outcomes, score sheets, clarifications, chair nominations, dissents, signatures and
 * time events, and the evaluation report (draft, then frozen) that the award reads.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('tender_section').addColumn('review_requirements', 'text').execute();
  await db.schema.alterTable('tender_section').addColumn('price_score_config', 'text').execute();

  await db.schema
    .createTable('evaluation_session')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('tender_project.id'))
    .addColumn('section_id', 'text', (c) => c.notNull().unique().references('tender_section.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('chair_expert_id', 'text', (c) => c.references('expert.id'))
    .addColumn('extended_until', 'text')
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('opened_by_user_id', 'text')
    .addColumn('finalised_at', 'text')
    .execute();
  await db.schema
    .createTable('evaluation_chair_nomination')
    .addColumn('session_id', 'text', (c) => c.notNull().references('evaluation_session.id'))
    .addColumn('expert_id', 'text', (c) => c.notNull().references('expert.id'))
    .addColumn('nominee_expert_id', 'text', (c) => c.notNull().references('expert.id'))
    .addColumn('nominated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('evaluation_chair_nomination_pk', ['session_id', 'expert_id'])
    .execute();
  await db.schema
    .createTable('evaluation_vote')
    .addColumn('session_id', 'text', (c) => c.notNull().references('evaluation_session.id'))
    .addColumn('expert_id', 'text', (c) => c.notNull().references('expert.id'))
    .addColumn('bid_id', 'text', (c) => c.notNull().references('bid.id'))
    .addColumn('requirement_id', 'text', (c) => c.notNull())
    .addColumn('pass', 'integer', (c) => c.notNull())
    .addColumn('ground', 'text')
    .addColumn('note', 'text')
    .addColumn('voted_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('evaluation_vote_pk', ['session_id', 'expert_id', 'bid_id', 'requirement_id'])
    .execute();
  await db.schema
    .createTable('evaluation_bid_review')
    .addColumn('session_id', 'text', (c) => c.notNull().references('evaluation_session.id'))
    .addColumn('bid_id', 'text', (c) => c.notNull().references('bid.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('grounds', 'text', (c) => c.notNull())
    .addColumn('failed', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('evaluation_bid_review_pk', ['session_id', 'bid_id'])
    .execute();
  await db.schema
    .createTable('evaluation_score_sheet')
    .addColumn('session_id', 'text', (c) => c.notNull().references('evaluation_session.id'))
    .addColumn('expert_id', 'text', (c) => c.notNull().references('expert.id'))
    .addColumn('entries', 'text', (c) => c.notNull())
    .addColumn('saved_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('evaluation_score_sheet_pk', ['session_id', 'expert_id'])
    .execute();
  await db.schema
    .createTable('evaluation_clarification')
    .addColumn('session_id', 'text', (c) => c.notNull().references('evaluation_session.id'))
    .addColumn('bid_id', 'text', (c) => c.notNull().references('bid.id'))
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('recorded_by_expert_id', 'text', (c) => c.notNull().references('expert.id'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('evaluation_clarification_pk', ['session_id', 'bid_id'])
    .execute();
  await db.schema
    .createTable('evaluation_dissent')
    .addColumn('session_id', 'text', (c) => c.notNull().references('evaluation_session.id'))
    .addColumn('expert_id', 'text', (c) => c.notNull().references('expert.id'))
    .addColumn('opinion', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('evaluation_dissent_pk', ['session_id', 'expert_id'])
    .execute();
  await db.schema
    .createTable('evaluation_signature')
    .addColumn('session_id', 'text', (c) => c.notNull().references('evaluation_session.id'))
    .addColumn('expert_id', 'text', (c) => c.notNull().references('expert.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('written_reason', 'text')
    .addColumn('report_sha256', 'text', (c) => c.notNull())
    .addColumn('signature', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('evaluation_signature_pk', ['session_id', 'expert_id'])
    .execute();
  await db.schema
    .createTable('evaluation_time_event')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('session_id', 'text', (c) => c.notNull().references('evaluation_session.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('expert_id', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('until', 'text')
    .addColumn('requested_by', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('evaluation_time_event_by_session')
    .on('evaluation_time_event')
    .column('session_id')
    .execute();
  await db.schema
    .createTable('evaluation_report')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('tender_project.id'))
    .addColumn('section_id', 'text', (c) => c.notNull().unique().references('tender_section.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('candidates', 'text', (c) => c.notNull())
    .addColumn('report_json', 'text', (c) => c.notNull())
    .addColumn('report_sha256', 'text', (c) => c.notNull())
    .addColumn('finalised_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'evaluation_report',
    'evaluation_time_event',
    'evaluation_signature',
    'evaluation_dissent',
    'evaluation_clarification',
    'evaluation_score_sheet',
    'evaluation_bid_review',
    'evaluation_vote',
    'evaluation_chair_nomination',
    'evaluation_session',
  ]) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.alterTable('tender_section').dropColumn('price_score_config').execute();
  await db.schema.alterTable('tender_section').dropColumn('review_requirements').execute();
}
