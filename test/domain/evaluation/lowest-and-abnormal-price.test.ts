import { describe, expect, it } from 'vitest';
import { abnormalPriceWarnings } from '../../../src/domain/evaluation/abnormal-price.ts';
import { rankByEvaluatedPrice } from '../../../src/domain/evaluation/lowest-evaluated-price.ts';
import { validBids } from './support/worked-example.ts';

describe('lowest evaluated price (经评审的最低投标价法), worked example', () => {
  it('evaluated price = price + quantified deviations; the lowest ranks first', () => {
    const deviations: Record<string, { description: string; amountFen: number }[]> = {
      // D left out the traffic-management item: priced at the highest other bid's 180,000.00
      D: [{ description: '漏项：交通疏导费按其他投标最高价计', amountFen: 18_000_000 }],
      // B offers a 2-year longer warranty, valued by the documents at 50,000.00 in its favour
      B: [{ description: '质保期延长两年', amountFen: -5_000_000 }],
    };
    const ranked = rankByEvaluatedPrice(
      validBids.map((b) => ({ ...b, deviations: deviations[b.bidId] ?? [] })),
    );
    // B 4,380,000 − 50,000 = 4,330,000; D 4,200,000 + 180,000 = 4,380,000; A 4,520,000; C 4,650,000
    expect(ranked.map((r) => [r.bidId, r.rank, r.evaluatedPriceFen, r.priceFen])).toEqual([
      ['B', 1, 433_000_000, 438_000_000],
      ['D', 2, 438_000_000, 420_000_000],
      ['A', 3, 452_000_000, 452_000_000],
      ['C', 4, 465_000_000, 465_000_000],
    ]);
  });

  it('equal evaluated prices: lower bid price, then earlier receipt', () => {
    const at = new Date('2026-05-20T01:00:00Z');
    const later = new Date('2026-05-20T01:00:01Z');
    const ranked = rankByEvaluatedPrice([
      { bidId: 'X', priceFen: 1000, receivedAt: at, deviations: [] },
      { bidId: 'Y', priceFen: 900, receivedAt: later, deviations: [{ description: '偏差', amountFen: 100 }] },
      { bidId: 'Z', priceFen: 900, receivedAt: at, deviations: [{ description: '偏差', amountFen: 100 }] },
    ]);
    expect(ranked.map((r) => r.bidId)).toEqual(['Z', 'Y', 'X']);
  });
});

describe('abnormally low prices (条例 51 (5))', () => {
  it('below 95 % of the average of the valid prices warns and asks for a clarification', () => {
    // average 4,437,500.00; 95 % = 4,215,625.00: D at 4,200,000.00 is below
    const warnings = abnormalPriceWarnings(
      validBids,
      { reference: 'average', thresholdBasisPoints: 9_500 },
      null,
    );
    expect(warnings).toEqual([
      {
        bidId: 'D',
        priceFen: 420_000_000,
        referenceFen: 443_750_000,
        thresholdFen: 421_562_500,
        requiresClarification: true,
        article: expect.objectContaining({ zh: expect.stringContaining('第51条第（五）项') }),
      },
    ]);
  });

  it('exactly at the threshold does not warn; one fen below does (base reference)', () => {
    const rule = { reference: 'base' as const, thresholdBasisPoints: 8_000 };
    const at = [{ bidId: 'L', priceFen: 80_000 }];
    expect(abnormalPriceWarnings(at, rule, 100_000)).toEqual([]);
    expect(abnormalPriceWarnings([{ bidId: 'L', priceFen: 79_999 }], rule, 100_000)).toHaveLength(1);
    expect(abnormalPriceWarnings([{ bidId: 'L', priceFen: 80_001 }], rule, 100_000)).toEqual([]);
  });
});
