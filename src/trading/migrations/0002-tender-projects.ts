import type { Kysely } from 'kysely';
import { columnTypes } from '../../store/migrations/dialect.ts';

/**
 * Tender projects and what hangs off them up to publication, organisation relations for C9, the
 * agency entrustments, and the outbox of publications for the hub. Amounts are integer fen (分);
 * flags are 0/1; times are ISO 8601 UTC text.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const { serial, postgres } = columnTypes(db);

  await db.schema
    .createTable('organisation_relation')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisation.id'))
    // 'head' (单位负责人/法定代表人, identified by a person id) or 'controls' (控股或管理 another organisation)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('person_id_hash', 'text')
    .addColumn('person_name', 'text')
    .addColumn('related_organisation_id', 'text', (c) => c.references('organisation.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('organisation_relation_org')
    .on('organisation_relation')
    .column('organisation_id')
    .execute();

  await db.schema
    .createTable('entrustment')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenderer_organisation_id', 'text', (c) => c.notNull().references('organisation.id'))
    .addColumn('agency_organisation_id', 'text', (c) => c.notNull().references('organisation.id'))
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('valid_until', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();

  await db.schema
    .createTable('tender_project')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('deal_code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('tenderer_organisation_id', 'text', (c) => c.notNull().references('organisation.id'))
    .addColumn('agency_organisation_id', 'text', (c) => c.references('organisation.id'))
    .addColumn('entrustment_id', 'text', (c) => c.references('entrustment.id'))
    .addColumn('procedure', 'text', (c) => c.notNull())
    .addColumn('qualification', 'text', (c) => c.notNull())
    .addColumn('must_tender', 'integer', (c) => c.notNull())
    .addColumn('state_funded', 'integer', (c) => c.notNull())
    .addColumn('region', 'text')
    .addColumn('industry', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('paused_at', 'text')
    .addColumn('published_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('tender_project_tenderer')
    .on('tender_project')
    .column('tenderer_organisation_id')
    .execute();
  await db.schema.createIndex('tender_project_status').on('tender_project').column('status').execute();

  await db.schema
    .createTable('tender_section')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('tender_project.id'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('estimated_price_fen', 'bigint', (c) => c.notNull())
    .addColumn('control_price_fen', 'bigint')
    .addColumn('reference_price_fen', 'bigint')
    .addColumn('bid_bond_fen', 'bigint', (c) => c.notNull())
    .addColumn('bid_validity_days', 'integer', (c) => c.notNull())
    .addColumn('evaluation_method', 'text', (c) => c.notNull())
    .addColumn('criteria', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('tender_section_project').on('tender_section').column('project_id').execute();

  await db.schema
    .createTable('announcement')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('tender_project.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('document_issue_start', 'text', (c) => c.notNull())
    .addColumn('document_issue_end', 'text', (c) => c.notNull())
    .addColumn('bid_deadline', 'text', (c) => c.notNull())
    .addColumn('opening_at', 'text', (c) => c.notNull())
    .addColumn('prequalification_deadline', 'text')
    .addColumn('objection_contact', 'text', (c) => c.notNull())
    .addColumn('invited_organisation_ids', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('announcement_project').on('announcement').column('project_id').execute();

  await db.schema
    .createTable('outbox')
    .addColumn('seq', serial, (c) => (postgres ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('data_set_code', 'text', (c) => c.notNull())
    .addColumn('aggregate_type', 'text', (c) => c.notNull())
    .addColumn('aggregate_id', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .execute();
  await db.schema.createIndex('outbox_pending').on('outbox').columns(['sent_at', 'seq']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'outbox',
    'announcement',
    'tender_section',
    'tender_project',
    'entrustment',
    'organisation_relation',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
