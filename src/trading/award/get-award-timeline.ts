import type { UseCaseContext } from '../../store/context.ts';
import { manageableProject } from '../projects/project-access.ts';
import { tradingDb } from '../schema.ts';
import { loadAwardState } from './award-repository.ts';
import {
  awardTimeline,
  bondObligationsOf,
  bondRefundStep,
  DEFAULT_CONTRACT_WARNING_DAYS,
  type TimelineStep,
} from './award-timeline.ts';
import {
  type DecisionView,
  decisionView,
  type ObjectionView,
  objectionView,
  type PublicityView,
  publicityView,
  type RevocationView,
  revocationView,
} from './award-views.ts';

export interface BondRefundItem {
  readonly bidId: string;
  readonly bidderName: string;
  readonly amountFen: number;
  readonly trigger: 'contract_signed' | 'withdrawn' | null;
  readonly refundedAt: string | null;
  readonly reference: string | null;
  /** The revoked winner's bond: not refunded on the contract, the tenderer may keep it (条例 74). */
  readonly forfeitable: { readonly ground: string; readonly revokedAt: string } | null;
  readonly step: TimelineStep;
}

export interface AwardTimelineView {
  readonly sectionId: string;
  readonly now: string;
  readonly warningDays: number;
  readonly steps: TimelineStep[];
  readonly publicity: PublicityView | null;
  readonly objections: ObjectionView[];
  readonly award: DecisionView | null;
  readonly revocations: RevocationView[];
  readonly bondRefunds: BondRefundItem[];
  /** The bonds past their T10 deadline and not refunded. */
  readonly overdueRefunds: string[];
}

/** The tenderer's page on a section's award: every step with its legal deadline and where it stands. */
export async function getAwardTimeline(
  ctx: UseCaseContext,
  options: { readonly sectionId: string; readonly warningDays?: number | undefined },
): Promise<AwardTimelineView> {
  const db = tradingDb(ctx.db);
  const now = ctx.clock.now();
  const state = await loadAwardState(db, options.sectionId);
  await manageableProject(ctx, db, state.project.id, now);
  const warningDays = options.warningDays ?? DEFAULT_CONTRACT_WARNING_DAYS;
  const bondRefunds = bondObligationsOf(state).map((o) => ({
    bidId: o.bidId,
    bidderName: o.bidderName,
    amountFen: o.amountFen,
    trigger: o.trigger?.kind ?? null,
    refundedAt: o.refundedAt,
    reference: o.reference,
    forfeitable: o.forfeitable,
    step: bondRefundStep(o, now),
  }));
  return {
    sectionId: state.section.id,
    now: now.toISOString(),
    warningDays,
    steps: awardTimeline(state, now, warningDays),
    publicity: state.publicity ? publicityView(state.publicity) : null,
    objections: state.objections.map(objectionView),
    award: state.decision ? decisionView(state.decision) : null,
    revocations: state.revocations.map(revocationView),
    bondRefunds,
    overdueRefunds: bondRefunds.filter((r) => r.step.status === 'late' && !r.refundedAt).map((r) => r.bidId),
  };
}
