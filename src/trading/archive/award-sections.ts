import {
  type ArchiveBlob,
  type ArchivePart,
  type ArchiveScope,
  type AuditSubject,
  numbers,
} from './archive-part.ts';

/**
 * award/: each section's award (定标) — the candidate publicity, its objections and replies, the
 * candidates' standing, the award and its notice, the contract with its signed file, the report
 * to the supervisor and the bid-bond refunds. All of it follows the final evaluation report and is
 * public or the tenderer's own record, so nothing is withheld.
 */
export async function awardSection({ db, projectId }: ArchiveScope): Promise<ArchivePart> {
  const sections = await db
    .selectFrom('tenderSection')
    .select(['id', 'code'])
    .where('projectId', '=', projectId)
    .orderBy('code')
    .execute();
  const awards = [];
  const blobs: ArchiveBlob[] = [];
  for (const section of sections) {
    const publicity = await db
      .selectFrom('awardPublicity')
      .selectAll()
      .where('sectionId', '=', section.id)
      .executeTakeFirst();
    if (!publicity) continue;
    const objections = await db
      .selectFrom('awardObjection')
      .selectAll()
      .where('sectionId', '=', section.id)
      .orderBy('raisedAt')
      .orderBy('id')
      .execute();
    const standings = await db
      .selectFrom('awardCandidateStanding')
      .selectAll()
      .where('sectionId', '=', section.id)
      .orderBy('recordedAt')
      .execute();
    const decision = await db
      .selectFrom('awardDecision')
      .selectAll()
      .where('sectionId', '=', section.id)
      .executeTakeFirst();
    // Awards revoked before a contract (条例 55, 74), as they were, with the ground and evidence.
    const revocations = await db
      .selectFrom('awardRevocation')
      .selectAll()
      .where('sectionId', '=', section.id)
      .orderBy('revokedAt')
      .execute();
    const contract = await db
      .selectFrom('awardContract')
      .selectAll()
      .where('sectionId', '=', section.id)
      .executeTakeFirst();
    const supervisorReport = await db
      .selectFrom('awardSupervisorReport')
      .selectAll()
      .where('sectionId', '=', section.id)
      .executeTakeFirst();
    const bondRefunds = await db
      .selectFrom('bidBondRefund')
      .selectAll()
      .where('sectionId', '=', section.id)
      .orderBy('recordedAt')
      .orderBy('bidId')
      .execute();
    if (contract) {
      blobs.push({ path: `award/${section.code}/${contract.filename}`, blobHash: contract.fileSha256 });
    }
    awards.push({
      sectionCode: section.code,
      publicity,
      objections,
      standings,
      decision: decision ? numbers(decision, ['priceFen']) : null,
      revocations: revocations.map((r) => numbers(r, ['priceFen'])),
      contract: contract ? numbers(contract, ['amountFen', 'performanceBondFen', 'fileSize']) : null,
      supervisorReport: supervisorReport ?? null,
      bondRefunds: bondRefunds.map((r) => numbers(r, ['amountFen'])),
    });
  }
  const objectionIds = db
    .selectFrom('awardObjection')
    .innerJoin('tenderSection', 'tenderSection.id', 'awardObjection.sectionId')
    .select('awardObjection.id as id')
    .where('tenderSection.projectId', '=', projectId) as unknown as AuditSubject['ids'];
  return {
    records: [{ path: 'award/awards.json', value: awards }],
    blobs,
    subjects: [{ objectTypes: ['award_objection'], ids: objectionIds }],
  };
}
