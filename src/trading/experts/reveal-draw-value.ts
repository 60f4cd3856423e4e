import { assertRevealMatches } from '../../domain/evaluation/expert-draw.ts';
import { AppError } from '../../domain/errors.ts';
import { runAudited } from '../../store/audited.ts';
import type { UseCaseContext } from '../../store/context.ts';
import { tradingDb, tradingTrx } from '../schema.ts';
import { assertStatus, committeeRequestOf, partiesOf, sectionWithProject } from './committee-repository.ts';
import { cryptoOf } from './draw-values.ts';
import { assertActsForParty } from './expert-access.ts';
import type { CommitteeView } from './expert-schemas.ts';
import { getCommittee } from './get-committee.ts';

/** After the freeze a party reveals its value; one that does not open its commitment is refused. */
export async function revealDrawValue(
  ctx: UseCaseContext,
  options: { sectionId: string; party: 'tenderer' | 'supervisor'; value: string },
): Promise<CommitteeView> {
  const db = tradingDb(ctx.db);
  const section = await sectionWithProject(db, options.sectionId);
  await assertActsForParty(ctx, db, section.projectId, options.party, ctx.clock.now());
  await runAudited(ctx, async (commonTrx, now) => {
    const trx = tradingTrx(commonTrx);
    const request = await committeeRequestOf(trx, section.sectionId);
    assertStatus(request, 'frozen', 'reveal');
    const party = (await partiesOf(trx, request.id)).find((p) => p.party === options.party);
    if (!party || party.substituted)
      throw new AppError('INVALID_STATE', { state: 'not_committed', action: 'reveal' });
    if (party.value) throw new AppError('INVALID_STATE', { state: 'revealed', action: 'reveal' });
    assertRevealMatches(cryptoOf(request), options.party, options.value, party.commitment);
    const revealedAt = now.toISOString();
    await trx
      .updateTable('drawParty')
      .set({ value: options.value, revealedAt })
      .where('requestId', '=', request.id)
      .where('party', '=', options.party)
      .execute();
    return {
      result: null,
      audit: {
        action: 'committee.draw_revealed',
        objectType: 'section',
        objectId: section.sectionId,
        state: { requestId: request.id, party: options.party, value: options.value, revealedAt },
      },
    };
  });
  return getCommittee(ctx, { sectionId: section.sectionId });
}
