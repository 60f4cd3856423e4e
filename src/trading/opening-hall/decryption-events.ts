import {
  type DecryptionStatus,
  decryptionStatusAt,
  type DecryptionWindow,
} from '../../domain/tender/decryption-rules.ts';
import { currentBidsOf } from '../opening/bid-decryption-repository.ts';
import type { TradingTrx } from '../schema.ts';
import { appendHallEvents, type HallEventInput } from './hall-events.ts';

export interface DecryptionChange {
  readonly bidId: string;
  readonly bidderOrganisationId: string;
  readonly status: DecryptionStatus;
  readonly decryptedBy?: string | null;
}

/**
 * The hall events of decryption changes, in the changing transaction: each bid's status goes to its
 * bidder and to the tenderer's side; everyone sees the progress in numbers only.
 */
export async function appendDecryptionEvents(
  trx: TradingTrx,
  projectId: string,
  window: DecryptionWindow,
  changes: readonly DecryptionChange[],
  now: Date,
): Promise<void> {
  const bids = await currentBidsOf(trx, projectId);
  const names = new Map(bids.map((b) => [b.bidId, { bidderName: b.bidderName, sectionCode: b.sectionCode }]));
  const events: HallEventInput[] = [];
  for (const change of changes) {
    const payload = {
      bidId: change.bidId,
      ...names.get(change.bidId),
      status: change.status,
      decryptedBy: change.decryptedBy ?? null,
    };
    events.push({ type: 'decryption.bid', audience: `org:${change.bidderOrganisationId}`, payload });
    events.push({ type: 'decryption.bid', audience: 'managers', payload });
  }
  events.push({ type: 'decryption.progress', audience: 'public', payload: progressOf(bids, window, now) });
  await appendHallEvents(trx, projectId, events, now);
}

export function progressOf(
  bids: readonly { decryptionStatus: string | null }[],
  window: DecryptionWindow,
  now: Date,
): Record<DecryptionStatus | 'total', number> {
  const counts = { total: bids.length, pending: 0, decrypted: 0, failed_bidder: 0, failed_other: 0 };
  for (const bid of bids) {
    const status = decryptionStatusAt(bid.decryptionStatus, now, window);
    if (status) counts[status]++;
  }
  return counts;
}
