import { AppError } from '../../domain/errors.ts';
import { runAudited } from '../../store/audited.ts';
import type { UseCaseContext } from '../../store/context.ts';
import { tradingTrx } from '../schema.ts';
import { assertPoolOperator } from './expert-access.ts';
import { expertViewOf, findExpert, replaceUnavailability } from './expert-repository.ts';
import type { ExpertView } from './expert-schemas.ts';

/** Replaces the ranges in which an expert cannot sit; a draw leaves them out for those times. */
export async function setExpertAvailability(
  ctx: UseCaseContext,
  options: { expertId: string; unavailable: readonly { startsAt: string; endsAt: string }[] },
): Promise<ExpertView> {
  assertPoolOperator(ctx);
  const ranges = options.unavailable
    .map((r) => ({ startsAt: new Date(r.startsAt).toISOString(), endsAt: new Date(r.endsAt).toISOString() }))
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  return runAudited(ctx, async (commonTrx, now) => {
    const trx = tradingTrx(commonTrx);
    if (!(await findExpert(trx, options.expertId))) throw new AppError('NOT_FOUND');
    await replaceUnavailability(trx, options.expertId, ranges);
    await trx
      .updateTable('expert')
      .set({ updatedAt: now.toISOString() })
      .where('id', '=', options.expertId)
      .execute();
    const expert = expertViewOf((await findExpert(trx, options.expertId))!);
    return {
      result: expert,
      audit: {
        action: 'expert.availability_set',
        objectType: 'expert',
        objectId: expert.id,
        state: { unavailable: ranges },
      },
    };
  });
}
