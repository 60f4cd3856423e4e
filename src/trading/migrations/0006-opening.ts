import type { Kysely } from 'kysely';

/**
 * The opening (issue 5): the bid form read from each decrypted bid package, the remote opening
 * hall with its per-project event sequence (so a reconnecting client resumes without loss), sign-ins,
 * the opening record (E8) and the bidders' confirmations and objections (条例 44), and tender
 * exceptions: failure (C1 and other reasons), termination, and the link to the re-tender.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [column, type] of [
    ['bid_form_status', 'text'],
    ['bid_form', 'text'],
    ['bid_price_fen', 'bigint'],
    ['bid_form_problem', 'text'],
  ] as const) {
    await db.schema.alterTable('bid').addColumn(column, type).execute();
  }

  await db.schema
    .createTable('opening_hall')
    .addColumn('project_id', 'text', (c) => c.primaryKey().references('tender_project.id'))
    .addColumn('last_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('opened_at', 'text')
    .addColumn('opened_by_user_id', 'text')
    .addColumn('window_closed_at', 'text')
    .addColumn('read_out_at', 'text')
    .execute();
  await db.schema
    .createTable('opening_hall_event')
    .addColumn('project_id', 'text', (c) => c.notNull().references('tender_project.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('audience', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('opening_hall_event_pk', ['project_id', 'seq'])
    .execute();
  await db.schema
    .createTable('opening_sign_in')
    .addColumn('project_id', 'text', (c) => c.notNull().references('tender_project.id'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisation.id'))
    .addColumn('capacity', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text')
    .addColumn('signed_in_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('opening_sign_in_pk', ['project_id', 'organisation_id'])
    .execute();
  await db.schema
    .createTable('opening_record')
    .addColumn('project_id', 'text', (c) => c.primaryKey().references('tender_project.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('generated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('opening_record_response')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('tender_project.id'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisation.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('text', 'text')
    .addColumn('user_id', 'text')
    .addColumn('responded_at', 'text', (c) => c.notNull())
    .addColumn('answer', 'text')
    .addColumn('answered_by_user_id', 'text')
    .addColumn('answered_at', 'text')
    .execute();
  await db.schema
    .createIndex('opening_record_response_project')
    .on('opening_record_response')
    .columns(['project_id', 'responded_at'])
    .execute();
  await db.schema
    .createTable('tender_exception')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('tender_project.id'))
    .addColumn('section_id', 'text', (c) => c.references('tender_section.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('rule_id', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by_user_id', 'text')
    .addColumn('retender_project_id', 'text', (c) => c.references('tender_project.id'))
    .execute();
  await db.schema
    .createIndex('tender_exception_project')
    .on('tender_exception')
    .column('project_id')
    .execute();
  await db.schema
    .createIndex('tender_exception_retender')
    .on('tender_exception')
    .column('retender_project_id')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'tender_exception',
    'opening_record_response',
    'opening_record',
    'opening_sign_in',
    'opening_hall_event',
    'opening_hall',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
