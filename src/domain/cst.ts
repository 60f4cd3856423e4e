/**
 * China Standard Time (UTC+8, no daylight saving): how dates are counted in time limits and shown
 * to users. A "day" in a statutory time limit is a calendar day in CST.
 */
export const CST_OFFSET_MS = 8 * 3_600_000;
export const DAY = 86_400_000;

/** The CST calendar date of an instant, as YYYY-MM-DD. */
export function cstDate(at: Date): string {
  return new Date(at.getTime() + CST_OFFSET_MS).toISOString().slice(0, 10);
}

/** Whole calendar days (CST) from the date of `from` to the date of `to`. */
export function cstDaysBetween(from: Date, to: Date): number {
  return Math.round((Date.parse(cstDate(to)) - Date.parse(cstDate(from))) / DAY);
}

/** The same CST time of day, `days` calendar days later. */
export function addDays(at: Date, days: number): Date {
  return new Date(at.getTime() + days * DAY);
}

/** `YYYY-MM-DD HH:mm` in CST, for messages. */
export function formatCst(at: Date | string): string {
  const d = typeof at === 'string' ? new Date(at) : at;
  return new Date(d.getTime() + CST_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}
