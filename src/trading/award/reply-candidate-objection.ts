import { AppError } from '../../domain/errors.ts';
import { candidateObjectionReplyDecision } from '../../domain/evaluation/award-rules.ts';
import { runAudited } from '../../store/audited.ts';
import type { UseCaseContext } from '../../store/context.ts';
import { deliverNotices } from '../documents/notices.ts';
import { tradingTrx } from '../schema.ts';
import { managedAwardState } from './award-access.ts';
import { type ObjectionView, objectionView } from './award-views.ts';

export interface ReplyCandidateObjectionOptions {
  readonly sectionId: string;
  readonly objectionId: string;
  readonly reply: string;
}

/**
 * The tenderer answers an objection to the candidates (T7, 条例 54: within 3 days). A late answer
 * is still recorded, since the award waits for it; the timeline shows it late, citing the rule.
 */
export async function replyCandidateObjection(
  ctx: UseCaseContext,
  options: ReplyCandidateObjectionOptions,
): Promise<ObjectionView> {
  return runAudited(ctx, async (commonTrx, now) => {
    const trx = tradingTrx(commonTrx);
    const state = await managedAwardState(ctx, trx, options.sectionId, now);
    const objection = state.objections.find((o) => o.id === options.objectionId);
    if (!objection) throw new AppError('NOT_FOUND');
    if (objection.repliedAt) throw new AppError('INVALID_STATE', { state: 'answered', action: 'reply' });
    const repliedAt = now.toISOString();
    await trx
      .updateTable('awardObjection')
      .set({ reply: options.reply, repliedAt, repliedByUserId: ctx.actor.userId })
      .where('id', '=', objection.id)
      .execute();
    if (objection.organisationId) {
      await deliverNotices(
        trx,
        [objection.organisationId],
        {
          projectId: state.project.id,
          kind: 'award_objection_answered',
          title: `异议答复：${state.project.name}（标段 ${state.section.code}）`,
          body: options.reply,
          objectId: objection.id,
        },
        now,
      );
    }
    const timing = candidateObjectionReplyDecision(now, new Date(objection.raisedAt), now, {});
    const view = objectionView({ ...objection, reply: options.reply, repliedAt });
    return {
      result: view,
      audit: {
        action: 'award.objection_answered',
        objectType: 'award_objection',
        objectId: objection.id,
        state: view,
        detail: { sectionId: state.section.id, timing: timing.status },
      },
    };
  });
}
