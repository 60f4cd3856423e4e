import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { planChunks } from '../../web/src/bid-upload.ts';
import { hashFileChunks } from '../../web/src/file-hash.ts';
import {
  bidBondLimit,
  countdown,
  cstDateOf,
  earliestExtension,
  formatBytes,
  joinCst,
  splitCst,
  weightSum,
} from '../../web/src/trading-format.ts';

describe('tender page helpers', () => {
  it('formats sizes in binary units', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(3 * 1024 * 1024)).toBe('3.0 MB');
  });

  it('caps the bid bond at 2% of the estimated price, to the fen (C3)', () => {
    expect(bidBondLimit(1_000_000)).toBe(20_000);
    expect(bidBondLimit(123_456.78)).toBe(2469.13);
    expect(bidBondLimit(0)).toBe(0);
  });

  it('adds criterion weights without float noise', () => {
    expect(weightSum([33.3, 33.3, 33.4])).toBe(100);
    expect(weightSum([0.1, 0.2, 99.7])).toBe(100);
    expect(weightSum([50, undefined, null])).toBe(50);
  });

  it('splits and joins instants in CST whatever the zone', () => {
    expect(splitCst('2026-11-26T16:30:00.000Z')).toEqual({ date: '2026-11-27', time: '00:30' });
    expect(joinCst('2026-11-27', '00:30')).toBe('2026-11-26T16:30:00.000Z');
    expect(joinCst('2026-12-01', '09:00')).toBe('2026-12-01T01:00:00.000Z');
    expect(cstDateOf('2026-11-26T16:00:00.000Z')).toBe('2026-11-27');
  });

  it('counts down to a deadline and stops at zero', () => {
    const now = Date.parse('2026-11-26T00:00:00Z');
    expect(countdown(now + 86_400_000 + 3_661_000, now)).toEqual({ d: 1, h: 1, m: 1, s: 1, over: false });
    expect(countdown(now - 1, now)).toMatchObject({ d: 0, s: 0, over: true });
  });

  it('finds the earliest lawful deadline in a T4 / T4P refusal', () => {
    const details = [
      {
        path: 'T4',
        code: 'RULE_VIOLATION',
        params: { rule: 'T4', kind: 'min', limit: 15, actual: 10, earliest: '2026-12-20T01:00:00.000Z' },
      },
    ];
    expect(earliestExtension(details, 'T4')).toBe('2026-12-20T01:00:00.000Z');
    expect(earliestExtension(details, 'T4P')).toBeNull();
    expect(earliestExtension(undefined, 'T4')).toBeNull();
  });
});

describe('hashing a file in slices', () => {
  it('gives the SHA-256 of the whole file and of each chunk', async () => {
    const bytes = new Uint8Array(10_000).map((_, i) => (i * 7) % 251);
    const plan = planChunks(bytes.length, 4096);
    const seen: number[] = [];
    const hashes = await hashFileChunks(new Blob([bytes]), plan, (n) => seen.push(n));
    const sha = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');
    expect(hashes.fileSha256).toBe(sha(bytes));
    expect(hashes.chunkSha256).toEqual(plan.map((c) => sha(bytes.subarray(c.start, c.end))));
    expect(seen).toEqual([4096, 8192, 10_000]);
  });
});
