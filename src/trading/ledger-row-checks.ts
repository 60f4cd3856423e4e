import { hashHex, hashState } from '../crypto/hash.ts';
import type { Divergence, LedgerEvents, LedgerRowCheck } from '../store/ledger-verification.ts';
import type { AuditEventRow, Db } from '../store/schema.ts';
import { tradingDb } from './schema.ts';

const PAGE = 2000;

/**
 * The trading platform's rows that `zhaocai ledger verify` checks against the ledger: each bid as
 * it was submitted (every column the `bid.submitted` event's state hash covers), its later status
 * against the events that changed it, and each receipt against the digest its event logged.
 */
export const TRADING_ROW_CHECKS: readonly LedgerRowCheck[] = [
  { table: 'bid', objectTypes: ['bid'], check: checkBids },
  { table: 'bid_receipt', objectTypes: ['bid'], check: checkReceipts },
];

async function* checkBids(db: Db, events: LedgerEvents): AsyncIterable<Divergence> {
  const seen = new Set<string>();
  let after = '';
  for (;;) {
    const rows = await tradingDb(db)
      .selectFrom('bid')
      .selectAll()
      .where('id', '>', after)
      .orderBy('id')
      .limit(PAGE)
      .execute();
    if (rows.length === 0) break;
    for (const bid of rows) {
      seen.add(bid.id);
      const history = events.forObject('bid', bid.id);
      const submitted = history.find((e) => e.action === 'bid.submitted');
      if (!submitted) {
        yield {
          table: 'bid',
          row: bid.id,
          what: 'no bid.submitted event in the ledger: inserted outside it',
        };
        continue;
      }
      // The bid as it was recorded at submission: the state its event's hash covers.
      const asSubmitted = {
        id: bid.id,
        projectId: bid.projectId,
        sectionId: bid.sectionId,
        bidderOrganisationId: bid.bidderOrganisationId,
        uploadId: bid.uploadId,
        fileSha256: bid.fileSha256,
        fileSize: Number(bid.fileSize),
        bondAmountFen: Number(bid.bondAmountFen),
        bondPayerAccount: bid.bondPayerAccount,
        bondPaidAt: bid.bondPaidAt,
        status: 'current',
        submittedAt: bid.submittedAt,
        submittedByUserId: bid.submittedByUserId,
        replacedAt: null,
        replacedByBidId: null,
        withdrawnAt: null,
        withdrawnByUserId: null,
        envelopeSuite: bid.envelopeSuite,
        envelopeHeader: bid.envelopeHeader,
        signerCreditCode: bid.signerCreditCode,
        signerCertificateSerial: bid.signerCertificateSerial,
      };
      if (hashState(asSubmitted) !== submitted.stateHash) {
        yield {
          table: 'bid',
          row: bid.id,
          what: `the submitted bid differs from the one logged at leaf ${leafOf(submitted)} (file, bidder, bond, time or envelope)`,
        };
        continue;
      }
      const problem = statusProblem(bid, history);
      if (problem) yield { table: 'bid', row: bid.id, what: problem };
    }
    after = rows[rows.length - 1]!.id;
  }
  for (const id of events.objectIds('bid', 'bid.submitted')) {
    if (seen.has(id)) continue;
    const submitted = events.forObject('bid', id).find((e) => e.action === 'bid.submitted')!;
    yield {
      table: 'bid',
      row: id,
      what: `the row is missing; its bid.submitted event is leaf ${leafOf(submitted)}`,
    };
  }
}

/** A status change is only ever made with its event: replaced, withdrawn, or neither. */
function statusProblem(
  bid: { status: string; replacedByBidId: string | null; withdrawnAt: string | null },
  history: readonly AuditEventRow[],
): string | null {
  const replaced = history.find((e) => e.action === 'bid.replaced');
  const withdrawn = history.find((e) => e.action === 'bid.withdrawn');
  const logged = withdrawn ? 'withdrawn' : replaced ? 'replaced' : 'current';
  if (bid.status !== logged) return `status is ${bid.status}, but the ledger has it ${logged}`;
  if (replaced && JSON.parse(replaced.detail).replacedBy !== bid.replacedByBidId) {
    return `replaced by ${bid.replacedByBidId}, but the ledger says by ${JSON.parse(replaced.detail).replacedBy}`;
  }
  return null;
}

async function* checkReceipts(db: Db, events: LedgerEvents): AsyncIterable<Divergence> {
  let after = '';
  for (;;) {
    const rows = await tradingDb(db)
      .selectFrom('bidReceipt')
      .select(['id', 'bidId', 'body', 'sha256'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(PAGE)
      .execute();
    if (rows.length === 0) break;
    for (const receipt of rows) {
      const submitted = events.forObject('bid', receipt.bidId).find((e) => e.action === 'bid.submitted');
      const logged = submitted
        ? (JSON.parse(submitted.detail) as { receiptSha256?: string }).receiptSha256
        : null;
      if (hashHex(receipt.body) !== receipt.sha256) {
        yield { table: 'bid_receipt', row: receipt.id, what: 'the receipt text does not match its SHA-256' };
      } else if (logged !== receipt.sha256) {
        yield {
          table: 'bid_receipt',
          row: receipt.id,
          what: submitted
            ? `not the receipt logged at leaf ${leafOf(submitted)} for bid ${receipt.bidId}`
            : `bid ${receipt.bidId} has no bid.submitted event in the ledger`,
        };
      }
    }
    after = rows[rows.length - 1]!.id;
  }
}

function leafOf(event: AuditEventRow): number {
  return Number(event.leafIndex);
}
