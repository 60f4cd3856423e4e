import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';

dayjs.extend(utc);
dayjs.extend(timezone);

/** Business time is China Standard Time whatever the browser's zone. */
export const CST_ZONE = 'Asia/Shanghai';
export const CST_FORMAT = 'YYYY-MM-DD HH:mm:ss';
/** Shown where a value is missing. */
export const EMPTY = '—';

export type Instant = string | number | Date;

/** Formats an instant (ISO string, epoch ms or Date) in CST; strings without an offset are taken as UTC. */
export function formatCst(value: Instant | null | undefined, format: string = CST_FORMAT): string {
  if (value === null || value === undefined || value === '') return EMPTY;
  const instant = dayjs.utc(value);
  if (!instant.isValid()) return String(value);
  return instant.tz(CST_ZONE).format(format);
}

/**
 * The UTC interval covering whole CST calendar days `fromDate`..`toDate` (YYYY-MM-DD, inclusive),
 * as the half-open [from, to) the audit API expects.
 */
export function cstDaysToUtcRange(fromDate: string, toDate: string): { from: string; to: string } {
  // Day arithmetic happens on the bare date: dayjs-timezone would apply the browser's DST to `add`.
  const dayAfter = dayjs.utc(toDate).add(1, 'day').format('YYYY-MM-DD');
  return {
    from: dayjs.tz(fromDate, CST_ZONE).toISOString(),
    to: dayjs.tz(dayAfter, CST_ZONE).toISOString(),
  };
}

const DECIMAL = /^([+-]?)(\d+)(?:\.(\d*))?$/;

/**
 * Formats an amount of yuan with thousands separators and two decimals: `¥1,234,567.80`.
 * Decimal strings are rounded exactly (half away from zero), so amounts never pass through floats.
 */
export function formatYuan(
  amount: number | string | null | undefined,
  options: { symbol?: boolean } = {},
): string {
  if (amount === null || amount === undefined || amount === '') return EMPTY;
  const text = typeof amount === 'number' ? numberToDecimal(amount) : amount.trim().replaceAll(',', '');
  const match = text === null ? null : DECIMAL.exec(text);
  if (!match) return String(amount);
  const [, sign = '', whole = '0', fraction = ''] = match;
  let cents = BigInt(whole) * 100n + BigInt((fraction + '00').slice(0, 2));
  if ((fraction[2] ?? '0') >= '5') cents += 1n;
  const negative = sign === '-' && cents !== 0n;
  const yuan = (cents / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const fen = (cents % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}${options.symbol === false ? '' : '¥'}${yuan}.${fen}`;
}

function numberToDecimal(value: number): string | null {
  if (!Number.isFinite(value)) return null;
  // toFixed avoids exponent notation; 6 places keeps binary noise (0.1 + 0.2) out of the cents.
  return Math.abs(value) < 1e21 ? value.toFixed(6) : null;
}
