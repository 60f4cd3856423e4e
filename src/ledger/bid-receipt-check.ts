/**
 * Everything a bid receipt proves, checked without trusting the platform: the receipt's digest and
 * signature, that its ledger leaf is this receipt's `bid.submitted` event, that the leaf is in the
 * signed tree head, and the head's signature. No Node import: the web app's receipt page and
 * `zhaocai receipt verify` run this same code.
 */
import { bytesToHex } from '../crypto/portable/bytes.ts';
import { fromBase64 } from '../crypto/portable/envelope/binary.ts';
import type { CryptoSuite, SuiteId } from '../crypto/portable/suite.ts';
import { type LeafEvidence, checkLeafInTree, checkTreeHeadSignature } from './leaf-evidence.ts';
import type { HashFunction } from './merkle-tree-hash.ts';
import { SUITE_FOR_HASH, type LedgerHashAlgorithm } from './tree-head.ts';

export interface ReceiptToCheck {
  readonly receipt: { readonly bidId: string; readonly receivedAt: string };
  /** The canonical JSON the platform signed. */
  readonly canonical: string;
  readonly sha256: string;
  readonly signature: { readonly publicKeyPem: string; readonly value: string };
  readonly ledger: LeafEvidence & { readonly publicKeyPem: string };
}

export type ReceiptCheckName =
  | 'receipt-digest'
  | 'receipt-signature'
  | 'receipt-content'
  | 'leaf-entry'
  | 'leaf-in-tree'
  | 'tree-head-key'
  | 'tree-head-signature'
  | 'consistency';

export interface ReceiptCheck {
  readonly check: ReceiptCheckName;
  readonly ok: boolean;
  readonly detail: string;
}

export interface ReceiptCheckTools {
  /** SHA-256 of bytes. */
  readonly sha256: (bytes: Uint8Array) => Uint8Array;
  /** The ledger's hash, by algorithm. */
  readonly ledgerHash: (algorithm: LedgerHashAlgorithm) => HashFunction;
  readonly suite: (id: SuiteId) => CryptoSuite;
  /** The platform's published receipt key; by default the receipt's own (integrity only). */
  readonly receiptKeyPem?: string | undefined;
  /** The platform's published ledger key; by default the receipt's own (integrity only). */
  readonly ledgerKeyPem?: string | undefined;
}

/** Runs every check; the receipt is good when all are `ok`. */
export async function checkBidReceipt(
  receipt: ReceiptToCheck,
  tools: ReceiptCheckTools,
): Promise<ReceiptCheck[]> {
  const checks: ReceiptCheck[] = [];
  const canonicalBytes = new TextEncoder().encode(receipt.canonical);
  const digest = bytesToHex(tools.sha256(canonicalBytes));
  checks.push({
    check: 'receipt-digest',
    ok: digest === receipt.sha256,
    detail: `SHA-256 of the receipt text is ${digest}; the receipt states ${receipt.sha256}`,
  });
  checks.push({
    check: 'receipt-signature',
    ok: await verifies(
      tools.suite('gm'),
      tools.receiptKeyPem ?? receipt.signature.publicKeyPem,
      canonicalBytes,
      receipt.signature.value,
    ),
    detail: "the platform's SM2 signature over the receipt text",
  });
  checks.push(contentCheck(receipt));
  checks.push(entryCheck(receipt));

  const head = receipt.ledger.treeHead;
  const hash = tools.ledgerHash(head.hashAlgorithm);
  checks.push(checkLeafInTree(hash, receipt.ledger));
  const suite = tools.suite(SUITE_FOR_HASH[head.hashAlgorithm]);
  checks.push(
    ...(await checkTreeHeadSignature(suite, head, tools.ledgerKeyPem ?? receipt.ledger.publicKeyPem)),
  );
  return checks;
}

/** The parsed receipt shown beside the signed text says what the signed text says. */
function contentCheck(receipt: ReceiptToCheck): ReceiptCheck {
  let signed: { bidId?: unknown; receivedAt?: unknown } = {};
  try {
    signed = JSON.parse(receipt.canonical) as typeof signed;
  } catch {
    // not JSON: the check fails below
  }
  return {
    check: 'receipt-content',
    ok: signed.bidId === receipt.receipt.bidId && signed.receivedAt === receipt.receipt.receivedAt,
    detail: `the signed text names bid ${String(signed.bidId)} received ${String(signed.receivedAt)}`,
  };
}

/** The leaf is this receipt's event: bid.submitted, for this bid, stating this receipt's digest. */
function entryCheck(receipt: ReceiptToCheck): ReceiptCheck {
  let event: {
    action?: unknown;
    objectType?: unknown;
    objectId?: unknown;
    occurredAt?: unknown;
    detail?: unknown;
  } = {};
  let detail: { receiptSha256?: unknown } = {};
  try {
    event = JSON.parse(receipt.ledger.entry) as typeof event;
    detail = JSON.parse(String(event.detail)) as typeof detail;
  } catch {
    // not an audit event: the check fails below
  }
  const ok =
    event.action === 'bid.submitted' &&
    event.objectType === 'bid' &&
    event.objectId === receipt.receipt.bidId &&
    detail.receiptSha256 === receipt.sha256;
  return {
    check: 'leaf-entry',
    ok,
    detail: `leaf ${receipt.ledger.leafIndex} is ${String(event.action)} of ${String(event.objectType)} ${String(event.objectId)} at ${String(event.occurredAt)}, for receipt ${String(detail.receiptSha256)}`,
  };
}

async function verifies(suite: CryptoSuite, publicKeyPem: string, message: Uint8Array, signature: string) {
  try {
    return await suite.verify(publicKeyPem, message, fromBase64(signature));
  } catch {
    return false;
  }
}
