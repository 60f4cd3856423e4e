import { AppError } from '../../domain/errors.ts';
import type { BidReceipt, BidReceiptContent } from '../../domain/schemas/bid-schemas.ts';
import type { UseCaseContext } from '../../store/context.ts';
import { tradingDb } from '../schema.ts';
import { bidderOrganisationOf } from './bid-guards.ts';
import type { BidSealing } from '../sealing/bid-sealing.ts';
import type { LedgerService } from '../../server/ledger-service.ts';
import { bidLedgerEvidence } from './bid-ledger-evidence.ts';

/**
 * The receipt of one of the bidder's own bids. Anyone else gets NOT_FOUND, exactly as for a bid
 * that does not exist, so the route confirms nobody's bid (E4).
 */
export async function getBidReceipt(
  ctx: UseCaseContext,
  options: { bidId: string; sealing: BidSealing; ledger: LedgerService },
): Promise<BidReceipt> {
  const organisationId = bidderOrganisationOf(ctx);
  const row = await tradingDb(ctx.db)
    .selectFrom('bidReceipt as r')
    .innerJoin('bid as b', 'b.id', 'r.bidId')
    .select(['r.body', 'r.sha256', 'r.signature', 'r.signerKeyId', 'b.bidderOrganisationId'])
    .where('r.bidId', '=', options.bidId)
    .executeTakeFirst();
  if (!row || row.bidderOrganisationId !== organisationId) throw new AppError('NOT_FOUND');
  const key = (await options.sealing.keys).receiptSigning;
  if (row.signerKeyId !== key.keyId)
    throw new AppError('INVALID_STATE', { state: 'receipt_key_rotated', action: 'show receipt' });
  return {
    receipt: JSON.parse(row.body) as BidReceiptContent,
    canonical: row.body,
    sha256: row.sha256,
    signature: {
      algorithm: 'sm2-sm3',
      keyId: key.keyId,
      publicKeyPem: key.publicKeyPem,
      value: row.signature!,
    },
    ledger: await bidLedgerEvidence(ctx.db, options.ledger, options.bidId),
  };
}
