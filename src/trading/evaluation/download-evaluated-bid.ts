import type { ReadStream } from 'node:fs';
import { AppError } from '../../domain/errors.ts';
import { runAudited } from '../../store/audited.ts';
import type { BlobStore } from '../../store/blob-store.ts';
import type { UseCaseContext } from '../../store/context.ts';
import { tradingDb } from '../schema.ts';
import { actingMember, assertOpen } from './evaluation-access.ts';
import { evaluatedBidsOf } from './evaluated-bids.ts';
import { sessionOf } from './evaluation-repository.ts';

/**
 * A seated member downloads a decrypted bid of its own section while the session is open (E9:
 * evaluation in a confidential environment). Each download is audited with the network address.
 * Nobody else reads decrypted bids through the evaluation.
 */
export async function downloadEvaluatedBid(
  ctx: UseCaseContext,
  options: { blobs: BlobStore; sectionId: string; bidId: string },
): Promise<{ stream: ReadStream; size: number; sha256: string }> {
  const db = tradingDb(ctx.db);
  const session = await sessionOf(db, options.sectionId);
  const member = await actingMember(ctx, db, session.sectionId);
  assertOpen(session, 'download bid');
  const bid = (await evaluatedBidsOf(db, session.sectionId)).find((b) => b.bidId === options.bidId);
  if (!bid) throw new AppError('NOT_FOUND');
  const size = (
    await db.selectFrom('bid').select('decryptedSize').where('id', '=', bid.bidId).executeTakeFirstOrThrow()
  ).decryptedSize;
  await runAudited(ctx, async () => ({
    result: null,
    audit: {
      action: 'evaluation.bid_downloaded',
      objectType: 'bid',
      objectId: bid.bidId,
      state: { sessionId: session.id, expertId: member.expertId, sha256: bid.decryptedSha256 },
    },
  }));
  return {
    stream: await options.blobs.read(bid.decryptedSha256),
    size: Number(size),
    sha256: bid.decryptedSha256,
  };
}
