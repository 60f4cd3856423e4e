import { fromBase64 } from '../../crypto/portable/envelope/binary.ts';
import type { SuiteId } from '../../crypto/portable/suite.ts';
import { AppError } from '../../domain/errors.ts';
import type { BidDecryptionDto } from '../../domain/schemas/sealing-schemas.ts';
import { decryptionStatusAt, decryptionWindow } from '../../domain/tender/decryption-rules.ts';
import { runAudited } from '../../store/audited.ts';
import type { BlobStore } from '../../store/blob-store.ts';
import type { UseCaseContext } from '../../store/context.ts';
import { bidderOrganisationOf } from '../bids/bid-guards.ts';
import { bidDeadlineOf } from '../bids/bid-repository.ts';
import { assertSectionNotFailed } from '../exceptions/section-failure.ts';
import { appendDecryptionEvents } from '../opening-hall/decryption-events.ts';
import { bidFormColumnsOf } from '../opening-hall/extract-bid-form.ts';
import { hallBroadcasterOf } from '../opening-hall/hall-broadcaster.ts';
import { tradingDb, tradingTrx } from '../schema.ts';
import { type BidForDecryption, findBidForDecryption } from './bid-decryption-repository.ts';
import { openStoredEnvelope } from './open-bid-envelope.ts';

export interface DecryptBidOptions {
  readonly blobs: BlobStore;
  readonly bidId: string;
  /** base64 of the content key the bidder unwrapped on its own machine with its encryption key. */
  readonly contentKey: string;
}

/** The bidder's own current bid, or NOT_FOUND (nobody else's bid is confirmed). */
export async function ownCurrentBid(ctx: UseCaseContext, bidId: string): Promise<BidForDecryption> {
  const bid = await findBidForDecryption(tradingDb(ctx.db), bidId);
  if (!bid || bid.bidderOrganisationId !== bidderOrganisationOf(ctx)) throw new AppError('NOT_FOUND');
  if (bid.status !== 'current') throw new AppError('INVALID_STATE', { state: bid.status, action: 'decrypt' });
  return bid;
}

export function decryptionView(
  bid: Pick<BidForDecryption, 'id' | 'sectionCode' | 'bidderName' | 'decryptedBy' | 'decryptedAt'>,
  status: BidDecryptionDto['status'],
): BidDecryptionDto {
  return {
    bidId: bid.id,
    sectionCode: bid.sectionCode,
    bidderName: bid.bidderName,
    status,
    decryptedBy: (bid.decryptedBy as BidDecryptionDto['decryptedBy']) ?? null,
    decryptedAt: bid.decryptedAt,
  };
}

/**
 * The bidder decrypts its own bid online during the decryption window (E6): its machine unwrapped
 * the content key, the platform opens the envelope with it and keeps the plaintext only when every
 * segment, the trailer and the signature check out. Before the deadline nothing can be decrypted
 * (E3); after the window the bid has failed through the bidder (E7).
 */
export async function decryptBid(ctx: UseCaseContext, options: DecryptBidOptions): Promise<BidDecryptionDto> {
  const bid = await ownCurrentBid(ctx, options.bidId);
  const deadline = await bidDeadlineOf(ctx.db, bid.projectId);
  const window = decryptionWindow(deadline!, Number(bid.decryptionWindowMinutes));
  const status = decryptionStatusAt(bid.decryptionStatus, ctx.clock.now(), window);
  if (status !== 'pending') {
    throw new AppError('INVALID_STATE', { state: status ?? 'before_deadline', action: 'decrypt' });
  }
  await assertSectionNotFailed(tradingDb(ctx.db), bid.projectId, bid.sectionId);
  const plaintext = await openStoredEnvelope(options.blobs, bid.fileSha256, bid.envelopeSuite as SuiteId, {
    contentKey: fromBase64(options.contentKey),
  });
  // The bid form (price and the other read-out items) travels inside the sealed package.
  const form = await bidFormColumnsOf(options.blobs, plaintext.hash);

  const result = await runAudited(ctx, async (commonTrx, now) => {
    const trx = tradingTrx(commonTrx);
    const again = (await findBidForDecryption(trx, bid.id))!;
    if (decryptionStatusAt(again.decryptionStatus, now, window) !== 'pending') {
      throw new AppError('INVALID_STATE', {
        state: again.decryptionStatus ?? 'failed_bidder',
        action: 'decrypt',
      });
    }
    const change = {
      decryptionStatus: 'decrypted',
      decryptedBy: 'bidder',
      decryptedSha256: plaintext.hash,
      decryptedSize: plaintext.size,
      decryptedAt: now.toISOString(),
      decryptionFailure: null,
    };
    await trx
      .updateTable('bid')
      .set({ ...change, ...form })
      .where('id', '=', bid.id)
      .execute();
    await appendDecryptionEvents(
      trx,
      bid.projectId,
      window,
      [{ bidId: bid.id, bidderOrganisationId: bid.bidderOrganisationId, ...change, status: 'decrypted' }],
      now,
    );
    return {
      result: decryptionView({ ...bid, ...change }, 'decrypted'),
      audit: {
        action: 'bid.decrypted',
        objectType: 'bid',
        objectId: bid.id,
        state: { ...again, ...change },
        detail: { by: 'bidder', plaintextSha256: plaintext.hash, bidForm: form.bidFormStatus },
      },
    };
  });
  await hallBroadcasterOf(ctx.db).feed(bid.projectId);
  return result;
}
