import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { nodeSuite } from '../../src/crypto/node/node-suites.ts';
import { bytesToHex } from '../../src/crypto/portable/bytes.ts';
import { toBase64 } from '../../src/crypto/portable/envelope/binary.ts';
import { keyIdOf } from '../../src/crypto/portable/envelope/key-id.ts';
import type { PemKeyPair } from '../../src/crypto/portable/suite.ts';
import { canonicalJson } from '../../src/domain/canonical-json.ts';
import { nodeLedgerHash } from '../../src/ledger/ledger-hash-node.ts';
import { consistencyProof, inclusionProof } from '../../src/ledger/merkle-proofs.ts';
import { hashLeaf, treeRoot } from '../../src/ledger/merkle-tree-hash.ts';
import {
  type LedgerHashAlgorithm,
  SIGNATURE_FOR_HASH,
  SUITE_FOR_HASH,
  type SignedTreeHead,
  treeHeadSigningBytes,
} from '../../src/ledger/tree-head.ts';
import type { BidReceipt, LedgerInfo } from '../../web/src/api-types.ts';
import {
  type PublishedSource,
  type VerifyStep,
  verdictOf,
  verifyReceipt,
} from '../../web/src/ledger/receipt-verification.ts';

const BID_ID = 'bid-0001';
/** The receipt's head covers the first 5 leaves, the bid's being leaf 3; the ledger has 9 by now. */
const RECEIPT_SIZE = 5;
const LATEST_SIZE = 9;
const LEAF = 3;

const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * A platform as the browser meets it: a receipt signed with its SM2 receipt key, whose bid.submitted
 * event is a leaf of its ledger under a signed head, and what it publishes (keys, the latest head,
 * consistency proofs). Signed with the Node suites, checked with the browser ones.
 */
async function aPlatform(algorithm: LedgerHashAlgorithm) {
  const gm = nodeSuite('gm');
  const ledgerSuite = nodeSuite(SUITE_FOR_HASH[algorithm]);
  const hash = nodeLedgerHash(algorithm);
  const receiptKey = await gm.generateSigningKeyPair();
  const ledgerKey = await ledgerSuite.generateSigningKeyPair(SIGNATURE_FOR_HASH[algorithm]);
  const ledgerKeyId = await keyIdOf(ledgerSuite, ledgerKey.publicKeyPem);

  const content = {
    receiptId: 'receipt-0001',
    bidId: BID_ID,
    projectId: 'project-1',
    sectionId: 'section-1',
    sectionCode: 'S01',
    bidderOrganisationId: 'org-1',
    fileSha256: 'ab'.repeat(32),
    fileSize: 4096,
    receivedAt: '2025-03-01T02:00:00.000Z',
    replacesBidId: null,
    envelope: {
      suite: 'gm' as const,
      headerDigest: 'cd'.repeat(32),
      ciphertextDigest: 'ef'.repeat(32),
      signerCertificateSerial: '0A1B',
    },
  };
  const canonical = canonicalJson(content);
  const receiptSha256 = sha256Hex(canonical);
  const entry = canonicalJson({
    action: 'bid.submitted',
    objectType: 'bid',
    objectId: BID_ID,
    occurredAt: content.receivedAt,
    detail: JSON.stringify({ receiptSha256 }),
  });
  const entries = Array.from({ length: LATEST_SIZE }, (_, i) =>
    i === LEAF ? entry : canonicalJson({ action: 'other.event', objectId: `o-${i}` }),
  );
  const leafHashes = entries.map((e) => hashLeaf(hash, new TextEncoder().encode(e)));

  async function signHead(
    seq: number,
    treeSize: number,
    key: PemKeyPair = ledgerKey,
  ): Promise<SignedTreeHead> {
    const head = {
      platform: 'trading',
      seq,
      treeSize,
      rootHash: bytesToHex(treeRoot(hash, leafHashes, treeSize)),
      timestamp: new Date(Date.UTC(2025, 2, 1, 2, seq)).toISOString(),
      hashAlgorithm: algorithm,
      keyId: ledgerKeyId,
    };
    const signature = await ledgerSuite.sign(key.privateKeyPem, treeHeadSigningBytes(head));
    return { ...head, signatureAlgorithm: SIGNATURE_FOR_HASH[algorithm], signature: toBase64(signature) };
  }

  const receiptHead = await signHead(2, RECEIPT_SIZE);
  const latestHead = await signHead(3, LATEST_SIZE);
  const receipt: BidReceipt = {
    receipt: content,
    canonical,
    sha256: receiptSha256,
    signature: {
      algorithm: 'sm2-sm3',
      keyId: await keyIdOf(gm, receiptKey.publicKeyPem),
      publicKeyPem: receiptKey.publicKeyPem,
      value: toBase64(await gm.sign(receiptKey.privateKeyPem, new TextEncoder().encode(canonical))),
    },
    ledger: {
      leafIndex: LEAF,
      entry,
      treeHead: receiptHead,
      path: inclusionProof(hash, leafHashes, LEAF, RECEIPT_SIZE).map(bytesToHex),
      publicKeyPem: ledgerKey.publicKeyPem,
    },
  };

  const info: LedgerInfo = {
    platform: 'trading',
    hashAlgorithm: algorithm,
    treeSize: LATEST_SIZE,
    latestTreeHead: latestHead,
    keys: [
      {
        keyId: ledgerKeyId,
        signatureAlgorithm: SIGNATURE_FOR_HASH[algorithm],
        publicKeyPem: ledgerKey.publicKeyPem,
        firstUsedAt: '2025-03-01T00:00:00.000Z',
      },
    ],
  };
  const source: PublishedSource = {
    platformKeys: async () => ({ receiptSigning: { publicKeyPem: receiptKey.publicKeyPem } }),
    ledgerInfo: async () => info,
    latestTreeHead: async () => latestHead,
    consistencyProof: async (first, second) => ({
      first,
      second,
      path: consistencyProof(hash, leafHashes, first, second).map(bytesToHex),
    }),
  };
  return { receipt, source, latestHead, signHead, hash, leafHashes };
}

const unreachable = (): Promise<never> => Promise.reject(new TypeError('Failed to fetch'));

/** The state of each row, by check. */
function states(rows: readonly { check: string; state: string }[]): Record<string, string> {
  return Object.fromEntries(rows.map((row) => [row.check, row.state]));
}

/** One character of a hex string changed to another hex digit. */
function flipHex(hex: string, at: number): string {
  const next = hex[at] === '0' ? '1' : '0';
  return hex.slice(0, at) + next + hex.slice(at + 1);
}

describe.each(['sm3', 'sha256'] as const)(
  'verifying a bid receipt in the browser (%s ledger)',
  (algorithm) => {
    it('passes every check against the published keys, up to the latest head', async () => {
      const { receipt, source, latestHead } = await aPlatform(algorithm);
      const steps: VerifyStep[] = [];
      const result = await verifyReceipt(receipt, source, (step) => steps.push(step));
      expect(steps).toEqual(['keys', 'receipt', 'latest']);
      expect(result.verdict).toEqual({ kind: 'pass' });
      expect(result.published).toBe(true);
      expect(result.latestHead).toEqual(latestHead);
      expect(result.rows.map((row) => row.check)).toEqual([
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
      ]);
      expect(result.rows.every((row) => row.state === 'ok')).toBe(true);
    });

    it('fails at the inclusion proof when one character of the leaf entry is changed', async () => {
      const { receipt, source } = await aPlatform(algorithm);
      const entry = receipt.ledger.entry.replace('2025-03-01T02:00:00', '2025-03-01T03:00:00');
      expect(entry).not.toBe(receipt.ledger.entry);
      const result = await verifyReceipt({ ...receipt, ledger: { ...receipt.ledger, entry } }, source);
      expect(result.verdict).toEqual({ kind: 'fail', first: 'leaf-in-tree' });
      expect(states(result.rows)).toMatchObject({ 'leaf-entry': 'ok', 'leaf-in-tree': 'failed' });
    });

    it('fails at the inclusion proof, the head signature and the consistency when the root is changed', async () => {
      const { receipt, source } = await aPlatform(algorithm);
      const treeHead = {
        ...receipt.ledger.treeHead,
        rootHash: flipHex(receipt.ledger.treeHead.rootHash, 10),
      };
      const result = await verifyReceipt({ ...receipt, ledger: { ...receipt.ledger, treeHead } }, source);
      expect(result.verdict).toEqual({ kind: 'fail', first: 'leaf-in-tree' });
      expect(states(result.rows)).toMatchObject({
        'leaf-in-tree': 'failed',
        'tree-head-signature': 'failed',
        consistency: 'failed',
        'latest-head': 'ok',
      });
    });

    it('fails at the entry when the leaf is another bid’s event', async () => {
      const { receipt, source } = await aPlatform(algorithm);
      const entry = receipt.ledger.entry.replace(BID_ID, 'bid-0002');
      const result = await verifyReceipt({ ...receipt, ledger: { ...receipt.ledger, entry } }, source);
      expect(result.verdict).toEqual({ kind: 'fail', first: 'leaf-entry' });
    });

    it('catches a receipt made with keys other than the published ones', async () => {
      const { receipt, source } = await aPlatform(algorithm);
      // An impostor platform issues a perfectly consistent receipt with its own keys…
      const impostor = await aPlatform(algorithm);
      const forged = impostor.receipt;
      // …which checks out against the keys it carries (integrity only),
      const offline = await verifyReceipt(forged, {
        ...source,
        platformKeys: unreachable,
        ledgerInfo: unreachable,
      });
      expect(offline.verdict.kind).toBe('incomplete');
      expect(offline.rows.filter((row) => row.state === 'failed')).toEqual([]);
      // …but not against the real platform's published keys.
      const online = await verifyReceipt(forged, source);
      expect(online.verdict).toEqual({ kind: 'fail', first: 'receipt-signature' });
      expect(states(online.rows)).toMatchObject({
        'receipt-signature': 'failed',
        'receipt-key': 'failed',
        'ledger-key': 'failed',
        'tree-head-key': 'failed',
        'tree-head-signature': 'failed',
      });
      expect(receipt.signature.keyId).not.toBe(forged.signature.keyId);
    });

    it('checks against the carried keys, and says so, when the platform cannot be reached', async () => {
      const { receipt, source } = await aPlatform(algorithm);
      const steps: VerifyStep[] = [];
      const result = await verifyReceipt(
        receipt,
        { ...source, platformKeys: unreachable, ledgerInfo: unreachable },
        (step) => steps.push(step),
      );
      expect(steps).toEqual(['keys', 'receipt']);
      expect(result.published).toBe(false);
      expect(result.unreachable).toBe('Failed to fetch');
      expect(result.verdict).toEqual({
        kind: 'incomplete',
        skipped: ['receipt-key', 'ledger-key', 'latest-head', 'consistency'],
      });
      expect(states(result.rows)).toMatchObject({ 'receipt-signature': 'ok', 'tree-head-signature': 'ok' });
    });

    it('leaves the latest head unchecked when the platform does not give it', async () => {
      const { receipt, source } = await aPlatform(algorithm);
      const result = await verifyReceipt(receipt, { ...source, latestTreeHead: unreachable });
      expect(result.published).toBe(true);
      expect(result.verdict).toEqual({ kind: 'incomplete', skipped: ['latest-head', 'consistency'] });
    });

    it('fails the consistency when the ledger was rewritten after the receipt', async () => {
      const { receipt, source, signHead, leafHashes, hash } = await aPlatform(algorithm);
      // Leaf 1 replaced: the platform signs a new head over a history that differs from the receipt's.
      leafHashes[1] = hashLeaf(hash, new TextEncoder().encode('{"action":"rewritten"}'));
      const rewritten = await signHead(3, LATEST_SIZE);
      const result = await verifyReceipt(receipt, {
        ...source,
        latestTreeHead: async () => rewritten,
        consistencyProof: async (first, second) => ({
          first,
          second,
          path: consistencyProof(hash, leafHashes, first, second).map(bytesToHex),
        }),
      });
      expect(states(result.rows)).toMatchObject({ 'latest-head': 'ok', consistency: 'failed' });
      expect(result.verdict).toEqual({ kind: 'fail', first: 'consistency' });
    });

    it('fails the consistency when the latest head is smaller than the receipt’s', async () => {
      const { receipt, source, signHead } = await aPlatform(algorithm);
      const smaller = await signHead(3, RECEIPT_SIZE - 1);
      const result = await verifyReceipt(receipt, { ...source, latestTreeHead: async () => smaller });
      expect(result.verdict).toEqual({ kind: 'fail', first: 'consistency' });
    });

    it('fails the latest head when its signature does not verify under the published key', async () => {
      const { receipt, source, latestHead } = await aPlatform(algorithm);
      const forged = { ...latestHead, timestamp: '2030-01-01T00:00:00.000Z' };
      const result = await verifyReceipt(receipt, { ...source, latestTreeHead: async () => forged });
      expect(result.verdict).toEqual({ kind: 'fail', first: 'latest-head' });
    });
  },
);

describe('the verdict', () => {
  it('names the first failed check, else the unchecked ones, else passes', () => {
    expect(
      verdictOf([
        { check: 'receipt-digest', state: 'ok', detail: '' },
        { check: 'receipt-key', state: 'skipped', detail: '' },
        { check: 'leaf-in-tree', state: 'failed', detail: '' },
        { check: 'consistency', state: 'failed', detail: '' },
      ]),
    ).toEqual({ kind: 'fail', first: 'leaf-in-tree' });
    expect(
      verdictOf([
        { check: 'receipt-digest', state: 'ok', detail: '' },
        { check: 'consistency', state: 'skipped', detail: '' },
      ]),
    ).toEqual({ kind: 'incomplete', skipped: ['consistency'] });
    expect(verdictOf([{ check: 'receipt-digest', state: 'ok', detail: '' }])).toEqual({ kind: 'pass' });
  });
});
