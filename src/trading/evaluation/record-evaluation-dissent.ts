import { recordDissent } from '../../domain/evaluation/evaluation-report.ts';
import { runAudited } from '../../store/audited.ts';
import type { UseCaseContext } from '../../store/context.ts';
import { tradingDb, tradingTrx } from '../schema.ts';
import { assertOpen, memberIn } from './evaluation-access.ts';
import { domainReportOf } from './evaluation-report-repository.ts';
import { loadEvaluation, sessionOf } from './evaluation-repository.ts';

/** A member's written dissent (条例 53), one per member, before it signs; the report lists it. */
export async function recordEvaluationDissent(
  ctx: UseCaseContext,
  options: { sectionId: string; opinion: string; reason: string },
): Promise<{ recordedAt: string }> {
  const session = await sessionOf(tradingDb(ctx.db), options.sectionId);
  return runAudited(ctx, async (commonTrx, now) => {
    const trx = tradingTrx(commonTrx);
    const state = await loadEvaluation(trx, session);
    const member = memberIn(ctx, state);
    assertOpen(state.session, 'dissent');
    recordDissent(domainReportOf(state), {
      expertId: member.expertId,
      opinion: options.opinion,
      reason: options.reason,
      at: now,
    });
    const row = {
      sessionId: session.id,
      expertId: member.expertId,
      opinion: options.opinion,
      reason: options.reason,
      recordedAt: now.toISOString(),
    };
    await trx.insertInto('evaluationDissent').values(row).execute();
    return {
      result: { recordedAt: row.recordedAt },
      audit: {
        action: 'evaluation.dissent_recorded',
        objectType: 'section',
        objectId: session.sectionId,
        state: row,
      },
    };
  });
}
