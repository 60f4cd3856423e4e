import { AppError } from './errors.ts';

/**
 * 统一社会信用代码 (unified social credit code), GB 32100-2015: 18 characters from a 31-character
 * alphabet (digits and capitals without I, O, Z, S, V). Characters 3–8 are the registering
 * authority's administrative-division code; the 18th is a check character computed modulo 31.
 */
export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

export type CreditCodeProblem =
  | { code: 'CREDIT_CODE_LENGTH'; length: number }
  | { code: 'CREDIT_CODE_CHARACTER'; position: number; character: string; expected: 'alphabet' | 'digit' }
  | { code: 'CREDIT_CODE_CHECK'; position: 18; character: string; expectedCharacter: string };

/** The check character for the first 17 characters (which must already be in the alphabet). */
export function creditCodeCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    sum += CREDIT_CODE_ALPHABET.indexOf(first17.charAt(i)) * WEIGHTS[i]!;
  }
  const check = (31 - (sum % 31)) % 31;
  return CREDIT_CODE_ALPHABET.charAt(check);
}

/** Returns the first problem in a credit code, or null when it is valid. Positions are 1-based. */
export function findCreditCodeProblem(code: string): CreditCodeProblem | null {
  const chars = Array.from(code);
  if (chars.length !== 18) return { code: 'CREDIT_CODE_LENGTH', length: chars.length };
  for (let i = 0; i < 18; i++) {
    const character = chars[i]!;
    if (!CREDIT_CODE_ALPHABET.includes(character)) {
      return { code: 'CREDIT_CODE_CHARACTER', position: i + 1, character, expected: 'alphabet' };
    }
    if (i >= 2 && i <= 7 && !/[0-9]/.test(character)) {
      return { code: 'CREDIT_CODE_CHARACTER', position: i + 1, character, expected: 'digit' };
    }
  }
  const expectedCharacter = creditCodeCheckCharacter(code.slice(0, 17));
  if (expectedCharacter !== chars[17]) {
    return { code: 'CREDIT_CODE_CHECK', position: 18, character: chars[17]!, expectedCharacter };
  }
  return null;
}

/** Upper-cases and trims; the registry stores and compares codes in this form. */
export function normaliseCreditCode(input: string): string {
  return input.trim().toUpperCase();
}

/** Validates and returns the normalised code, or throws an AppError naming the wrong character. */
export function parseCreditCode(input: string): string {
  const code = normaliseCreditCode(input);
  const problem = findCreditCodeProblem(code);
  if (!problem) return code;
  const { code: errorCode, ...params } = problem;
  throw new AppError(errorCode, params, {
    details: [{ path: 'creditCode', code: errorCode, params }],
  });
}
