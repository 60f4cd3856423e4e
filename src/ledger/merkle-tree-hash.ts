/**
 * The Merkle Tree Hash of RFC 9162 §2.1.1 (Certificate Transparency v2). The hash function is a
 * parameter, so the same code builds SM3 and SHA-256 ledgers, in Node and in the browser alike.
 */

export type HashFunction = (bytes: Uint8Array) => Uint8Array;

// Distinct prefixes keep a leaf from ever being passed off as an interior node (second preimage).
const LEAF_PREFIX = 0x00;
const NODE_PREFIX = 0x01;

/** H(0x00 ‖ entry). */
export function hashLeaf(hash: HashFunction, entry: Uint8Array): Uint8Array {
  const input = new Uint8Array(1 + entry.length);
  input[0] = LEAF_PREFIX;
  input.set(entry, 1);
  return hash(input);
}

/** H(0x01 ‖ left ‖ right). */
export function hashChildren(hash: HashFunction, left: Uint8Array, right: Uint8Array): Uint8Array {
  const input = new Uint8Array(1 + left.length + right.length);
  input[0] = NODE_PREFIX;
  input.set(left, 1);
  input.set(right, 1 + left.length);
  return hash(input);
}

/** MTH({}) = H(): the root of the empty tree. */
export function emptyRoot(hash: HashFunction): Uint8Array {
  return hash(new Uint8Array(0));
}

/** The k of RFC 9162 §2.1.1: the largest power of two smaller than n, for n ≥ 2. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** MTH(D[0:n]) of the entries themselves. */
export function merkleTreeHash(hash: HashFunction, entries: readonly Uint8Array[]): Uint8Array {
  return treeRoot(
    hash,
    entries.map((entry) => hashLeaf(hash, entry)),
  );
}

/** The root of the tree made of the first `size` leaves, given their leaf hashes. */
export function treeRoot(
  hash: HashFunction,
  leafHashes: readonly Uint8Array[],
  size: number = leafHashes.length,
): Uint8Array {
  assertTreeSize(size, leafHashes.length);
  return size === 0 ? emptyRoot(hash) : subtreeRoot(hash, leafHashes, 0, size);
}

/** MTH(D[start:end]) for start < end: the recursion splits at k so that every left subtree is perfect. */
export function subtreeRoot(
  hash: HashFunction,
  leafHashes: readonly Uint8Array[],
  start: number,
  end: number,
): Uint8Array {
  if (end - start === 1) return leafHashes[start]!;
  const middle = start + splitPoint(end - start);
  return hashChildren(
    hash,
    subtreeRoot(hash, leafHashes, start, middle),
    subtreeRoot(hash, leafHashes, middle, end),
  );
}

/** A tree size is a whole number of leaves that have been hashed; anything else is a caller's bug. */
export function assertTreeSize(size: number, available: number): void {
  if (!Number.isSafeInteger(size) || size < 0 || size > available) {
    throw new RangeError(`tree size ${size} is not within the ${available} leaves given`);
  }
}
