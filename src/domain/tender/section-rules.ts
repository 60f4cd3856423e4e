import type { AppError } from '../errors.ts';
import { LEGAL_RULES, type LegalRule, type RuleId } from '../rules/legal-rules.ts';
import { ruleViolation } from '../rules/rule-violation.ts';

/** The amounts of one section (标段) that the C3 and C10 rules look at, in integer fen (分). */
export interface SectionAmounts {
  readonly estimatedPriceFen: number;
  readonly bidBondFen: number;
  /** 标底: C10 allows at most one. */
  readonly referencePricesFen: readonly number[];
  /** 最低投标限价: C10 forbids it; present means someone tried to set one. */
  readonly minimumBidPriceFen?: number | null | undefined;
}

/** Which section the violation is about: `sections.<index>` in `details`. */
export interface SectionViolation {
  readonly index: number;
  readonly error: AppError;
}

/**
 * C3 (bid bond ≤ 2% of the estimated price, 条例 26) and C10 (at most one reference price, no
 * minimum bid price, 条例 27) for every section; empty when lawful. Amounts in messages are yuan.
 */
export function sectionViolations(
  sections: readonly SectionAmounts[],
  rules: Readonly<Record<RuleId, LegalRule>> = LEGAL_RULES,
): SectionViolation[] {
  const out: SectionViolation[] = [];
  sections.forEach((section, index) => {
    // bond ≤ estimated × percent / 100, compared exactly in integers (basis points, BigInt: 10^15
    // fen × 10^4 is beyond a double's precision) so 2% exactly passes and 1 fen more fails.
    const basisPoints = BigInt(Math.round(rules.C3.value * 100));
    const capTimes10000 = BigInt(section.estimatedPriceFen) * basisPoints;
    if (BigInt(section.bidBondFen) * 10_000n > capTimes10000) {
      const limitFen = Number(capTimes10000 / 10_000n);
      out.push({
        index,
        error: ruleViolation('C3', {
          kind: 'max',
          limit: limitFen / 100,
          actual: section.bidBondFen / 100,
          unit: 'yuan',
        }),
      });
    }
    if (section.referencePricesFen.length > rules.C10.value) {
      out.push({
        index,
        error: ruleViolation('C10', {
          kind: 'max',
          limit: rules.C10.value,
          actual: section.referencePricesFen.length,
          unit: 'count',
        }),
      });
    }
    if (section.minimumBidPriceFen !== undefined && section.minimumBidPriceFen !== null) {
      out.push({ index, error: ruleViolation('C10', { kind: 'forbidden' }) });
    }
  });
  return out;
}
