const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|([+-])(\d{2}):(\d{2}))$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function calendarDay(year: number, month: number, day: number): number | null {
  const at = Date.UTC(year, month - 1, day);
  const check = new Date(at);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day)
    return null;
  return at;
}

/**
 * Epoch milliseconds of an ISO 8601 time that states its offset (`Z` or ±hh:mm), or null. A time
 * without an offset is refused: "09:00" means different instants in Beijing and in a data centre
 * running on UTC, and the exchange must not guess.
 */
export function parseInstant(text: string): number | null {
  const m = DATE_TIME.exec(text);
  if (!m) return null;
  const day = calendarDay(Number(m[1]), Number(m[2]), Number(m[3]));
  const [hour, minute, second] = [Number(m[4]), Number(m[5]), Number(m[6])];
  if (day === null || hour > 23 || minute > 59 || second > 59) return null;
  let offsetMinutes = 0;
  if (m[8] !== 'Z') {
    const [oh, om] = [Number(m[10]), Number(m[11])];
    if (oh > 14 || om > 59) return null;
    offsetMinutes = (m[9] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const fraction = m[7] ? Number(`${m[7].slice(1)}00`.slice(0, 3)) : 0;
  return day + ((hour * 60 + minute - offsetMinutes) * 60 + second) * 1000 + fraction;
}

/** Epoch milliseconds of midnight UTC of a YYYY-MM-DD calendar date, or null. */
export function parseDate(text: string): number | null {
  const m = DATE.exec(text);
  return m ? calendarDay(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

/** A time in China Standard Time with its offset, the form Zhaocai's platforms send. */
export function cstTime(at: Date): string {
  const shifted = new Date(at.getTime() + 8 * 3_600_000).toISOString();
  return `${shifted.slice(0, 19)}+08:00`;
}
