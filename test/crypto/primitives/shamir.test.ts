import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { combineShares, splitSecret, type Share } from '../../../src/crypto/portable/shamir.ts';

/** A secret, a k-of-n split of it, and a random subset of the shares of a given size (relative to k). */
const splitWithSubset = (sizeFromThreshold: (threshold: number, shares: number) => number) =>
  fc
    .record({
      secret: fc.uint8Array({ minLength: 1, maxLength: 64 }),
      shares: fc.integer({ min: 1, max: 12 }),
      seed: fc.integer(),
    })
    .chain(({ secret, shares, seed }) =>
      fc.integer({ min: 1, max: shares }).chain((threshold) =>
        fc
          .shuffledSubarray([...Array(shares).keys()], {
            minLength: sizeFromThreshold(threshold, shares),
            maxLength: sizeFromThreshold(threshold, shares),
          })
          .map((picked) => ({ secret, shares, threshold, picked, seed })),
      ),
    );

describe('Shamir secret sharing over GF(256)', () => {
  it('gives the secret back from any k of the n shares, in any order', () => {
    fc.assert(
      fc.property(
        splitWithSubset((k) => k),
        ({ secret, shares, threshold, picked }) => {
          const all = splitSecret(secret, threshold, shares);
          expect(combineShares(picked.map((i) => all[i]!))).toEqual(secret);
        },
      ),
    );
  });

  it('gives the secret back from more than k shares too', () => {
    fc.assert(
      fc.property(
        splitWithSubset((k, n) => Math.min(n, k + 1)),
        ({ secret, shares, threshold, picked }) => {
          const all = splitSecret(secret, threshold, shares);
          expect(combineShares(picked.map((i) => all[i]!))).toEqual(secret);
        },
      ),
    );
  });

  it('k − 1 shares are consistent with every possible secret: each candidate k-th share gives another one', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 4 }),
        fc.integer({ min: 2, max: 6 }),
        (secret, threshold) => {
          const known = splitSecret(secret, threshold, threshold).slice(0, threshold - 1);
          // Whatever the missing share says, all 256 values of every secret byte remain possible, equally:
          // each of the 256 candidate values of that byte of share k reconstructs a different secret byte.
          for (let byte = 0; byte < secret.length; byte++) {
            const reconstructed = new Set<number>();
            for (let candidate = 0; candidate < 256; candidate++) {
              const y = new Uint8Array(secret.length);
              y[byte] = candidate;
              const guess: Share = { x: threshold, y };
              reconstructed.add(combineShares([...known, guess])[byte]!);
            }
            expect(reconstructed.size).toBe(256);
          }
        },
      ),
      { numRuns: 30 },
    );
  });

  it('k − 1 shares reconstruct a wrong value', () => {
    fc.assert(
      fc.property(
        splitWithSubset((k) => k - 1).filter(({ threshold }) => threshold >= 2),
        (run) => {
          const secret = Uint8Array.from({ length: 32 }, (_, i) => (run.seed + i) & 0xff);
          const all = splitSecret(secret, run.threshold, run.shares);
          // With 32 random bytes per share, matching by chance has probability 2⁻²⁵⁶.
          expect(combineShares(run.picked.map((i) => all[i]!))).not.toEqual(secret);
        },
      ),
    );
  });

  it('uses fresh randomness: two splits of the same secret differ', () => {
    const secret = new Uint8Array(32).fill(42);
    expect(splitSecret(secret, 3, 5)[0]!.y).not.toEqual(splitSecret(secret, 3, 5)[0]!.y);
  });

  it('numbers the shares 1…n and keeps the secret length', () => {
    const shares = splitSecret(new Uint8Array(48), 2, 4);
    expect(shares.map(({ x }) => x)).toEqual([1, 2, 3, 4]);
    expect(shares.every(({ y }) => y.length === 48)).toBe(true);
  });

  it('refuses impossible parameters and inconsistent shares with a message that says which', () => {
    const secret = new Uint8Array([1, 2, 3]);
    expect(() => splitSecret(secret, 4, 3)).toThrow(
      'threshold must be from 1 to the number of shares (3), got 4',
    );
    expect(() => splitSecret(secret, 0, 3)).toThrow('threshold must be from 1');
    expect(() => splitSecret(secret, 2, 256)).toThrow('number of shares must be from 1 to 255, got 256');
    expect(() => splitSecret(new Uint8Array(0), 1, 1)).toThrow('cannot split an empty secret');
    const [a, b] = splitSecret(secret, 2, 2);
    expect(() => combineShares([])).toThrow('no shares to combine');
    expect(() => combineShares([a!, a!])).toThrow('share 1 given twice');
    expect(() => combineShares([a!, { x: 2, y: b!.y.subarray(1) }])).toThrow('shares differ in length');
    expect(() => combineShares([a!, { x: 0, y: b!.y }])).toThrow('share x must be from 1 to 255, got 0');
  });
});
