import { AppError } from '../../domain/errors.ts';
import { runAudited } from '../../store/audited.ts';
import type { UseCaseContext } from '../../store/context.ts';
import { tradingDb, tradingTrx } from '../schema.ts';
import { assertOpen, memberIn } from './evaluation-access.ts';
import { loadEvaluation, sessionOf } from './evaluation-repository.ts';

/**
 * The members elect their chair (评标委员会负责人) among themselves: each member names one; the
 * first to be named by a majority of all members is the chair, and there is only ever one.
 */
export async function nominateChair(
  ctx: UseCaseContext,
  options: { sectionId: string; expertId: string },
): Promise<{ chairExpertId: string | null; nominations: number }> {
  const session = await sessionOf(tradingDb(ctx.db), options.sectionId);
  return runAudited(ctx, async (commonTrx, now) => {
    const trx = tradingTrx(commonTrx);
    const state = await loadEvaluation(trx, session);
    const member = memberIn(ctx, state);
    assertOpen(state.session, 'nominate chair');
    if (state.session.chairExpertId)
      throw new AppError('INVALID_STATE', { state: 'chair_elected', action: 'nominate chair' });
    if (!state.members.some((m) => m.expertId === options.expertId)) {
      throw new AppError(
        'VALIDATION_FAILED',
        { fields: 'expertId' },
        { details: [{ path: 'expertId', code: 'not_a_member' }] },
      );
    }
    await trx
      .deleteFrom('evaluationChairNomination')
      .where('sessionId', '=', session.id)
      .where('expertId', '=', member.expertId)
      .execute();
    await trx
      .insertInto('evaluationChairNomination')
      .values({
        sessionId: session.id,
        expertId: member.expertId,
        nomineeExpertId: options.expertId,
        nominatedAt: now.toISOString(),
      })
      .execute();
    const votes =
      state.nominations.filter(
        (n) => n.expertId !== member.expertId && n.nomineeExpertId === options.expertId,
      ).length + 1;
    const elected = votes * 2 > state.members.length;
    if (elected) {
      await trx
        .updateTable('evaluationSession')
        .set({ chairExpertId: options.expertId })
        .where('id', '=', session.id)
        .execute();
    }
    return {
      result: { chairExpertId: elected ? options.expertId : null, nominations: votes },
      audit: {
        action: 'evaluation.chair_nominated',
        objectType: 'section',
        objectId: session.sectionId,
        state: { expertId: member.expertId, nomineeExpertId: options.expertId, elected },
      },
    };
  });
}
