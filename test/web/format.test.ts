import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cstDaysToUtcRange, EMPTY, formatCst, formatYuan } from '../../web/src/format.ts';

// The browser may be anywhere; business time is always China Standard Time.
const originalTz = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'America/Los_Angeles';
});
afterAll(() => {
  process.env.TZ = originalTz;
});

describe('formatCst', () => {
  it('shows a UTC instant in China Standard Time (UTC+8)', () => {
    expect(formatCst('2026-11-27T00:15:03.000Z')).toBe('2026-11-27 08:15:03');
  });

  it('crosses the date line into the next CST day', () => {
    expect(formatCst('2026-12-31T16:00:00Z')).toBe('2027-01-01 00:00:00');
  });

  it('ignores the browser time zone, also across its daylight-saving change', () => {
    expect(new Date('2026-03-08T10:30:00Z').getTimezoneOffset()).toBe(420); // Los Angeles, PDT
    expect(formatCst('2026-03-08T10:30:00Z')).toBe('2026-03-08 18:30:00');
    expect(formatCst('2026-03-08T09:30:00Z')).toBe('2026-03-08 17:30:00');
  });

  it('accepts epoch milliseconds and Date objects', () => {
    const instant = Date.UTC(2026, 0, 5, 1, 0, 0);
    expect(formatCst(instant)).toBe('2026-01-05 09:00:00');
    expect(formatCst(new Date(instant))).toBe('2026-01-05 09:00:00');
  });

  it('reads an ISO string without an offset as UTC, as the server writes them', () => {
    expect(formatCst('2026-01-05T01:00:00')).toBe('2026-01-05 09:00:00');
  });

  it('takes a custom format', () => {
    expect(formatCst('2026-11-27T00:15:03Z', 'YYYY-MM-DD')).toBe('2026-11-27');
  });

  it('shows a dash for a missing value and an unparseable one as it is', () => {
    expect(formatCst(null)).toBe(EMPTY);
    expect(formatCst(undefined)).toBe(EMPTY);
    expect(formatCst('')).toBe(EMPTY);
    expect(formatCst('not a date')).toBe('not a date');
  });
});

describe('cstDaysToUtcRange', () => {
  it('covers whole CST days as a half-open UTC interval', () => {
    expect(cstDaysToUtcRange('2026-11-20', '2026-11-27')).toEqual({
      from: '2026-11-19T16:00:00.000Z',
      to: '2026-11-27T16:00:00.000Z',
    });
  });

  it('is unaffected by daylight saving in the browser zone', () => {
    expect(cstDaysToUtcRange('2026-03-08', '2026-03-08')).toEqual({
      from: '2026-03-07T16:00:00.000Z',
      to: '2026-03-08T16:00:00.000Z',
    });
  });
});

describe('formatYuan', () => {
  it('groups thousands and keeps two decimals', () => {
    expect(formatYuan(1234567.8)).toBe('¥1,234,567.80');
    expect(formatYuan(0)).toBe('¥0.00');
    expect(formatYuan(999)).toBe('¥999.00');
    expect(formatYuan(1000)).toBe('¥1,000.00');
  });

  it('formats decimal strings exactly, beyond the precision of a double', () => {
    expect(formatYuan('12345678901234567.89')).toBe('¥12,345,678,901,234,567.89');
    expect(formatYuan('1,234.5')).toBe('¥1,234.50');
  });

  it('rounds half away from zero to the fen', () => {
    expect(formatYuan('1.005')).toBe('¥1.01');
    expect(formatYuan('1.004')).toBe('¥1.00');
    expect(formatYuan('-2.345')).toBe('-¥2.35');
    expect(formatYuan('999.995')).toBe('¥1,000.00');
    expect(formatYuan(0.1 + 0.2)).toBe('¥0.30');
  });

  it('puts the sign before the symbol and drops it for zero', () => {
    expect(formatYuan(-1500)).toBe('-¥1,500.00');
    expect(formatYuan('-0.001')).toBe('¥0.00');
  });

  it('can leave out the symbol', () => {
    expect(formatYuan(2500000, { symbol: false })).toBe('2,500,000.00');
  });

  it('shows a dash for a missing amount and anything unreadable as it is', () => {
    expect(formatYuan(null)).toBe(EMPTY);
    expect(formatYuan(undefined)).toBe(EMPTY);
    expect(formatYuan('')).toBe(EMPTY);
    expect(formatYuan('12元')).toBe('12元');
    expect(formatYuan(Number.NaN)).toBe('NaN');
  });
});
