import type { TradingDb, TradingTrx } from '../schema.ts';

/** A bid the committee evaluates: decrypted at the opening, with the price from its bid form. */
export interface EvaluatedBid {
  readonly bidId: string;
  readonly bidderOrganisationId: string;
  readonly bidderName: string;
  /** 投标报价 from the bid form; null when the decrypted package carried no valid form. */
  readonly priceFen: number | null;
  readonly receivedAt: Date;
  readonly decryptedSha256: string;
}

/**
 * The one place that joins a section's bids with what the opening found: only current bids that
 * were decrypted are evaluated (E7: a bid not decrypted is revoked or withdrawn, never evaluated).
 */
export async function evaluatedBidsOf(
  db: TradingDb | TradingTrx,
  sectionId: string,
): Promise<EvaluatedBid[]> {
  const rows = await db
    .selectFrom('bid as b')
    .innerJoin('organisation as o', 'o.id', 'b.bidderOrganisationId')
    .select([
      'b.id',
      'b.bidderOrganisationId',
      'o.name',
      'b.bidPriceFen',
      'b.submittedAt',
      'b.decryptedSha256',
    ])
    .where('b.sectionId', '=', sectionId)
    .where('b.status', '=', 'current')
    .where('b.decryptionStatus', '=', 'decrypted')
    .where('b.decryptedSha256', 'is not', null)
    .orderBy('b.submittedAt')
    .orderBy('b.id')
    .execute();
  return rows.map((r) => ({
    bidId: r.id,
    bidderOrganisationId: r.bidderOrganisationId,
    bidderName: r.name,
    priceFen: r.bidPriceFen === null ? null : Number(r.bidPriceFen),
    receivedAt: new Date(r.submittedAt),
    decryptedSha256: r.decryptedSha256!,
  }));
}
