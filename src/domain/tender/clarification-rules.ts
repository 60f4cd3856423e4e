import { addDays, cstDaysBetween } from '../cst.ts';
import type { AppError } from '../errors.ts';
import { LEGAL_RULES, type LegalRule, type RuleId } from '../rules/legal-rules.ts';
import { ruleViolation } from '../rules/rule-violation.ts';

/** Which documents: 招标文件 or 资格预审文件. */
export type DocumentKind = 'tender' | 'prequalification';

type Rules = Readonly<Record<RuleId, LegalRule>>;

/** T4 for tender documents (before the bid deadline), T4P for pre-qualification documents. */
export function clarificationRule(kind: DocumentKind): 'T4' | 'T4P' {
  return kind === 'tender' ? 'T4' : 'T4P';
}

/**
 * The earliest deadline that leaves the statutory days (CST calendar days) between a
 * clarification published at `now` and the deadline, keeping the deadline's time of day.
 */
export function earliestLawfulDeadline(
  now: Date,
  deadline: Date,
  kind: DocumentKind,
  rules: Rules = LEGAL_RULES,
): Date {
  const limit = rules[clarificationRule(kind)].value;
  return addDays(deadline, limit - cstDaysBetween(now, deadline));
}

export interface ClarificationCheck {
  readonly now: Date;
  readonly kind: DocumentKind;
  /** Whether it may affect the preparation of bids (or applications); amendments always may. */
  readonly affectsPreparation: boolean;
  /** The bid deadline (tender) or the pre-qualification deadline (prequalification) in force. */
  readonly deadline: Date;
  /** The extended deadline the clarification carries, if any. */
  readonly newDeadline?: Date | null | undefined;
  readonly rules?: Rules;
}

/**
 * T4/T4P (条例 21): a clarification that may affect preparation needs 15 days (3 for
 * pre-qualification documents) before the deadline, or must extend the deadline that far. Returns
 * the violation, naming the earliest lawful deadline, or null when lawful.
 */
export function clarificationViolation(check: ClarificationCheck): AppError | null {
  if (!check.affectsPreparation) return null;
  const rules = check.rules ?? LEGAL_RULES;
  const ruleId = clarificationRule(check.kind);
  const limit = rules[ruleId].value;
  const target = check.newDeadline ?? check.deadline;
  const days = cstDaysBetween(check.now, target);
  if (days >= limit) return null;
  return ruleViolation(ruleId, {
    kind: 'min',
    limit,
    actual: days,
    unit: 'days',
    earliest: earliestLawfulDeadline(check.now, target, check.kind, rules).toISOString(),
  });
}
