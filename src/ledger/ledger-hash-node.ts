/** The ledger's hash functions on OpenSSL: SM3 and SHA-256 through node:crypto. */
import { hash } from 'node:crypto';
import type { HashFunction } from './merkle-tree-hash.ts';
import type { LedgerHashAlgorithm } from './tree-head.ts';

// The one-shot hash: for 33- and 65-byte inputs it is about half the cost of a Hash object.
const NODE: Record<LedgerHashAlgorithm, HashFunction> = {
  sm3: (bytes) => hash('sm3', bytes, 'buffer'),
  sha256: (bytes) => hash('sha256', bytes, 'buffer'),
};

export function nodeLedgerHash(algorithm: LedgerHashAlgorithm): HashFunction {
  return NODE[algorithm];
}
