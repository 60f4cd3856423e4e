/**
 * Which subtrees a proof needs, as leaf ranges, and how a stored ledger answers them. A ledger
 * keeps the hash of every perfect subtree (a node at `level` covering leaves
 * [index·2^level, (index+1)·2^level)); any range the RFC 9162 recursion asks for is a run of such
 * nodes, so a proof at any tree size costs O(log² n) stored hashes and no leaf re-hashing.
 */
import { type HashFunction, hashChildren, splitPoint } from './merkle-tree-hash.ts';

/** Leaves [start, end). */
export type LeafRange = readonly [start: number, end: number];

/** A perfect subtree: `level` 0 is a leaf; its leaves are [index·2^level, (index+1)·2^level). */
export interface NodeRef {
  readonly level: number;
  readonly index: number;
}

/** The ranges whose roots make PATH(index, D[0:size]) of RFC 9162 §2.1.3.1, leaf to root. */
export function inclusionRanges(index: number, size: number): LeafRange[] {
  if (!Number.isSafeInteger(size) || size < 0) throw new RangeError(`tree size ${size} is not valid`);
  if (!Number.isSafeInteger(index) || index < 0 || index >= size) {
    throw new RangeError(`leaf ${index} is not in a tree of size ${size}`);
  }
  const ranges: LeafRange[] = [];
  collectAuditPath(ranges, index, 0, size);
  return ranges;
}

function collectAuditPath(ranges: LeafRange[], index: number, start: number, end: number): void {
  if (end - start === 1) return;
  const middle = start + splitPoint(end - start);
  if (index < middle) {
    collectAuditPath(ranges, index, start, middle);
    ranges.push([middle, end]);
  } else {
    collectAuditPath(ranges, index, middle, end);
    ranges.push([start, middle]);
  }
}

/**
 * The ranges whose roots make PROOF(first, D[0:second]) of §2.1.4.1; empty from the empty tree or
 * to the same size, as every Certificate Transparency log serves it.
 */
export function consistencyRanges(first: number, second: number): LeafRange[] {
  if (!Number.isSafeInteger(second) || second < 0) throw new RangeError(`tree size ${second} is not valid`);
  if (!Number.isSafeInteger(first) || first < 0 || first > second) {
    throw new RangeError(`tree size ${first} is not within ${second}`);
  }
  const ranges: LeafRange[] = [];
  if (first > 0 && first < second) collectSubproof(ranges, first, 0, second, true);
  return ranges;
}

/** SUBPROOF(first - start, D[start:end], wholeOldTree). */
function collectSubproof(
  ranges: LeafRange[],
  first: number,
  start: number,
  end: number,
  wholeOldTree: boolean,
): void {
  if (first === end) {
    // The verifier already holds the old root; any other complete subtree it must be given.
    if (!wholeOldTree) ranges.push([start, end]);
    return;
  }
  const middle = start + splitPoint(end - start);
  if (first <= middle) {
    collectSubproof(ranges, first, start, middle, wholeOldTree);
    ranges.push([middle, end]);
  } else {
    collectSubproof(ranges, first, middle, end, false);
    ranges.push([start, middle]);
  }
}

/**
 * The perfect subtrees that tile [start, end), largest first. For the ranges of the RFC recursion
 * (and the whole tree [0, size)) the range's root is these folded from the right:
 * MTH = H(n₀, H(n₁, … H(nₖ₋₁, nₖ))).
 */
export function perfectSubtrees(start: number, end: number): NodeRef[] {
  const refs: NodeRef[] = [];
  let at = start;
  while (at < end) {
    let width = 1;
    let level = 0;
    while (at % (width * 2) === 0 && at + width * 2 <= end) {
      width *= 2;
      level += 1;
    }
    refs.push({ level, index: at / width });
    at += width;
  }
  return refs;
}

/** The root of a range from its perfect subtrees' hashes (in `perfectSubtrees` order). */
export function foldSubtrees(hash: HashFunction, nodes: readonly Uint8Array[]): Uint8Array {
  if (nodes.length === 0) throw new RangeError('an empty range has no subtree root');
  let root = nodes[nodes.length - 1]!;
  for (let i = nodes.length - 2; i >= 0; i -= 1) root = hashChildren(hash, nodes[i]!, root);
  return root;
}

/** A key for a node, for maps of fetched hashes. */
export function nodeKey(ref: NodeRef): string {
  return `${ref.level}:${ref.index}`;
}

/**
 * Resolves ranges to their roots with one batched lookup of every perfect subtree they need: the
 * way a stored ledger answers a proof.
 */
export async function rangeRoots(
  hash: HashFunction,
  ranges: readonly LeafRange[],
  lookup: (refs: readonly NodeRef[]) => Promise<ReadonlyMap<string, Uint8Array>>,
): Promise<Uint8Array[]> {
  const tilings = ranges.map(([start, end]) => perfectSubtrees(start, end));
  const wanted = new Map<string, NodeRef>();
  for (const ref of tilings.flat()) wanted.set(nodeKey(ref), ref);
  const found = await lookup([...wanted.values()]);
  return tilings.map((tiling) =>
    foldSubtrees(
      hash,
      tiling.map((ref) => {
        const node = found.get(nodeKey(ref));
        if (!node) throw new Error(`ledger node ${nodeKey(ref)} is missing`);
        return node;
      }),
    ),
  );
}
