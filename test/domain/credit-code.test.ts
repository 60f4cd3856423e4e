import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CREDIT_CODE_ALPHABET,
  creditCodeCheckCharacter,
  findCreditCodeProblem,
  parseCreditCode,
} from '../../src/domain/credit-code.ts';
import { AppError } from '../../src/domain/errors.ts';
import { renderMessage } from '../../src/domain/messages.ts';

describe('unified social credit code (GB 32100-2015)', () => {
  // Codes published on the business licences of well-known companies.
  it.each([
    ['914403001922038216', 'Huawei Technologies Co., Ltd.'],
    ['9144030071526726XG', 'Shenzhen Tencent Computer Systems Co., Ltd.'],
    ['91330100799655058B', 'Alibaba (China) Co., Ltd.'],
  ])('accepts %s (%s)', (code) => {
    expect(findCreditCodeProblem(code)).toBeNull();
    expect(parseCreditCode(code.toLowerCase())).toBe(code);
  });

  it('names the wrong check character and the one expected', () => {
    const problem = findCreditCodeProblem('914403001922038217');
    expect(problem).toEqual({
      code: 'CREDIT_CODE_CHECK',
      position: 18,
      character: '7',
      expectedCharacter: '6',
    });
    const error = catchError(() => parseCreditCode('914403001922038217'));
    expect(renderMessage(error.code, error.params, 'zh-CN')).toBe(
      '统一社会信用代码第 18 位校验码有误：应为“6”，实为“7”',
    );
    expect(renderMessage(error.code, error.params, 'en-US')).toContain('expected "6", found "7"');
  });

  it('names a character outside the alphabet by position', () => {
    expect(findCreditCodeProblem('9144030019220O8216')).toEqual({
      code: 'CREDIT_CODE_CHARACTER',
      position: 14,
      character: 'O',
      expected: 'alphabet',
    });
    const error = catchError(() => parseCreditCode('9144030019220O8216'));
    expect(renderMessage(error.code, error.params, 'zh-CN')).toContain('第 14 位“O”不是合法字符');
  });

  it('requires digits in the region code (characters 3–8)', () => {
    expect(findCreditCodeProblem('91A403001922038216')).toMatchObject({ position: 3, expected: 'digit' });
  });

  it('reports the length when it is not 18', () => {
    expect(findCreditCodeProblem('9144030019220382')).toEqual({ code: 'CREDIT_CODE_LENGTH', length: 16 });
    expect(findCreditCodeProblem('')).toEqual({ code: 'CREDIT_CODE_LENGTH', length: 0 });
  });

  it('detects every single-character substitution (property)', () => {
    const alphabetChar = fc.constantFrom(...CREDIT_CODE_ALPHABET);
    const digit = fc.constantFrom(...'0123456789');
    const body = fc
      .tuple(
        fc.array(alphabetChar, { minLength: 2, maxLength: 2 }),
        fc.array(digit, { minLength: 6, maxLength: 6 }),
        fc.array(alphabetChar, { minLength: 9, maxLength: 9 }),
      )
      .map(([a, b, c]) => [...a, ...b, ...c].join(''));
    fc.assert(
      fc.property(body, fc.integer({ min: 0, max: 17 }), alphabetChar, (first17, position, replacement) => {
        const code = first17 + creditCodeCheckCharacter(first17);
        expect(findCreditCodeProblem(code)).toBeNull();
        const chars = [...code];
        if (chars[position] === replacement || (position >= 2 && position <= 7 && !/\d/.test(replacement)))
          return;
        chars[position] = replacement;
        expect(findCreditCodeProblem(chars.join(''))).not.toBeNull();
      }),
    );
  });
});

function catchError(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}
