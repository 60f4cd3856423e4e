import { AppError } from '../errors.ts';
import { LEGAL_RULES, type LegalRule, type RuleId } from '../rules/legal-rules.ts';
import { ruleViolation } from '../rules/rule-violation.ts';

export const EXPERT_CATEGORIES = ['technical', 'economic'] as const;
export type ExpertCategory = (typeof EXPERT_CATEGORIES)[number];

/** How many experts of one specialty and category the committee needs. */
export interface CommitteeRequirement {
  readonly specialty: string;
  readonly category: ExpertCategory;
  readonly count: number;
}

/** The committee a tenderer asks for: its size, its own representatives, and the experts to draw. */
export interface CommitteeComposition {
  readonly size: number;
  readonly tendererRepresentatives: number;
  readonly requirements: readonly CommitteeRequirement[];
}

type Rules = Readonly<Record<RuleId, LegalRule>>;

export function expertCount(composition: CommitteeComposition): number {
  return composition.requirements.reduce((sum, r) => sum + r.count, 0);
}

/** The fewest technical and economic experts a committee of `size` needs: two thirds, rounded up. */
export function minimumExperts(size: number): number {
  return Math.ceil((size * 2) / 3);
}

/**
 * C5 (法 37): at least five members, an odd number, and technical plus economic experts at least
 * two thirds; the rest, if any, represent the tenderer. Returns the refusal, or null when it complies.
 */
export function committeeCompositionViolation(
  composition: CommitteeComposition,
  rules: Rules = LEGAL_RULES,
): AppError | null {
  const { size } = composition;
  const min = rules.C5.value;
  if (size < min) return ruleViolation('C5', { kind: 'min', limit: min, actual: size, unit: 'count' });
  if (size % 2 === 0) return ruleViolation('C5', { kind: 'forbidden', actual: size, unit: 'count' });
  const experts = expertCount(composition);
  if (experts + composition.tendererRepresentatives !== size) {
    return new AppError(
      'VALIDATION_FAILED',
      { fields: 'requirements' },
      {
        details: [
          {
            path: 'body.requirements',
            code: 'committee_size_mismatch',
            params: { size, experts, tendererRepresentatives: composition.tendererRepresentatives },
          },
        ],
      },
    );
  }
  const needed = minimumExperts(size);
  if (experts < needed) {
    return ruleViolation('C5', { kind: 'min', limit: needed, actual: experts, unit: 'count' });
  }
  return null;
}

export function assertCommitteeComposition(composition: CommitteeComposition, rules?: Rules): void {
  const violation = committeeCompositionViolation(composition, rules);
  if (violation) throw violation;
}

/** C6 (条例 46): experts are drawn at random; a request that names experts is refused. */
export function designationViolation(designatedExpertIds: readonly string[] | undefined): AppError | null {
  return designatedExpertIds && designatedExpertIds.length > 0
    ? ruleViolation('C6', { kind: 'forbidden', actual: designatedExpertIds.length, unit: 'count' })
    : null;
}

/**
 * C6: a random draw needs enough eligible experts (after recusal) for every requirement; with
 * fewer the draw would amount to designation.
 */
export function eligibleShortfallViolation(needed: number, available: number): AppError | null {
  return available < needed
    ? ruleViolation('C6', { kind: 'min', limit: needed, actual: available, unit: 'count' })
    : null;
}

/** C6: a recused expert may never sit on the committee, whoever put them there. */
export function recusedSeatViolation(
  seatedExpertIds: readonly string[],
  recusedExpertIds: ReadonlySet<string>,
): AppError | null {
  const recused = seatedExpertIds.filter((id) => recusedExpertIds.has(id));
  return recused.length > 0
    ? ruleViolation('C6', { kind: 'forbidden', actual: recused.length, unit: 'count' })
    : null;
}
