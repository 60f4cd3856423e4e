/**
 * Inclusion and consistency proofs of RFC 9162 §2.1.3 and §2.1.4. Generation reads the leaf hashes;
 * verification needs only the proof, the sizes and the roots, so a bidder's browser can run it.
 */
import { constantTimeEqual } from '../crypto/portable/bytes.ts';
import {
  type HashFunction,
  assertTreeSize,
  emptyRoot,
  hashChildren,
  subtreeRoot,
} from './merkle-tree-hash.ts';
import { consistencyRanges, inclusionRanges } from './subtree-ranges.ts';

export interface InclusionClaim {
  index: number;
  size: number;
  leafHash: Uint8Array;
  path: readonly Uint8Array[];
  root: Uint8Array;
}

export interface ConsistencyClaim {
  first: number;
  second: number;
  firstRoot: Uint8Array;
  secondRoot: Uint8Array;
  path: readonly Uint8Array[];
}

/** PATH(index, D[0:size]) of §2.1.3.1: the siblings from the leaf up to the root. */
export function inclusionProof(
  hash: HashFunction,
  leafHashes: readonly Uint8Array[],
  index: number,
  size: number = leafHashes.length,
): Uint8Array[] {
  assertTreeSize(size, leafHashes.length);
  return inclusionRanges(index, size).map(([start, end]) => subtreeRoot(hash, leafHashes, start, end));
}

/**
 * PROOF(first, D[0:second]) of §2.1.4.1. The RFC defines it for 0 < first < second; the proof from the
 * empty tree or to the same size is empty, as every Certificate Transparency log serves it.
 */
export function consistencyProof(
  hash: HashFunction,
  leafHashes: readonly Uint8Array[],
  first: number,
  second: number = leafHashes.length,
): Uint8Array[] {
  assertTreeSize(second, leafHashes.length);
  assertTreeSize(first, second);
  return consistencyRanges(first, second).map(([start, end]) => subtreeRoot(hash, leafHashes, start, end));
}

/** §2.1.3.2: recomputes the root from the leaf and its path, without the tree. */
export function verifyInclusion(hash: HashFunction, claim: InclusionClaim): boolean {
  const { index, size, leafHash, path, root } = claim;
  if (!isTreeSize(size) || !Number.isSafeInteger(index) || index < 0 || index >= size) return false;
  if (!everyNodeIsDigestLong(path, root)) return false;
  let fn = index;
  let sn = size - 1;
  let r = leafHash;
  for (const p of path) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      r = hashChildren(hash, p, r);
      // Skip the levels where this node is the last, unpaired one: it rises without hashing.
      while (!isOdd(fn) && fn !== 0) [fn, sn] = [half(fn), half(sn)];
    } else {
      r = hashChildren(hash, r, p);
    }
    [fn, sn] = [half(fn), half(sn)];
  }
  return sn === 0 && constantTimeEqual(r, root);
}

/** §2.1.4.2: checks that the second tree only appended to the first, from the two roots and the proof. */
export function verifyConsistency(hash: HashFunction, claim: ConsistencyClaim): boolean {
  const { first, second, firstRoot, secondRoot, path } = claim;
  if (!isTreeSize(first) || !isTreeSize(second) || first > second) return false;
  if (first === second) return path.length === 0 && constantTimeEqual(firstRoot, secondRoot);
  // Every tree extends the empty one, but only if the old head really is the empty tree's.
  if (first === 0) return path.length === 0 && constantTimeEqual(firstRoot, emptyRoot(hash));
  if (path.length === 0 || !everyNodeIsDigestLong(path, secondRoot)) return false;
  // When the old tree is perfect its root is a node of the new tree, so the proof leaves it out.
  const nodes = isPowerOfTwo(first) ? [firstRoot, ...path] : path;
  let fn = first - 1;
  let sn = second - 1;
  while (isOdd(fn)) [fn, sn] = [half(fn), half(sn)];
  let fr = nodes[0]!;
  let sr = fr;
  for (const c of nodes.slice(1)) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      fr = hashChildren(hash, c, fr);
      sr = hashChildren(hash, c, sr);
      while (!isOdd(fn) && fn !== 0) [fn, sn] = [half(fn), half(sn)];
    } else {
      sr = hashChildren(hash, sr, c);
    }
    [fn, sn] = [half(fn), half(sn)];
  }
  return sn === 0 && constantTimeEqual(fr, firstRoot) && constantTimeEqual(sr, secondRoot);
}

// Arithmetic rather than bitwise operators: JavaScript's bitwise ones truncate to 32 bits.
function isOdd(n: number): boolean {
  return n % 2 === 1;
}

function half(n: number): number {
  return Math.floor(n / 2);
}

function isPowerOfTwo(n: number): boolean {
  let power = 1;
  while (power < n) power *= 2;
  return power === n;
}

function isTreeSize(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 0;
}

function everyNodeIsDigestLong(path: readonly Uint8Array[], root: Uint8Array): boolean {
  return path.every((node) => node.length === root.length);
}
