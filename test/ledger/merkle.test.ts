/**
 * The RFC 9162 Merkle core against the published Certificate Transparency test vectors, then fast-check
 * properties over random tree sizes. The vectors (data only, no code) are those of
 *   - transparency-dev/merkle proof/verify_test.go (commit 02194e9afb6c1d95b5381350007963aa70fff472):
 *     the eight reference leaves, the roots per tree size, inclusionProofs and consistencyProofs;
 *   - transparency-dev/merkle rfc6962/rfc6962_test.go (commit 78493b07ef9b552e3379abf9e23d4da26fbe797c):
 *     the empty root, the leaf hash of "L123456" and the node hash of "N123", "N456";
 * the same leaves and roots as google/certificate-transparency cpp/merkletree/merkle_tree_test.cc
 * (kInputs, kSHA256Roots). There a leaf is numbered from 1; here from 0.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes } from '../../src/crypto/portable/bytes.ts';
import {
  consistencyProof,
  inclusionProof,
  verifyConsistency,
  verifyInclusion,
} from '../../src/ledger/merkle-proofs.ts';
import {
  type HashFunction,
  emptyRoot,
  hashChildren,
  hashLeaf,
  merkleTreeHash,
  splitPoint,
  treeRoot,
} from '../../src/ledger/merkle-tree-hash.ts';

const sha256: HashFunction = (bytes) => new Uint8Array(createHash('sha256').update(bytes).digest());
const text = (value: string) => new TextEncoder().encode(value);

const ENTRIES = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
].map(hexToBytes);
const LEAF_HASHES = ENTRIES.map((entry) => hashLeaf(sha256, entry));

/** ROOTS[n] is the root of the tree of the first n entries. */
const ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

const INCLUSION_VECTORS = [
  {
    index: 0,
    size: 8,
    path: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    index: 5,
    size: 8,
    path: [
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
  { index: 2, size: 3, path: ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125'] },
  {
    index: 1,
    size: 5,
    path: [
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  },
  { index: 0, size: 1, path: [] },
];

const CONSISTENCY_VECTORS = [
  { first: 1, second: 1, path: [] },
  {
    first: 1,
    second: 8,
    path: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    first: 6,
    second: 8,
    path: [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
  {
    first: 2,
    second: 5,
    path: [
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  },
  {
    first: 6,
    second: 7,
    path: [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
];

function root(size: number): Uint8Array {
  return hexToBytes(ROOTS[size]!);
}

/** A copy with one bit of one byte flipped: the smallest possible tampering. */
function flipBit(bytes: Uint8Array, byte = 0, bit = 0): Uint8Array {
  const copy = new Uint8Array(bytes);
  copy[byte % copy.length]! ^= 1 << bit;
  return copy;
}

function withFlippedNode(path: readonly Uint8Array[], position: number): Uint8Array[] {
  return path.map((node, i) => (i === position ? flipBit(node, position, position % 8) : node));
}

describe('RFC 9162 tree hashing', () => {
  it('hashes leaves and nodes with their domain-separation prefixes (rfc6962_test.go)', () => {
    expect(bytesToHex(emptyRoot(sha256))).toBe(ROOTS[0]);
    expect(bytesToHex(hashLeaf(sha256, text('L123456')))).toBe(
      '395aa064aa4c29f7010acfe3f25db9485bbd4b91897b6ad7ad547639252b4d56',
    );
    expect(bytesToHex(hashChildren(sha256, text('N123'), text('N456')))).toBe(
      'aa217fe888e47007fa15edab33c2b492a722cb106c64667fc2b044444de66bbb',
    );
  });

  it('splits at the largest power of two below n', () => {
    expect([2, 3, 4, 5, 8, 9, 300].map(splitPoint)).toEqual([1, 2, 2, 4, 4, 8, 256]);
  });

  it('gives the published root for every tree size 0..8', () => {
    for (let size = 0; size <= ENTRIES.length; size++) {
      expect(bytesToHex(merkleTreeHash(sha256, ENTRIES.slice(0, size))), `size ${size}`).toBe(ROOTS[size]);
      expect(bytesToHex(treeRoot(sha256, LEAF_HASHES, size)), `size ${size}`).toBe(ROOTS[size]);
    }
  });

  it('refuses a tree size it has no leaves for', () => {
    for (const size of [-1, 9, 1.5, Number.NaN]) {
      expect(() => treeRoot(sha256, LEAF_HASHES, size)).toThrow(RangeError);
    }
  });
});

describe('RFC 9162 proofs against the published vectors', () => {
  it.each(INCLUSION_VECTORS)('inclusion of leaf $index in a tree of $size', ({ index, size, path }) => {
    const generated = inclusionProof(sha256, LEAF_HASHES, index, size);
    expect(generated.map(bytesToHex)).toEqual(path);
    const claim = { index, size, leafHash: LEAF_HASHES[index]!, path: generated, root: root(size) };
    expect(verifyInclusion(sha256, claim)).toBe(true);

    const forgeries = [
      { ...claim, index: index + 1 },
      { ...claim, index: index - 1 },
      { ...claim, size: size * 2 },
      { ...claim, size: Math.floor(size / 2) },
      { ...claim, leafHash: flipBit(claim.leafHash) },
      { ...claim, root: root(0) },
      { ...claim, path: [...generated, claim.root] },
      { ...claim, path: [claim.root, ...generated] },
      ...generated.map((_, i) => ({ ...claim, path: withFlippedNode(generated, i) })),
      ...(generated.length > 0 ? [{ ...claim, path: generated.slice(0, -1) }] : []),
    ];
    for (const forgery of forgeries) expect(verifyInclusion(sha256, forgery)).toBe(false);
  });

  it.each(CONSISTENCY_VECTORS)('consistency from size $first to $second', ({ first, second, path }) => {
    const generated = consistencyProof(sha256, LEAF_HASHES, first, second);
    expect(generated.map(bytesToHex)).toEqual(path);
    const claim = { first, second, firstRoot: root(first), secondRoot: root(second), path: generated };
    expect(verifyConsistency(sha256, claim)).toBe(true);
    if (first === second) return;

    const forgeries = [
      { ...claim, first: first + 1 },
      { ...claim, first: first - 1 },
      { ...claim, second: second * 2 },
      { ...claim, second: Math.floor(second / 2) },
      { ...claim, firstRoot: claim.secondRoot, secondRoot: claim.firstRoot },
      { ...claim, firstRoot: flipBit(claim.firstRoot) },
      { ...claim, secondRoot: flipBit(claim.secondRoot) },
      { ...claim, path: [] },
      { ...claim, path: [...generated, claim.secondRoot] },
      { ...claim, path: [claim.firstRoot, ...generated] },
      { ...claim, path: generated.slice(0, -1) },
      ...generated.map((_, i) => ({ ...claim, path: withFlippedNode(generated, i) })),
    ];
    for (const forgery of forgeries) expect(verifyConsistency(sha256, forgery)).toBe(false);
  });

  it('treats the empty tree as the start of every log, and nothing else as empty', () => {
    expect(consistencyProof(sha256, LEAF_HASHES, 0, 8)).toEqual([]);
    const fromEmpty = { first: 0, second: 8, firstRoot: root(0), secondRoot: root(8), path: [] };
    expect(verifyConsistency(sha256, fromEmpty)).toBe(true);
    expect(verifyConsistency(sha256, { ...fromEmpty, firstRoot: root(1) })).toBe(false);
    expect(verifyConsistency(sha256, { ...fromEmpty, path: [root(0)] })).toBe(false);
  });

  it('never verifies a shrinking log, a missing leaf or a proof of the wrong length', () => {
    expect(
      verifyConsistency(sha256, { first: 2, second: 1, firstRoot: root(2), secondRoot: root(1), path: [] }),
    ).toBe(false);
    expect(verifyInclusion(sha256, { index: 0, size: 0, leafHash: root(0), path: [], root: root(0) })).toBe(
      false,
    );
    const shortNode = {
      index: 0,
      size: 2,
      leafHash: LEAF_HASHES[0]!,
      path: [new Uint8Array(31)],
      root: root(2),
    };
    expect(verifyInclusion(sha256, shortNode)).toBe(false);
    expect(() => inclusionProof(sha256, LEAF_HASHES, 8)).toThrow(RangeError);
    expect(() => consistencyProof(sha256, LEAF_HASHES, 5, 4)).toThrow(RangeError);
  });
});

/** Leaf hashes of distinct entries, derived from a seed so that fast-check can shrink and replay. */
function leafHashesOf(size: number, seed: number): Uint8Array[] {
  return Array.from({ length: size }, (_, i) => hashLeaf(sha256, text(`${seed}:${i}`)));
}

describe('RFC 9162 proofs, exhaustively for small trees', () => {
  const leafHashes = leafHashesOf(40, 0);
  const roots = Array.from({ length: leafHashes.length + 1 }, (_, size) =>
    treeRoot(sha256, leafHashes, size),
  );

  it('verifies every leaf of every tree up to 40 leaves', () => {
    for (let size = 1; size <= leafHashes.length; size++) {
      for (let index = 0; index < size; index++) {
        const path = inclusionProof(sha256, leafHashes, index, size);
        const claim = { index, size, leafHash: leafHashes[index]!, path, root: roots[size]! };
        expect(verifyInclusion(sha256, claim), `${index} of ${size}`).toBe(true);
      }
    }
  });

  it('verifies every pair of tree sizes up to 40 leaves', () => {
    for (let second = 0; second <= leafHashes.length; second++) {
      for (let first = 0; first <= second; first++) {
        const path = consistencyProof(sha256, leafHashes, first, second);
        const claim = { first, second, firstRoot: roots[first]!, secondRoot: roots[second]!, path };
        expect(verifyConsistency(sha256, claim), `${first} to ${second}`).toBe(true);
      }
    }
  });
});

describe('RFC 9162 proofs, properties over random trees of 1..300 leaves', () => {
  const tree = fc
    .record({ size: fc.integer({ min: 1, max: 300 }), seed: fc.nat() })
    .map(({ size, seed }) => ({ size, leafHashes: leafHashesOf(size, seed) }));

  it('an inclusion proof verifies, and fails once the leaf, the index or a path node changes', () => {
    const leafInTree = tree.chain(({ size, leafHashes }) =>
      fc.record({
        leafHashes: fc.constant(leafHashes),
        index: fc.nat({ max: size - 1 }),
        otherIndex: fc.nat({ max: size - 1 }),
        tamperedNode: fc.nat(),
      }),
    );
    fc.assert(
      fc.property(leafInTree, ({ leafHashes, index, otherIndex, tamperedNode }) => {
        const size = leafHashes.length;
        const path = inclusionProof(sha256, leafHashes, index);
        const claim = { index, size, leafHash: leafHashes[index]!, path, root: treeRoot(sha256, leafHashes) };
        expect(verifyInclusion(sha256, claim)).toBe(true);
        expect(verifyInclusion(sha256, { ...claim, leafHash: flipBit(claim.leafHash, index) })).toBe(false);
        if (otherIndex !== index)
          expect(verifyInclusion(sha256, { ...claim, index: otherIndex })).toBe(false);
        if (path.length > 0) {
          const tampered = withFlippedNode(path, tamperedNode % path.length);
          expect(verifyInclusion(sha256, { ...claim, path: tampered })).toBe(false);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('a consistency proof verifies, and fails once either root changes', () => {
    const twoSizes = tree.chain(({ size, leafHashes }) =>
      fc.record({ leafHashes: fc.constant(leafHashes), first: fc.integer({ min: 1, max: size }) }),
    );
    fc.assert(
      fc.property(twoSizes, ({ leafHashes, first }) => {
        const second = leafHashes.length;
        const path = consistencyProof(sha256, leafHashes, first);
        const firstRoot = treeRoot(sha256, leafHashes, first);
        const secondRoot = treeRoot(sha256, leafHashes);
        const claim = { first, second, firstRoot, secondRoot, path };
        expect(verifyConsistency(sha256, claim)).toBe(true);
        expect(verifyConsistency(sha256, { ...claim, firstRoot: flipBit(firstRoot, first) })).toBe(false);
        expect(verifyConsistency(sha256, { ...claim, secondRoot: flipBit(secondRoot, second) })).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});
