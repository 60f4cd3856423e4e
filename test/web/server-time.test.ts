import { describe, expect, it } from 'vitest';
import { clockSample, virtualNow } from '../../web/src/server-time.ts';

describe('virtualNow', () => {
  it('runs the sandbox clock factor times faster than real time from the last reading', () => {
    const sample = clockSample(
      { mode: 'sandbox', factor: 1440, now: '2026-11-27T00:00:00.000Z' },
      10_000,
      10_000,
    );
    // One real second later, 1440 virtual seconds (24 minutes) have passed.
    expect(new Date(virtualNow(sample, 11_000)).toISOString()).toBe('2026-11-27T00:24:00.000Z');
  });

  it('follows real time in production', () => {
    const sample = clockSample({ mode: 'production', factor: 1, now: '2026-11-27T00:00:00.000Z' }, 0, 0);
    expect(new Date(virtualNow(sample, 30_000)).toISOString()).toBe('2026-11-27T00:00:30.000Z');
  });

  it('dates the reading at the middle of the request', () => {
    const sample = clockSample(
      { mode: 'sandbox', factor: 60, now: '2026-11-27T00:00:00.000Z' },
      1_000,
      1_400,
    );
    expect(sample.fetchedAt).toBe(1_200);
    expect(virtualNow(sample, 1_200)).toBe(Date.parse('2026-11-27T00:00:00.000Z'));
  });
});
