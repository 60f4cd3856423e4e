import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildDealCode,
  DEAL_CODE_ALPHABET,
  dealCodeCheckCharacter,
  findDealCodeProblem,
  findSectionCodeProblem,
  parseDealCode,
  parseSectionCode,
  sectionCode,
} from '../../src/domain/deal-code.ts';
import { creditCodeCheckCharacter as creditCheck } from '../../src/domain/credit-code.ts';
import { AppError } from '../../src/domain/errors.ts';
import { renderMessage } from '../../src/domain/messages.ts';

const HUAWEI = '914403001922038216';

function refusal(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('unified deal code (统一交易标识码)', () => {
  it('uses 32 distinct symbols', () => {
    expect(DEAL_CODE_ALPHABET).toHaveLength(32);
    expect(new Set(DEAL_CODE_ALPHABET).size).toBe(32);
  });

  it('is credit code + CST creation date + 6-digit serial + check character', () => {
    // 2026-03-01 17:30 UTC is already 2 March in China Standard Time.
    const code = buildDealCode(HUAWEI, new Date('2026-03-01T17:30:00Z'), 42);
    expect(code).toHaveLength(33);
    expect(code.slice(0, 18)).toBe(HUAWEI);
    expect(code.slice(18, 26)).toBe('20260302');
    expect(code.slice(26, 32)).toBe('000042');
    expect(code.at(32)).toBe(dealCodeCheckCharacter(code.slice(0, 32)));
    expect(findDealCodeProblem(code)).toBeNull();
    expect(parseDealCode(code.toLowerCase())).toEqual({
      dealCode: code,
      creditCode: HUAWEI,
      date: '20260302',
      serial: 42,
    });
  });

  it('refuses serials outside 1–999999', () => {
    expect(() => buildDealCode(HUAWEI, new Date(), 0)).toThrow(RangeError);
    expect(() => buildDealCode(HUAWEI, new Date(), 1_000_000)).toThrow(RangeError);
  });

  it('names the wrong check character and the one expected, in both languages', () => {
    const code = buildDealCode(HUAWEI, new Date('2026-03-02T01:00:00Z'), 1);
    const wrong = DEAL_CODE_ALPHABET[(DEAL_CODE_ALPHABET.indexOf(code.at(32)!) + 1) % 32]!;
    const error = refusal(() => parseDealCode(code.slice(0, 32) + wrong));
    expect(error.code).toBe('DEAL_CODE_INVALID');
    expect(error.params).toEqual({
      problem: 'check',
      position: 33,
      character: wrong,
      expectedCharacter: code.at(32),
    });
    expect(renderMessage(error.code, error.params, 'zh-CN')).toBe(
      `统一交易标识码第 33 位校验码有误：应为“${code.at(32)}”，实为“${wrong}”`,
    );
    expect(renderMessage(error.code, error.params, 'en-US')).toContain('Character 33');
    expect(error.details[0]).toMatchObject({ path: 'dealCode', code: 'DEAL_CODE_INVALID' });
  });

  it('names a wrong length, a letter among the serial digits, an impossible date and a bad credit code', () => {
    const code = buildDealCode(HUAWEI, new Date('2026-03-02T01:00:00Z'), 7);
    expect(findDealCodeProblem(code.slice(0, 32))).toEqual({
      problem: 'length',
      length: 32,
      expectedLength: 33,
    });
    expect(findDealCodeProblem(code.slice(0, 28) + 'A' + code.slice(29))).toEqual({
      problem: 'character',
      position: 29,
      character: 'A',
      expected: 'digit',
    });
    const feb30 = `${HUAWEI}20260230000001`;
    expect(findDealCodeProblem(feb30 + dealCodeCheckCharacter(feb30))).toMatchObject({
      problem: 'date',
      date: '20260230',
    });
    expect(findDealCodeProblem('914403001922038217' + code.slice(18))).toEqual({
      problem: 'credit_code',
      position: 18,
      character: '7',
    });
    const message = renderMessage(
      'DEAL_CODE_INVALID',
      { problem: 'character', position: 29, character: 'A', expected: 'digit' },
      'zh-CN',
    );
    expect(message).toBe('统一交易标识码第 29 位“A”有误：应为数字');
  });

  it('gives sections the deal code plus a 3-digit number', () => {
    const code = buildDealCode(HUAWEI, new Date('2026-03-02T01:00:00Z'), 1);
    expect(sectionCode(code, 1)).toBe(`${code}001`);
    expect(sectionCode(code, 999)).toBe(`${code}999`);
    expect(() => sectionCode(code, 0)).toThrow(RangeError);
    expect(() => sectionCode(code, 1000)).toThrow(RangeError);
    expect(parseSectionCode(`${code}012`)).toEqual({ dealCode: code, sectionNumber: 12 });
    expect(findSectionCodeProblem(`${code}000`)).toMatchObject({ problem: 'section_number' });
    expect(findSectionCodeProblem(`${code}0A1`)).toMatchObject({ position: 35, character: 'A' });
    expect(refusal(() => parseSectionCode(`${code}01`)).params).toMatchObject({
      problem: 'length',
      length: 35,
    });
  });

  const body = fc
    .array(fc.integer({ min: 0, max: 31 }), { minLength: 32, maxLength: 32 })
    .map((values) => values.map((v) => DEAL_CODE_ALPHABET[v]).join(''));

  it('detects every single-character substitution in the check computation (property)', () => {
    fc.assert(
      fc.property(
        body,
        fc.integer({ min: 0, max: 32 }),
        fc.integer({ min: 1, max: 31 }),
        (b, position, shift) => {
          const full = b + dealCodeCheckCharacter(b);
          const changed = DEAL_CODE_ALPHABET[(DEAL_CODE_ALPHABET.indexOf(full[position]!) + shift) % 32]!;
          const mutated = full.slice(0, position) + changed + full.slice(position + 1);
          expect(mutated).not.toBe(full);
          expect(dealCodeCheckCharacter(mutated.slice(0, 32))).not.toBe(mutated[32]);
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('refuses every deal code with one character substituted, naming a position (property)', () => {
    const valid = fc
      .tuple(
        fc.integer({ min: 1, max: 999_999_999 }),
        fc.date({
          min: new Date('2000-01-01T00:00:00Z'),
          max: new Date('2099-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.integer({ min: 1, max: 999_999 }),
      )
      .map(([seed, date, serial]) => ({ credit: `91350100${String(seed).padStart(9, '0')}`, date, serial }));
    fc.assert(
      fc.property(
        valid,
        fc.integer({ min: 0, max: 32 }),
        fc.constantFrom(...DEAL_CODE_ALPHABET),
        ({ credit, date, serial }, position, replacement) => {
          const creditCode = credit + creditCheck(credit);
          const code = buildDealCode(creditCode, date, serial);
          fc.pre(code[position] !== replacement);
          const mutated = code.slice(0, position) + replacement + code.slice(position + 1);
          const problem = findDealCodeProblem(mutated);
          expect(problem).not.toBeNull();
          expect(problem).toHaveProperty('position');
        },
      ),
      { numRuns: 5000 },
    );
  });
});
