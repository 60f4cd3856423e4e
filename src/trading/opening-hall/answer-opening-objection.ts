import { AppError } from '../../domain/errors.ts';
import { runAudited } from '../../store/audited.ts';
import type { UseCaseContext } from '../../store/context.ts';
import { tradingDb, tradingTrx } from '../schema.ts';
import { assertManager, hallParticipant } from './hall-access.ts';
import { hallBroadcasterOf } from './hall-broadcaster.ts';
import { appendHallEvents } from './hall-events.ts';

export interface AnswerObjectionOptions {
  readonly projectId: string;
  readonly objectionId: string;
  readonly answer: string;
}

/** The tenderer answers an objection to the opening on the spot (条例 44); once, in the record. */
export async function answerOpeningObjection(
  ctx: UseCaseContext,
  options: AnswerObjectionOptions,
): Promise<{ objectionId: string; answer: string; answeredAt: string }> {
  const now = ctx.clock.now();
  const participant = await hallParticipant(ctx, tradingDb(ctx.db), options.projectId, now);
  assertManager(participant);
  const projectId = participant.project.id;
  const view = await runAudited(ctx, async (commonTrx, at) => {
    const trx = tradingTrx(commonTrx);
    const objection = await trx
      .selectFrom('openingRecordResponse')
      .selectAll()
      .where('id', '=', options.objectionId)
      .where('projectId', '=', projectId)
      .where('kind', '=', 'objection')
      .executeTakeFirst();
    if (!objection) throw new AppError('NOT_FOUND');
    if (objection.answeredAt)
      throw new AppError('INVALID_STATE', { state: 'answered', action: 'answer the objection' });
    const answeredAt = at.toISOString();
    await trx
      .updateTable('openingRecordResponse')
      .set({ answer: options.answer, answeredByUserId: ctx.actor.userId, answeredAt })
      .where('id', '=', objection.id)
      .execute();
    await appendHallEvents(
      trx,
      projectId,
      [
        {
          type: 'record.answer',
          audience: 'public',
          payload: { objectionId: objection.id, answer: options.answer, answeredAt },
        },
      ],
      at,
    );
    const result = { objectionId: objection.id, answer: options.answer, answeredAt };
    return {
      result,
      audit: {
        action: 'opening.objection_answered',
        objectType: 'tender_project',
        objectId: projectId,
        state: result,
      },
    };
  });
  await hallBroadcasterOf(ctx.db).feed(projectId);
  return view;
}
