/**
 * Verifying a bid receipt in the browser. The checks themselves run here, on the shared code
 * (src/ledger/bid-receipt-check.ts, leaf-evidence.ts); the platform is asked only for what it
 * publishes: its receipt and ledger keys, so the receipt is checked against THOSE rather than the
 * keys it carries, and its latest signed tree head with a consistency proof from the receipt's head,
 * so the ledger is seen to have only grown since. If the platform cannot be reached the receipt is
 * checked against the keys it carries, which proves only that it was not altered.
 */
import { sha256 } from '@noble/hashes/sha2';
import { webSuite } from '../../../src/crypto/portable/web-suites.ts';
import { type ReceiptCheckName, checkBidReceipt } from '../../../src/ledger/bid-receipt-check.ts';
import { checkConsistency, checkTreeHeadSignature } from '../../../src/ledger/leaf-evidence.ts';
import { portableLedgerHash } from '../../../src/ledger/ledger-hash.ts';
import { SUITE_FOR_HASH } from '../../../src/ledger/tree-head.ts';
import type { BidReceipt, ConsistencyProof, LedgerInfo, SignedTreeHead } from '../api-types.ts';

/** Every row the page shows, in the order shown. */
export const VERIFY_CHECKS = [
  'receipt-digest',
  'receipt-signature',
  'receipt-key',
  'receipt-content',
  'leaf-entry',
  'leaf-in-tree',
  'ledger-key',
  'tree-head-key',
  'tree-head-signature',
  'latest-head',
  'consistency',
] as const satisfies readonly (ReceiptCheckName | 'receipt-key' | 'ledger-key' | 'latest-head')[];
export type VerifyCheckName = (typeof VERIFY_CHECKS)[number];

/** `skipped`: not checked, because the platform could not be reached or did not answer. */
export type CheckState = 'ok' | 'failed' | 'skipped';

export interface VerifyRow {
  readonly check: VerifyCheckName;
  readonly state: CheckState;
  /** What was compared, in the checking code's (technical, English) words. */
  readonly detail: string;
}

export type Verdict =
  | { readonly kind: 'pass' }
  /** Nothing failed, but these rows could not be checked. */
  | { readonly kind: 'incomplete'; readonly skipped: readonly VerifyCheckName[] }
  | { readonly kind: 'fail'; readonly first: VerifyCheckName };

export interface Verification {
  readonly rows: readonly VerifyRow[];
  readonly verdict: Verdict;
  /** False when the platform's keys could not be fetched: the carried keys were used. */
  readonly published: boolean;
  /** Why the platform's keys or latest head could not be had, as the fetch said. */
  readonly unreachable: string | null;
  readonly latestHead: SignedTreeHead | null;
}

/** What the page asks the platform: its public endpoints (an `ApiClient` of the trading platform). */
export interface PublishedSource {
  platformKeys(): Promise<{ readonly receiptSigning: { readonly publicKeyPem: string } }>;
  ledgerInfo(): Promise<LedgerInfo>;
  latestTreeHead(): Promise<SignedTreeHead>;
  consistencyProof(first: number, second: number): Promise<ConsistencyProof>;
}

export type VerifyStep = 'keys' | 'receipt' | 'latest';

interface PublishedKeys {
  readonly receiptKeyPem: string;
  readonly ledgerKeys: LedgerInfo['keys'];
}

export async function verifyReceipt(
  receipt: BidReceipt,
  source: PublishedSource,
  onStep: (step: VerifyStep) => void = () => undefined,
): Promise<Verification> {
  onStep('keys');
  let published: PublishedKeys | null = null;
  let unreachable: string | null = null;
  try {
    const [keys, ledger] = await Promise.all([source.platformKeys(), source.ledgerInfo()]);
    published = { receiptKeyPem: keys.receiptSigning.publicKeyPem, ledgerKeys: ledger.keys };
  } catch (error) {
    unreachable = messageOf(error);
  }

  onStep('receipt');
  const head = receipt.ledger.treeHead;
  // A head whose key the platform does not publish is checked against its current key, and fails.
  const ledgerKeyPem = published
    ? (publishedLedgerKey(published, head.keyId) ?? published.ledgerKeys.at(-1)?.publicKeyPem)
    : undefined;
  const rows: VerifyRow[] = [
    ...(await receiptRows(receipt, published?.receiptKeyPem, ledgerKeyPem)),
    ...keyRows(receipt, published, unreachable ?? ''),
  ];

  let latestHead: SignedTreeHead | null = null;
  if (published) {
    onStep('latest');
    try {
      latestHead = await source.latestTreeHead();
      const proof =
        latestHead.treeSize >= head.treeSize
          ? await source.consistencyProof(head.treeSize, latestHead.treeSize)
          : null;
      rows.push(
        await latestHeadRow(latestHead, publishedLedgerKey(published, latestHead.keyId)),
        consistencyRow(head, latestHead, proof),
      );
    } catch (error) {
      unreachable = messageOf(error);
      rows.push(skipped('latest-head', unreachable), skipped('consistency', unreachable));
    }
  } else {
    rows.push(skipped('latest-head', unreachable ?? ''), skipped('consistency', unreachable ?? ''));
  }

  const ordered = VERIFY_CHECKS.flatMap((name) => rows.filter((row) => row.check === name));
  return {
    rows: ordered,
    verdict: verdictOf(ordered),
    published: published !== null,
    unreachable,
    latestHead,
  };
}

export function verdictOf(rows: readonly VerifyRow[]): Verdict {
  const failed = rows.find((row) => row.state === 'failed');
  if (failed) return { kind: 'fail', first: failed.check };
  const skippedRows = rows.filter((row) => row.state === 'skipped').map((row) => row.check);
  return skippedRows.length ? { kind: 'incomplete', skipped: skippedRows } : { kind: 'pass' };
}

/** The shared receipt checks, against the published keys when there are some. */
async function receiptRows(
  receipt: BidReceipt,
  receiptKeyPem: string | undefined,
  ledgerKeyPem: string | undefined,
): Promise<VerifyRow[]> {
  try {
    const checks = await checkBidReceipt(receipt, {
      sha256,
      ledgerHash: portableLedgerHash,
      suite: webSuite,
      receiptKeyPem,
      ledgerKeyPem,
    });
    return checks.map(({ check, ok, detail }) => ({ check, state: ok ? 'ok' : 'failed', detail }));
  } catch (error) {
    // Only a ledger key that is no public key at all stops the checks short.
    return [{ check: 'tree-head-key', state: 'failed', detail: messageOf(error) }];
  }
}

/** Whether the keys the receipt carries are the ones the platform publishes. */
function keyRows(receipt: BidReceipt, published: PublishedKeys | null, unreachable: string): VerifyRow[] {
  if (!published) return [skipped('receipt-key', unreachable), skipped('ledger-key', unreachable)];
  const { keyId } = receipt.ledger.treeHead;
  const ledgerKey = published.ledgerKeys.find((key) => key.keyId === keyId);
  return [
    {
      check: 'receipt-key',
      state: samePem(receipt.signature.publicKeyPem, published.receiptKeyPem) ? 'ok' : 'failed',
      detail: `receipt key ${receipt.signature.keyId} against the published receipt-signing key`,
    },
    {
      check: 'ledger-key',
      state: ledgerKey && samePem(receipt.ledger.publicKeyPem, ledgerKey.publicKeyPem) ? 'ok' : 'failed',
      detail: ledgerKey
        ? `ledger key ${keyId} against the published key first used ${ledgerKey.firstUsedAt}`
        : `the platform publishes no ledger key ${keyId}`,
    },
  ];
}

async function latestHeadRow(latest: SignedTreeHead, keyPem: string | undefined): Promise<VerifyRow> {
  if (!keyPem) {
    return {
      check: 'latest-head',
      state: 'failed',
      detail: `the platform publishes no ledger key ${latest.keyId}`,
    };
  }
  try {
    const suite = webSuite(SUITE_FOR_HASH[latest.hashAlgorithm]);
    const checks = await checkTreeHeadSignature(suite, latest, keyPem);
    return {
      check: 'latest-head',
      state: checks.every((c) => c.ok) ? 'ok' : 'failed',
      detail: checks.map((c) => c.detail).join('; '),
    };
  } catch (error) {
    return { check: 'latest-head', state: 'failed', detail: messageOf(error) };
  }
}

/** The latest head only appended to the receipt's: same hash, not smaller, and the proof holds. */
function consistencyRow(
  earlier: SignedTreeHead,
  later: SignedTreeHead,
  proof: ConsistencyProof | null,
): VerifyRow {
  const fail = (detail: string): VerifyRow => ({ check: 'consistency', state: 'failed', detail });
  if (later.hashAlgorithm !== earlier.hashAlgorithm || later.platform !== earlier.platform) {
    return fail(
      `the latest head is of ${later.platform}/${later.hashAlgorithm}, the receipt's of ${earlier.platform}/${earlier.hashAlgorithm}`,
    );
  }
  if (!proof)
    return fail(`the latest tree (${later.treeSize}) is smaller than the receipt's (${earlier.treeSize})`);
  try {
    const { ok, detail } = checkConsistency(
      portableLedgerHash(later.hashAlgorithm),
      earlier,
      later,
      proof.path,
    );
    return { check: 'consistency', state: ok ? 'ok' : 'failed', detail };
  } catch (error) {
    return fail(messageOf(error));
  }
}

function publishedLedgerKey(published: PublishedKeys, keyId: string): string | undefined {
  return published.ledgerKeys.find((key) => key.keyId === keyId)?.publicKeyPem;
}

function skipped(check: VerifyCheckName, reason: string): VerifyRow {
  return { check, state: 'skipped', detail: reason };
}

/** PEM texts that differ only in line breaks and spacing are the same key. */
function samePem(a: string, b: string): boolean {
  return a.replace(/\s+/g, '') === b.replace(/\s+/g, '');
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
