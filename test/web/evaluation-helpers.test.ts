import { describe, expect, it } from 'vitest';
import { drawCrypto } from '../../src/crypto/portable/draw-random.ts';
import { assertRevealMatches } from '../../src/domain/evaluation/expert-draw.ts';
import { compositionErrors, refusalField } from '../../web/src/components/evaluation/committee-form.ts';
import { commitmentOf, newDrawValue } from '../../web/src/components/evaluation/draw-value.ts';
import { fenOf, formatFen, signedFenOf } from '../../web/src/components/evaluation/money.ts';
import {
  bidSumCenti,
  cellKey,
  cellProblems,
  cellsOf,
  defaultPriceCriterion,
  entriesOf,
  formatCenti,
  mapProblems,
  type SheetShape,
} from '../../web/src/components/evaluation/score-sheet.ts';

const SHAPE: SheetShape = {
  criteria: [
    { name: '技术方案', weight: 40 },
    { name: '商务资信', weight: 20 },
    { name: '投标报价', weight: 40 },
  ],
  priceCriterion: '投标报价',
  bidIds: ['A', 'B'],
};
const full = {
  [cellKey('A', '技术方案')]: '35.17',
  [cellKey('A', '商务资信')]: '16',
  [cellKey('B', '技术方案')]: '38',
  [cellKey('B', '商务资信')]: '17.5',
};

describe('score sheet cells', () => {
  it('finds no problem in a complete, valid sheet and leaves the price criterion to the formula', () => {
    expect(cellProblems(SHAPE, full).size).toBe(0);
    expect(entriesOf(SHAPE, full).map((e) => e.criterion)).not.toContain('投标报价');
    expect(defaultPriceCriterion(SHAPE.criteria)).toBe('投标报价');
  });

  it('puts each rule of scoreSheetProblems on its cell', () => {
    const problems = cellProblems(SHAPE, {
      ...full,
      [cellKey('A', '技术方案')]: '40.01',
      [cellKey('A', '商务资信')]: '15.555',
      [cellKey('B', '技术方案')]: 'abc',
      [cellKey('B', '商务资信')]: '',
    });
    expect(problems.get(cellKey('A', '技术方案'))).toEqual({
      code: 'out_of_range',
      params: { min: 0, max: 40 },
    });
    expect(problems.get(cellKey('A', '商务资信'))?.code).toBe('at_most_2_decimals');
    expect(problems.get(cellKey('B', '技术方案'))?.code).toBe('not_a_number');
    expect(problems.get(cellKey('B', '商务资信'))?.code).toBe('required');
    expect(
      cellProblems(SHAPE, { ...full, [cellKey('A', '商务资信')]: '-1' }).get(cellKey('A', '商务资信'))?.code,
    ).toBe('out_of_range');
  });

  it("maps the platform's 422 details back to the cells of the entries that were sent", () => {
    const sent = entriesOf(SHAPE, full);
    const mapped = mapProblems(SHAPE.bidIds, sent, [
      { path: 'body.entries.2.points', code: 'out_of_range', params: { min: 0, max: 40, nested: { x: 1 } } },
      { path: 'bids.B.商务资信', code: 'required' },
      { path: 'entries.99.points', code: 'out_of_range' },
      { path: 'criteria', code: 'weights_not_100' },
    ]);
    expect([...mapped]).toEqual([
      [cellKey('B', '技术方案'), { code: 'out_of_range', params: { min: 0, max: 40 } }],
      [cellKey('B', '商务资信'), { code: 'required', params: {} }],
    ]);
  });

  it('sums each bid exactly to 2 decimals, ignoring invalid cells', () => {
    expect(formatCenti(bidSumCenti(SHAPE, full, 'A'))).toBe('51.17');
    expect(formatCenti(bidSumCenti(SHAPE, { ...full, [cellKey('B', '商务资信')]: 'x' }, 'B'))).toBe('38.00');
    // 0.1 + 0.2 in points is exactly 0.30 in hundredths.
    const tenths = { [cellKey('A', '技术方案')]: '0.1', [cellKey('A', '商务资信')]: '0.2' };
    expect(formatCenti(bidSumCenti(SHAPE, tenths, 'A'))).toBe('0.30');
    expect(formatCenti(5)).toBe('0.05');
    expect(formatCenti(-105)).toBe('-1.05');
  });

  it('restores the saved sheet into cells', () => {
    expect(cellsOf([{ bidId: 'A', criterion: '技术方案', points: 35.5 }])).toEqual({
      [cellKey('A', '技术方案')]: '35.5',
    });
  });
});

describe('committee request (C5) on its fields', () => {
  const technical = (count: number) => ({ specialty: '市政', category: 'technical' as const, count });

  it('puts a committee under five or of an even size on the size field, citing 法 37', () => {
    const small = compositionErrors(
      { size: 3, tendererRepresentatives: 0, requirements: [technical(3)] },
      'zh-CN',
    );
    expect(Object.keys(small)).toEqual(['size']);
    expect(small.size).toContain('第37条');
    const even = compositionErrors(
      { size: 6, tendererRepresentatives: 0, requirements: [technical(6)] },
      'en-US',
    );
    expect(Object.keys(even)).toEqual(['size']);
  });

  it('puts seats that do not add up, or experts under two thirds, on the requirements', () => {
    const mismatch = compositionErrors(
      { size: 5, tendererRepresentatives: 0, requirements: [technical(4)] },
      'zh-CN',
    );
    expect(mismatch.requirements).toBe('各专业人数之和（4）加招标人代表（0）应等于委员会人数（5）');
    const few = compositionErrors(
      { size: 7, tendererRepresentatives: 3, requirements: [technical(4)] },
      'zh-CN',
    );
    expect(Object.keys(few)).toEqual(['requirements']);
    expect(
      compositionErrors({ size: 5, tendererRepresentatives: 1, requirements: [technical(4)] }, 'zh-CN'),
    ).toEqual({});
  });

  it("finds the field of the platform's refusal", () => {
    const c5 = {
      code: 'RULE_VIOLATION',
      details: [{ path: 'C5', params: { rule: 'C5', kind: 'min', limit: 5, actual: 3 } }],
    };
    expect(refusalField(c5, 3)).toBe('size');
    expect(refusalField(c5, 7)).toBe('requirements');
    const mismatch = { code: 'VALIDATION_FAILED', details: [{ path: 'body.requirements' }] };
    expect(refusalField(mismatch, 5)).toBe('requirements');
    expect(refusalField({ code: 'INVALID_STATE', details: [] }, 5)).toBeNull();
  });
});

describe('the draw value made in the browser', () => {
  it('is 256 random bits whose commitment the platform accepts at the reveal', () => {
    const value = newDrawValue();
    expect(value).toMatch(/^[0-9a-f]{64}$/);
    expect(newDrawValue()).not.toBe(value);
    for (const algorithm of ['sm3', 'sha256'] as const) {
      const commitment = commitmentOf(algorithm, 'tenderer', value);
      expect(() => assertRevealMatches(drawCrypto(algorithm), 'tenderer', value, commitment)).not.toThrow();
    }
  });
});

describe('amounts in fen', () => {
  it('shows fen as yuan exactly and reads typed yuan as fen', () => {
    expect(formatFen(452_000_000)).toBe('¥4,520,000.00');
    expect(formatFen(1)).toBe('¥0.01');
    expect(formatFen(null)).toBe('—');
    expect(fenOf('4,520,000.5')).toBe(452_000_050);
    expect(fenOf('0.07')).toBe(7);
    expect(fenOf('1.234')).toBeNull();
    expect(fenOf('abc')).toBeNull();
    expect(signedFenOf('-150,000.01')).toBe(-15_000_001);
    expect(signedFenOf('150,000')).toBe(15_000_000);
    expect(signedFenOf('--1')).toBeNull();
    expect(formatFen(-15_000_001)).toBe('-¥150,000.01');
  });
});
