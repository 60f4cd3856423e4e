/** The project's own records: what was announced, issued, asked, obtained and notified. */
import {
  type ArchivePart,
  type ArchiveScope,
  type AuditSubject,
  numbers,
  projectRows,
} from './archive-part.ts';

/** project.json: the project, its sections and announcements, and the entrustment it runs under. */
export async function projectSection({ db, projectId }: ArchiveScope): Promise<ArchivePart> {
  const project = await db
    .selectFrom('tenderProject')
    .selectAll()
    .where('id', '=', projectId)
    .executeTakeFirstOrThrow();
  const sections = await db
    .selectFrom('tenderSection')
    .selectAll()
    .where('projectId', '=', projectId)
    .orderBy('code')
    .execute();
  const announcements = await db
    .selectFrom('announcement')
    .selectAll()
    .where('projectId', '=', projectId)
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
  const entrustment = project.entrustmentId
    ? await db
        .selectFrom('entrustment')
        .selectAll()
        .where('id', '=', project.entrustmentId)
        .executeTakeFirst()
    : undefined;
  const money = ['estimatedPriceFen', 'controlPriceFen', 'referencePriceFen', 'bidBondFen'] as const;
  return {
    records: [
      {
        path: 'project.json',
        value: {
          project,
          sections: sections.map((s) => numbers(s, money)),
          announcements,
          entrustment: entrustment ?? null,
        },
      },
    ],
    subjects: [
      {
        objectTypes: ['tender_project', 'project'],
        ids: db.selectFrom('tenderProject').select('id').where('id', '=', projectId) as AuditSubject['ids'],
      },
      { objectTypes: ['tender_section', 'section'], ids: projectRows(db, 'tenderSection', projectId) },
      { objectTypes: ['announcement'], ids: projectRows(db, 'announcement', projectId) },
      ...(project.entrustmentId
        ? [
            {
              objectTypes: ['entrustment'],
              ids: db
                .selectFrom('entrustment')
                .select('id')
                .where('id', '=', project.entrustmentId) as AuditSubject['ids'],
            },
          ]
        : []),
    ],
  };
}

/** documents/: every tender and pre-qualification document, each version's file and its metadata. */
export async function documentsSection({ db, projectId }: ArchiveScope): Promise<ArchivePart> {
  const documents = await db
    .selectFrom('tenderDocument')
    .selectAll()
    .where('projectId', '=', projectId)
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
  const versions = (
    await db
      .selectFrom('documentVersion')
      .selectAll()
      .where('projectId', '=', projectId)
      .orderBy('documentId')
      .orderBy('version')
      .execute()
  ).map((v) => ({ ...numbers(v, ['size']), path: `documents/${v.documentId}/v${v.version}/${v.filename}` }));
  return {
    records: [
      {
        path: 'documents/documents.json',
        value: documents.map((d) => ({ ...d, versions: versions.filter((v) => v.documentId === d.id) })),
      },
    ],
    blobs: versions.map((v) => ({ path: v.path, blobHash: v.blobHash })),
    subjects: [
      {
        objectTypes: ['tender_document'],
        ids: projectRows(db, 'tenderDocument', projectId),
      },
      {
        objectTypes: ['document_version'],
        ids: projectRows(db, 'documentVersion', projectId),
      },
    ],
  };
}

export async function clarificationsSection({ db, projectId }: ArchiveScope): Promise<ArchivePart> {
  const rows = await db
    .selectFrom('clarification')
    .selectAll()
    .where('projectId', '=', projectId)
    .orderBy('publishedAt')
    .orderBy('id')
    .execute();
  return {
    records: [{ path: 'documents/clarifications.json', value: rows }],
    subjects: [
      {
        objectTypes: ['clarification'],
        ids: projectRows(db, 'clarification', projectId),
      },
    ],
  };
}

export async function obtainmentsSection({ db, projectId }: ArchiveScope): Promise<ArchivePart> {
  const rows = await db
    .selectFrom('documentObtainment')
    .selectAll()
    .where('projectId', '=', projectId)
    .orderBy('obtainedAt')
    .orderBy('id')
    .execute();
  return {
    records: [{ path: 'documents/obtainments.json', value: rows }],
    subjects: [
      {
        objectTypes: ['document_obtainment'],
        ids: projectRows(db, 'documentObtainment', projectId),
      },
    ],
  };
}

/** objections/: every objection and its reply (E10). */
export async function objectionsSection({ db, projectId }: ArchiveScope): Promise<ArchivePart> {
  const rows = await db
    .selectFrom('objection')
    .selectAll()
    .where('projectId', '=', projectId)
    .orderBy('raisedAt')
    .orderBy('id')
    .execute();
  return {
    records: [{ path: 'objections/objections.json', value: rows }],
    subjects: [
      {
        objectTypes: ['objection'],
        ids: projectRows(db, 'objection', projectId),
      },
    ],
  };
}

/** prequalification/: the applications with their files, and the published outcome. */
export async function prequalificationSection({ db, projectId }: ArchiveScope): Promise<ArchivePart> {
  const applications = (
    await db
      .selectFrom('prequalificationApplication as a')
      .innerJoin('organisation as o', 'o.id', 'a.organisationId')
      .selectAll('a')
      .select('o.creditCode')
      .where('a.projectId', '=', projectId)
      .orderBy('o.creditCode')
      .execute()
  ).map((a) => ({ ...numbers(a, ['size']), path: `prequalification/${a.creditCode}/${a.filename}` }));
  const outcome = await db
    .selectFrom('prequalificationOutcome')
    .selectAll()
    .where('projectId', '=', projectId)
    .executeTakeFirst();
  return {
    records: [
      { path: 'prequalification/prequalification.json', value: { applications, outcome: outcome ?? null } },
    ],
    blobs: applications.map((a) => ({ path: a.path, blobHash: a.blobHash })),
    subjects: [
      {
        objectTypes: ['prequalification_application'],
        ids: projectRows(db, 'prequalificationApplication', projectId),
      },
    ],
  };
}

export async function noticesSection({ db, projectId }: ArchiveScope): Promise<ArchivePart> {
  const rows = await db
    .selectFrom('notice')
    .selectAll()
    .where('projectId', '=', projectId)
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
  return {
    records: [{ path: 'records/notices.json', value: rows }],
    subjects: [
      {
        objectTypes: ['notice'],
        ids: projectRows(db, 'notice', projectId),
      },
    ],
  };
}

/** What the platform published about the project, its sections and announcements to the hub. */
export async function outboxSection({ db, projectId }: ArchiveScope): Promise<ArchivePart> {
  const rows = await db
    .selectFrom('outbox')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb('aggregateId', '=', projectId),
        eb('aggregateId', 'in', projectRows(db, 'tenderSection', projectId)),
        eb('aggregateId', 'in', projectRows(db, 'announcement', projectId)),
      ]),
    )
    .orderBy('seq')
    .execute();
  return {
    records: [{ path: 'records/outbox.json', value: rows.map((r) => ({ ...r, seq: Number(r.seq) })) }],
    subjects: [],
  };
}
