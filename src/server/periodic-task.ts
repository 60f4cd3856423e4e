/** A task run at a fixed real-time interval. */
export interface PeriodicTask {
  /** Stops running it, after the run in progress, if any, has finished. */
  stop(): Promise<void>;
}

/**
 * Runs `run` every `intervalMs` real milliseconds, one run at a time: a slow run is not overlapped
 * by the next. `run` handles its own errors. The timer does not keep the process alive.
 */
export function runPeriodically(intervalMs: number, run: () => Promise<void>): PeriodicTask {
  let inFlight: Promise<void> | undefined;
  const timer = setInterval(() => {
    inFlight ??= run().finally(() => (inFlight = undefined));
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await inFlight;
    },
  };
}
