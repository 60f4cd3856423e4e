import { AppError } from '../../domain/errors.ts';
import { runAudited } from '../../store/audited.ts';
import type { UseCaseContext } from '../../store/context.ts';
import { tradingDb, tradingTrx } from '../schema.ts';
import { assertChair, assertOpen, memberIn } from './evaluation-access.ts';
import { priceFindings, reviewComplete } from './evaluation-findings.ts';
import { loadEvaluation, sessionOf } from './evaluation-repository.ts';

/**
 * The committee's decision on an abnormally low price after the bidder's written clarification
 * (条例 51 (5)): 'accepted' keeps the bid; 'below_cost' rejects it. Recorded by the chair, once
 * per warned bid; the report cannot be drafted while a warning has no decision.
 */
export async function recordClarification(
  ctx: UseCaseContext,
  options: { sectionId: string; bidId: string; decision: 'accepted' | 'below_cost'; note: string },
): Promise<{ bidId: string; decision: string }> {
  const session = await sessionOf(tradingDb(ctx.db), options.sectionId);
  return runAudited(ctx, async (commonTrx, now) => {
    const trx = tradingTrx(commonTrx);
    const state = await loadEvaluation(trx, session);
    const member = memberIn(ctx, state);
    assertOpen(state.session, 'record clarification');
    assertChair(state, member, 'record clarification');
    if (!reviewComplete(state) || state.report) {
      throw new AppError('INVALID_STATE', {
        state: state.report ? 'report_drafted' : 'review_pending',
        action: 'record clarification',
      });
    }
    if (!priceFindings(state).warnings.some((w) => w.bidId === options.bidId))
      throw new AppError('NOT_FOUND');
    if (state.clarifications.some((c) => c.bidId === options.bidId)) {
      throw new AppError('INVALID_STATE', {
        state: 'clarification_recorded',
        action: 'record clarification',
      });
    }
    const row = {
      sessionId: session.id,
      bidId: options.bidId,
      decision: options.decision,
      note: options.note,
      recordedByExpertId: member.expertId,
      recordedAt: now.toISOString(),
    };
    await trx.insertInto('evaluationClarification').values(row).execute();
    return {
      result: { bidId: options.bidId, decision: options.decision },
      audit: {
        action: 'evaluation.clarification_recorded',
        objectType: 'bid',
        objectId: options.bidId,
        state: row,
      },
    };
  });
}
