import { AppError } from '../errors.ts';
import { LEGAL_RULES, type LegalRule, type RuleId } from '../rules/legal-rules.ts';
import { ruleViolation } from '../rules/rule-violation.ts';
import type { RejectionGround } from './compliance-review.ts';

/**
 * The evaluation report (评标报告, 条例 53) as a value: who sat on the committee, what became of
 * each bid, the ranked candidates, dissenting opinions, signatures and the requests for more time
 * (条例 48). Functions return a new report; nothing is mutated.
 */
export interface CommitteeMember {
  readonly expertId: string;
  readonly name: string;
  /** 评标委员会负责人: exactly one member. */
  readonly chair: boolean;
}

export type BidOutcome =
  | { readonly bidId: string; readonly status: 'rejected'; readonly grounds: readonly RejectionGround[] }
  | {
      readonly bidId: string;
      readonly status: 'evaluated';
      readonly rank: number;
      /** 综合评估法: the total score in hundredths of a point. */
      readonly totalCenti?: number;
      /** 经评审的最低投标价法: the evaluated price in fen. */
      readonly evaluatedPriceFen?: number;
    };

/** One written dissent per expert (条例 53): the opinion and the reason for it. */
export interface Dissent {
  readonly expertId: string;
  readonly opinion: string;
  readonly reason: string;
  readonly at: Date;
}

export type SignatureAct =
  | { readonly expertId: string; readonly kind: 'signed'; readonly at: Date }
  /** Refusing to sign; with a written reason it is a dissent, without one it is deemed agreement. */
  | {
      readonly expertId: string;
      readonly kind: 'refused';
      readonly at: Date;
      readonly writtenReason: string | null;
    };

export type EvaluationEvent =
  /** A member says the time is not enough (条例 48). */
  | {
      readonly type: 'more_time_requested';
      readonly expertId: string;
      readonly at: Date;
      readonly reason: string;
    }
  /** The tenderer extends the evaluation time, with the reason given. */
  | {
      readonly type: 'evaluation_time_extended';
      readonly at: Date;
      readonly until: Date;
      readonly reason: string;
      readonly requestedBy: readonly string[];
    };

export interface EvaluationReport {
  readonly committee: readonly CommitteeMember[];
  readonly outcomes: readonly BidOutcome[];
  /** Bid ids of the recommended candidates, best first (C7: at most 3). */
  readonly candidates: readonly string[];
  readonly dissents: readonly Dissent[];
  readonly signatures: readonly SignatureAct[];
  readonly events: readonly EvaluationEvent[];
}

/** How each member stands on the report. */
export type MemberConclusion = 'agreed' | 'dissented' | 'deemed_agreed' | 'unsigned';

type Rules = Readonly<Record<RuleId, LegalRule>>;

/** A new report with no dissents, signatures or events yet. */
export function draftReport(
  committee: readonly CommitteeMember[],
  outcomes: readonly BidOutcome[],
  candidates: readonly string[],
): EvaluationReport {
  return { committee, outcomes, candidates, dissents: [], signatures: [], events: [] };
}

/** C7 (条例 53): at most 3 ranked candidates. */
export function candidatesViolation(
  candidates: readonly string[],
  rules: Rules = LEGAL_RULES,
): AppError | null {
  if (candidates.length <= rules.C7.value) return null;
  return ruleViolation('C7', {
    kind: 'max',
    limit: rules.C7.value,
    actual: candidates.length,
    unit: 'count',
  });
}

/** The best-ranked evaluated bids, as many as C7 allows. */
export function recommendedCandidates(outcomes: readonly BidOutcome[], rules: Rules = LEGAL_RULES): string[] {
  return outcomes
    .flatMap((o) => (o.status === 'evaluated' ? [o] : []))
    .sort((a, b) => a.rank - b.rank)
    .slice(0, rules.C7.value)
    .map((o) => o.bidId);
}

/** Records an expert's written dissent; each member may record one, with a reason. */
export function recordDissent(report: EvaluationReport, dissent: Dissent): EvaluationReport {
  requireMember(report, dissent.expertId);
  requireUnsigned(report, dissent.expertId, 'dissent');
  if (report.dissents.some((d) => d.expertId === dissent.expertId)) {
    throw new AppError('INVALID_STATE', { state: 'dissent_recorded', action: 'dissent' });
  }
  if (!dissent.opinion.trim() || !dissent.reason.trim()) {
    throw new AppError(
      'VALIDATION_FAILED',
      { fields: 'opinion, reason' },
      { details: [{ path: dissent.opinion.trim() ? 'reason' : 'opinion', code: 'required' }] },
    );
  }
  return { ...report, dissents: [...report.dissents, dissent] };
}

/**
 * Records a member's signature or refusal, once. A refusal with a written reason is also recorded
 * as that member's dissent (unless one is already recorded); without a reason it is deemed
 * agreement (条例 53).
 */
export function recordSignature(report: EvaluationReport, act: SignatureAct): EvaluationReport {
  requireMember(report, act.expertId);
  requireUnsigned(report, act.expertId, act.kind === 'signed' ? 'sign' : 'refuse');
  const next = { ...report, signatures: [...report.signatures, act] };
  const reason = act.kind === 'refused' ? act.writtenReason?.trim() : '';
  if (!reason || report.dissents.some((d) => d.expertId === act.expertId)) return next;
  return {
    ...next,
    dissents: [
      ...next.dissents,
      { expertId: act.expertId, opinion: '拒绝在评标报告上签字', reason, at: act.at },
    ],
  };
}

/** Each member's conclusion, in committee order. */
export function memberConclusions(
  report: EvaluationReport,
): { expertId: string; conclusion: MemberConclusion }[] {
  return report.committee.map(({ expertId }) => {
    const act = report.signatures.find((s) => s.expertId === expertId);
    const dissented = report.dissents.some((d) => d.expertId === expertId);
    const conclusion: MemberConclusion = !act
      ? 'unsigned'
      : dissented
        ? 'dissented'
        : act.kind === 'signed'
          ? 'agreed'
          : 'deemed_agreed';
    return { expertId, conclusion };
  });
}

/**
 * Everything that keeps the report from being final: not exactly one chair, more than 3
 * candidates (C7), a candidate that was not evaluated, a member who has neither signed nor refused
 * (E9: every member signs the report). Empty when the report may be finalised.
 */
export function reportFinalisationProblems(report: EvaluationReport, rules: Rules = LEGAL_RULES): AppError[] {
  const problems: AppError[] = [];
  const chairs = report.committee.filter((m) => m.chair).length;
  if (chairs !== 1)
    problems.push(new AppError('INVALID_STATE', { state: `chairs_${chairs}`, action: 'finalise' }));
  const c7 = candidatesViolation(report.candidates, rules);
  if (c7) problems.push(c7);
  const evaluated = new Set(report.outcomes.flatMap((o) => (o.status === 'evaluated' ? [o.bidId] : [])));
  if (report.candidates.some((id) => !evaluated.has(id))) {
    problems.push(new AppError('INVALID_STATE', { state: 'candidate_not_evaluated', action: 'finalise' }));
  }
  const unsigned = memberConclusions(report).filter((m) => m.conclusion === 'unsigned');
  if (unsigned.length) {
    problems.push(ruleViolation('E9', { kind: 'forbidden', actual: unsigned.length, unit: 'count' }));
  }
  return problems;
}

/** 条例 48: the tenderer must extend the time when more than a third of the members ask. */
export function moreTimeRequired(report: EvaluationReport): boolean {
  return requesters(report).length * 3 > report.committee.length;
}

/** A member asks for more time, with the reason. */
export function requestMoreTime(
  report: EvaluationReport,
  expertId: string,
  at: Date,
  reason: string,
): EvaluationReport {
  requireMember(report, expertId);
  if (!reason.trim()) {
    throw new AppError(
      'VALIDATION_FAILED',
      { fields: 'reason' },
      { details: [{ path: 'reason', code: 'required' }] },
    );
  }
  return { ...report, events: [...report.events, { type: 'more_time_requested', expertId, at, reason }] };
}

/** The tenderer extends the evaluation time; the event records the reason and who asked. */
export function extendEvaluationTime(
  report: EvaluationReport,
  at: Date,
  until: Date,
  reason: string,
): EvaluationReport {
  if (!reason.trim() || until.getTime() <= at.getTime()) {
    throw new AppError(
      'VALIDATION_FAILED',
      { fields: reason.trim() ? 'until' : 'reason' },
      {
        details: [
          { path: reason.trim() ? 'until' : 'reason', code: reason.trim() ? 'not_after_now' : 'required' },
        ],
      },
    );
  }
  const event: EvaluationEvent = {
    type: 'evaluation_time_extended',
    at,
    until,
    reason,
    requestedBy: requesters(report),
  };
  return { ...report, events: [...report.events, event] };
}

function requesters(report: EvaluationReport): string[] {
  const ids = report.events.flatMap((e) => (e.type === 'more_time_requested' ? [e.expertId] : []));
  return [...new Set(ids)];
}

function requireMember(report: EvaluationReport, expertId: string): void {
  if (!report.committee.some((m) => m.expertId === expertId)) {
    throw new AppError('FORBIDDEN', { required: 'expert' });
  }
}

function requireUnsigned(report: EvaluationReport, expertId: string, action: string): void {
  if (report.signatures.some((s) => s.expertId === expertId)) {
    throw new AppError('INVALID_STATE', { state: 'signed', action });
  }
}
