import { AppError } from '../../domain/errors.ts';
import { runAudited } from '../../store/audited.ts';
import type { UseCaseContext } from '../../store/context.ts';
import { tradingDb, tradingTrx } from '../schema.ts';
import { deviationsOf } from './evaluation-findings.ts';
import { loadEvaluation, sessionOf } from './evaluation-repository.ts';
import {
  assertChairMayQuantify,
  discardDraftReport,
  discardedDetail,
  type PriceDeviationResult,
} from './record-price-deviation.ts';

/**
 * The chair withdraws a quantified deviation recorded in error, in the same window in which it
 * may be recorded. It stops counting; its row stays, marked removed, for the archive.
 */
export async function removePriceDeviation(
  ctx: UseCaseContext,
  options: { sectionId: string; deviationId: string },
): Promise<PriceDeviationResult> {
  const session = await sessionOf(tradingDb(ctx.db), options.sectionId);
  return runAudited(ctx, async (commonTrx, now) => {
    const trx = tradingTrx(commonTrx);
    const state = await loadEvaluation(trx, session);
    assertChairMayQuantify(ctx, state, 'remove price deviation');
    const removed = state.deviations.find((d) => d.id === options.deviationId);
    if (!removed) throw new AppError('NOT_FOUND');
    const removedAt = now.toISOString();
    await trx
      .updateTable('evaluationPriceDeviation')
      .set({ removedByUserId: ctx.actor.userId!, removedAt })
      .where('id', '=', removed.id)
      .execute();
    const discarded = await discardDraftReport(trx, state);
    // A deviation is recorded only on a priced bid of this section (record-price-deviation.ts).
    const priceFen = state.bids.find((b) => b.bidId === removed.bidId)!.priceFen!;
    const evaluatedPriceFen = deviationsOf(state, removed.bidId).reduce(
      (sum, d) => sum + d.amountFen,
      priceFen - removed.amountFen,
    );
    return {
      result: {
        id: removed.id,
        bidId: removed.bidId,
        evaluatedPriceFen,
        reportDiscarded: discarded !== null,
        at: removedAt,
      },
      audit: {
        action: 'evaluation.price_deviation_removed',
        objectType: 'bid',
        objectId: removed.bidId,
        state: { ...removed, removedByUserId: ctx.actor.userId, removedAt, evaluatedPriceFen },
        ...discardedDetail(discarded),
      },
    };
  });
}
