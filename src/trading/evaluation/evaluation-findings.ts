import { abnormalPriceWarnings, type AbnormalPriceWarning } from '../../domain/evaluation/abnormal-price.ts';
import {
  type BidReviewOutcome,
  pricesAboveControl,
  type RejectionGround,
  reviewBids,
  type ReviewVote,
} from '../../domain/evaluation/compliance-review.ts';
import {
  type BidOutcome,
  type CommitteeMember,
  recommendedCandidates,
} from '../../domain/evaluation/evaluation-report.ts';
import {
  type QuantifiedDeviation,
  rankByEvaluatedPrice,
} from '../../domain/evaluation/lowest-evaluated-price.ts';
import { priceScores } from '../../domain/evaluation/price-score.ts';
import { type BidScore, scoreBids } from '../../domain/evaluation/scoring.ts';
import { AppError } from '../../domain/errors.ts';
import type { EvaluatedBid } from './evaluated-bids.ts';
import type { SectionEvaluationSettings } from './evaluation-config.ts';
import type { EvaluationState, Member } from './evaluation-repository.ts';

/**
 * What the committee's recorded acts add up to, computed with the domain functions only: the
 * review outcome, price scores and abnormal-price warnings over the bids that passed, and the
 * ranking once every member has scored.
 */

/**
 * The review outcome of every evaluated bid: the members' votes (reviewBids) merged with what the
 * platform finds itself, a price above the control price (条例 51 (5)), which rejects the bid
 * whatever the votes.
 */
export function reviewOutcomes(
  members: readonly Member[],
  bids: readonly EvaluatedBid[],
  settings: SectionEvaluationSettings,
  votes: readonly ReviewVote[],
): BidReviewOutcome[] {
  const outcomes = reviewBids({
    experts: members.map((m) => m.expertId),
    bidIds: bids.map((b) => b.bidId),
    requirements: settings.requirements,
    votes,
  });
  const priced = bids.flatMap((b) => (b.priceFen === null ? [] : [{ bidId: b.bidId, priceFen: b.priceFen }]));
  const above = new Set(pricesAboveControl(priced, settings.controlPriceFen).map((a) => a.bidId));
  return outcomes.map((o): BidReviewOutcome => {
    if (!above.has(o.bidId)) return o;
    const grounds: RejectionGround[] = o.status === 'rejected' ? [...o.grounds] : [];
    if (!grounds.includes('price_above_control')) grounds.push('price_above_control');
    return { bidId: o.bidId, status: 'rejected', failed: o.status === 'rejected' ? o.failed : [], grounds };
  });
}

/** The review is complete when no bid is pending. */
export function reviewComplete(state: EvaluationState): boolean {
  return state.bids.length > 0 && state.bids.every((b) => reviewOf(state, b.bidId) !== 'pending');
}

function reviewOf(state: EvaluationState, bidId: string): 'pending' | 'passed' | 'rejected' {
  return state.reviews.find((r) => r.bidId === bidId)?.status ?? 'pending';
}

/** Bids that passed the review, with a price (a passed bid without a bid form cannot be priced). */
export function passedBids(state: EvaluationState): (EvaluatedBid & { priceFen: number })[] {
  const passed = state.bids.filter((b) => reviewOf(state, b.bidId) === 'passed');
  const unpriced = passed.find((b) => b.priceFen === null);
  if (unpriced) throw new AppError('INVALID_STATE', { state: 'bid_without_price', action: 'price score' });
  return passed as (EvaluatedBid & { priceFen: number })[];
}

export interface PriceFindings {
  readonly basePriceFen: number | null;
  readonly priceScoresCenti: ReadonlyMap<string, number>;
  readonly warnings: readonly AbnormalPriceWarning[];
}

/**
 * Price scores and abnormal-price warnings over the bids that passed the review. A bid found
 * below cost after clarification leaves the valid set, so the scores are over the rest.
 */
export function priceFindings(state: EvaluationState): PriceFindings {
  const passed = passedBids(state);
  const priced = passed.map((b) => ({ bidId: b.bidId, priceFen: b.priceFen }));
  const { settings } = state;
  const base = priced.length
    ? priceScores(priced, settings.basePrice, deviationOrRatio(settings)).baseFen
    : null;
  const warnings = abnormalPriceWarnings(priced, settings.abnormalPrice, base);
  const valid = priced.filter((b) => !belowCost(state, b.bidId));
  if (!valid.length || settings.priceFormula === null) {
    return { basePriceFen: base, priceScoresCenti: new Map(), warnings };
  }
  const scored = priceScores(valid, settings.basePrice, settings.priceFormula);
  return { basePriceFen: scored.baseFen, priceScoresCenti: scored.scoresCenti, warnings };
}

/** The base price is the same whatever the formula: one is needed only to call priceScores. */
function deviationOrRatio(settings: SectionEvaluationSettings) {
  return settings.priceFormula ?? { kind: 'ratio' as const, fullMarksCenti: 0 };
}

function belowCost(state: EvaluationState, bidId: string): boolean {
  return state.clarifications.some((c) => c.bidId === bidId && c.decision === 'below_cost');
}

/** The chair's quantified deviations on one bid, in the order recorded. */
export function deviationsOf(state: EvaluationState, bidId: string): QuantifiedDeviation[] {
  return state.deviations
    .filter((d) => d.bidId === bidId)
    .map((d) => ({ description: d.description, amountFen: d.amountFen }));
}

/** The bids that are scored or ranked: passed, and not found below cost. */
export function validBids(state: EvaluationState): (EvaluatedBid & { priceFen: number })[] {
  return passedBids(state).filter((b) => !belowCost(state, b.bidId));
}

/** The findings the members sign: outcomes per bid, scores, ranking and the candidates (C7). */
export interface ReportFindings {
  readonly version: 1;
  readonly projectId: string;
  readonly sectionId: string;
  readonly method: 'comprehensive' | 'lowest_price';
  readonly committee: readonly CommitteeMember[];
  readonly basePriceFen: number | null;
  readonly bids: readonly {
    bidId: string;
    bidderOrganisationId: string;
    bidderName: string;
    priceFen: number | null;
    status: 'rejected' | 'evaluated';
    grounds: readonly RejectionGround[];
    rank: number | null;
    totalCenti: number | null;
    priceScoreCenti: number | null;
    criteria: BidScore['criteria'] | null;
    evaluatedPriceFen: number | null;
    /** The quantified deviations behind evaluatedPriceFen (lowest evaluated price only). */
    deviations: readonly QuantifiedDeviation[];
  }[];
  readonly abnormalPrices: readonly (AbnormalPriceWarning & {
    clarification: { decision: string; note: string } | null;
  })[];
  readonly outcomes: readonly BidOutcome[];
  readonly candidates: readonly {
    rank: number;
    bidId: string;
    bidderOrganisationId: string;
    bidderName: string;
    priceFen: number;
    score: number | null;
    evaluatedPriceFen: number | null;
  }[];
}

/**
 * Builds the report's findings. Refuses (INVALID_STATE) while the review is incomplete, an
 * abnormal price awaits its clarification decision, or, for comprehensive scoring, a member has
 * not handed in a score sheet.
 */
export function reportFindings(state: EvaluationState): ReportFindings {
  if (!reviewComplete(state))
    throw new AppError('INVALID_STATE', { state: 'review_pending', action: 'draft report' });
  const prices = priceFindings(state);
  const unclarified = prices.warnings.filter((w) => !state.clarifications.some((c) => c.bidId === w.bidId));
  if (unclarified.length) {
    throw new AppError('INVALID_STATE', { state: 'clarification_pending', action: 'draft report' });
  }
  const valid = validBids(state);
  const { settings } = state;
  const ranked = new Map<
    string,
    {
      rank: number;
      totalCenti: number | null;
      priceScoreCenti: number | null;
      criteria: BidScore['criteria'] | null;
      evaluatedPriceFen: number | null;
    }
  >();
  if (settings.method === 'comprehensive') {
    const missing = state.members.filter((m) => !state.sheets.has(m.expertId));
    if (missing.length)
      throw new AppError('INVALID_STATE', { state: 'score_sheets_pending', action: 'draft report' });
    const validIds = new Set(valid.map((b) => b.bidId));
    for (const s of scoreBids({
      criteria: settings.criteria,
      priceCriterion: settings.priceCriterion,
      experts: state.members.map((m) => m.expertId),
      bids: valid.map((b) => ({ bidId: b.bidId, priceFen: b.priceFen, receivedAt: b.receivedAt })),
      entries: [...state.sheets.values()].flatMap((s) => s.entries).filter((e) => validIds.has(e.bidId)),
      priceScoresCenti: prices.priceScoresCenti,
      dropExtremes: settings.dropExtremes,
    })) {
      ranked.set(s.bidId, {
        rank: s.rank,
        totalCenti: s.totalCenti,
        priceScoreCenti: s.priceScoreCenti,
        criteria: s.criteria,
        evaluatedPriceFen: null,
      });
    }
  } else {
    for (const e of rankByEvaluatedPrice(
      valid.map((b) => ({ ...b, deviations: deviationsOf(state, b.bidId) })),
    )) {
      ranked.set(e.bidId, {
        rank: e.rank,
        totalCenti: null,
        priceScoreCenti: null,
        criteria: null,
        evaluatedPriceFen: e.evaluatedPriceFen,
      });
    }
  }
  const bids = state.bids.map((b) => {
    const r = ranked.get(b.bidId);
    const review = state.reviews.find((x) => x.bidId === b.bidId)!;
    const grounds: RejectionGround[] = r
      ? []
      : review.status === 'rejected'
        ? [...review.grounds]
        : ['price_below_cost'];
    return {
      bidId: b.bidId,
      bidderOrganisationId: b.bidderOrganisationId,
      bidderName: b.bidderName,
      priceFen: b.priceFen,
      status: r ? ('evaluated' as const) : ('rejected' as const),
      grounds,
      rank: r?.rank ?? null,
      totalCenti: r?.totalCenti ?? null,
      priceScoreCenti: r?.priceScoreCenti ?? null,
      criteria: r?.criteria ?? null,
      evaluatedPriceFen: r?.evaluatedPriceFen ?? null,
      deviations: r ? deviationsOf(state, b.bidId) : [],
    };
  });
  const outcomes: BidOutcome[] = bids.map((b) =>
    b.status === 'evaluated'
      ? {
          bidId: b.bidId,
          status: 'evaluated',
          rank: b.rank!,
          ...(b.totalCenti !== null ? { totalCenti: b.totalCenti } : {}),
          ...(b.evaluatedPriceFen !== null ? { evaluatedPriceFen: b.evaluatedPriceFen } : {}),
        }
      : { bidId: b.bidId, status: 'rejected', grounds: b.grounds },
  );
  const candidates = recommendedCandidates(outcomes).map((bidId) => {
    const b = bids.find((x) => x.bidId === bidId)!;
    return {
      rank: b.rank!,
      bidId,
      bidderOrganisationId: b.bidderOrganisationId,
      bidderName: b.bidderName,
      priceFen: b.priceFen!,
      score: b.totalCenti,
      evaluatedPriceFen: b.evaluatedPriceFen,
    };
  });
  return {
    version: 1,
    projectId: state.session.projectId,
    sectionId: state.session.sectionId,
    method: settings.method,
    committee: committeeOf(state),
    basePriceFen: prices.basePriceFen,
    bids,
    abnormalPrices: prices.warnings.map((w) => {
      const c = state.clarifications.find((x) => x.bidId === w.bidId);
      return { ...w, clarification: c ? { decision: c.decision, note: c.note } : null };
    }),
    outcomes,
    candidates,
  };
}

export function committeeOf(state: EvaluationState): CommitteeMember[] {
  return state.members.map((m) => ({
    expertId: m.expertId,
    name: m.name,
    chair: state.session.chairExpertId === m.expertId,
  }));
}
