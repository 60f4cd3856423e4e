/**
 * 经评审的最低投标价法: among the bids that passed the compliance review, the evaluated price is
 * the bid price plus the committee's quantified deviations (价格折算: missing items, commercial
 * deviations; a deviation in the tenderer's favour is negative). The lowest evaluated price ranks
 * first. The price itself is never changed (法 43: no negotiation on price).
 */
export interface QuantifiedDeviation {
  readonly description: string;
  /** Signed amount in fen added to the price for evaluation only. */
  readonly amountFen: number;
}

export interface PricedBid {
  readonly bidId: string;
  readonly priceFen: number;
  readonly receivedAt: Date;
  readonly deviations: readonly QuantifiedDeviation[];
}

export interface EvaluatedPrice {
  readonly bidId: string;
  readonly rank: number;
  readonly priceFen: number;
  readonly evaluatedPriceFen: number;
}

/**
 * Ranks by evaluated price, ascending; ties go to the lower bid price, then the earlier receipt,
 * then the bid id (a total order).
 */
export function rankByEvaluatedPrice(bids: readonly PricedBid[]): EvaluatedPrice[] {
  return bids
    .map((bid) => ({
      bid,
      evaluatedPriceFen: bid.deviations.reduce((sum, d) => sum + d.amountFen, bid.priceFen),
    }))
    .sort(
      (a, b) =>
        a.evaluatedPriceFen - b.evaluatedPriceFen ||
        a.bid.priceFen - b.bid.priceFen ||
        a.bid.receivedAt.getTime() - b.bid.receivedAt.getTime() ||
        (a.bid.bidId < b.bid.bidId ? -1 : a.bid.bidId > b.bid.bidId ? 1 : 0),
    )
    .map((e, i) => ({
      bidId: e.bid.bidId,
      rank: i + 1,
      priceFen: e.bid.priceFen,
      evaluatedPriceFen: e.evaluatedPriceFen,
    }));
}
