import dayjs from 'dayjs';
import { CST_ZONE } from './format.ts';

/** Bytes as B / KB / MB / GB (binary units), one decimal above a kilobyte. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return String(bytes);
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${units[unit]}`;
}

/** The 2% cap on the bid bond (C3) for an estimated price in yuan, rounded down to the fen. */
export function bidBondLimit(estimatedPrice: number): number {
  const fen = Math.round(estimatedPrice * 100);
  return Math.floor((fen * 2) / 100) / 100;
}

/** Sum of criterion weights, in percentage points, free of float noise. */
export function weightSum(weights: readonly (number | null | undefined)[]): number {
  return Math.round(weights.reduce<number>((sum, w) => sum + (w ?? 0), 0) * 1000) / 1000;
}

/** Splits an instant into the CST calendar date (YYYY-MM-DD) and time (HH:mm). */
export function splitCst(iso: string): { date: string; time: string } {
  const cst = dayjs.utc(iso).tz(CST_ZONE);
  return { date: cst.format('YYYY-MM-DD'), time: cst.format('HH:mm') };
}

/** The instant (ISO, UTC) of a CST calendar date and time of day. */
export function joinCst(date: string, time: string): string {
  const [hour = '0', minute = '0'] = time.split(':');
  const ms = Date.parse(`${date}T00:00:00Z`) - 8 * 3_600_000 + (Number(hour) * 60 + Number(minute)) * 60_000;
  return new Date(ms).toISOString();
}

/** The CST calendar date of an instant. */
export function cstDateOf(value: string | number): string {
  return dayjs.utc(value).tz(CST_ZONE).format('YYYY-MM-DD');
}

/** Whole days, hours, minutes and seconds from `now` to `until` (zero once passed). */
export function countdown(
  until: number,
  now: number,
): { d: number; h: number; m: number; s: number; over: boolean } {
  const left = Math.max(0, until - now);
  const seconds = Math.floor(left / 1000);
  return {
    d: Math.floor(seconds / 86_400),
    h: Math.floor((seconds % 86_400) / 3600),
    m: Math.floor((seconds % 3600) / 60),
    s: seconds % 60,
    over: until <= now,
  };
}

interface Detail {
  readonly path: string;
  readonly code: string;
  readonly params?: Readonly<Record<string, string | number>> | undefined;
}

/**
 * From a refused clarification: the earliest lawful deadline the server named for a T4 (tender
 * documents) or T4P (pre-qualification documents) violation, or null when it named none.
 */
export function earliestExtension(details: readonly Detail[] | undefined, rule: 'T4' | 'T4P'): string | null {
  for (const detail of details ?? []) {
    const params = detail.params ?? {};
    if ((params.rule === rule || detail.path === rule) && typeof params.earliest === 'string') {
      return params.earliest;
    }
  }
  return null;
}
