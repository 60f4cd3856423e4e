import type { UseCaseContext } from '../../store/context.ts';
import { manageableProject } from '../projects/project-access.ts';
import type { TradingTrx } from '../schema.ts';
import { type AwardState, loadAwardState } from './award-repository.ts';

/**
 * The award state of a section whose project the actor manages (its tenderer, or the agency
 * running it under a live entrustment); FORBIDDEN or NOT_FOUND otherwise. Read inside the
 * transaction that changes it, so the checks and the change see the same rows.
 */
export async function managedAwardState(
  ctx: UseCaseContext,
  trx: TradingTrx,
  sectionId: string,
  now: Date,
): Promise<AwardState> {
  const state = await loadAwardState(trx, sectionId);
  await manageableProject(ctx, trx, state.project.id, now);
  return state;
}

/** The organisations that bid on the section and did not withdraw: they receive the award's notices. */
export function currentBidders(state: AwardState): string[] {
  return state.bids.filter((b) => b.status === 'current').map((b) => b.bidderOrganisationId);
}
