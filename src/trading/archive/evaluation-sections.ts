import type { ArchivePart, ArchiveScope } from './archive-part.ts';

/** The per-session tables of an evaluation, each archived whole once the result is public. */
const SESSION_TABLES = [
  'evaluationChairNomination',
  'evaluationVote',
  'evaluationBidReview',
  'evaluationScoreSheet',
  'evaluationClarification',
  'evaluationDissent',
  'evaluationSignature',
  'evaluationTimeEvent',
] as const;

/**
 * evaluation/: each section's evaluation session and report (E9). The evaluation is confidential
 * and who sat on it secret until the section's result is published (法 37, 44): before that only
 * the session's status and times are archived.
 */
export async function evaluationSection({ db, projectId, now }: ArchiveScope): Promise<ArchivePart> {
  const sessions = await db
    .selectFrom('evaluationSession as e')
    .innerJoin('tenderSection as s', 's.id', 'e.sectionId')
    .selectAll('e')
    .select(['s.code as sectionCode', 's.resultPublishedAt'])
    .where('e.projectId', '=', projectId)
    .orderBy('s.code')
    .orderBy('e.openedAt')
    .execute();
  const evaluations = [];
  for (const { resultPublishedAt, chairExpertId, ...session } of sessions) {
    if (resultPublishedAt === null || resultPublishedAt > now) {
      evaluations.push({ session });
      continue;
    }
    const records: Record<string, unknown[]> = {};
    for (const table of SESSION_TABLES) {
      records[table] = await db
        .selectFrom(table as 'evaluationVote')
        .selectAll()
        .where('sessionId', '=', session.id)
        .execute();
    }
    const reports = await db
      .selectFrom('evaluationReport')
      .selectAll()
      .where('sectionId', '=', session.sectionId)
      .orderBy('createdAt')
      .execute();
    evaluations.push({ session: { ...session, chairExpertId }, ...records, reports });
  }
  return { records: [{ path: 'evaluation/evaluations.json', value: evaluations }], subjects: [] };
}
