import { AppError } from '../../domain/errors.ts';
import type { LeafInclusion } from '../../domain/schemas/ledger-schemas.ts';
import type { LedgerService } from '../../server/ledger-service.ts';
import type { Db } from '../../store/schema.ts';

/**
 * The ledger evidence a bid receipt carries: the leaf of the bid's `bid.submitted` event, the
 * earliest signed tree head that holds it (one is signed on the spot if none does yet) and the
 * inclusion proof, so the bidder can show its bid was logged, and when, without trusting us.
 */
export async function bidLedgerEvidence(
  db: Db,
  ledger: LedgerService,
  bidId: string,
): Promise<LeafInclusion> {
  const event = await db
    .selectFrom('auditEvent')
    .select('leafIndex')
    .where('objectType', '=', 'bid')
    .where('objectId', '=', bidId)
    .where('action', '=', 'bid.submitted')
    .executeTakeFirst();
  if (event?.leafIndex === null || event?.leafIndex === undefined) {
    throw new AppError('INVALID_STATE', { state: 'not_in_ledger', action: 'show receipt' });
  }
  const evidence = await ledger.evidenceFor(Number(event.leafIndex));
  return { ...evidence, path: [...evidence.path], publicKeyPem: (await ledger.key()).publicKeyPem };
}
