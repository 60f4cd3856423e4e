/** The ledger's hash functions without any Node import, for the browser (the Node ones are faster). */
import { sha256 } from '@noble/hashes/sha2';
import { sm3 } from 'sm-crypto-v2';
import { hexToBytes } from '../crypto/portable/bytes.ts';
import type { HashFunction } from './merkle-tree-hash.ts';
import type { LedgerHashAlgorithm } from './tree-head.ts';

const PORTABLE: Record<LedgerHashAlgorithm, HashFunction> = {
  sm3: (bytes) => hexToBytes(sm3(bytes)),
  sha256: (bytes) => sha256(bytes),
};

export function portableLedgerHash(algorithm: LedgerHashAlgorithm): HashFunction {
  return PORTABLE[algorithm];
}
