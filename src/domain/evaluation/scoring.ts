import type { z } from 'zod';
import { AppError, type FieldProblem } from '../errors.ts';
import type { criterion } from '../schemas/project-schemas.ts';

/**
 * Comprehensive scoring (综合评估法). A section's criteria are stored as `{ name, weight }`
 * (project-schemas `criterion`); a criterion's weight is its full marks (分值), so the criteria of
 * a section add up to 100 points. One criterion may be the price criterion: it is not scored by
 * experts but by a price formula (price-score.ts).
 *
 * All arithmetic is in integer hundredths of a point (`…Centi`): experts enter at most two
 * decimals, so their scores are exact; the only division is the average, rounded once, half up,
 * to a hundredth. Totals are sums of rounded criterion averages, so what the report shows adds up.
 */
export type Criterion = z.infer<typeof criterion>;

/** One expert's score for one bid on one criterion, in points (at most 2 decimals). */
export interface ScoreEntry {
  readonly expertId: string;
  readonly bidId: string;
  readonly criterion: string;
  readonly points: number;
}

/** A bid admitted to scoring (passed the compliance review), with what the tie-breaks need. */
export interface ScoredBid {
  readonly bidId: string;
  readonly priceFen: number;
  readonly receivedAt: Date;
}

export interface ScoringInput {
  readonly criteria: readonly Criterion[];
  /** The name of the criterion scored by the price formula, if any. */
  readonly priceCriterion: string | null;
  readonly experts: readonly string[];
  readonly bids: readonly ScoredBid[];
  readonly entries: readonly ScoreEntry[];
  /** Price scores per bid id, in hundredths (from price-score.ts); required with a price criterion. */
  readonly priceScoresCenti: ReadonlyMap<string, number>;
  /** Drop the highest and the lowest expert score per criterion (only applied with ≥ 5 experts). */
  readonly dropExtremes: boolean;
}

export interface CriterionResult {
  readonly criterion: string;
  readonly averageCenti: number;
  /** The expert scores that counted, ascending, in hundredths. */
  readonly keptCenti: readonly number[];
  /** The scores left out as highest and lowest, in hundredths. */
  readonly droppedCenti: readonly number[];
}

export interface BidScore {
  readonly bidId: string;
  readonly rank: number;
  readonly totalCenti: number;
  readonly priceScoreCenti: number;
  readonly criteria: readonly CriterionResult[];
}

/** Extremes are dropped only when at least this many experts scored (one high, one low). */
export const MIN_EXPERTS_TO_DROP_EXTREMES = 5;

/** Points (≤ 2 decimals) to integer hundredths; null when the value has more decimals. */
export function toCenti(points: number): number | null {
  const centi = Math.round(points * 100);
  return Number.isFinite(points) && Math.abs(centi - points * 100) < 1e-6 ? centi : null;
}

/** n / d rounded half away from zero (d > 0), exactly. */
export function divideHalfUp(n: bigint, d: bigint): bigint {
  const q = n / d;
  const r = n % d;
  if (2n * (r < 0n ? -r : r) >= d) return n < 0n ? q - 1n : q + 1n;
  return q;
}

/** Problems with the criteria themselves: unique names, weights that sum to exactly 100. */
export function criteriaProblems(
  criteria: readonly Criterion[],
  priceCriterion: string | null,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const names = new Set<string>();
  let sumCenti = 0;
  criteria.forEach((c, i) => {
    if (names.has(c.name)) problems.push({ path: `criteria.${i}.name`, code: 'duplicate' });
    names.add(c.name);
    const weight = toCenti(c.weight);
    if (weight === null || weight < 0) problems.push({ path: `criteria.${i}.weight`, code: 'invalid' });
    else sumCenti += weight;
  });
  if (sumCenti !== 100_00)
    problems.push({ path: 'criteria', code: 'weights_not_100', params: { sum: sumCenti / 100 } });
  if (priceCriterion !== null && !names.has(priceCriterion))
    problems.push({ path: 'priceCriterion', code: 'unknown_criterion' });
  return problems;
}

/**
 * The field-level problems of one expert's score sheet, for the expert workspace: each entry must
 * name a bid and an expert-scored criterion, be within [0, full marks] with at most 2 decimals and
 * be given once; every bid must be scored on every expert-scored criterion.
 */
export function scoreSheetProblems(
  input: Pick<ScoringInput, 'criteria' | 'priceCriterion' | 'bids'>,
  expertId: string,
  entries: readonly ScoreEntry[],
): FieldProblem[] {
  const maxCenti = new Map(input.criteria.map((c) => [c.name, toCenti(c.weight) ?? 0]));
  const bidIds = new Set(input.bids.map((b) => b.bidId));
  const given = new Set<string>();
  const problems: FieldProblem[] = [];
  entries.forEach((entry, i) => {
    const path = `entries.${i}`;
    if (entry.expertId !== expertId) problems.push({ path: `${path}.expertId`, code: 'other_expert' });
    if (!bidIds.has(entry.bidId)) problems.push({ path: `${path}.bidId`, code: 'unknown_bid' });
    const max = maxCenti.get(entry.criterion);
    if (max === undefined || entry.criterion === input.priceCriterion) {
      problems.push({ path: `${path}.criterion`, code: 'not_scored_by_experts' });
      return;
    }
    const centi = toCenti(entry.points);
    if (centi === null) problems.push({ path: `${path}.points`, code: 'at_most_2_decimals' });
    else if (centi < 0 || centi > max)
      problems.push({ path: `${path}.points`, code: 'out_of_range', params: { min: 0, max: max / 100 } });
    const key = JSON.stringify([entry.bidId, entry.criterion]);
    if (given.has(key)) problems.push({ path, code: 'duplicate' });
    given.add(key);
  });
  for (const bid of input.bids) {
    for (const c of expertCriteria(input)) {
      if (!given.has(JSON.stringify([bid.bidId, c.name])))
        problems.push({ path: `bids.${bid.bidId}.${c.name}`, code: 'required' });
    }
  }
  return problems;
}

/**
 * Scores and ranks the bids. Throws VALIDATION_FAILED (with every field problem) when the criteria
 * or any expert's sheet is invalid or incomplete, or a price score is missing.
 *
 * Rank order (a total order): higher total; then higher price score; then lower price; then earlier
 * receipt; then bid id, so equal inputs always rank the same way.
 */
export function scoreBids(input: ScoringInput): BidScore[] {
  const problems = [
    ...criteriaProblems(input.criteria, input.priceCriterion),
    ...input.experts.flatMap((expertId) =>
      scoreSheetProblems(
        input,
        expertId,
        input.entries.filter((e) => e.expertId === expertId),
      ).map((p) => ({ ...p, path: `experts.${expertId}.${p.path}` })),
    ),
  ];
  const experts = new Set(input.experts);
  input.entries.forEach((e, i) => {
    if (!experts.has(e.expertId)) problems.push({ path: `entries.${i}.expertId`, code: 'unknown_expert' });
  });
  if (input.priceCriterion !== null) {
    for (const bid of input.bids) {
      const score = input.priceScoresCenti.get(bid.bidId);
      if (score === undefined || !Number.isInteger(score))
        problems.push({ path: `priceScores.${bid.bidId}`, code: 'required' });
    }
  }
  if (problems.length) {
    throw new AppError(
      'VALIDATION_FAILED',
      { fields: problems.map((p) => p.path).join(', ') },
      { details: problems },
    );
  }

  const scores = input.bids.map((bid) => {
    const criteria = expertCriteria(input).map((c) =>
      criterionResult(
        c.name,
        input.entries
          .filter((e) => e.bidId === bid.bidId && e.criterion === c.name)
          .map((e) => toCenti(e.points) ?? 0),
        input.dropExtremes,
      ),
    );
    const priceScoreCenti = input.priceCriterion === null ? 0 : (input.priceScoresCenti.get(bid.bidId) ?? 0);
    const totalCenti = criteria.reduce((sum, c) => sum + c.averageCenti, priceScoreCenti);
    return { bid, criteria, priceScoreCenti, totalCenti };
  });
  scores.sort(
    (a, b) =>
      b.totalCenti - a.totalCenti ||
      b.priceScoreCenti - a.priceScoreCenti ||
      a.bid.priceFen - b.bid.priceFen ||
      a.bid.receivedAt.getTime() - b.bid.receivedAt.getTime() ||
      (a.bid.bidId < b.bid.bidId ? -1 : a.bid.bidId > b.bid.bidId ? 1 : 0),
  );
  return scores.map((s, i) => ({
    bidId: s.bid.bidId,
    rank: i + 1,
    totalCenti: s.totalCenti,
    priceScoreCenti: s.priceScoreCenti,
    criteria: s.criteria,
  }));
}

/**
 * The committee's score on one criterion: the mean of the experts' scores, after dropping one
 * highest and one lowest when asked and at least five experts scored. Rounded half up to 0.01.
 */
export function criterionResult(
  name: string,
  scoresCenti: readonly number[],
  dropExtremes: boolean,
): CriterionResult {
  const sorted = [...scoresCenti].sort((a, b) => a - b);
  const drop = dropExtremes && sorted.length >= MIN_EXPERTS_TO_DROP_EXTREMES;
  const kept = drop ? sorted.slice(1, -1) : sorted;
  const droppedCenti = drop ? [sorted[0]!, sorted[sorted.length - 1]!] : [];
  const sum = kept.reduce((s, v) => s + BigInt(v), 0n);
  const averageCenti = kept.length ? Number(divideHalfUp(sum, BigInt(kept.length))) : 0;
  return { criterion: name, averageCenti, keptCenti: kept, droppedCenti };
}

function expertCriteria(input: Pick<ScoringInput, 'criteria' | 'priceCriterion'>): readonly Criterion[] {
  return input.criteria.filter((c) => c.name !== input.priceCriterion);
}
