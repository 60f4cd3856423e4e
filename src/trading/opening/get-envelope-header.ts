import type { EnvelopeHeader } from '../../crypto/portable/envelope/envelope-header.ts';
import type { UseCaseContext } from '../../store/context.ts';
import { ownCurrentBid } from './decrypt-bid.ts';

/** The header of the bidder's own envelope: what its machine needs to unwrap the content key. */
export async function getEnvelopeHeader(
  ctx: UseCaseContext,
  options: { bidId: string },
): Promise<{ header: EnvelopeHeader }> {
  const bid = await ownCurrentBid(ctx, options.bidId);
  return { header: JSON.parse(bid.envelopeHeader!) as EnvelopeHeader };
}
