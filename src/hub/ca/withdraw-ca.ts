import { assertAccess, rolesOnly } from '../../domain/access.ts';
import { AppError } from '../../domain/errors.ts';
import { runAudited } from '../../store/audited.ts';
import type { UseCaseContext } from '../../store/context.ts';
import { findCa, markCaWithdrawn } from './ca-repository.ts';
import type { RecognisedCaView } from './ca-schemas.ts';
import { caView } from './ca-views.ts';

/** Stops recognising a CA: its root leaves the trust bundle and its certificates no longer verify. */
export async function withdrawCa(
  ctx: UseCaseContext,
  input: { caId: string; reason?: string | undefined },
): Promise<RecognisedCaView> {
  assertAccess(ctx.actor, rolesOnly('hub_operator'));
  return runAudited(ctx, async (trx, now) => {
    const found = await findCa(trx, input.caId);
    if (!found) throw new AppError('NOT_FOUND');
    if (found.ca.status !== 'active') {
      throw new AppError('INVALID_STATE', { state: found.ca.status, action: 'withdraw' });
    }
    await markCaWithdrawn(trx, found.ca.id, {
      by: ctx.actor.username ?? 'unknown',
      at: now.toISOString(),
      reason: input.reason || null,
    });
    const view = caView((await findCa(trx, found.ca.id))!);
    return {
      result: view,
      audit: { action: 'ca.withdrawn', objectType: 'recognised_ca', objectId: found.ca.id, state: view },
    };
  });
}
