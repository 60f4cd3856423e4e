import { type ArchivePart, type ArchiveScope, projectRows } from './archive-part.ts';

/**
 * opening/: the remote opening hall (its state, every event it broadcast, who signed in), the
 * opening record exactly as generated with the bidders' confirmations and objections (E8).
 */
export async function openingHallSection({ db, projectId }: ArchiveScope): Promise<ArchivePart> {
  const hall = await db
    .selectFrom('openingHall')
    .selectAll()
    .where('projectId', '=', projectId)
    .executeTakeFirst();
  const events = await db
    .selectFrom('openingHallEvent')
    .selectAll()
    .where('projectId', '=', projectId)
    .orderBy('seq')
    .execute();
  const signIns = await db
    .selectFrom('openingSignIn')
    .selectAll()
    .where('projectId', '=', projectId)
    .orderBy('signedInAt')
    .orderBy('organisationId')
    .execute();
  const record = await db
    .selectFrom('openingRecord')
    .selectAll()
    .where('projectId', '=', projectId)
    .executeTakeFirst();
  const responses = await db
    .selectFrom('openingRecordResponse')
    .selectAll()
    .where('projectId', '=', projectId)
    .orderBy('respondedAt')
    .orderBy('id')
    .execute();
  return {
    records: [
      { path: 'opening/hall.json', value: { hall: hall ?? null, signIns, events } },
      {
        path: 'opening/opening-record.json',
        value: record
          ? { sha256: record.sha256, generatedAt: record.generatedAt, canonical: record.body, responses }
          : null,
      },
    ],
    subjects: [],
  };
}

/** exceptions/: failed or terminated tenders and sections, and the re-tender they led to. */
export async function tenderExceptionsSection({ db, projectId }: ArchiveScope): Promise<ArchivePart> {
  const rows = await db
    .selectFrom('tenderException')
    .selectAll()
    .where('projectId', '=', projectId)
    .orderBy('recordedAt')
    .orderBy('id')
    .execute();
  return {
    records: [{ path: 'exceptions/exceptions.json', value: rows }],
    subjects: [{ objectTypes: ['tender_exception'], ids: projectRows(db, 'tenderException', projectId) }],
  };
}
