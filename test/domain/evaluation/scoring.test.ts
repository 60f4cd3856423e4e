import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AppError } from '../../../src/domain/errors.ts';
import { priceScores } from '../../../src/domain/evaluation/price-score.ts';
import {
  criterionResult,
  scoreBids,
  scoreSheetProblems,
  type ScoreEntry,
  type ScoringInput,
} from '../../../src/domain/evaluation/scoring.ts';
import { criteria, entries, experts, validBids } from './support/worked-example.ts';

const { scoresCenti } = priceScores(
  validBids,
  { coefficientBasisPoints: 9_700, method: { kind: 'average' } },
  { kind: 'deviation', fullMarksCenti: 40_00, aboveCentiPerPercent: 1_00, belowCentiPerPercent: 50 },
);
const input: ScoringInput = {
  criteria,
  priceCriterion: '投标报价',
  experts,
  bids: validBids,
  entries,
  priceScoresCenti: scoresCenti,
  dropExtremes: true,
};

function validationPaths(run: () => unknown): string[] {
  try {
    run();
  } catch (e) {
    return (e as AppError).details.map((d) => `${d.path}:${d.code}`);
  }
  return [];
}

describe('comprehensive scoring, worked example (5 experts, highest and lowest dropped)', () => {
  it('criterion averages, totals and ranks as computed by hand', () => {
    const result = scoreBids(input);
    // 技术方案 A: 30, 34, 35, 36.5, 38 → drop 30 and 38 → (34 + 35 + 36.5) / 3 = 35.1667 → 35.17
    // 商务资信 A: 15, 16, 16, 17, 18 → (16 + 16 + 17) / 3 = 16.3333 → 16.33
    // A = 35.17 + 16.33 + 34.99 = 86.49
    // B = 32.67 (32, 33, 33) + 18.00 (18, 18, 18) + 38.24 = 88.91
    // C = 37.50 (37, 37.5, 38) + 15.17 (15, 15, 15.5) + 31.97 = 84.64
    // D = 30.00 (29, 30, 31) + 16.83 (16.5, 17, 17) + 38.79 = 85.62
    expect(result.map((r) => [r.bidId, r.rank, r.totalCenti])).toEqual([
      ['B', 1, 88_91],
      ['A', 2, 86_49],
      ['D', 3, 85_62],
      ['C', 4, 84_64],
    ]);
    const a = result.find((r) => r.bidId === 'A')!;
    expect(a.criteria[0]).toEqual({
      criterion: '技术方案',
      averageCenti: 35_17,
      keptCenti: [34_00, 35_00, 36_50],
      droppedCenti: [30_00, 38_00],
    });
    expect(a.priceScoreCenti).toBe(34_99);
  });

  it('without dropping: A technical = (35 + 36.5 + 34 + 38 + 30) / 5 = 34.70', () => {
    const a = scoreBids({ ...input, dropExtremes: false }).find((r) => r.bidId === 'A')!;
    expect(a.criteria[0]!.averageCenti).toBe(34_70);
  });

  it('extremes are kept with fewer than 5 experts', () => {
    expect(criterionResult('x', [10_00, 20_00, 30_00, 40_00], true)).toMatchObject({
      averageCenti: 25_00,
      droppedCenti: [],
    });
  });

  it('rounds the average half up: 1/3 → 0.33, 2/3 → 0.67, 0.005 → 0.01', () => {
    expect(criterionResult('x', [0, 0, 1_00], false).averageCenti).toBe(33);
    expect(criterionResult('x', [0, 1_00, 1_00], false).averageCenti).toBe(67);
    expect(criterionResult('x', [0, 1], false).averageCenti).toBe(1);
  });
});

describe('tie-breaks: total, then price score, then lower price, then earlier receipt', () => {
  const two = (b: Partial<(typeof validBids)[number]>, priceScores: [number, number]) => {
    const bids = [
      { bidId: 'P', priceFen: 100_00, receivedAt: new Date('2026-05-20T01:00:00Z') },
      { bidId: 'Q', priceFen: 100_00, receivedAt: new Date('2026-05-20T01:00:00Z'), ...b },
    ];
    const tie: ScoreEntry[] = ['P', 'Q'].flatMap((bidId) =>
      ['x1', 'x2', 'x3'].map((expertId) => ({ expertId, bidId, criterion: 'tech', points: 50 })),
    );
    return scoreBids({
      criteria: [
        { name: 'tech', weight: 60 },
        { name: 'price', weight: 40 },
      ],
      priceCriterion: 'price',
      experts: ['x1', 'x2', 'x3'],
      bids,
      entries: tie.map((e) => (e.bidId === 'P' ? { ...e, points: 50 - (priceScores[0] - 30) } : e)),
      priceScoresCenti: new Map([
        ['P', priceScores[0] * 100],
        ['Q', priceScores[1] * 100],
      ]),
      dropExtremes: false,
    }).map((r) => r.bidId);
  };

  it('equal totals: the higher price score ranks first', () => {
    // P: 49 + 31 = 80; Q: 50 + 30 = 80
    expect(two({}, [31, 30])).toEqual(['P', 'Q']);
  });
  it('equal totals and price scores: the lower price ranks first', () => {
    expect(two({ priceFen: 99_99 }, [30, 30])).toEqual(['Q', 'P']);
  });
  it('then the earlier receipt', () => {
    expect(two({ receivedAt: new Date('2026-05-20T00:59:59Z') }, [30, 30])).toEqual(['Q', 'P']);
  });
});

describe('validation for the expert workspace', () => {
  it('field-level problems: range, decimals, price criterion, duplicates, missing scores', () => {
    const sheet: ScoreEntry[] = [
      { expertId: 'e1', bidId: 'A', criterion: '技术方案', points: 40.01 },
      { expertId: 'e1', bidId: 'A', criterion: '商务资信', points: 12.345 },
      { expertId: 'e1', bidId: 'A', criterion: '投标报价', points: 30 },
      { expertId: 'e1', bidId: 'B', criterion: '技术方案', points: -1 },
      { expertId: 'e1', bidId: 'B', criterion: '技术方案', points: 20 },
      { expertId: 'e1', bidId: 'Z', criterion: '商务资信', points: 10 },
    ];
    expect(scoreSheetProblems(input, 'e1', sheet).map((p) => `${p.path}:${p.code}`)).toEqual([
      'entries.0.points:out_of_range',
      'entries.1.points:at_most_2_decimals',
      'entries.2.criterion:not_scored_by_experts',
      'entries.3.points:out_of_range',
      'entries.4:duplicate',
      'entries.5.bidId:unknown_bid',
      'bids.B.商务资信:required',
      'bids.C.技术方案:required',
      'bids.C.商务资信:required',
      'bids.D.技术方案:required',
      'bids.D.商务资信:required',
    ]);
  });

  it('the limits 0 and full marks are accepted', () => {
    const sheet = validBids.flatMap((b) => [
      { expertId: 'e1', bidId: b.bidId, criterion: '技术方案', points: 40 },
      { expertId: 'e1', bidId: b.bidId, criterion: '商务资信', points: 0 },
    ]);
    expect(scoreSheetProblems(input, 'e1', sheet)).toEqual([]);
  });

  it('scoring refuses weights that do not sum to 100, and a missing price score', () => {
    expect(
      validationPaths(() =>
        scoreBids({ ...input, criteria: [...criteria.slice(0, 2), { name: '投标报价', weight: 39.99 }] }),
      ),
    ).toContain('criteria:weights_not_100');
    expect(validationPaths(() => scoreBids({ ...input, priceScoresCenti: new Map() }))).toContain(
      'priceScores.A:required',
    );
  });
});

describe('properties', () => {
  const point = fc.integer({ min: 0, max: 40_00 });
  const panel = fc.integer({ min: 1, max: 9 }).chain((n) =>
    fc.record({
      tech: fc.array(fc.array(point, { minLength: n, maxLength: n }), { minLength: 1, maxLength: 6 }),
      drop: fc.boolean(),
      seed: fc.integer(),
    }),
  );

  function build(tech: number[][], drop: boolean, expertOrder: string[]): ScoringInput {
    const n = tech[0]!.length;
    const ids = Array.from({ length: n }, (_, i) => `x${i}`);
    const bids = tech.map((_, b) => ({
      bidId: `b${b}`,
      priceFen: 100_000 + (b % 3),
      receivedAt: new Date(b),
    }));
    return {
      criteria: [
        { name: 'tech', weight: 40 },
        { name: 'price', weight: 60 },
      ],
      priceCriterion: 'price',
      experts: expertOrder,
      bids,
      entries: tech.flatMap((row, b) =>
        row.map((centi, e) => ({
          expertId: ids[e]!,
          bidId: `b${b}`,
          criterion: 'tech',
          points: centi / 100,
        })),
      ),
      priceScoresCenti: new Map(bids.map((bid, b) => [bid.bidId, (b * 7) % 3])),
      dropExtremes: drop,
    };
  }
  const shuffled = <T>(list: T[], seed: number) =>
    list
      .map((v, i) => ({ v, k: Math.sin(seed + i) }))
      .sort((a, b) => a.k - b.k)
      .map((x) => x.v);

  it('permuting the experts (and their entries) changes nothing', () => {
    fc.assert(
      fc.property(panel, ({ tech, drop, seed }) => {
        const ids = tech[0]!.map((_, i) => `x${i}`);
        const base = build(tech, drop, ids);
        const permuted = {
          ...base,
          experts: shuffled(ids, seed),
          entries: shuffled([...base.entries], seed),
        };
        expect(scoreBids(permuted)).toEqual(scoreBids(base));
      }),
    );
  });

  it('the average, with or without dropping, stays within [min, max] of the experts’ scores', () => {
    fc.assert(
      fc.property(fc.array(point, { minLength: 1, maxLength: 15 }), fc.boolean(), (scores, drop) => {
        const { averageCenti } = criterionResult('x', scores, drop);
        return averageCenti >= Math.min(...scores) && averageCenti <= Math.max(...scores);
      }),
    );
  });

  it('ranks are a total order: 1…n, each once, consistent with totals', () => {
    fc.assert(
      fc.property(panel, ({ tech, drop }) => {
        const result = scoreBids(
          build(
            tech,
            drop,
            tech[0]!.map((_, i) => `x${i}`),
          ),
        );
        expect(result.map((r) => r.rank)).toEqual(result.map((_, i) => i + 1));
        expect(new Set(result.map((r) => r.bidId)).size).toBe(result.length);
        for (let i = 1; i < result.length; i++) {
          expect(result[i - 1]!.totalCenti).toBeGreaterThanOrEqual(result[i]!.totalCenti);
        }
      }),
    );
  });
});
