import type { Kysely } from 'kysely';

/**
 * Tender and pre-qualification documents as versioned files, who obtained them (secret until the
 * bid deadline, E4), clarifications, objections, pre-qualification applications and their
 * outcome, and the notices the platform delivers to organisations. Times are ISO 8601 UTC text.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('tender_document')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('tender_project.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('tender_document_project').on('tender_document').column('project_id').execute();

  await db.schema
    .createTable('clarification')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('tender_project.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('affects_preparation', 'integer', (c) => c.notNull())
    .addColumn('previous_bid_deadline', 'text', (c) => c.notNull())
    .addColumn('new_bid_deadline', 'text')
    .addColumn('previous_prequalification_deadline', 'text')
    .addColumn('new_prequalification_deadline', 'text')
    .addColumn('objection_id', 'text')
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('published_by_organisation_id', 'text')
    .execute();
  await db.schema.createIndex('clarification_project').on('clarification').column('project_id').execute();

  await db.schema
    .createTable('document_version')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('document_id', 'text', (c) => c.notNull().references('tender_document.id'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('tender_project.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('blob_hash', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('clarification_id', 'text', (c) => c.references('clarification.id'))
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text')
    .addUniqueConstraint('document_version_number', ['document_id', 'version'])
    .execute();
  await db.schema
    .createIndex('document_version_project')
    .on('document_version')
    .column('project_id')
    .execute();

  await db.schema
    .createTable('document_obtainment')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('tender_project.id'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisation.id'))
    .addColumn('user_id', 'text')
    .addColumn('obtained_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('document_obtainment_once', ['project_id', 'organisation_id'])
    .execute();

  await db.schema
    .createTable('objection')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('tender_project.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisation.id'))
    .addColumn('user_id', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('raised_at', 'text', (c) => c.notNull())
    .addColumn('reply_due_at', 'text', (c) => c.notNull())
    .addColumn('reply', 'text')
    .addColumn('replied_at', 'text')
    .addColumn('replied_by_organisation_id', 'text')
    .execute();
  await db.schema.createIndex('objection_project').on('objection').column('project_id').execute();

  await db.schema
    .createTable('prequalification_application')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('tender_project.id'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisation.id'))
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('blob_hash', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('reviewed_at', 'text')
    .addUniqueConstraint('prequalification_application_once', ['project_id', 'organisation_id'])
    .execute();

  await db.schema
    .createTable('prequalification_outcome')
    .addColumn('project_id', 'text', (c) => c.primaryKey().references('tender_project.id'))
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('rule_id', 'text')
    .addColumn('qualified_count', 'integer', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('notice')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('recipient_organisation_id', 'text', (c) => c.notNull().references('organisation.id'))
    .addColumn('project_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('object_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .execute();
  await db.schema
    .createIndex('notice_recipient')
    .on('notice')
    .columns(['recipient_organisation_id', 'created_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'notice',
    'prequalification_outcome',
    'prequalification_application',
    'objection',
    'document_obtainment',
    'document_version',
    'clarification',
    'tender_document',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
