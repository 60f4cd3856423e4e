import { AppError, type FieldProblem } from '../errors.ts';

/**
 * The grounds on which the committee rejects a bid (否决投标), 《招标投标法实施条例》第51条, item by
 * item. A rejection must name at least one of them: the report shows why each bid was rejected.
 */
export const REJECTION_GROUNDS = {
  not_signed_sealed: {
    item: 1,
    zh: '投标文件未经投标单位盖章和单位负责人签字',
    en: 'not sealed and signed as required',
  },
  consortium_without_agreement: {
    item: 2,
    zh: '投标联合体没有提交共同投标协议',
    en: 'consortium without a joint bidding agreement',
  },
  bidder_not_qualified: {
    item: 3,
    zh: '投标人不符合国家或者招标文件规定的资格条件',
    en: 'bidder not qualified',
  },
  multiple_prices: {
    item: 4,
    zh: '同一投标人提交两个以上不同的投标文件或者投标报价（允许备选投标的除外）',
    en: 'more than one bid or price',
  },
  price_below_cost: { item: 5, zh: '投标报价低于成本', en: 'price below cost' },
  price_above_control: {
    item: 5,
    zh: '投标报价高于招标文件设定的最高投标限价',
    en: 'price above the control price',
  },
  not_responsive: {
    item: 6,
    zh: '投标文件没有对招标文件的实质性要求和条件作出响应',
    en: 'no substantive response',
  },
  collusion_or_fraud: {
    item: 7,
    zh: '投标人有串通投标、弄虚作假、行贿等违法行为',
    en: 'collusion, fraud or bribery',
  },
} as const;
export type RejectionGround = keyof typeof REJECTION_GROUNDS;
export const REJECTION_ARTICLE = {
  zh: '《招标投标法实施条例》第51条',
  en: 'Implementing Regulations art. 51',
} as const;

/** 资格审查 (qualification) or 符合性审查 (compliance): reviewed the same way, reported apart. */
export type ReviewStage = 'qualification' | 'compliance';

/** One item the documents require; failing it is a ground in itself when `ground` is set. */
export interface ReviewRequirement {
  readonly id: string;
  readonly stage: ReviewStage;
  readonly title: string;
  readonly ground: RejectionGround | null;
}

/** One expert's finding on one requirement for one bid; a failure may name its ground. */
export interface ReviewVote {
  readonly expertId: string;
  readonly bidId: string;
  readonly requirementId: string;
  readonly pass: boolean;
  readonly ground?: RejectionGround | null;
  readonly note?: string | null;
}

export interface ComplianceReviewInput {
  /** Every member of the committee: a majority is counted over them, not over votes cast. */
  readonly experts: readonly string[];
  readonly bidIds: readonly string[];
  readonly requirements: readonly ReviewRequirement[];
  readonly votes: readonly ReviewVote[];
}

export interface FailedRequirement {
  readonly requirementId: string;
  readonly stage: ReviewStage;
  readonly failVotes: number;
  readonly passVotes: number;
  /** The requirement's own ground, then those named by failing votes, in 条例 51 order. */
  readonly grounds: readonly RejectionGround[];
}

export type BidReviewOutcome =
  | { readonly bidId: string; readonly status: 'pending'; readonly missingVotes: number }
  | { readonly bidId: string; readonly status: 'passed' }
  | {
      readonly bidId: string;
      readonly status: 'rejected';
      readonly failed: readonly FailedRequirement[];
      readonly grounds: readonly RejectionGround[];
    };

const GROUND_ORDER = Object.keys(REJECTION_GROUNDS) as RejectionGround[];

/**
 * Field-level problems of a set of votes: unknown expert, bid or requirement, and two votes by one
 * expert on the same point. Empty when the votes can be counted.
 */
export function reviewVoteProblems(input: ComplianceReviewInput): FieldProblem[] {
  const experts = new Set(input.experts);
  const bids = new Set(input.bidIds);
  const requirements = new Set(input.requirements.map((r) => r.id));
  const seen = new Set<string>();
  const problems: FieldProblem[] = [];
  input.votes.forEach((vote, i) => {
    if (!experts.has(vote.expertId)) problems.push({ path: `votes.${i}.expertId`, code: 'unknown_expert' });
    if (!bids.has(vote.bidId)) problems.push({ path: `votes.${i}.bidId`, code: 'unknown_bid' });
    if (!requirements.has(vote.requirementId))
      problems.push({ path: `votes.${i}.requirementId`, code: 'unknown_requirement' });
    const key = JSON.stringify([vote.expertId, vote.bidId, vote.requirementId]);
    if (seen.has(key)) problems.push({ path: `votes.${i}`, code: 'duplicate_vote' });
    seen.add(key);
  });
  return problems;
}

/**
 * Counts the committee's votes. A requirement fails a bid when more than half of all members
 * voted fail (a tie passes: rejection needs a majority). A bid with a failed requirement is
 * rejected; one with votes still missing is pending. Throws VALIDATION_FAILED for malformed votes
 * and REJECTION_GROUND_MISSING when a majority fails a requirement but nobody named a ground.
 */
export function reviewBids(input: ComplianceReviewInput): BidReviewOutcome[] {
  const problems = reviewVoteProblems(input);
  if (problems.length) {
    throw new AppError(
      'VALIDATION_FAILED',
      { fields: problems.map((p) => p.path).join(', ') },
      { details: problems },
    );
  }
  const byPoint = new Map<string, ReviewVote[]>();
  for (const vote of input.votes) {
    const key = JSON.stringify([vote.bidId, vote.requirementId]);
    byPoint.set(key, [...(byPoint.get(key) ?? []), vote]);
  }
  const majority = Math.floor(input.experts.length / 2) + 1;
  return input.bidIds.map((bidId) => {
    let missingVotes = 0;
    const failed: FailedRequirement[] = [];
    for (const requirement of input.requirements) {
      const votes = byPoint.get(JSON.stringify([bidId, requirement.id])) ?? [];
      missingVotes += input.experts.length - votes.length;
      const failing = votes.filter((v) => !v.pass);
      if (failing.length < majority) continue;
      const grounds = orderedGrounds([requirement.ground, ...failing.map((v) => v.ground ?? null)]);
      if (!grounds.length) {
        throw new AppError('REJECTION_GROUND_MISSING', { bidId, requirement: requirement.title });
      }
      failed.push({
        requirementId: requirement.id,
        stage: requirement.stage,
        failVotes: failing.length,
        passVotes: votes.length - failing.length,
        grounds,
      });
    }
    if (failed.length) {
      return { bidId, status: 'rejected', failed, grounds: orderedGrounds(failed.flatMap((f) => f.grounds)) };
    }
    return missingVotes ? { bidId, status: 'pending', missingVotes } : { bidId, status: 'passed' };
  });
}

/**
 * Findings the platform makes without a vote, from the opened prices: a price above the control
 * price (最高投标限价) is a ground under 条例 51 (5). Returns the bids to reject, with that ground.
 */
export function pricesAboveControl(
  bids: readonly { readonly bidId: string; readonly priceFen: number }[],
  controlPriceFen: number | null,
): { readonly bidId: string; readonly ground: 'price_above_control' }[] {
  if (controlPriceFen === null) return [];
  return bids
    .filter((b) => b.priceFen > controlPriceFen)
    .map((b) => ({ bidId: b.bidId, ground: 'price_above_control' as const }));
}

function orderedGrounds(grounds: readonly (RejectionGround | null)[]): RejectionGround[] {
  const present = new Set(grounds.filter((g): g is RejectionGround => g !== null));
  return GROUND_ORDER.filter((g) => present.has(g));
}
