import { findCreditCodeProblem } from '../../domain/credit-code.ts';
import { findDealCodeProblem, findSectionCodeProblem, type DealCodeProblem } from '../../domain/deal-code.ts';
import type { ValueProblem } from '../field-errors.ts';
import { findRegionCodeProblem } from './region-code.ts';

/** 统一社会信用代码 (GB 32100-2015) as a field problem; the check itself is the domain's. */
export function findCreditCodeValueProblem(code: string, expected = 'creditCode'): ValueProblem | null {
  const problem = findCreditCodeProblem(code);
  if (!problem) return null;
  switch (problem.code) {
    case 'CREDIT_CODE_LENGTH':
      return { code: 'format', params: { expected, length: problem.length } };
    case 'CREDIT_CODE_CHARACTER':
      return {
        code: 'format',
        params: { expected, position: problem.position, character: problem.character },
      };
    case 'CREDIT_CODE_CHECK':
      return {
        code: 'check_character',
        params: { position: 18, character: problem.character, expectedCharacter: problem.expectedCharacter },
      };
  }
}

function dealProblem(problem: DealCodeProblem | null, expected: string): ValueProblem | null {
  if (!problem) return null;
  switch (problem.problem) {
    case 'length':
      return { code: 'format', params: { expected, length: problem.length } };
    case 'check':
      return {
        code: 'check_character',
        params: {
          position: problem.position,
          character: problem.character,
          expectedCharacter: problem.expectedCharacter,
        },
      };
    default:
      return {
        code: 'format',
        params: { expected, position: problem.position, character: problem.character },
      };
  }
}

/** 统一交易标识码: 33 characters with its check character (src/domain/deal-code.ts). */
export function findDealCodeValueProblem(code: string): ValueProblem | null {
  return dealProblem(findDealCodeProblem(code), 'dealCode');
}

/** 标段编号: the deal code and a 3-digit section number. */
export function findSectionCodeValueProblem(code: string): ValueProblem | null {
  return dealProblem(findSectionCodeProblem(code), 'sectionCode');
}

export const PLATFORM_CODE_LENGTH = 20;

/**
 * 平台标识码 of protocol version 1: the operator's unified social credit code and a 2-digit number
 * (01–99) of the system it runs, so that every code names a legal person who answers for it and
 * carries the credit code's check character.
 */
export function findPlatformCodeProblem(code: string): ValueProblem | null {
  const chars = Array.from(code);
  if (chars.length !== PLATFORM_CODE_LENGTH) {
    return { code: 'format', params: { expected: 'platformCode', length: chars.length } };
  }
  const credit = findCreditCodeValueProblem(code.slice(0, 18), 'platformCode');
  if (credit) return credit;
  if (!/^\d\d$/.test(code.slice(18)) || code.slice(18) === '00') {
    return { code: 'format', params: { expected: 'platformCode', position: 19, character: chars[18]! } };
  }
  return null;
}

/** Builds a platform code from the operator's credit code and the system number (1–99). */
export function platformCode(operatorCreditCode: string, systemNumber: number): string {
  if (!Number.isInteger(systemNumber) || systemNumber < 1 || systemNumber > 99) {
    throw new RangeError(`platform system number out of range: ${systemNumber}`);
  }
  return `${operatorCreditCode}${String(systemNumber).padStart(2, '0')}`;
}

/**
 * 投资项目统一代码 (the project code given by the online investment-approval platform):
 * year-region-industry-type-serial, e.g. 2026-350100-48-01-000123.
 */
export function findProjectCodeProblem(code: string): ValueProblem | null {
  const match = /^(\d{4})-(\d{6})-(\d{2})-(\d{2})-(\d{6})$/.exec(code);
  if (!match) return { code: 'format', params: { expected: 'projectCode' } };
  const region = findRegionCodeProblem(match[2]!);
  if (region)
    return { code: 'format', params: { expected: 'projectCode', position: 6, character: code.charAt(5) } };
  return null;
}
