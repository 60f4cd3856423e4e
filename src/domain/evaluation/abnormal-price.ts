import { AppError } from '../errors.ts';
import { divideHalfUp } from './scoring.ts';

/**
 * Abnormally low prices (异常低价). A price far below the others may be below cost, a ground to
 * reject under 条例 51 (5) — but only after the committee has asked the bidder to explain and
 * prove its cost. This module raises the warning; it never rejects.
 */
export interface AbnormalPriceRule {
  /** What the price is compared with: the average of the valid prices, or the base price. */
  readonly reference: 'average' | 'base';
  /** A price below this share of the reference warns, in basis points: 8500 = 85 %. */
  readonly thresholdBasisPoints: number;
}

export interface AbnormalPriceWarning {
  readonly bidId: string;
  readonly priceFen: number;
  readonly referenceFen: number;
  /** reference × threshold, rounded half up to a fen; prices strictly below it warn. */
  readonly thresholdFen: number;
  /** The committee must ask for a written clarification before deciding (条例 51 (5)). */
  readonly requiresClarification: true;
  readonly article: { readonly zh: string; readonly en: string };
}

const BELOW_COST_ARTICLE = {
  zh: '《招标投标法实施条例》第51条第（五）项（投标报价低于成本）',
  en: 'Implementing Regulations art. 51 (5) (price below cost)',
} as const;

/**
 * Warnings for the bids priced below the threshold. `baseFen` is needed for the 'base' reference;
 * the comparison is exact (price × 10000 < reference × threshold).
 */
export function abnormalPriceWarnings(
  bids: readonly { readonly bidId: string; readonly priceFen: number }[],
  rule: AbnormalPriceRule,
  baseFen: number | null,
): AbnormalPriceWarning[] {
  if (!bids.length) return [];
  const referenceFen =
    rule.reference === 'base'
      ? requireBase(baseFen)
      : Number(
          divideHalfUp(
            bids.reduce((s, b) => s + BigInt(b.priceFen), 0n),
            BigInt(bids.length),
          ),
        );
  const bound = BigInt(referenceFen) * BigInt(rule.thresholdBasisPoints);
  const thresholdFen = Number(divideHalfUp(bound, 10_000n));
  return bids
    .filter((b) => BigInt(b.priceFen) * 10_000n < bound)
    .map((b) => ({
      bidId: b.bidId,
      priceFen: b.priceFen,
      referenceFen,
      thresholdFen,
      requiresClarification: true as const,
      article: BELOW_COST_ARTICLE,
    }));
}

function requireBase(baseFen: number | null): number {
  if (baseFen === null) throw new AppError('VALIDATION_FAILED', { fields: 'baseFen' });
  return baseFen;
}
