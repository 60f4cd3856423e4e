import type { TradingDb, TradingTrx } from '../schema.ts';

/** A current bid with what its decryption needs: its project's deadline terms and its envelope. */
export async function findBidForDecryption(db: TradingDb | TradingTrx, bidId: string) {
  return db
    .selectFrom('bid as b')
    .innerJoin('tenderProject as p', 'p.id', 'b.projectId')
    .innerJoin('tenderSection as s', 's.id', 'b.sectionId')
    .innerJoin('organisation as o', 'o.id', 'b.bidderOrganisationId')
    .select([
      'b.id',
      'b.projectId',
      'b.sectionId',
      's.code as sectionCode',
      'b.bidderOrganisationId',
      'o.name as bidderName',
      'b.status',
      'b.fileSha256',
      'b.envelopeSuite',
      'b.envelopeHeader',
      'b.decryptionStatus',
      'b.decryptedBy',
      'b.decryptedAt',
      'b.decryptedSha256',
      'p.decryptionWindowMinutes',
      'p.openingKeyRemedy',
    ])
    .where('b.id', '=', bidId)
    .executeTakeFirst();
}

export type BidForDecryption = NonNullable<Awaited<ReturnType<typeof findBidForDecryption>>>;

/** The current bids of a project (replaced and withdrawn ones are not opened), by section and time. */
export async function currentBidsOf(db: TradingDb | TradingTrx, projectId: string, organisationId?: string) {
  let query = db
    .selectFrom('bid as b')
    .innerJoin('tenderSection as s', 's.id', 'b.sectionId')
    .innerJoin('organisation as o', 'o.id', 'b.bidderOrganisationId')
    .select([
      'b.id as bidId',
      's.code as sectionCode',
      'b.bidderOrganisationId',
      'o.name as bidderName',
      'b.fileSha256',
      'b.envelopeSuite',
      'b.decryptionStatus',
      'b.decryptedBy',
      'b.decryptedAt',
    ])
    .where('b.projectId', '=', projectId)
    .where('b.status', '=', 'current')
    .orderBy('s.code')
    .orderBy('b.submittedAt');
  if (organisationId) query = query.where('b.bidderOrganisationId', '=', organisationId);
  return query.execute();
}
