import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  basePriceFen,
  priceScoreCenti,
  priceScores,
  type PriceScoreFormula,
} from '../../../src/domain/evaluation/price-score.ts';
import { validBids } from './support/worked-example.ts';

const prices = validBids.map((b) => b.priceFen); // 452万, 438万, 465万, 420万 (yuan)
const deviation: PriceScoreFormula = {
  kind: 'deviation',
  fullMarksCenti: 40_00,
  aboveCentiPerPercent: 1_00,
  belowCentiPerPercent: 50,
};

describe('base price (评标基准价), worked example of 4 valid bids', () => {
  it('lowest, average, trimmed average (only at ≥ N prices), times a coefficient', () => {
    const unit = { coefficientBasisPoints: 10_000 };
    expect(basePriceFen(prices, { ...unit, method: { kind: 'lowest' } })).toBe(420_000_000);
    // (452 + 438 + 465 + 420) 万 / 4 = 443.75 万
    expect(basePriceFen(prices, { ...unit, method: { kind: 'average' } })).toBe(443_750_000);
    // 4 prices < N = 5: plain average; N = 4: drop 465万 and 420万 → (452 + 438) / 2 = 445万
    expect(basePriceFen(prices, { ...unit, method: { kind: 'trimmed_average', minCount: 5 } })).toBe(
      443_750_000,
    );
    expect(basePriceFen(prices, { ...unit, method: { kind: 'trimmed_average', minCount: 4 } })).toBe(
      445_000_000,
    );
    // 443.75万 × 0.97 = 4,304,375.00 yuan
    expect(basePriceFen(prices, { coefficientBasisPoints: 9_700, method: { kind: 'average' } })).toBe(
      430_437_500,
    );
  });

  it('rounds the base half up to a fen, once', () => {
    // (100 + 101) / 2 = 100.5 fen → 101; (100 + 100 + 101) / 3 = 100.33 → 100
    expect(basePriceFen([100, 101], { coefficientBasisPoints: 10_000, method: { kind: 'average' } })).toBe(
      101,
    );
    expect(
      basePriceFen([100, 100, 101], { coefficientBasisPoints: 10_000, method: { kind: 'average' } }),
    ).toBe(100);
  });
});

describe('price score formulas', () => {
  it('deviation: 40 at the base, −1 per 1 % above, −0.5 per 1 % below (hand-checked)', () => {
    const { baseFen, scoresCenti } = priceScores(
      validBids,
      { coefficientBasisPoints: 9_700, method: { kind: 'average' } },
      deviation,
    );
    expect(baseFen).toBe(430_437_500);
    // A: (4,520,000 − 4,304,375) / 4,304,375 = 5.00944 % → −5.01 → 34.99
    // B: 75,625 / 4,304,375 = 1.75693 % → −1.76 → 38.24
    // C: 345,625 / 4,304,375 = 8.02962 % → −8.03 → 31.97
    // D: 104,375 / 4,304,375 = 2.42486 % below × 0.5 = 1.21243 → −1.21 → 38.79
    expect(Object.fromEntries(scoresCenti)).toEqual({ A: 34_99, B: 38_24, C: 31_97, D: 38_79 });
    expect(priceScoreCenti(430_437_500, baseFen, deviation)).toBe(40_00);
  });

  it('deviation is floored at 0', () => {
    // 50 % above the base: 40 − 50 = −10 → 0
    expect(priceScoreCenti(150, 100, deviation)).toBe(0);
  });

  it('ratio: base ÷ price × 40 with the lowest price as base (hand-checked), capped at full marks', () => {
    const formula: PriceScoreFormula = { kind: 'ratio', fullMarksCenti: 40_00 };
    const { scoresCenti } = priceScores(
      validBids,
      { coefficientBasisPoints: 10_000, method: { kind: 'lowest' } },
      formula,
    );
    // A: 420/452 × 40 = 37.168 → 37.17; B: 420/438 × 40 = 38.356 → 38.36; C: 420/465 × 40 = 36.129 → 36.13
    expect(Object.fromEntries(scoresCenti)).toEqual({ A: 37_17, B: 38_36, C: 36_13, D: 40_00 });
    expect(priceScoreCenti(90, 100, formula)).toBe(40_00);
  });

  it('exact with prices near 10^13 yuan (no float drift)', () => {
    const big = 1e15 - 1;
    expect(priceScoreCenti(big, big, deviation)).toBe(40_00);
    expect(priceScoreCenti(big, big - 1, { kind: 'ratio', fullMarksCenti: 40_00 })).toBe(40_00);
  });
});

describe('properties', () => {
  const price = fc.integer({ min: 1, max: 1e14 });
  const perPercent = fc.integer({ min: 0, max: 500 });

  it('ratio score is non-increasing in price', () => {
    fc.assert(
      fc.property(price, price, price, (base, p, q) => {
        const formula: PriceScoreFormula = { kind: 'ratio', fullMarksCenti: 40_00 };
        const [low, high] = p <= q ? [p, q] : [q, p];
        return priceScoreCenti(low, base, formula) >= priceScoreCenti(high, base, formula);
      }),
    );
  });

  it('deviation score falls with the distance from the base on either side, within [0, full]', () => {
    fc.assert(
      fc.property(price, price, price, perPercent, perPercent, (base, p, q, above, below) => {
        const formula: PriceScoreFormula = {
          kind: 'deviation',
          fullMarksCenti: 40_00,
          aboveCentiPerPercent: above,
          belowCentiPerPercent: below,
        };
        const [low, high] = p <= q ? [p, q] : [q, p];
        const sLow = priceScoreCenti(low, base, formula);
        const sHigh = priceScoreCenti(high, base, formula);
        const inRange = [sLow, sHigh].every((s) => s >= 0 && s <= 40_00);
        if (low >= base) return inRange && sLow >= sHigh; // above the base: non-increasing
        if (high <= base) return inRange && sLow <= sHigh; // below the base: non-decreasing
        return inRange;
      }),
    );
  });

  it('every base price lies within [lowest, highest] × coefficient', () => {
    const method = fc.constantFrom(
      { kind: 'lowest' as const },
      { kind: 'average' as const },
      { kind: 'trimmed_average' as const, minCount: 5 },
    );
    fc.assert(
      fc.property(fc.array(price, { minLength: 1, maxLength: 12 }), method, (list, m) => {
        const base = basePriceFen(list, { coefficientBasisPoints: 10_000, method: m });
        return base >= Math.min(...list) && base <= Math.max(...list);
      }),
    );
  });
});
