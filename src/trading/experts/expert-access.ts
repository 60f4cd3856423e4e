import { assertAccess, rolesOnly } from '../../domain/access.ts';
import { AppError } from '../../domain/errors.ts';
import type { DrawParty } from '../../domain/evaluation/expert-draw.ts';
import type { UseCaseContext } from '../../store/context.ts';
import { manageableProject } from '../projects/project-access.ts';
import type { TradingDb } from '../schema.ts';

/** The platform operator keeps the pool and runs the draw. */
export function assertPoolOperator(ctx: UseCaseContext): void {
  assertAccess(ctx.actor, rolesOnly('platform_operator'));
}

/**
 * Who hands in a party's value: the tenderer's side (tenderer, or its entrusted agency) for
 * `tenderer`; a supervisor, or the operator relaying the value the supervision platform computed,
 * for `supervisor`. The relay cannot bias the draw: it only carries a commitment made elsewhere.
 */
export async function assertActsForParty(
  ctx: UseCaseContext,
  db: TradingDb,
  projectId: string,
  party: Exclude<DrawParty, 'platform'>,
  now: Date,
): Promise<void> {
  if (party === 'tenderer') {
    await manageableProject(ctx, db, projectId, now);
    return;
  }
  if (!ctx.actor.roles.some((role) => role === 'supervisor' || role === 'platform_operator')) {
    throw new AppError('FORBIDDEN', { required: 'supervisor, platform_operator' });
  }
}
