import { CST_OFFSET_MS, DAY, addDays, cstDate, cstDaysBetween } from '../cst.ts';
import type { AppError } from '../errors.ts';
import { LEGAL_RULES, type LegalRule, type RuleId } from '../rules/legal-rules.ts';
import { ruleViolation } from '../rules/rule-violation.ts';
import type { DocumentKind } from './clarification-rules.ts';

type Rules = Readonly<Record<RuleId, LegalRule>>;

/** T5 for tender documents (before the bid deadline), T5P for pre-qualification documents. */
export function objectionRule(kind: DocumentKind): 'T5' | 'T5P' {
  return kind === 'tender' ? 'T5' : 'T5P';
}

/** The last instant (end of the CST day) at which an objection could still be raised. */
export function latestObjectionTime(deadline: Date, kind: DocumentKind, rules: Rules = LEGAL_RULES): Date {
  const limit = rules[objectionRule(kind)].value;
  const deadlineDayStart = Date.parse(cstDate(deadline)) - CST_OFFSET_MS;
  return new Date(deadlineDayStart - limit * DAY + DAY - 1);
}

/**
 * T5/T5P (条例 22): an objection to the tender documents at least 10 days (pre-qualification
 * documents: 2 days) before the deadline. Returns the violation, citing the latest date it could
 * have been raised, or null when in time.
 */
export function objectionViolation(
  now: Date,
  kind: DocumentKind,
  deadline: Date,
  rules: Rules = LEGAL_RULES,
): AppError | null {
  const ruleId = objectionRule(kind);
  const limit = rules[ruleId].value;
  const days = cstDaysBetween(now, deadline);
  if (days >= limit) return null;
  return ruleViolation(ruleId, {
    kind: 'min',
    limit,
    actual: days,
    unit: 'days',
    latest: latestObjectionTime(deadline, kind, rules).toISOString(),
  });
}

/** T5R: the tenderer replies within 3 days of the objection. */
export function replyDueAt(raisedAt: Date, rules: Rules = LEGAL_RULES): Date {
  return addDays(raisedAt, rules.T5R.value);
}

/** Overdue: unanswered past its due time, or answered late. */
export function isReplyOverdue(
  objection: { readonly replyDueAt: string; readonly repliedAt: string | null },
  now: Date,
): boolean {
  const due = Date.parse(objection.replyDueAt);
  return objection.repliedAt ? Date.parse(objection.repliedAt) > due : now.getTime() > due;
}

/** A deadline after resuming a paused tender: later by the time the tender was paused. */
export function shiftedByPause(deadline: Date, pausedAt: Date, resumedAt: Date): Date {
  return new Date(deadline.getTime() + Math.max(0, resumedAt.getTime() - pausedAt.getTime()));
}
