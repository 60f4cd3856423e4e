import { randomUUID } from 'node:crypto';
import type { AuditChange } from '../../domain/audit.ts';
import { AppError } from '../../domain/errors.ts';
import { runAudited } from '../../store/audited.ts';
import type { UseCaseContext } from '../../store/context.ts';
import { tradingDb, tradingTrx, type TradingTrx } from '../schema.ts';
import { assertOpen, memberIn } from './evaluation-access.ts';
import { deviationsOf } from './evaluation-findings.ts';
import { type EvaluationState, loadEvaluation, sessionOf } from './evaluation-repository.ts';

export interface RecordPriceDeviationOptions {
  readonly sectionId: string;
  readonly bidId: string;
  /** What is quantified: a missing item, a commercial deviation… (1–500 characters). */
  readonly description: string;
  /** Signed fen added to the price for the ranking; negative when it favours the tenderer; never 0. */
  readonly amountFen: number;
}

export interface PriceDeviationResult {
  readonly id: string;
  readonly bidId: string;
  /** The bid's evaluated price with every deviation now recorded on it. */
  readonly evaluatedPriceFen: number;
  /** A draft report was discarded: it ranked without this change, so the chair redrafts. */
  readonly reportDiscarded: boolean;
  readonly at: string;
}

/**
 * The chair records a quantified deviation (价格折算) on a bid that passed the review, for the
 * lowest evaluated price method only. The bid price itself never changes (法 43); the deviation
 * moves the evaluated price the bids are ranked by.
 */
export async function recordPriceDeviation(
  ctx: UseCaseContext,
  options: RecordPriceDeviationOptions,
): Promise<PriceDeviationResult> {
  const session = await sessionOf(tradingDb(ctx.db), options.sectionId);
  return runAudited(ctx, async (commonTrx, now) => {
    const trx = tradingTrx(commonTrx);
    const state = await loadEvaluation(trx, session);
    assertChairMayQuantify(ctx, state, 'record price deviation');
    const priceFen = quantifiablePrice(state, options.bidId);
    const evaluatedPriceFen = deviationsOf(state, options.bidId).reduce(
      (sum, d) => sum + d.amountFen,
      priceFen + options.amountFen,
    );
    if (!Number.isSafeInteger(evaluatedPriceFen)) {
      throw new AppError(
        'VALIDATION_FAILED',
        { fields: 'amountFen' },
        { details: [{ path: 'amountFen', code: 'evaluated_price_out_of_range' }] },
      );
    }
    const row = {
      id: randomUUID(),
      sessionId: session.id,
      bidId: options.bidId,
      description: options.description,
      amountFen: options.amountFen,
      recordedByUserId: ctx.actor.userId!,
      recordedAt: now.toISOString(),
    };
    await trx.insertInto('evaluationPriceDeviation').values(row).execute();
    const discarded = await discardDraftReport(trx, state);
    return {
      result: {
        id: row.id,
        bidId: row.bidId,
        evaluatedPriceFen,
        reportDiscarded: discarded !== null,
        at: row.recordedAt,
      },
      audit: {
        action: 'evaluation.price_deviation_recorded',
        objectType: 'bid',
        objectId: options.bidId,
        state: { ...row, evaluatedPriceFen },
        ...discardedDetail(discarded),
      },
    };
  });
}

/**
 * Who may quantify and when: the chair of an open lowest-evaluated-price session, while nobody
 * has signed — the same window in which the chair may redraft the report.
 */
export function assertChairMayQuantify(ctx: UseCaseContext, state: EvaluationState, action: string): void {
  const member = memberIn(ctx, state);
  assertOpen(state.session, action);
  if (state.settings.method !== 'lowest_price') {
    throw new AppError('INVALID_STATE', { state: state.settings.method, action });
  }
  if (state.session.chairExpertId !== member.expertId) {
    throw new AppError('FORBIDDEN', { reason: 'not_chair' });
  }
  if (state.signatures.length) throw new AppError('INVALID_STATE', { state: 'signing', action });
}

/** The price of a bid the committee ranks: passed the review, not found below cost, priced. */
function quantifiablePrice(state: EvaluationState, bidId: string): number {
  const bid = state.bids.find((b) => b.bidId === bidId);
  if (!bid) throw new AppError('NOT_FOUND');
  const review = state.reviews.find((r) => r.bidId === bidId)?.status ?? 'pending';
  const belowCost = state.clarifications.some((c) => c.bidId === bidId && c.decision === 'below_cost');
  const action = 'record price deviation';
  if (review === 'pending') throw new AppError('INVALID_STATE', { state: 'review_pending', action });
  if (review === 'rejected' || belowCost) {
    throw new AppError('INVALID_STATE', { state: 'bid_rejected', action });
  }
  if (bid.priceFen === null) throw new AppError('INVALID_STATE', { state: 'bid_without_price', action });
  return bid.priceFen;
}

/**
 * A draft ranked without the change just made: it is deleted so that no member signs stale
 * findings, and the chair redrafts. Only a draft nobody signed can be here (see above).
 */
export async function discardDraftReport(trx: TradingTrx, state: EvaluationState): Promise<string | null> {
  if (!state.report) return null;
  await trx.deleteFrom('evaluationReport').where('id', '=', state.report.id).execute();
  return state.report.reportSha256;
}

export function discardedDetail(reportSha256: string | null): Pick<AuditChange, 'detail'> {
  return reportSha256 === null ? {} : { detail: { discardedDraftReportSha256: reportSha256 } };
}
