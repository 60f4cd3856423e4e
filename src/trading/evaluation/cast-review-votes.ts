import {
  type RejectionGround,
  reviewVoteProblems,
  type ReviewVote,
} from '../../domain/evaluation/compliance-review.ts';
import { canonicalJson } from '../../domain/canonical-json.ts';
import { AppError, type FieldProblem } from '../../domain/errors.ts';
import { runAudited } from '../../store/audited.ts';
import type { UseCaseContext } from '../../store/context.ts';
import { tradingDb, tradingTrx } from '../schema.ts';
import { assertOpen, memberIn } from './evaluation-access.ts';
import { reviewOutcomes } from './evaluation-findings.ts';
import { loadEvaluation, sessionOf } from './evaluation-repository.ts';

export interface VoteInput {
  readonly bidId: string;
  readonly requirementId: string;
  readonly pass: boolean;
  readonly ground?: RejectionGround | null;
  readonly note?: string | null;
}

/**
 * A member's findings in the qualification and compliance review (条例 51), one vote per bid and
 * requirement, final once cast. The outcome of every bid is recounted with the votes so far and
 * stored: a rejected bid (否决投标) keeps its grounds. A majority failing a requirement with no
 * ground named is refused (REJECTION_GROUND_MISSING, citing 条例 51), and nothing is stored.
 */
export async function castReviewVotes(
  ctx: UseCaseContext,
  options: { sectionId: string; votes: readonly VoteInput[] },
): Promise<{ outcomes: { bidId: string; status: string; grounds: RejectionGround[] }[] }> {
  const session = await sessionOf(tradingDb(ctx.db), options.sectionId);
  return runAudited(ctx, async (commonTrx, now) => {
    const trx = tradingTrx(commonTrx);
    const state = await loadEvaluation(trx, session);
    const member = memberIn(ctx, state);
    assertOpen(state.session, 'review vote');
    if (state.report) throw new AppError('INVALID_STATE', { state: 'report_drafted', action: 'review vote' });
    const votes: ReviewVote[] = options.votes.map((v) => ({ ...v, expertId: member.expertId }));
    const problems: FieldProblem[] = [
      ...reviewVoteProblems({
        experts: [member.expertId],
        bidIds: state.bids.map((b) => b.bidId),
        requirements: state.settings.requirements,
        votes,
      }),
      ...votes.flatMap((v, i) =>
        state.votes.some(
          (o) => o.expertId === v.expertId && o.bidId === v.bidId && o.requirementId === v.requirementId,
        )
          ? [{ path: `votes.${i}`, code: 'already_voted' }]
          : [],
      ),
    ];
    if (problems.length) {
      throw new AppError(
        'VALIDATION_FAILED',
        { fields: problems.map((p) => p.path).join(', ') },
        { details: problems },
      );
    }
    const outcomes = reviewOutcomes(state.members, state.bids, state.settings, [...state.votes, ...votes]);
    const at = now.toISOString();
    for (const v of votes) {
      await trx
        .insertInto('evaluationVote')
        .values({
          sessionId: session.id,
          expertId: v.expertId,
          bidId: v.bidId,
          requirementId: v.requirementId,
          pass: v.pass ? 1 : 0,
          ground: v.ground ?? null,
          note: v.note ?? null,
          votedAt: at,
        })
        .execute();
    }
    await trx.deleteFrom('evaluationBidReview').where('sessionId', '=', session.id).execute();
    const rows = outcomes.map((o) => ({
      sessionId: session.id,
      bidId: o.bidId,
      status: o.status,
      grounds: canonicalJson(o.status === 'rejected' ? o.grounds : []),
      failed: canonicalJson(o.status === 'rejected' ? o.failed : []),
      decidedAt: at,
    }));
    if (rows.length) await trx.insertInto('evaluationBidReview').values(rows).execute();
    return {
      result: {
        outcomes: outcomes.map((o) => ({
          bidId: o.bidId,
          status: o.status,
          grounds: o.status === 'rejected' ? [...o.grounds] : [],
        })),
      },
      audit: {
        action: 'evaluation.review_voted',
        objectType: 'section',
        objectId: session.sectionId,
        state: { expertId: member.expertId, votes },
        detail: { expertId: member.expertId, votes: votes.length },
      },
    };
  });
}
