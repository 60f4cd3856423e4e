import type { SuiteId } from '../../crypto/portable/suite.ts';
import { AppError } from '../../domain/errors.ts';
import type { Db } from '../../store/schema.ts';
import type { SectionForBid } from '../bids/bid-repository.ts';
import { tradingDb } from '../schema.ts';
import type { EnvelopeExpectations } from './check-bid-envelope.ts';

/** What a bid for this section by this organisation must be sealed for: suite, tender, opening key. */
export async function envelopeExpectations(
  db: Db,
  section: SectionForBid,
  bidderOrganisationId: string,
): Promise<EnvelopeExpectations> {
  const t = tradingDb(db);
  const row = await t
    .selectFrom('tenderProject as p')
    .innerJoin('openingKey as k', 'k.projectId', 'p.id')
    .select(['p.cipherSuite', 'k.keyId'])
    .where('p.id', '=', section.projectId)
    .executeTakeFirst();
  if (!row) throw new AppError('INVALID_STATE', { state: 'no_opening_key', action: 'bid' });
  const bidder = await t
    .selectFrom('organisation')
    .select('creditCode')
    .where('id', '=', bidderOrganisationId)
    .executeTakeFirstOrThrow();
  return {
    suite: row.cipherSuite as SuiteId,
    projectId: section.projectId,
    sectionId: section.sectionId,
    bidderOrganisationId,
    bidderCreditCode: bidder.creditCode,
    openingKeyId: row.keyId,
  };
}
