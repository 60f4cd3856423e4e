import { describe, expect, it } from 'vitest';
import { AcceleratedClock, ManualClock, SystemClock, clockFromSettings } from '../../src/domain/clock.ts';
import { DAY } from '../../src/domain/cst.ts';
import { AppError } from '../../src/domain/errors.ts';

describe('clock', () => {
  it('sandbox time runs factor times faster than real time: one day per minute at ×1440', () => {
    let real = Date.parse('2026-11-26T00:00:00Z');
    const clock = new AcceleratedClock(1440, new Date(real), new Date('2027-01-01T00:00:00Z'), () => real);
    expect(clock.now().toISOString()).toBe('2027-01-01T00:00:00.000Z');
    real += 60_000;
    expect(clock.now().getTime() - Date.parse('2027-01-01T00:00:00Z')).toBe(DAY);
    real += 20 * 60_000;
    expect(clock.now().toISOString()).toBe('2027-01-22T00:00:00.000Z');
    expect(clock.realDuration(20 * DAY)).toBe(20 * 60_000);
  });

  it('production mode refuses acceleration', () => {
    expect(() => clockFromSettings({ mode: 'production', factor: 1440 })).toThrow(AppError);
    expect(clockFromSettings({ mode: 'production', factor: 1 })).toBeInstanceOf(SystemClock);
    expect(clockFromSettings({ mode: 'sandbox', factor: 60 }).factor).toBe(60);
  });

  it('a sandbox factor below 1 is a configuration error', () => {
    expect(() => clockFromSettings({ mode: 'sandbox', factor: 0.5 })).toThrow(/CONFIG_INVALID/);
  });

  it('a manual clock moves only when told', () => {
    const clock = new ManualClock('2026-01-01T00:00:00Z');
    clock.advance(1000);
    expect(clock.now().toISOString()).toBe('2026-01-01T00:00:01.000Z');
  });
});
