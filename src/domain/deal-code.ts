import { CREDIT_CODE_ALPHABET, findCreditCodeProblem } from './credit-code.ts';
import { CST_OFFSET_MS } from './cst.ts';
import { AppError } from './errors.ts';

/**
 * 统一交易标识码 (unified deal code): the tenderer's 18-character unified social credit code, the
 * project's creation date in CST (YYYYMMDD), a 6-digit serial per tenderer per day, and one check
 * character — 33 characters. A section (标段) code appends a 3-digit section number.
 *
 * The official check algorithm is not published, so the check character is our own documented
 * construction: the 32-symbol alphabet below (the credit-code alphabet plus Z), value v(c) = index
 * in it, weight of 0-based position i = 3^i mod 32, check value = (−Σ v·w) mod 32. Every weight is
 * odd, hence a unit modulo 32: changing one character from a to b changes the sum by w·(a−b),
 * which is never ≡ 0 (mod 32) for a ≠ b in 0..31, so every single-character substitution is
 * detected (test/domain/deal-code.test.ts proves it by property test).
 */
export const DEAL_CODE_ALPHABET = `${CREDIT_CODE_ALPHABET}Z`;
export const DEAL_CODE_LENGTH = 33;
export const SECTION_CODE_LENGTH = 36;
const BODY_LENGTH = 32;
const WEIGHTS: readonly number[] = Array.from({ length: BODY_LENGTH }, (_, i) => {
  let w = 1;
  for (let k = 0; k < i; k++) w = (w * 3) % 32;
  return w;
});

export type DealCodeProblem =
  | { readonly problem: 'length'; readonly length: number; readonly expectedLength: number }
  | {
      readonly problem: 'character';
      readonly position: number;
      readonly character: string;
      readonly expected: 'alphabet' | 'digit';
    }
  | { readonly problem: 'credit_code'; readonly position: number; readonly character: string }
  | { readonly problem: 'date'; readonly position: 19; readonly character: string; readonly date: string }
  | { readonly problem: 'section_number'; readonly position: 34; readonly character: string }
  | {
      readonly problem: 'check';
      readonly position: number;
      readonly character: string;
      readonly expectedCharacter: string;
    };

export interface DealCodeParts {
  readonly creditCode: string;
  /** CST calendar date, YYYYMMDD. */
  readonly date: string;
  readonly serial: number;
}

/** The check character of the first 32 characters (which must be in the alphabet). */
export function dealCodeCheckCharacter(body: string): string {
  if (body.length !== BODY_LENGTH) throw new RangeError(`deal code body has ${body.length} characters`);
  let sum = 0;
  for (let i = 0; i < BODY_LENGTH; i++) {
    const value = DEAL_CODE_ALPHABET.indexOf(body.charAt(i));
    if (value < 0) throw new RangeError(`character ${i + 1} is not in the deal-code alphabet`);
    sum += value * WEIGHTS[i]!;
  }
  return DEAL_CODE_ALPHABET.charAt((32 - (sum % 32)) % 32);
}

/** YYYYMMDD of an instant's CST calendar date. */
export function cstDateDigits(at: Date): string {
  return new Date(at.getTime() + CST_OFFSET_MS).toISOString().slice(0, 10).replaceAll('-', '');
}

/** Builds a deal code from a (valid) credit code, the creation instant and the day's serial (1–999999). */
export function buildDealCode(creditCode: string, createdAt: Date, serial: number): string {
  if (!Number.isInteger(serial) || serial < 1 || serial > 999_999) {
    throw new RangeError(`deal code serial out of range: ${serial}`);
  }
  const body = `${creditCode}${cstDateDigits(createdAt)}${String(serial).padStart(6, '0')}`;
  return body + dealCodeCheckCharacter(body);
}

/** The code of section `number` (1–999) of a project. */
export function sectionCode(dealCode: string, number: number): string {
  if (!Number.isInteger(number) || number < 1 || number > 999) {
    throw new RangeError(`section number out of range: ${number}`);
  }
  return `${dealCode}${String(number).padStart(3, '0')}`;
}

function validDate(digits: string): boolean {
  const iso = `${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6, 8)}`;
  const parsed = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(iso);
}

/** The first problem of a deal code (positions 1-based), or null when it is valid. */
export function findDealCodeProblem(code: string): DealCodeProblem | null {
  const chars = Array.from(code);
  if (chars.length !== DEAL_CODE_LENGTH) {
    return { problem: 'length', length: chars.length, expectedLength: DEAL_CODE_LENGTH };
  }
  const credit = findCreditCodeProblem(code.slice(0, 18));
  if (credit) {
    const position = credit.code === 'CREDIT_CODE_LENGTH' ? 1 : credit.position;
    return { problem: 'credit_code', position, character: chars[position - 1]! };
  }
  for (let i = 18; i < BODY_LENGTH; i++) {
    if (!/[0-9]/.test(chars[i]!)) {
      return { problem: 'character', position: i + 1, character: chars[i]!, expected: 'digit' };
    }
  }
  const date = code.slice(18, 26);
  if (!validDate(date)) return { problem: 'date', position: 19, character: chars[18]!, date };
  const check = chars[BODY_LENGTH]!;
  if (!DEAL_CODE_ALPHABET.includes(check)) {
    return { problem: 'character', position: DEAL_CODE_LENGTH, character: check, expected: 'alphabet' };
  }
  const expectedCharacter = dealCodeCheckCharacter(code.slice(0, BODY_LENGTH));
  if (check !== expectedCharacter) {
    return { problem: 'check', position: DEAL_CODE_LENGTH, character: check, expectedCharacter };
  }
  return null;
}

/** The first problem of a section code, or null. */
export function findSectionCodeProblem(code: string): DealCodeProblem | null {
  const chars = Array.from(code);
  if (chars.length !== SECTION_CODE_LENGTH) {
    return { problem: 'length', length: chars.length, expectedLength: SECTION_CODE_LENGTH };
  }
  const deal = findDealCodeProblem(code.slice(0, DEAL_CODE_LENGTH));
  if (deal) return deal;
  for (let i = DEAL_CODE_LENGTH; i < SECTION_CODE_LENGTH; i++) {
    if (!/[0-9]/.test(chars[i]!)) {
      return { problem: 'character', position: i + 1, character: chars[i]!, expected: 'digit' };
    }
  }
  if (code.endsWith('000')) return { problem: 'section_number', position: 34, character: '0' };
  return null;
}

function refuse(problem: DealCodeProblem, path: string): AppError {
  const params = { ...problem } as Record<string, string | number>;
  return new AppError('DEAL_CODE_INVALID', params, {
    details: [{ path, code: 'DEAL_CODE_INVALID', params }],
  });
}

/** Validates a deal code (trimmed, upper-cased) and returns its parts, or throws naming the wrong character. */
export function parseDealCode(
  input: string,
  path = 'dealCode',
): DealCodeParts & { readonly dealCode: string } {
  const dealCode = input.trim().toUpperCase();
  const problem = findDealCodeProblem(dealCode);
  if (problem) throw refuse(problem, path);
  return {
    dealCode,
    creditCode: dealCode.slice(0, 18),
    date: dealCode.slice(18, 26),
    serial: Number(dealCode.slice(26, 32)),
  };
}

/** Validates a section code and returns its deal code and section number. */
export function parseSectionCode(
  input: string,
  path = 'sectionCode',
): { readonly dealCode: string; readonly sectionNumber: number } {
  const code = input.trim().toUpperCase();
  const problem = findSectionCodeProblem(code);
  if (problem) throw refuse(problem, path);
  return { dealCode: code.slice(0, DEAL_CODE_LENGTH), sectionNumber: Number(code.slice(DEAL_CODE_LENGTH)) };
}
