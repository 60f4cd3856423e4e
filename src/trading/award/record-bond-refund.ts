import { AppError } from '../../domain/errors.ts';
import { runAudited } from '../../store/audited.ts';
import type { UseCaseContext } from '../../store/context.ts';
import { tradingTrx } from '../schema.ts';
import { managedAwardState } from './award-access.ts';
import { bondObligationsOf, bondRefundStep, type TimelineStep } from './award-timeline.ts';
import { type RefundView, refundView } from './award-views.ts';

export interface RecordBondRefundOptions {
  readonly sectionId: string;
  readonly bidId: string;
  /** When the money went back; by default now. */
  readonly refundedAt?: string | undefined;
  /** The transfer or receipt reference. */
  readonly reference: string;
}

/**
 * 退还投标保证金 (T10, 条例 35 and 57): the tenderer records the refund of one bidder's bid bond,
 * once it is due — on a written withdrawal before the deadline, or on the signing of the contract
 * for every other bidder. A late refund is recorded and shown late, citing the rule.
 */
export async function recordBondRefund(
  ctx: UseCaseContext,
  options: RecordBondRefundOptions,
): Promise<RefundView & { timing: TimelineStep }> {
  return runAudited(ctx, async (commonTrx, now) => {
    const trx = tradingTrx(commonTrx);
    const state = await managedAwardState(ctx, trx, options.sectionId, now);
    const obligation = bondObligationsOf(state).find((o) => o.bidId === options.bidId);
    if (!obligation) throw new AppError('NOT_FOUND');
    if (obligation.refundedAt) throw new AppError('INVALID_STATE', { state: 'refunded', action: 'refund' });
    // A forfeitable bond (条例 74) may be returned whenever the tenderer chooses, after the revocation.
    const dueFrom =
      obligation.trigger?.at ?? (obligation.forfeitable ? new Date(obligation.forfeitable.revokedAt) : null);
    if (!dueFrom) throw new AppError('INVALID_STATE', { state: 'not_contracted', action: 'refund' });
    const refundedAt = options.refundedAt ? new Date(options.refundedAt) : now;
    if (refundedAt.getTime() > now.getTime() || refundedAt.getTime() < dueFrom.getTime()) {
      throw new AppError(
        'VALIDATION_FAILED',
        { fields: 'refundedAt' },
        { details: [{ path: 'refundedAt', code: 'out_of_range' }] },
      );
    }
    const row = {
      bidId: obligation.bidId,
      sectionId: state.section.id,
      amountFen: obligation.amountFen,
      reference: options.reference,
      refundedAt: refundedAt.toISOString(),
      recordedAt: now.toISOString(),
      recordedByUserId: ctx.actor.userId,
    };
    await trx.insertInto('bidBondRefund').values(row).execute();
    const timing = bondRefundStep(
      { ...obligation, refundedAt: row.refundedAt, reference: row.reference },
      now,
    );
    const view = refundView(row);
    return {
      result: { ...view, timing },
      audit: {
        action: 'award.bond_refunded',
        objectType: 'bid',
        objectId: obligation.bidId,
        state: view,
        detail: {
          sectionId: state.section.id,
          trigger: obligation.trigger?.kind ?? 'forfeitable',
          timing: timing.status,
        },
      },
    };
  });
}
