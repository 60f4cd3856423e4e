import { AppError } from '../../domain/errors.ts';
import { assertBeforeBidDeadline, assertProjectOpenForBids } from '../../domain/tender/bid-rules.ts';
import type { UseCaseContext } from '../../store/context.ts';
import type { Db, Trx } from '../../store/schema.ts';
import { isPaused } from '../documents/pause.ts';
import { type SectionForBid, findSectionForBid } from './bid-repository.ts';

export type SectionOpenForBids = SectionForBid & { readonly bidDeadline: string };

/** The organisation a bidder acts for; a user without one cannot bid. */
export function bidderOrganisationOf(ctx: UseCaseContext): string {
  if (!ctx.actor.organisationId) throw new AppError('FORBIDDEN', { required: 'organisation' });
  return ctx.actor.organisationId;
}

/**
 * The section exists, its project is published and not paused by an objection, and `now` is
 * before the bid deadline (E2). Called before any work and again inside the recording transaction.
 */
export async function sectionOpenForBids(
  db: Db | Trx,
  sectionId: string,
  now: Date,
  options: { lock?: boolean } = {},
): Promise<SectionOpenForBids> {
  const section = await findSectionForBid(db, sectionId, options);
  if (!section) throw new AppError('NOT_FOUND');
  // The pause flag belongs to the objections work; ask it, inside the caller's transaction.
  const paused = await isPaused(db as Db, section.projectId);
  assertProjectOpenForBids({ status: section.projectStatus, paused });
  if (!section.bidDeadline) throw new AppError('INVALID_STATE', { state: 'no_announcement', action: 'bid' });
  assertBeforeBidDeadline(now, section.bidDeadline);
  return section as SectionOpenForBids;
}
