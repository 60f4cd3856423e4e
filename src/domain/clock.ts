import { AppError } from './errors.ts';

/** The only source of time. Inject it; never call `new Date()` for business time. */
export interface Clock {
  now(): Date;
  /** 1 for real time; above 1 in sandbox mode, where virtual time runs faster. */
  readonly factor: number;
  readonly mode: ClockMode;
}

export type ClockMode = 'production' | 'sandbox' | 'test';

export class SystemClock implements Clock {
  readonly factor = 1;
  readonly mode = 'production' as const;
  now(): Date {
    return new Date();
  }
}

/**
 * Sandbox time: virtual = virtualOrigin + (real − realOrigin) × factor. With one day per minute
 * (factor 1440) a 20-day tender runs in 20 minutes. Persist the origins so restarts do not move
 * time backwards.
 */
export class AcceleratedClock implements Clock {
  readonly mode = 'sandbox' as const;
  constructor(
    readonly factor: number,
    readonly realOrigin: Date,
    readonly virtualOrigin: Date,
    private readonly realNow: () => number = Date.now,
  ) {
    if (!(factor >= 1) || !Number.isFinite(factor)) {
      throw new AppError('CONFIG_INVALID', { problems: `clock.factor must be ≥ 1, got ${factor}` });
    }
  }
  now(): Date {
    const elapsed = this.realNow() - this.realOrigin.getTime();
    return new Date(this.virtualOrigin.getTime() + elapsed * this.factor);
  }
  /** How many real milliseconds a virtual duration takes. */
  realDuration(virtualMs: number): number {
    return virtualMs / this.factor;
  }
}

/** A clock tests move by hand. */
export class ManualClock implements Clock {
  readonly factor = 1;
  readonly mode = 'test' as const;
  private current: number;
  constructor(start: Date | string = '2026-01-05T01:00:00.000Z') {
    this.current = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.current);
  }
  set(at: Date | string): void {
    this.current = new Date(at).getTime();
  }
  advance(ms: number): void {
    this.current += ms;
  }
}

export interface ClockSettings {
  readonly mode: 'production' | 'sandbox';
  readonly factor: number;
  readonly realOrigin?: string | undefined;
  readonly virtualOrigin?: string | undefined;
}

/** Builds the clock a service runs on; production refuses any acceleration. */
export function clockFromSettings(settings: ClockSettings, realNow: () => number = Date.now): Clock {
  if (settings.mode === 'production') {
    if (settings.factor !== 1) throw new AppError('ACCELERATION_IN_PRODUCTION');
    return new SystemClock();
  }
  const realOrigin = settings.realOrigin ? new Date(settings.realOrigin) : new Date(realNow());
  const virtualOrigin = settings.virtualOrigin ? new Date(settings.virtualOrigin) : realOrigin;
  return new AcceleratedClock(settings.factor, realOrigin, virtualOrigin, realNow);
}
