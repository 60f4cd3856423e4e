import { type ArchivePart, type ArchiveScope, projectRows } from './archive-part.ts';

/**
 * committee/: each section's evaluation committee draw (C5, C6). Who sits on a committee stays
 * secret until the section's result is published (法 37): before that only the request and the
 * commitments are archived, not the eligible list, the seed, the draw or the seats, from which the
 * experts could be recomputed. A value the platform holds for a party is never archived.
 */
export async function committeeSection({ db, projectId, now }: ArchiveScope): Promise<ArchivePart> {
  const requests = await db
    .selectFrom('committeeRequest as r')
    .innerJoin('tenderSection as s', 's.id', 'r.sectionId')
    .selectAll('r')
    .select(['s.code as sectionCode', 's.resultPublishedAt'])
    .where('r.projectId', '=', projectId)
    .orderBy('s.code')
    .execute();
  const committees = [];
  for (const { resultPublishedAt, ...request } of requests) {
    const parties = await db
      .selectFrom('drawParty')
      .select([
        'party',
        'commitment',
        'committedAt',
        'committedByUserId',
        'value',
        'revealedAt',
        'substituted',
      ])
      .where('requestId', '=', request.id)
      .orderBy('party')
      .execute();
    if (resultPublishedAt === null || resultPublishedAt > now) {
      const { eligible: _eligible, seed: _seed, drawLog: _drawLog, ...undisclosed } = request;
      committees.push({ request: undisclosed, parties: parties.map(({ value: _value, ...p }) => p) });
      continue;
    }
    const seats = await db
      .selectFrom('committeeSeat as c')
      .innerJoin('expert as e', 'e.id', 'c.expertId')
      .selectAll('c')
      .select(['e.name as expertName', 'e.category as expertCategory', 'e.employerOrganisationId'])
      .where('c.requestId', '=', request.id)
      .orderBy('c.step')
      .orderBy('c.seat')
      .execute();
    const recusals = await db
      .selectFrom('expertRecusal')
      .selectAll()
      .where('requestId', '=', request.id)
      .orderBy('recordedAt')
      .execute();
    committees.push({ request, parties, seats, recusals });
  }
  return {
    records: [{ path: 'committee/committees.json', value: committees }],
    subjects: [{ objectTypes: ['committee_request'], ids: projectRows(db, 'committeeRequest', projectId) }],
  };
}
