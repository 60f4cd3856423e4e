import type { ValueProblem } from '../field-errors.ts';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK = '10X98765432';

/** The check character of the first 17 digits of a resident identity number (GB 11643, ISO 7064 MOD 11-2). */
export function residentIdCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17.charAt(i)) * WEIGHTS[i]!;
  return CHECK.charAt(sum % 11);
}

/** 公民身份号码 (GB 11643-1999): 6-digit region, 8-digit birth date, 3-digit serial, check character. */
export function findResidentIdProblem(id: string): ValueProblem | null {
  if (!/^\d{17}[\dX]$/.test(id)) return { code: 'format', params: { expected: 'residentId' } };
  const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  const parsed = new Date(`${birth}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || !parsed.toISOString().startsWith(birth)) {
    return { code: 'format', params: { expected: 'residentId', position: 7, character: id.charAt(6) } };
  }
  const expectedCharacter = residentIdCheckCharacter(id.slice(0, 17));
  if (id.charAt(17) !== expectedCharacter) {
    return { code: 'check_character', params: { position: 18, character: id.charAt(17), expectedCharacter } };
  }
  return null;
}
