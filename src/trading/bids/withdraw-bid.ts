import { AppError } from '../../domain/errors.ts';
import { tenderSeal } from '../tender-seal.ts';
import { runAudited } from '../../store/audited.ts';
import type { UseCaseContext } from '../../store/context.ts';
import { tradingTrx } from '../schema.ts';
import { findCurrentBid } from './bid-repository.ts';
import { bidderOrganisationOf, sectionOpenForBids } from './bid-guards.ts';

export interface WithdrawBidOptions {
  readonly sectionId: string;
}

/** A bidder withdraws its current bid on a section, before the deadline (E2). */
export async function withdrawBid(
  ctx: UseCaseContext,
  options: WithdrawBidOptions,
): Promise<{ id: string; status: 'withdrawn'; withdrawnAt: string }> {
  const organisationId = bidderOrganisationOf(ctx);
  return runAudited(ctx, async (trx, now) => {
    const section = await sectionOpenForBids(trx, options.sectionId, now, { lock: true });
    const bid = await findCurrentBid(trx, section.sectionId, organisationId);
    if (!bid) throw new AppError('NOT_FOUND');
    const withdrawnAt = now.toISOString();
    await tradingTrx(trx)
      .updateTable('bid')
      .set({ status: 'withdrawn', withdrawnAt, withdrawnByUserId: ctx.actor.userId })
      .where('id', '=', bid.id)
      .execute();
    return {
      result: { id: bid.id, status: 'withdrawn' as const, withdrawnAt },
      audit: {
        action: 'bid.withdrawn',
        objectType: 'bid',
        objectId: bid.id,
        state: { ...bid, status: 'withdrawn', withdrawnAt, withdrawnByUserId: ctx.actor.userId },
        detail: { sectionId: section.sectionId },
        seal: tenderSeal(section.projectId, section.bidDeadline),
      },
    };
  });
}
