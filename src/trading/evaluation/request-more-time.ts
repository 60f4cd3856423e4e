import { randomUUID } from 'node:crypto';
import { moreTimeRequired, requestMoreTime } from '../../domain/evaluation/evaluation-report.ts';
import { runAudited } from '../../store/audited.ts';
import type { UseCaseContext } from '../../store/context.ts';
import { tradingDb, tradingTrx } from '../schema.ts';
import { assertOpen, memberIn } from './evaluation-access.ts';
import { domainReportOf } from './evaluation-report-repository.ts';
import { loadEvaluation, sessionOf } from './evaluation-repository.ts';

/**
 * A member says the evaluation time is not enough (条例 48). When more than a third of the
 * members have asked, the tenderer must extend it: the answer says so.
 */
export async function requestMoreEvaluationTime(
  ctx: UseCaseContext,
  options: { sectionId: string; reason: string },
): Promise<{ moreTimeRequired: boolean }> {
  const session = await sessionOf(tradingDb(ctx.db), options.sectionId);
  return runAudited(ctx, async (commonTrx, now) => {
    const trx = tradingTrx(commonTrx);
    const state = await loadEvaluation(trx, session);
    const member = memberIn(ctx, state);
    assertOpen(state.session, 'request more time');
    const report = requestMoreTime(domainReportOf(state), member.expertId, now, options.reason);
    const row = {
      id: randomUUID(),
      sessionId: session.id,
      type: 'more_time_requested',
      expertId: member.expertId,
      reason: options.reason,
      until: null,
      requestedBy: null,
      at: now.toISOString(),
    };
    await trx.insertInto('evaluationTimeEvent').values(row).execute();
    const required = moreTimeRequired(report);
    return {
      result: { moreTimeRequired: required },
      audit: {
        action: 'evaluation.more_time_requested',
        objectType: 'section',
        objectId: session.sectionId,
        state: row,
        detail: { moreTimeRequired: required },
      },
    };
  });
}
