/**
 * Amounts on the wire are strings of yuan with exactly two decimals ("1234567.80"), not JSON numbers:
 * every platform then signs and compares the same bytes, whatever its language does with floats, and
 * the national data sets state amounts in yuan. At most 13 integer digits, so that the amount in
 * fen (分) is a safe integer, the unit the platforms compute in.
 */
export const AMOUNT_PATTERN = /^(0|[1-9]\d{0,12})\.\d{2}$/;

export function isAmount(text: string): boolean {
  return AMOUNT_PATTERN.test(text);
}

/** Integer fen → the wire form in yuan. */
export function yuanFromFen(fen: number): string {
  if (!Number.isSafeInteger(fen) || fen < 0)
    throw new RangeError(`not a non-negative integer of fen: ${fen}`);
  const digits = String(fen).padStart(3, '0');
  const yuan = `${digits.slice(0, -2)}.${digits.slice(-2)}`;
  if (!AMOUNT_PATTERN.test(yuan)) throw new RangeError(`amount too large for the exchange: ${fen} fen`);
  return yuan;
}

/** The wire form in yuan → integer fen. */
export function fenFromYuan(amount: string): number {
  if (!AMOUNT_PATTERN.test(amount)) throw new RangeError(`not an exchange amount: ${amount}`);
  return Number(amount.replace('.', ''));
}
