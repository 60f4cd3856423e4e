import { AppError } from '../errors.ts';
import { divideHalfUp } from './scoring.ts';

/**
 * Price scores (价格分) from a base price (评标基准价). Prices are integer fen of the valid bids
 * (those that passed the compliance review); scores are integer hundredths of a point.
 *
 * Rounding: the base price is rounded once, half up, to a whole fen; a score is rounded once, half
 * up, to a hundredth of a point. Every intermediate value is exact (BigInt): a 10^13-yuan price
 * times a coefficient would lose digits in a double.
 */
export type BasePriceMethod =
  /** The lowest valid price. */
  | { readonly kind: 'lowest' }
  /** The average of the valid prices. */
  | { readonly kind: 'average' }
  /** The average after removing one highest and one lowest price, when at least `minCount` are valid. */
  | { readonly kind: 'trimmed_average'; readonly minCount: number };

export interface BasePriceRule {
  readonly method: BasePriceMethod;
  /** The base is multiplied by this coefficient (下浮系数), in basis points: 10000 = ×1, 9500 = ×0.95. */
  readonly coefficientBasisPoints: number;
}

export type PriceScoreFormula =
  /**
   * Full marks at the base price, minus `aboveCentiPerPercent` per 1 % above it and
   * `belowCentiPerPercent` per 1 % below it, proportionally for fractions of a percent; floored at 0.
   */
  | {
      readonly kind: 'deviation';
      readonly fullMarksCenti: number;
      readonly aboveCentiPerPercent: number;
      readonly belowCentiPerPercent: number;
    }
  /** base ÷ price × full marks, at most full marks (a price below the base does not earn more). */
  | { readonly kind: 'ratio'; readonly fullMarksCenti: number };

/** The base price (评标基准价) in fen from the valid prices. */
export function basePriceFen(validPricesFen: readonly number[], rule: BasePriceRule): number {
  if (!validPricesFen.length)
    throw new AppError('INVALID_STATE', { state: 'no_valid_bids', action: 'base_price' });
  if (validPricesFen.some((p) => !Number.isSafeInteger(p) || p <= 0))
    throw new AppError('VALIDATION_FAILED', { fields: 'prices' });
  const sorted = [...validPricesFen].sort((a, b) => a - b);
  const counted = basisOf(sorted, rule.method);
  const sum = counted.reduce((s, p) => s + BigInt(p), 0n);
  return Number(divideHalfUp(sum * BigInt(rule.coefficientBasisPoints), BigInt(counted.length) * 10_000n));
}

function basisOf(sorted: readonly number[], method: BasePriceMethod): readonly number[] {
  switch (method.kind) {
    case 'lowest':
      return sorted.slice(0, 1);
    case 'average':
      return sorted;
    case 'trimmed_average':
      return sorted.length >= Math.max(3, method.minCount) ? sorted.slice(1, -1) : sorted;
  }
}

/** The price score of one price, in hundredths of a point. */
export function priceScoreCenti(priceFen: number, baseFen: number, formula: PriceScoreFormula): number {
  if (priceFen <= 0 || baseFen <= 0) throw new AppError('VALIDATION_FAILED', { fields: 'price' });
  const price = BigInt(priceFen);
  const base = BigInt(baseFen);
  const full = BigInt(formula.fullMarksCenti);
  if (formula.kind === 'ratio') {
    const score = divideHalfUp(full * base, price);
    return Number(score > full ? full : score);
  }
  const above = price >= base;
  const perPercent = BigInt(above ? formula.aboveCentiPerPercent : formula.belowCentiPerPercent);
  // deviation in percent = |price − base| × 100 / base; deduction = perPercent × that.
  const deduction = divideHalfUp(perPercent * (above ? price - base : base - price) * 100n, base);
  const score = full - deduction;
  return Number(score < 0n ? 0n : score);
}

/** The base price and every valid bid's price score. */
export function priceScores(
  bids: readonly { readonly bidId: string; readonly priceFen: number }[],
  rule: BasePriceRule,
  formula: PriceScoreFormula,
): { readonly baseFen: number; readonly scoresCenti: ReadonlyMap<string, number> } {
  const baseFen = basePriceFen(
    bids.map((b) => b.priceFen),
    rule,
  );
  return {
    baseFen,
    scoresCenti: new Map(bids.map((b) => [b.bidId, priceScoreCenti(b.priceFen, baseFen, formula)])),
  };
}
