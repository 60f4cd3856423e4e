import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fenFromYuan, yuanFromFen } from '../../src/exchange/amounts.ts';
import { findResidentIdProblem, residentIdCheckCharacter } from '../../src/exchange/codes/resident-id.ts';
import { cstTime, parseDate, parseInstant } from '../../src/exchange/instants.ts';

describe('amounts', () => {
  it('write integer fen as yuan with two decimals', () => {
    expect(yuanFromFen(0)).toBe('0.00');
    expect(yuanFromFen(5)).toBe('0.05');
    expect(yuanFromFen(8_650_000_000)).toBe('86500000.00');
    expect(yuanFromFen(123_456)).toBe('1234.56');
  });

  it('read back exactly what they wrote', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e15 - 1 }), (fen) => {
        expect(fenFromYuan(yuanFromFen(fen))).toBe(fen);
      }),
    );
  });

  it('refuse negative, fractional and malformed amounts', () => {
    expect(() => yuanFromFen(-1)).toThrow(RangeError);
    expect(() => yuanFromFen(1.5)).toThrow(RangeError);
    expect(yuanFromFen(1e15 - 1)).toBe('9999999999999.99');
    expect(() => yuanFromFen(1e15)).toThrow(RangeError);
    for (const bad of ['1', '1.0', '01.00', '-1.00', '1,000.00', '1e3'])
      expect(() => fenFromYuan(bad), bad).toThrow(RangeError);
  });
});

describe('times', () => {
  it('are instants: the same moment in any offset compares equal', () => {
    const beijing = parseInstant('2026-03-23T09:30:00+08:00');
    expect(beijing).toBe(Date.parse('2026-03-23T01:30:00Z'));
    expect(parseInstant('2026-03-22T20:30:00-05:00')).toBe(beijing);
    expect(parseInstant('2026-03-23T01:30:00.250Z')).toBe(beijing! + 250);
    expect(parseInstant('2026-03-23T01:30:00.9999Z')).toBe(beijing! + 999);
  });

  it('refuse times without an offset and impossible ones', () => {
    for (const bad of [
      '2026-03-23T09:30:00',
      '2026-03-23',
      '2026-02-29T00:00:00Z',
      '2026-03-23T09:60:00Z',
      '2026-03-23T09:30:00+15:00',
    ]) {
      expect(parseInstant(bad), bad).toBeNull();
    }
    expect(parseDate('2024-02-29')).toBe(Date.parse('2024-02-29T00:00:00Z'));
    expect(parseDate('2026-02-29')).toBeNull();
  });

  it('are written in China Standard Time by Zhaocai', () => {
    expect(cstTime(new Date('2026-03-23T01:30:00Z'))).toBe('2026-03-23T09:30:00+08:00');
    expect(cstTime(new Date('2026-03-22T17:00:00.500Z'))).toBe('2026-03-23T01:00:00+08:00');
  });
});

describe('resident identity numbers', () => {
  it('compute the GB 11643 check character, X for 10', () => {
    // The standard's own example: 11010519491231002X.
    expect(residentIdCheckCharacter('11010519491231002')).toBe('X');
    expect(findResidentIdProblem('11010519491231002X')).toBeNull();
    expect(findResidentIdProblem('110105194912310021')).toMatchObject({ code: 'check_character' });
  });
});
