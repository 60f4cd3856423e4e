import { AppError } from '../../domain/errors.ts';
import { runAudited } from '../../store/audited.ts';
import type { UseCaseContext } from '../../store/context.ts';
import { tradingDb, tradingTrx } from '../schema.ts';
import { assertStatus, committeeRequestOf, partiesOf, sectionWithProject } from './committee-repository.ts';
import { assertActsForParty } from './expert-access.ts';
import type { CommitteeView } from './expert-schemas.ts';
import { getCommittee } from './get-committee.ts';

/** A party commits H(value ‖ party) before the eligible list is frozen; once only. */
export async function commitDrawValue(
  ctx: UseCaseContext,
  options: { sectionId: string; party: 'tenderer' | 'supervisor'; commitment: string },
): Promise<CommitteeView> {
  const db = tradingDb(ctx.db);
  const section = await sectionWithProject(db, options.sectionId);
  await assertActsForParty(ctx, db, section.projectId, options.party, ctx.clock.now());
  await runAudited(ctx, async (commonTrx, now) => {
    const trx = tradingTrx(commonTrx);
    const request = await committeeRequestOf(trx, section.sectionId);
    assertStatus(request, 'committing', 'commit');
    if ((await partiesOf(trx, request.id)).some((p) => p.party === options.party)) {
      throw new AppError('INVALID_STATE', { state: 'committed', action: 'commit' });
    }
    const committedAt = now.toISOString();
    await trx
      .insertInto('drawParty')
      .values({
        requestId: request.id,
        party: options.party,
        commitment: options.commitment,
        committedAt,
        committedByUserId: ctx.actor.userId,
        heldValue: null,
        value: null,
        revealedAt: null,
        substituted: 0,
      })
      .execute();
    return {
      result: null,
      audit: {
        action: 'committee.draw_committed',
        objectType: 'section',
        objectId: section.sectionId,
        state: { requestId: request.id, party: options.party, commitment: options.commitment, committedAt },
      },
    };
  });
  return getCommittee(ctx, { sectionId: section.sectionId });
}
