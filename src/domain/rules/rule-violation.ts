import { AppError } from '../errors.ts';
import type { RuleId } from './legal-rules.ts';

export type ViolationKind = 'min' | 'max' | 'forbidden';

export interface ViolationFacts {
  readonly kind: ViolationKind;
  /** The rule's limit, in `unit` (days, yuan, count…). */
  readonly limit?: number;
  readonly actual?: number;
  readonly unit?: 'days' | 'yuan' | 'count' | 'percent';
  /** The earliest instant that would comply, when there is one (ISO 8601). */
  readonly earliest?: string;
  /** The latest instant that would have complied, when there is one (ISO 8601). */
  readonly latest?: string;
}

/**
 * A refusal that cites the rule and its article (rendered from LEGAL_RULES), the limit, what was
 * asked for, and the nearest date that would comply.
 */
export function ruleViolation(rule: RuleId, facts: ViolationFacts): AppError {
  const params: Record<string, string | number> = { rule, kind: facts.kind };
  if (facts.limit !== undefined) params.limit = facts.limit;
  if (facts.actual !== undefined) params.actual = facts.actual;
  if (facts.unit) params.unit = facts.unit;
  if (facts.earliest) params.earliest = facts.earliest;
  if (facts.latest) params.latest = facts.latest;
  return new AppError('RULE_VIOLATION', params, {
    details: [{ path: rule, code: 'RULE_VIOLATION', params }],
  });
}
