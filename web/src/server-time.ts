import type { ClockInfo } from './api-types.ts';

/** One reading of the server clock and the local moment it was taken at. */
export interface ClockSample {
  readonly mode: ClockInfo['mode'];
  readonly factor: number;
  /** Server time in epoch ms. */
  readonly serverNow: number;
  /** Local `Date.now()` when the server read its clock (midpoint of the request). */
  readonly fetchedAt: number;
}

export function clockSample(clock: ClockInfo, requestStart: number, requestEnd: number): ClockSample {
  return {
    mode: clock.mode,
    factor: clock.factor,
    serverNow: Date.parse(clock.now),
    fetchedAt: (requestStart + requestEnd) / 2,
  };
}

/** Extrapolates the server's (possibly accelerated) clock: serverNow + (realNow − fetchedAt) × factor. */
export function virtualNow(sample: ClockSample, realNow: number): number {
  return sample.serverNow + (realNow - sample.fetchedAt) * sample.factor;
}
