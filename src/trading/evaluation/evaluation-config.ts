import { z } from 'zod';
import type { AbnormalPriceRule } from '../../domain/evaluation/abnormal-price.ts';
import {
  REJECTION_GROUNDS,
  type RejectionGround,
  type ReviewRequirement,
} from '../../domain/evaluation/compliance-review.ts';
import type { BasePriceRule, PriceScoreFormula } from '../../domain/evaluation/price-score.ts';
import type { Criterion } from '../../domain/evaluation/scoring.ts';

/**
 * A section's evaluation settings. Both are columns of `tender_section` (migration 0008); null
 * means the defaults below, which follow common practice in provincial model tender documents.
 */

/**
 * Default review items when the section names none: qualification (条例 51 (3)), seal and
 * signature (51 (1)), and the substantive response, for which the committee names the ground
 * (51 (6) not responsive, or (7) collusion or fraud found in the documents).
 */
export const DEFAULT_REVIEW_REQUIREMENTS: readonly ReviewRequirement[] = [
  { id: 'qualified', stage: 'qualification', title: '投标人资格条件', ground: 'bidder_not_qualified' },
  { id: 'signed_sealed', stage: 'compliance', title: '投标文件盖章和签字', ground: 'not_signed_sealed' },
  { id: 'responsive', stage: 'compliance', title: '实质性响应招标文件', ground: null },
];

const groundNames = Object.keys(REJECTION_GROUNDS) as [RejectionGround, ...RejectionGround[]];
export const rejectionGround = z.enum(groundNames);

const reviewRequirement = z.object({
  id: z.string().min(1).max(64),
  stage: z.enum(['qualification', 'compliance']),
  title: z.string().min(1).max(200),
  ground: rejectionGround.nullable(),
});

export const priceScoreConfig = z.object({
  /** The criterion scored by the formula; null: the criterion named 投标报价 or 价格, if any. */
  priceCriterion: z.string().nullable(),
  basePrice: z.object({
    method: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('lowest') }),
      z.object({ kind: z.literal('average') }),
      z.object({ kind: z.literal('trimmed_average'), minCount: z.number().int().min(3) }),
    ]),
    coefficientBasisPoints: z.number().int().min(1).max(20_000),
  }),
  /** Deduction per 1 % above and below the base, in hundredths of a point (ratio: none). */
  formula: z.discriminatedUnion('kind', [
    z.object({
      kind: z.literal('deviation'),
      aboveCentiPerPercent: z.number().int().min(0),
      belowCentiPerPercent: z.number().int().min(0),
    }),
    z.object({ kind: z.literal('ratio') }),
  ]),
  abnormalPrice: z.object({
    reference: z.enum(['average', 'base']),
    thresholdBasisPoints: z.number().int().min(1).max(10_000),
  }),
  dropExtremes: z.boolean(),
});
export type PriceScoreConfig = z.infer<typeof priceScoreConfig>;

/**
 * Default price scoring: base price = average of the valid prices × 1; deviation method, 1 point
 * off per 1 % above and 0.5 per 1 % below; a price below 85 % of the average warns as abnormally
 * low; the highest and lowest expert score are dropped with five or more experts.
 */
export const DEFAULT_PRICE_SCORE_CONFIG: PriceScoreConfig = {
  priceCriterion: null,
  basePrice: { method: { kind: 'average' }, coefficientBasisPoints: 10_000 },
  formula: { kind: 'deviation', aboveCentiPerPercent: 100, belowCentiPerPercent: 50 },
  abnormalPrice: { reference: 'average', thresholdBasisPoints: 8_500 },
  dropExtremes: true,
};

export interface SectionEvaluationSettings {
  readonly method: 'comprehensive' | 'lowest_price';
  readonly criteria: readonly Criterion[];
  readonly priceCriterion: string | null;
  readonly requirements: readonly ReviewRequirement[];
  readonly basePrice: BasePriceRule;
  /** Full marks: the price criterion's weight; null without a price criterion. */
  readonly priceFormula: PriceScoreFormula | null;
  readonly abnormalPrice: AbnormalPriceRule;
  readonly dropExtremes: boolean;
  readonly controlPriceFen: number | null;
}

/** The section's settings from its columns, defaults filled in. */
export function sectionEvaluationSettings(section: {
  evaluationMethod: string;
  criteria: string;
  controlPriceFen: number | string | null;
  reviewRequirements: string | null;
  priceScoreConfig: string | null;
}): SectionEvaluationSettings {
  const criteria = criteriaOf(section.criteria);
  const config = section.priceScoreConfig
    ? priceScoreConfig.parse(JSON.parse(section.priceScoreConfig))
    : DEFAULT_PRICE_SCORE_CONFIG;
  const priceCriterion =
    config.priceCriterion ?? criteria.find((c) => c.name === '投标报价' || c.name === '价格')?.name ?? null;
  const fullMarksCenti = Math.round((criteria.find((c) => c.name === priceCriterion)?.weight ?? 0) * 100);
  const formula = config.formula;
  return {
    method: section.evaluationMethod === 'lowest_price' ? 'lowest_price' : 'comprehensive',
    criteria,
    priceCriterion,
    requirements: section.reviewRequirements
      ? z.array(reviewRequirement).min(1).parse(JSON.parse(section.reviewRequirements))
      : DEFAULT_REVIEW_REQUIREMENTS,
    basePrice: config.basePrice,
    priceFormula:
      priceCriterion === null
        ? null
        : formula.kind === 'ratio'
          ? { kind: 'ratio', fullMarksCenti }
          : { ...formula, fullMarksCenti },
    abnormalPrice: config.abnormalPrice,
    dropExtremes: config.dropExtremes,
    controlPriceFen: section.controlPriceFen === null ? null : Number(section.controlPriceFen),
  };
}

/** Criteria are stored as a JSON array; an empty object (older rows) means none. */
function criteriaOf(json: string): Criterion[] {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? z.array(z.object({ name: z.string(), weight: z.number() })).parse(value) : [];
}
