import type { Kysely } from 'kysely';

/**
 * The expert pool and the committee draw (issue 5): experts with their specialties and the
 * ranges in which they are unavailable; per section one committee request, the parties'
 * commitments and reveals, the seats drawn and the recusals found. The section learns when its
 * result is published: until then the drawn experts' names stay confidential (法 37).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('tender_section').addColumn('result_published_at', 'text').execute();

  await db.schema
    .createTable('expert')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('id_number_hash', 'text', (c) => c.notNull().unique())
    .addColumn('employer_organisation_id', 'text', (c) => c.references('organisation.id'))
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text')
    .addColumn('conflict_organisation_ids', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('expert_specialty')
    .addColumn('expert_id', 'text', (c) => c.notNull().references('expert.id'))
    .addColumn('specialty', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('expert_specialty_pk', ['expert_id', 'specialty'])
    .execute();
  await db.schema
    .createIndex('expert_specialty_by_name')
    .on('expert_specialty')
    .column('specialty')
    .execute();
  await db.schema
    .createTable('expert_unavailability')
    .addColumn('expert_id', 'text', (c) => c.notNull().references('expert.id'))
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('expert_unavailability_by_expert')
    .on('expert_unavailability')
    .column('expert_id')
    .execute();

  await db.schema
    .createTable('committee_request')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('tender_project.id'))
    .addColumn('section_id', 'text', (c) => c.notNull().unique().references('tender_section.id'))
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('tenderer_representatives', 'integer', (c) => c.notNull())
    .addColumn('requirements', 'text', (c) => c.notNull())
    .addColumn('evaluation_at', 'text', (c) => c.notNull())
    .addColumn('algorithm', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('eligible', 'text')
    .addColumn('eligible_digest', 'text')
    .addColumn('seed', 'text')
    .addColumn('draw_log', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by_user_id', 'text')
    .addColumn('frozen_at', 'text')
    .addColumn('drawn_at', 'text')
    .execute();
  await db.schema
    .createTable('draw_party')
    .addColumn('request_id', 'text', (c) => c.notNull().references('committee_request.id'))
    .addColumn('party', 'text', (c) => c.notNull())
    .addColumn('commitment', 'text', (c) => c.notNull())
    .addColumn('committed_at', 'text', (c) => c.notNull())
    .addColumn('committed_by_user_id', 'text')
    .addColumn('held_value', 'text')
    .addColumn('value', 'text')
    .addColumn('revealed_at', 'text')
    .addColumn('substituted', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('draw_party_pk', ['request_id', 'party'])
    .execute();
  await db.schema
    .createTable('committee_seat')
    .addColumn('request_id', 'text', (c) => c.notNull().references('committee_request.id'))
    .addColumn('seat', 'integer', (c) => c.notNull())
    .addColumn('requirement_index', 'integer', (c) => c.notNull())
    .addColumn('expert_id', 'text', (c) => c.notNull().references('expert.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('vacated_reason', 'text')
    .addColumn('step', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('committee_seat_pk', ['request_id', 'seat', 'step'])
    .execute();
  await db.schema.createIndex('committee_seat_by_expert').on('committee_seat').column('expert_id').execute();
  await db.schema
    .createTable('expert_recusal')
    .addColumn('request_id', 'text', (c) => c.notNull().references('committee_request.id'))
    .addColumn('expert_id', 'text', (c) => c.notNull().references('expert.id'))
    .addColumn('ground', 'text', (c) => c.notNull())
    .addColumn('organisation_id', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('expert_recusal_pk', ['request_id', 'expert_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'expert_recusal',
    'committee_seat',
    'draw_party',
    'committee_request',
    'expert_unavailability',
    'expert_specialty',
    'expert',
  ]) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.alterTable('tender_section').dropColumn('result_published_at').execute();
}
