/**
 * Checks evidence that an event is in a ledger: the leaf recomputed from its entry, the inclusion
 * proof against the signed tree head's root, and the head's signature under the platform's key.
 * No Node import: the web app's receipt page and `zhaocai receipt verify` run this same code.
 */
import { bytesToHex, hexToBytes } from '../crypto/portable/bytes.ts';
import { fromBase64 } from '../crypto/portable/envelope/binary.ts';
import { keyIdOf } from '../crypto/portable/envelope/key-id.ts';
import type { CryptoSuite } from '../crypto/portable/suite.ts';
import { verifyConsistency, verifyInclusion } from './merkle-proofs.ts';
import { type HashFunction, hashLeaf } from './merkle-tree-hash.ts';
import { SUITE_FOR_HASH, type SignedTreeHead, treeHeadSigningBytes } from './tree-head.ts';

export interface LeafEvidence {
  readonly leafIndex: number;
  /** The leaf's data, as text (canonical JSON); the leaf is H(0x00 ‖ UTF-8 bytes). */
  readonly entry: string;
  readonly treeHead: SignedTreeHead;
  /** Hex nodes, leaf to root. */
  readonly path: readonly string[];
}

/** One check and whether it passed; `detail` says what was compared. */
export interface EvidenceCheck {
  readonly check: 'leaf-in-tree' | 'tree-head-signature' | 'tree-head-key' | 'consistency';
  readonly ok: boolean;
  readonly detail: string;
}

export function leafHashOf(hash: HashFunction, entry: string): Uint8Array {
  return hashLeaf(hash, new TextEncoder().encode(entry));
}

/** The inclusion proof of the entry's leaf against the head's root. */
export function checkLeafInTree(hash: HashFunction, evidence: LeafEvidence): EvidenceCheck {
  const { leafIndex, treeHead, path } = evidence;
  const leafHash = leafHashOf(hash, evidence.entry);
  const ok =
    path.every((node) => /^[0-9a-f]+$/.test(node)) &&
    /^[0-9a-f]+$/.test(treeHead.rootHash) &&
    verifyInclusion(hash, {
      index: leafIndex,
      size: treeHead.treeSize,
      leafHash,
      path: path.map(hexToBytes),
      root: hexToBytes(treeHead.rootHash),
    });
  return {
    check: 'leaf-in-tree',
    ok,
    detail: `leaf ${leafIndex} (${bytesToHex(leafHash)}) in tree ${treeHead.treeSize} with root ${treeHead.rootHash}`,
  };
}

/**
 * The head's signature under `publicKeyPem`, and that the key is the one the head names. Which
 * key to trust is the caller's: the platform's published key, not one carried by the evidence.
 */
export async function checkTreeHeadSignature(
  suite: CryptoSuite,
  head: SignedTreeHead,
  publicKeyPem: string,
): Promise<EvidenceCheck[]> {
  if (suite.id !== SUITE_FOR_HASH[head.hashAlgorithm]) {
    throw new Error(
      `a ${head.hashAlgorithm} tree head is signed in the ${SUITE_FOR_HASH[head.hashAlgorithm]} suite`,
    );
  }
  const keyId = await keyIdOf(suite, publicKeyPem);
  let valid = false;
  try {
    valid = await suite.verify(publicKeyPem, treeHeadSigningBytes(head), fromBase64(head.signature));
  } catch {
    valid = false;
  }
  return [
    {
      check: 'tree-head-key',
      ok: keyId === head.keyId,
      detail: `head names key ${head.keyId}; the key given is ${keyId}`,
    },
    {
      check: 'tree-head-signature',
      ok: valid,
      detail: `${head.signatureAlgorithm} signature of ${head.platform} tree head #${head.seq}`,
    },
  ];
}

/** That `later` only appended to `earlier`, from the two heads and a consistency proof. */
export function checkConsistency(
  hash: HashFunction,
  earlier: SignedTreeHead,
  later: SignedTreeHead,
  path: readonly string[],
): EvidenceCheck {
  const ok = verifyConsistency(hash, {
    first: earlier.treeSize,
    second: later.treeSize,
    firstRoot: hexToBytes(earlier.rootHash),
    secondRoot: hexToBytes(later.rootHash),
    path: path.map(hexToBytes),
  });
  return {
    check: 'consistency',
    ok,
    detail: `tree ${later.treeSize} (head #${later.seq}) extends tree ${earlier.treeSize} (head #${earlier.seq})`,
  };
}
