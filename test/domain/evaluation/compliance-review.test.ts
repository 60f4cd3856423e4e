import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/domain/errors.ts';
import { renderMessage } from '../../../src/domain/messages.ts';
import {
  REJECTION_GROUNDS,
  pricesAboveControl,
  reviewBids,
  type ReviewRequirement,
  type ReviewVote,
} from '../../../src/domain/evaluation/compliance-review.ts';

const experts = ['e1', 'e2', 'e3', 'e4', 'e5'];
const requirements: ReviewRequirement[] = [
  { id: 'seal', stage: 'compliance', title: '投标函加盖公章并由法定代表人签字', ground: 'not_signed_sealed' },
  {
    id: 'licence',
    stage: 'qualification',
    title: '市政公用工程施工总承包二级及以上资质',
    ground: 'bidder_not_qualified',
  },
  { id: 'schedule', stage: 'compliance', title: '工期不超过 180 日历天', ground: null },
];

/** Every expert passes every requirement for every bid, except the given failures. */
function votes(bidIds: string[], fails: Partial<ReviewVote>[] = []): ReviewVote[] {
  const all: ReviewVote[] = [];
  for (const bidId of bidIds)
    for (const r of requirements)
      for (const expertId of experts) {
        const fail = fails.find(
          (f) => f.bidId === bidId && f.requirementId === r.id && f.expertId === expertId,
        );
        all.push({ expertId, bidId, requirementId: r.id, pass: !fail, ground: fail?.ground ?? null });
      }
  return all;
}
const failBy = (n: number, bidId: string, requirementId: string, ground: ReviewVote['ground'] = null) =>
  experts.slice(0, n).map((expertId) => ({ expertId, bidId, requirementId, ground }));

describe('compliance and qualification review (条例 51, majority of the committee)', () => {
  it('the 条例 51 grounds are data with their item numbers', () => {
    expect(Object.values(REJECTION_GROUNDS).map((g) => g.item)).toEqual([1, 2, 3, 4, 5, 5, 6, 7]);
  });

  it('3 of 5 failing a requirement rejects the bid with its ground; 2 of 5 do not', () => {
    const outcomes = reviewBids({
      experts,
      bidIds: ['A', 'B'],
      requirements,
      votes: votes(['A', 'B'], [...failBy(3, 'A', 'licence'), ...failBy(2, 'B', 'seal')]),
    });
    expect(outcomes).toEqual([
      {
        bidId: 'A',
        status: 'rejected',
        grounds: ['bidder_not_qualified'],
        failed: [
          {
            requirementId: 'licence',
            stage: 'qualification',
            failVotes: 3,
            passVotes: 2,
            grounds: ['bidder_not_qualified'],
          },
        ],
      },
      { bidId: 'B', status: 'passed' },
    ]);
  });

  it('a requirement without its own ground takes the grounds the failing experts name', () => {
    const [outcome] = reviewBids({
      experts,
      bidIds: ['C'],
      requirements,
      votes: votes(
        ['C'],
        [
          ...failBy(2, 'C', 'schedule', 'not_responsive'),
          { expertId: 'e3', bidId: 'C', requirementId: 'schedule', ground: 'collusion_or_fraud' },
        ],
      ),
    });
    expect(outcome).toMatchObject({ status: 'rejected', grounds: ['not_responsive', 'collusion_or_fraud'] });
  });

  it('a majority rejection with no ground anywhere is refused, citing 条例 51', () => {
    const run = () =>
      reviewBids({ experts, bidIds: ['D'], requirements, votes: votes(['D'], failBy(3, 'D', 'schedule')) });
    expect(run).toThrow(AppError);
    try {
      run();
    } catch (e) {
      const error = e as AppError;
      expect(error.code).toBe('REJECTION_GROUND_MISSING');
      expect(renderMessage(error.code, error.params, 'zh-CN')).toContain('《招标投标法实施条例》第51条');
      expect(renderMessage(error.code, error.params, 'en-US')).toContain('art. 51');
    }
  });

  it('missing votes leave a bid pending; unknown or duplicate votes are field errors', () => {
    const partial = votes(['E']).slice(1);
    expect(reviewBids({ experts, bidIds: ['E'], requirements, votes: partial })).toEqual([
      { bidId: 'E', status: 'pending', missingVotes: 1 },
    ]);
    const bad: ReviewVote[] = [
      { expertId: 'x', bidId: 'E', requirementId: 'seal', pass: true },
      { expertId: 'e1', bidId: 'E', requirementId: 'seal', pass: true },
      { expertId: 'e1', bidId: 'E', requirementId: 'seal', pass: false },
    ];
    try {
      reviewBids({ experts, bidIds: ['E'], requirements, votes: bad });
      expect.unreachable();
    } catch (e) {
      expect((e as AppError).details.map((d) => `${d.path}:${d.code}`)).toEqual([
        'votes.0.expertId:unknown_expert',
        'votes.2:duplicate_vote',
      ]);
    }
  });

  it('a price above the control price is found without a vote (条例 51 (5)); equal is allowed', () => {
    const bids = [
      { bidId: 'A', priceFen: 480_000_000 },
      { bidId: 'E', priceFen: 480_000_001 },
    ];
    expect(pricesAboveControl(bids, 480_000_000)).toEqual([{ bidId: 'E', ground: 'price_above_control' }]);
    expect(pricesAboveControl(bids, null)).toEqual([]);
  });
});
