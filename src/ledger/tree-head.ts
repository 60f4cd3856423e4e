/**
 * Signed tree heads: a ledger's size and root at a time, signed by the service's key. The signed
 * bytes are the canonical JSON of the head's fields under a format tag, so a browser, the CLI and
 * another platform all rebuild exactly what was signed. See docs/ledger.md.
 */
import { canonicalJson } from '../domain/canonical-json.ts';

/** The tree's hash: SM3 (the national suite, the default) or SHA-256, fixed when the ledger is made. */
export type LedgerHashAlgorithm = 'sm3' | 'sha256';
export const LEDGER_HASH_ALGORITHMS = ['sm3', 'sha256'] as const;

/** A head is signed in the suite that matches its hash: SM2 with SM3, or ECDSA P-256 with SHA-256. */
export type TreeHeadSignatureAlgorithm = 'sm2-sm3' | 'ecdsa-p256-sha256';
export const SIGNATURE_FOR_HASH: Record<LedgerHashAlgorithm, TreeHeadSignatureAlgorithm> = {
  sm3: 'sm2-sm3',
  sha256: 'ecdsa-p256-sha256',
};
/** The crypto suite (src/crypto/portable/suite.ts) that signs and verifies a head of this hash. */
export const SUITE_FOR_HASH = { sm3: 'gm', sha256: 'intl' } as const satisfies Record<
  LedgerHashAlgorithm,
  string
>;

export const TREE_HEAD_FORMAT = 'zhaocai-tree-head/1';

/** What a signature covers. */
export interface TreeHead {
  /** The platform whose ledger this is: trading, hub or supervision. */
  readonly platform: string;
  /** The n-th head this ledger signed, from 1; heads form an unbroken run. */
  readonly seq: number;
  readonly treeSize: number;
  /** MTH of the first treeSize leaves, hex. */
  readonly rootHash: string;
  /** Service time of signing, ISO 8601 UTC. */
  readonly timestamp: string;
  readonly hashAlgorithm: LedgerHashAlgorithm;
  /** Hex hash (in the head's hash) of the signing public key's SPKI DER. */
  readonly keyId: string;
}

export interface SignedTreeHead extends TreeHead {
  readonly signatureAlgorithm: TreeHeadSignatureAlgorithm;
  /** Base64 of the DER signature over `treeHeadSigningBytes(head)`. */
  readonly signature: string;
}

/** The bytes a tree head's signature covers. */
export function treeHeadSigningBytes(head: TreeHead): Uint8Array {
  const fields: TreeHead & { format: string } = {
    format: TREE_HEAD_FORMAT,
    platform: head.platform,
    seq: head.seq,
    treeSize: head.treeSize,
    rootHash: head.rootHash,
    timestamp: head.timestamp,
    hashAlgorithm: head.hashAlgorithm,
    keyId: head.keyId,
  };
  return new TextEncoder().encode(canonicalJson(fields));
}
