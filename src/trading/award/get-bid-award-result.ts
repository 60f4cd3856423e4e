import { AppError } from '../../domain/errors.ts';
import type { UseCaseContext } from '../../store/context.ts';
import { requireOrganisation } from '../documents/project-access.ts';
import { tradingDb } from '../schema.ts';
import { loadAwardState } from './award-repository.ts';

export interface BidAwardResult {
  readonly bidId: string;
  readonly sectionId: string;
  /** `pending` until the section is awarded. */
  readonly outcome: 'pending' | 'won' | 'not_won';
  /** The bid's rank among the published candidates, once they are published; null otherwise. */
  readonly candidateRank: number | null;
  readonly publicityEndsAt: string | null;
  /** The award notice (winner) or result notice (others) delivered to the bidder. */
  readonly notice: {
    readonly kind: string;
    readonly title: string;
    readonly body: string;
    readonly createdAt: string;
  } | null;
  readonly awardedAt: string | null;
}

/**
 * A bidder's own result: its rank once the candidates are public, and after the award the notice it
 * received. Another organisation's bid is NOT_FOUND, as if it did not exist.
 */
export async function getBidAwardResult(
  ctx: UseCaseContext,
  options: { readonly bidId: string },
): Promise<BidAwardResult> {
  const organisationId = requireOrganisation(ctx.actor);
  const db = tradingDb(ctx.db);
  const bid = await db
    .selectFrom('bid')
    .select(['id', 'sectionId'])
    .where('id', '=', options.bidId)
    .where('bidderOrganisationId', '=', organisationId)
    .executeTakeFirst();
  if (!bid) throw new AppError('NOT_FOUND');
  const state = await loadAwardState(db, bid.sectionId);
  const published = state.publicity ? (state.report?.candidates ?? []) : [];
  const notice = state.decision
    ? await db
        .selectFrom('notice')
        .select(['kind', 'title', 'body', 'createdAt'])
        .where('recipientOrganisationId', '=', organisationId)
        .where('kind', 'in', ['award_notice', 'award_result'])
        .where('objectId', '=', bid.id)
        // After a revoked award the latest notice tells the current outcome.
        .orderBy('createdAt', 'desc')
        .executeTakeFirst()
    : undefined;
  return {
    bidId: bid.id,
    sectionId: bid.sectionId,
    outcome: !state.decision ? 'pending' : state.decision.bidId === bid.id ? 'won' : 'not_won',
    candidateRank: published.find((c) => c.bidId === bid.id)?.rank ?? null,
    publicityEndsAt: state.publicity?.endsAt ?? null,
    notice: notice ?? null,
    awardedAt: state.decision?.awardedAt ?? null,
  };
}
