import { AppError } from '../../domain/errors.ts';
import type { CandidateStanding } from '../../domain/evaluation/award-rules.ts';
import { runAudited } from '../../store/audited.ts';
import type { UseCaseContext } from '../../store/context.ts';
import { tradingTrx } from '../schema.ts';
import { managedAwardState } from './award-access.ts';
import { requireReport } from './award-repository.ts';

export interface RecordCandidateStandingOptions {
  readonly sectionId: string;
  readonly bidId: string;
  readonly standing: Exclude<CandidateStanding, 'available'>;
  /** What shows it: the candidate's written waiver, the finding of ineligibility, etc. */
  readonly evidence: string;
}

export interface StandingView {
  readonly sectionId: string;
  readonly bidId: string;
  readonly standing: string;
  readonly evidence: string;
  readonly recordedAt: string;
}

/**
 * 条例 55: a candidate that gives up, cannot perform as the tender documents require, or is found
 * ineligible drops out — recorded with its evidence before the award, so the award rules (C8)
 * move on to the next candidate or to re-tendering. Once recorded it is not undone.
 */
export async function recordCandidateStanding(
  ctx: UseCaseContext,
  options: RecordCandidateStandingOptions,
): Promise<StandingView> {
  return runAudited(ctx, async (commonTrx, now) => {
    const trx = tradingTrx(commonTrx);
    const state = await managedAwardState(ctx, trx, options.sectionId, now);
    const report = requireReport(state, 'record a candidate standing');
    if (!report.candidates.some((c) => c.bidId === options.bidId)) throw new AppError('NOT_FOUND');
    if (state.decision)
      throw new AppError('INVALID_STATE', { state: 'awarded', action: 'record a candidate standing' });
    if (state.standings.some((s) => s.bidId === options.bidId)) {
      throw new AppError('INVALID_STATE', { state: 'recorded', action: 'record a candidate standing' });
    }
    const row = {
      sectionId: state.section.id,
      bidId: options.bidId,
      standing: options.standing,
      evidence: options.evidence,
      recordedAt: now.toISOString(),
      recordedByUserId: ctx.actor.userId,
    };
    await trx.insertInto('awardCandidateStanding').values(row).execute();
    const { recordedByUserId: _, ...view } = row;
    return {
      result: view,
      audit: {
        action: 'award.candidate_standing_recorded',
        objectType: 'bid',
        objectId: options.bidId,
        state: view,
        detail: { sectionId: state.section.id, standing: options.standing },
      },
    };
  });
}
