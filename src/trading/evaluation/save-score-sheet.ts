import { canonicalJson } from '../../domain/canonical-json.ts';
import { scoreSheetProblems, type ScoreEntry } from '../../domain/evaluation/scoring.ts';
import { AppError } from '../../domain/errors.ts';
import { runAudited } from '../../store/audited.ts';
import type { UseCaseContext } from '../../store/context.ts';
import { tradingDb, tradingTrx } from '../schema.ts';
import { assertOpen, memberIn } from './evaluation-access.ts';
import { reviewComplete, validBids } from './evaluation-findings.ts';
import { loadEvaluation, sessionOf } from './evaluation-repository.ts';

/**
 * A member's score sheet (综合评估法) for the bids that passed the review, replaced whole until
 * the report is drafted. Every problem comes back at once, by field, for the expert workspace to
 * mark cell by cell (SCORE_SHEET_INVALID, 422). The price criterion is the platform's to score.
 */
export async function saveScoreSheet(
  ctx: UseCaseContext,
  options: { sectionId: string; entries: readonly { bidId: string; criterion: string; points: number }[] },
): Promise<{ savedAt: string; entries: number }> {
  const session = await sessionOf(tradingDb(ctx.db), options.sectionId);
  return runAudited(ctx, async (commonTrx, now) => {
    const trx = tradingTrx(commonTrx);
    const state = await loadEvaluation(trx, session);
    const member = memberIn(ctx, state);
    assertOpen(state.session, 'score');
    if (state.settings.method !== 'comprehensive') {
      throw new AppError('INVALID_STATE', { state: state.settings.method, action: 'score' });
    }
    if (!reviewComplete(state))
      throw new AppError('INVALID_STATE', { state: 'review_pending', action: 'score' });
    if (state.report) throw new AppError('INVALID_STATE', { state: 'report_drafted', action: 'score' });
    const entries: ScoreEntry[] = options.entries.map((e) => ({ ...e, expertId: member.expertId }));
    const problems = scoreSheetProblems(
      {
        criteria: state.settings.criteria,
        priceCriterion: state.settings.priceCriterion,
        bids: validBids(state).map((b) => ({
          bidId: b.bidId,
          priceFen: b.priceFen,
          receivedAt: b.receivedAt,
        })),
      },
      member.expertId,
      entries,
    );
    if (problems.length) {
      throw new AppError(
        'SCORE_SHEET_INVALID',
        { count: problems.length, fields: problems.map((p) => p.path).join(', ') },
        { details: problems },
      );
    }
    const savedAt = now.toISOString();
    await trx
      .deleteFrom('evaluationScoreSheet')
      .where('sessionId', '=', session.id)
      .where('expertId', '=', member.expertId)
      .execute();
    await trx
      .insertInto('evaluationScoreSheet')
      .values({ sessionId: session.id, expertId: member.expertId, entries: canonicalJson(entries), savedAt })
      .execute();
    return {
      result: { savedAt, entries: entries.length },
      audit: {
        action: 'evaluation.score_sheet_saved',
        objectType: 'section',
        objectId: session.sectionId,
        state: { expertId: member.expertId, entries },
      },
    };
  });
}
