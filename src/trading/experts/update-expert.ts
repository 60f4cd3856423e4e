import { AppError } from '../../domain/errors.ts';
import { runAudited } from '../../store/audited.ts';
import type { UseCaseContext } from '../../store/context.ts';
import { tradingTrx } from '../schema.ts';
import { assertPoolOperator } from './expert-access.ts';
import { expertViewOf, findExpert, replaceSpecialties } from './expert-repository.ts';
import type { ExpertUpdate, ExpertView } from './expert-schemas.ts';

/** Changes an expert's pool entry; fields left out keep their value. */
export async function updateExpert(
  ctx: UseCaseContext,
  options: { expertId: string; update: ExpertUpdate },
): Promise<ExpertView> {
  assertPoolOperator(ctx);
  const { update } = options;
  return runAudited(ctx, async (commonTrx, now) => {
    const trx = tradingTrx(commonTrx);
    if (!(await findExpert(trx, options.expertId))) throw new AppError('NOT_FOUND');
    await trx
      .updateTable('expert')
      .set({
        ...(update.name !== undefined && { name: update.name }),
        ...(update.employerOrganisationId !== undefined && {
          employerOrganisationId: update.employerOrganisationId,
        }),
        ...(update.region !== undefined && { region: update.region }),
        ...(update.category !== undefined && { category: update.category }),
        ...(update.userId !== undefined && { userId: update.userId }),
        ...(update.conflictOrganisationIds !== undefined && {
          conflictOrganisationIds: JSON.stringify([...new Set(update.conflictOrganisationIds)].sort()),
        }),
        updatedAt: now.toISOString(),
      })
      .where('id', '=', options.expertId)
      .execute();
    if (update.specialties) await replaceSpecialties(trx, options.expertId, update.specialties);
    const expert = expertViewOf((await findExpert(trx, options.expertId))!);
    return {
      result: expert,
      audit: { action: 'expert.updated', objectType: 'expert', objectId: expert.id, state: expert },
    };
  });
}
