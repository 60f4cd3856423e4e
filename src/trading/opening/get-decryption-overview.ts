import { AppError } from '../../domain/errors.ts';
import type { DecryptionOverviewDto } from '../../domain/schemas/sealing-schemas.ts';
import { assertBidsDisclosable } from '../../domain/tender/bid-rules.ts';
import { decryptionStatusAt, decryptionWindow } from '../../domain/tender/decryption-rules.ts';
import type { UseCaseContext } from '../../store/context.ts';
import { bidDeadlineOf } from '../bids/bid-repository.ts';
import { manageableProject } from '../projects/project-access.ts';
import { findProject } from '../projects/project-repository.ts';
import { tradingDb } from '../schema.ts';
import { currentBidsOf } from './bid-decryption-repository.ts';
import { decryptionView } from './decrypt-bid.ts';

/**
 * The opening's decryption: the window, the opening key's reassembly, and each current bid's
 * status. From the deadline on only (E4 keeps bids and bidders hidden before): the tenderer or its
 * agency sees every bid, a bidder its own.
 */
export async function getDecryptionOverview(
  ctx: UseCaseContext,
  options: { projectId: string },
): Promise<DecryptionOverviewDto> {
  const db = tradingDb(ctx.db);
  const now = ctx.clock.now();
  const isBidder = ctx.actor.roles.includes('bidder');
  const project = isBidder
    ? await findProject(db, options.projectId)
    : await manageableProject(ctx, db, options.projectId, now);
  if (!project) throw new AppError('NOT_FOUND');
  const deadline = await bidDeadlineOf(ctx.db, project.id);
  if (!deadline) throw new AppError('INVALID_STATE', { state: 'no_announcement', action: 'view decryption' });
  assertBidsDisclosable(now, deadline);
  const window = decryptionWindow(deadline, project.decryptionWindowMinutes);
  const bids = await currentBidsOf(db, project.id, isBidder ? (ctx.actor.organisationId ?? '') : undefined);
  const key = await db
    .selectFrom('openingKey')
    .select(['threshold', 'reassembledAt'])
    .where('projectId', '=', project.id)
    .executeTakeFirst();
  const submitted = await db
    .selectFrom('openingKeyShare')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('projectId', '=', project.id)
    .where('submittedAt', 'is not', null)
    .executeTakeFirstOrThrow();
  return {
    window,
    openingKey: {
      threshold: Number(key?.threshold ?? 0),
      sharesSubmitted: Number(submitted.n),
      reassembledAt: key?.reassembledAt ?? null,
    },
    bids: bids.map((b) =>
      decryptionView({ ...b, id: b.bidId }, decryptionStatusAt(b.decryptionStatus, now, window)!),
    ),
  };
}
