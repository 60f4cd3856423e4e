import { formatCst } from '../../domain/cst.ts';
import {
  bondRefundDecision,
  type BondRefundTrigger,
  candidateObjectionReplyDecision,
  candidatePublicationDecision,
  type ClockDecision,
  contractDecision,
  supervisorReportDecision,
} from '../../domain/evaluation/award-rules.ts';
import { LEGAL_RULES, type RuleId } from '../../domain/rules/legal-rules.ts';
import { type AwardState, awardContextOf } from './award-repository.ts';

/** Days before the T8 deadline from which the timeline warns about the unsigned contract. */
export const DEFAULT_CONTRACT_WARNING_DAYS = 5;

export type StepStatus = 'done' | 'pending' | 'late' | 'not_required' | 'waiting';

export interface TimelineStep {
  readonly step:
    | 'candidates_published'
    | 'publicity'
    | 'objection_reply'
    | 'award_revoked'
    | 'award'
    | 'contract'
    | 'supervisor_report'
    | 'bond_refund';
  /** The bid or objection the step is about, for the per-item steps. */
  readonly subjectId: string | null;
  readonly rule: RuleId | null;
  readonly article: { readonly zh: string; readonly en: string } | null;
  /** The legal deadline (or, for the publicity, its end), ISO UTC and as shown in CST. */
  readonly dueBy: string | null;
  readonly dueByCst: string | null;
  /** `waiting`: the event that starts the clock has not happened yet. */
  readonly status: StepStatus;
  readonly doneAt: string | null;
  readonly daysLeft: number | null;
  readonly warning: boolean;
  /** For a late step: what the rule allows and what happened (the parameters of the refusal). */
  readonly violation: Readonly<Record<string, string | number>> | null;
}

export interface BondObligation {
  readonly bidId: string;
  readonly bidderOrganisationId: string;
  readonly bidderName: string;
  readonly amountFen: number;
  /** What makes the refund due; null while nothing has (the contract is not signed yet). */
  readonly trigger: BondRefundTrigger | null;
  readonly refundedAt: string | null;
  readonly reference: string | null;
  /**
   * The bid whose award was revoked (条例 74): the tenderer may keep its bond, so no refund falls
   * due on the contract; the ground and the revocation say why.
   */
  readonly forfeitable: { readonly ground: string; readonly revokedAt: string } | null;
}

/** Where the revocation of an award stands in law: 条例 55 and 74. */
export const REVOCATION_ARTICLE = {
  zh: '《招标投标法实施条例》第55条、第74条',
  en: 'Regulations on the Implementation of the Tendering and Bidding Law, Articles 55 and 74',
} as const;

const iso = (d: Date | string | null | undefined) =>
  d === null || d === undefined ? null : typeof d === 'string' ? d : d.toISOString();

function step(
  base: Pick<TimelineStep, 'step' | 'rule'> & { subjectId?: string | null },
  decision: ClockDecision | null,
  doneAt: string | null,
): TimelineStep {
  const article = base.rule ? LEGAL_RULES[base.rule].article : null;
  const common = {
    subjectId: base.subjectId ?? null,
    article,
    doneAt,
    daysLeft: null,
    warning: false,
    violation: null,
  };
  if (!decision) {
    return { ...base, ...common, dueBy: null, dueByCst: null, status: doneAt ? 'done' : 'waiting' };
  }
  if (decision.status === 'not_required') {
    return { ...base, ...common, dueBy: null, dueByCst: null, status: 'not_required' };
  }
  const dueBy = decision.dueBy.toISOString();
  const shared = { ...base, ...common, dueBy, dueByCst: formatCst(dueBy) };
  if (decision.status === 'pending') {
    return { ...shared, status: 'pending', daysLeft: decision.daysLeft, warning: decision.warning };
  }
  if (decision.status === 'late') {
    return { ...shared, status: 'late', violation: decision.violation.params ?? null };
  }
  return { ...shared, status: 'done' };
}

/** Each bid's bond: due on a timely withdrawal (条例 35) or, for every other bid, on the contract (条例 57). */
export function bondObligationsOf(state: AwardState): BondObligation[] {
  const current = new Set(
    state.bids.filter((b) => b.status === 'current').map((b) => b.bidderOrganisationId),
  );
  const refunds = new Map(state.refunds.map((r) => [r.bidId, r]));
  const revoked = new Map(state.revocations.map((r) => [r.bidId, r]));
  return (
    state.bids
      // A withdrawn bid followed by a new one: the bond stands for the new bid.
      .filter((b) => b.status === 'current' || !current.has(b.bidderOrganisationId))
      .map((b) => {
        const revocation = revoked.get(b.bidId);
        const trigger: BondRefundTrigger | null =
          b.status === 'withdrawn'
            ? { kind: 'withdrawn', at: new Date(b.withdrawnAt!), bidDeadline: new Date(state.bidDeadline!) }
            : state.contract && !revocation
              ? { kind: 'contract_signed', at: new Date(state.contract.signedAt) }
              : null;
        const refund = refunds.get(b.bidId);
        return {
          bidId: b.bidId,
          bidderOrganisationId: b.bidderOrganisationId,
          bidderName: b.bidderName,
          amountFen: b.bondAmountFen,
          trigger,
          refundedAt: refund?.refundedAt ?? null,
          reference: refund?.reference ?? null,
          forfeitable: revocation ? { ground: revocation.ground, revokedAt: revocation.revokedAt } : null,
        };
      })
  );
}

export function bondRefundStep(obligation: BondObligation, now: Date): TimelineStep {
  if (obligation.forfeitable) {
    // No T10 deadline: the tenderer may keep the bond, or return it when it chooses.
    const base = step({ step: 'bond_refund', rule: null, subjectId: obligation.bidId }, null, null);
    return {
      ...base,
      article: REVOCATION_ARTICLE,
      status: obligation.refundedAt ? 'done' : 'not_required',
      doneAt: obligation.refundedAt,
    };
  }
  const refundedAt = obligation.refundedAt ? new Date(obligation.refundedAt) : null;
  const decision = obligation.trigger ? bondRefundDecision(now, obligation.trigger, refundedAt) : null;
  return step(
    { step: 'bond_refund', rule: 'T10', subjectId: obligation.bidId },
    decision,
    obligation.refundedAt,
  );
}

/** The award of one section step by step, each with its legal deadline in CST and where it stands. */
export function awardTimeline(state: AwardState, now: Date, warningDays: number): TimelineStep[] {
  const context = awardContextOf(state);
  const publicity = state.publicity;
  const decision = state.decision;
  const steps: TimelineStep[] = [
    step(
      { step: 'candidates_published', rule: 'T7' },
      state.report
        ? candidatePublicationDecision(
            now,
            new Date(state.report.finalisedAt),
            publicity ? new Date(publicity.startsAt) : null,
            context,
          )
        : null,
      iso(publicity?.startsAt),
    ),
  ];
  if (publicity) {
    const ended = now.getTime() > Date.parse(publicity.endsAt);
    steps.push({
      ...step({ step: 'publicity', rule: 'T7' }, null, ended ? publicity.endsAt : null),
      dueBy: publicity.endsAt,
      dueByCst: formatCst(publicity.endsAt),
      status: ended ? 'done' : 'pending',
    });
  }
  for (const objection of state.objections) {
    const repliedAt = objection.repliedAt ? new Date(objection.repliedAt) : null;
    steps.push(
      step(
        { step: 'objection_reply', rule: 'T7', subjectId: objection.id },
        candidateObjectionReplyDecision(now, new Date(objection.raisedAt), repliedAt, {}),
        objection.repliedAt,
      ),
    );
  }
  for (const revocation of state.revocations) {
    steps.push({
      ...step({ step: 'award_revoked', rule: null, subjectId: revocation.bidId }, null, revocation.revokedAt),
      article: REVOCATION_ARTICLE,
    });
  }
  const c8 = context.stateFunded && context.mustTender;
  // After a revocation this is the new award: T8 and T9 run from its notice.
  steps.push(step({ step: 'award', rule: c8 ? 'C8' : null }, null, iso(decision?.awardedAt)));
  const awardedAt = decision ? new Date(decision.awardedAt) : null;
  const signedAt = state.contract ? new Date(state.contract.signedAt) : null;
  const reportedAt = state.supervisorReport ? new Date(state.supervisorReport.reportedAt) : null;
  steps.push(
    step(
      { step: 'contract', rule: 'T8' },
      awardedAt ? contractDecision(now, awardedAt, signedAt, { warningDays }) : null,
      iso(signedAt),
    ),
    step(
      { step: 'supervisor_report', rule: 'T9' },
      awardedAt ? supervisorReportDecision(now, awardedAt, reportedAt, context) : null,
      iso(reportedAt),
    ),
  );
  for (const obligation of bondObligationsOf(state)) steps.push(bondRefundStep(obligation, now));
  return steps;
}
