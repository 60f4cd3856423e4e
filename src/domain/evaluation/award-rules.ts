import { CST_OFFSET_MS, DAY, cstDate, cstDaysBetween } from '../cst.ts';
import { AppError } from '../errors.ts';
import { LEGAL_RULES, type LegalRule, type RuleId } from '../rules/legal-rules.ts';
import { ruleViolation } from '../rules/rule-violation.ts';

/**
 * The clocks and rules after the evaluation report: publicity of the candidates (T7), the choice of
 * the winner (C8), the contract (T8), the report to the supervisor (T9), refund of bid bonds (T10)
 * and the performance bond (C4). Each is a function of the clock time and the facts, returning a
 * decision or a `ruleViolation` citing the article.
 *
 * Days are CST calendar days counted as schedule-rules.ts counts them: the day of the triggering
 * event is day 0, so "within 3 days" of something on 1 April allows any time up to the end of
 * 4 April (CST).
 */
export type Rules = Readonly<Record<RuleId, LegalRule>>;

export interface AwardContext {
  readonly mustTender: boolean;
  /** 国有资金占控股或者主导地位 (C8 applies to state-funded must-tender projects). */
  readonly stateFunded: boolean;
  readonly rules?: Rules;
}

/** Where a "within N days" obligation stands at `now`. */
export type ClockDecision =
  /** The rule does not bind this project (out of its scope) or this event. */
  | { readonly status: 'not_required' }
  | { readonly status: 'done'; readonly dueBy: Date }
  /** Not done yet and not late; `warning` once `daysLeft` is at most the configured warning days. */
  | { readonly status: 'pending'; readonly dueBy: Date; readonly daysLeft: number; readonly warning: boolean }
  /** Done late, or not done and past due. */
  | { readonly status: 'late'; readonly dueBy: Date; readonly violation: AppError };

const applies = (rule: LegalRule, mustTender: boolean) => rule.scope === 'all' || mustTender;

/** The last millisecond of the CST calendar day `days` after the CST date of `at`. */
export function endOfCstDay(at: Date, days: number): Date {
  return new Date(Date.parse(cstDate(at)) - CST_OFFSET_MS + (days + 1) * DAY - 1);
}

function withinDays(
  ruleId: RuleId,
  limit: number,
  now: Date,
  from: Date,
  doneAt: Date | null,
  warningDays = 0,
): ClockDecision {
  const dueBy = endOfCstDay(from, limit);
  const at = doneAt ?? now;
  if (at.getTime() > dueBy.getTime()) {
    const violation = ruleViolation(ruleId, {
      kind: 'max',
      limit,
      actual: cstDaysBetween(from, at),
      unit: 'days',
      latest: dueBy.toISOString(),
    });
    return { status: 'late', dueBy, violation };
  }
  if (doneAt) return { status: 'done', dueBy };
  const daysLeft = cstDaysBetween(now, dueBy);
  return { status: 'pending', dueBy, daysLeft, warning: daysLeft <= warningDays };
}

// ---- T7 (条例 54): candidates, publicity and objections ----

/** T7: the candidates are published within 3 days of receiving the evaluation report. */
export function candidatePublicationDecision(
  now: Date,
  reportReceivedAt: Date,
  publishedAt: Date | null,
  context: AwardContext,
): ClockDecision {
  const rule = (context.rules ?? LEGAL_RULES).T7;
  if (!applies(rule, context.mustTender)) return { status: 'not_required' };
  return withinDays('T7', rule.value, now, reportReceivedAt, publishedAt);
}

export interface Publicity {
  readonly startsAt: Date;
  readonly endsAt: Date;
}

/** T7: the publicity lasts at least 3 days; the earliest lawful end is returned in the refusal. */
export function publicityViolation(publicity: Publicity, context: AwardContext): AppError | null {
  const rule = (context.rules ?? LEGAL_RULES).T7;
  if (!applies(rule, context.mustTender)) return null;
  const days = cstDaysBetween(publicity.startsAt, publicity.endsAt);
  if (days >= rule.value) return null;
  return ruleViolation('T7', {
    kind: 'min',
    limit: rule.value,
    actual: days,
    unit: 'days',
    earliest: new Date(endOfCstDay(publicity.startsAt, rule.value - 1).getTime() + 1).toISOString(),
  });
}

/** T7: an objection to the candidates is accepted only during the publicity. */
export function candidateObjectionViolation(now: Date, publicity: Publicity): AppError | null {
  const t = now.getTime();
  if (t >= publicity.startsAt.getTime() && t <= publicity.endsAt.getTime()) return null;
  return ruleViolation('T7', {
    kind: 'forbidden',
    earliest: publicity.startsAt.toISOString(),
    latest: publicity.endsAt.toISOString(),
  });
}

/** T7: the tenderer replies to an objection within 3 days of receiving it. */
export function candidateObjectionReplyDecision(
  now: Date,
  raisedAt: Date,
  repliedAt: Date | null,
  context: Pick<AwardContext, 'rules'>,
): ClockDecision {
  return withinDays('T7', (context.rules ?? LEGAL_RULES).T7.value, now, raisedAt, repliedAt);
}

/**
 * The winner may be determined only after the publicity has ended and every objection has been
 * answered (条例 54: activity pauses until the reply). Returns the refusal, or null.
 */
export function awardTimingViolation(
  now: Date,
  publicity: Publicity | null,
  objections: readonly { readonly repliedAt: Date | null }[],
  context: AwardContext,
): AppError | null {
  const rule = (context.rules ?? LEGAL_RULES).T7;
  if (!applies(rule, context.mustTender)) return null;
  if (!publicity) return ruleViolation('T7', { kind: 'forbidden' });
  if (now.getTime() <= publicity.endsAt.getTime()) {
    return ruleViolation('T7', {
      kind: 'forbidden',
      earliest: new Date(publicity.endsAt.getTime() + 1).toISOString(),
    });
  }
  if (objections.some((o) => o.repliedAt === null)) return ruleViolation('T7', { kind: 'forbidden' });
  return null;
}

// ---- C8 (条例 55): who wins ----

/** What happened to a candidate after the report. */
export type CandidateStanding = 'available' | 'gave_up' | 'failed_to_perform' | 'ineligible';

export interface RankedCandidate {
  readonly bidId: string;
  /** 1, 2, 3 as ranked by the committee. */
  readonly rank: number;
  readonly standing: CandidateStanding;
}

export type AwardOptions =
  /** C8: the first-ranked candidate must be chosen. */
  | { readonly kind: 'first_candidate'; readonly bidId: string }
  /** Outside C8: any available candidate may be chosen (法 40). */
  | { readonly kind: 'any_candidate'; readonly bidIds: readonly string[] }
  /** C8, the better-ranked ones dropped out: the next in order, or re-tender. */
  | { readonly kind: 'next_or_retender'; readonly bidId: string }
  | { readonly kind: 'retender' };

const c8Applies = (context: AwardContext) =>
  context.stateFunded && applies((context.rules ?? LEGAL_RULES).C8, context.mustTender);

/** What the tenderer may decide, from the candidates' standing. */
export function awardOptions(candidates: readonly RankedCandidate[], context: AwardContext): AwardOptions {
  const ranked = [...candidates].sort((a, b) => a.rank - b.rank);
  const available = ranked.filter((c) => c.standing === 'available');
  const first = available[0];
  if (!first) return { kind: 'retender' };
  if (!c8Applies(context)) return { kind: 'any_candidate', bidIds: available.map((c) => c.bidId) };
  return first === ranked[0]
    ? { kind: 'first_candidate', bidId: first.bidId }
    : { kind: 'next_or_retender', bidId: first.bidId };
}

/** Checks the tenderer's decision (a bid id, or re-tender) against the options; null when lawful. */
export function awardChoiceViolation(
  choice: { readonly bidId: string } | 'retender',
  candidates: readonly RankedCandidate[],
  context: AwardContext,
): AppError | null {
  const options = awardOptions(candidates, context);
  const allowed =
    choice === 'retender'
      ? options.kind === 'retender' || options.kind === 'next_or_retender'
      : options.kind === 'any_candidate'
        ? options.bidIds.includes(choice.bidId)
        : options.kind !== 'retender' && options.bidId === choice.bidId;
  if (allowed) return null;
  if (c8Applies(context)) return ruleViolation('C8', { kind: 'forbidden' });
  return new AppError('INVALID_STATE', { state: options.kind, action: 'award' });
}

// ---- T8, T9, T10: contract, report, bonds ----

/** T8 (法 46): the written contract within 30 days of the award notice; warns `warningDays` before. */
export function contractDecision(
  now: Date,
  awardNoticeAt: Date,
  signedAt: Date | null,
  options: { readonly warningDays: number; readonly rules?: Rules },
): ClockDecision {
  return withinDays(
    'T8',
    (options.rules ?? LEGAL_RULES).T8.value,
    now,
    awardNoticeAt,
    signedAt,
    options.warningDays,
  );
}

/** T9 (法 47): must-tender projects report to the supervisor within 15 days of the award. */
export function supervisorReportDecision(
  now: Date,
  awardedAt: Date,
  reportedAt: Date | null,
  context: Pick<AwardContext, 'mustTender' | 'rules'>,
): ClockDecision {
  const rule = (context.rules ?? LEGAL_RULES).T9;
  if (!applies(rule, context.mustTender)) return { status: 'not_required' };
  return withinDays('T9', rule.value, now, awardedAt, reportedAt);
}

/** Why a bid bond is to be refunded. */
export type BondRefundTrigger =
  | { readonly kind: 'contract_signed'; readonly at: Date }
  /** A written withdrawal; only one before the bid deadline earns a refund (条例 35). */
  | { readonly kind: 'withdrawn'; readonly at: Date; readonly bidDeadline: Date };

/** T10 (条例 35, 57): bid bonds refunded within 5 days of the contract or of a timely withdrawal. */
export function bondRefundDecision(
  now: Date,
  trigger: BondRefundTrigger,
  refundedAt: Date | null,
  rules: Rules = LEGAL_RULES,
): ClockDecision {
  if (trigger.kind === 'withdrawn' && trigger.at.getTime() >= trigger.bidDeadline.getTime()) {
    return { status: 'not_required' };
  }
  return withinDays('T10', rules.T10.value, now, trigger.at, refundedAt);
}

// ---- C4 (条例 58): performance bond ----

const c4BasisPoints = (rules: Rules) => BigInt(Math.round(rules.C4.value * 100));

/** C4: the performance bond may not exceed 10 % of the contract price (compared exactly, in fen). */
export function performanceBondViolation(
  bondFen: number,
  contractPriceFen: number,
  rules: Rules = LEGAL_RULES,
): AppError | null {
  const limitFen = maxPerformanceBondFen(contractPriceFen, rules);
  // bond ≤ price × 10 %, compared in integers: 10 % exactly passes, one fen more fails.
  if (BigInt(bondFen) * 10_000n <= BigInt(contractPriceFen) * c4BasisPoints(rules)) return null;
  return ruleViolation('C4', {
    kind: 'max',
    limit: limitFen / 100,
    actual: bondFen / 100,
    unit: 'yuan',
  });
}

/** The largest lawful performance bond, in fen (rounded down: rounding up would break C4). */
export function maxPerformanceBondFen(contractPriceFen: number, rules: Rules = LEGAL_RULES): number {
  return Number((BigInt(contractPriceFen) * c4BasisPoints(rules)) / 10_000n);
}
