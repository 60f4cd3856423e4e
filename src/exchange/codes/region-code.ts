import type { ValueProblem } from '../field-errors.ts';

/** The province-level prefixes of GB/T 2260 (31 provinces, Taiwan, Hong Kong, Macao). */
const PROVINCES = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
]);

/**
 * 行政区划代码 (GB/T 2260): province (2 digits), prefecture (2), county (2); a province is XX0000,
 * a prefecture XXYY00. The full table changes every year, so only the structure and the province
 * are checked here: a hub that needs the exact county list checks it against its own copy.
 */
export function findRegionCodeProblem(code: string): ValueProblem | null {
  if (!/^\d{6}$/.test(code)) return { code: 'format', params: { expected: 'regionCode' } };
  if (!PROVINCES.has(code.slice(0, 2))) {
    return {
      code: 'codelist',
      params: { value: code, list: 'GB/T 2260', allowed: [...PROVINCES].join('/') + '…' },
    };
  }
  if (code.slice(2, 4) === '00' && code.slice(4) !== '00') {
    return { code: 'format', params: { expected: 'regionCode', position: 5, character: code.charAt(4) } };
  }
  return null;
}
