import { createContext, type ReactNode, useContext, useEffect, useState } from 'react';
import type { ApiClient } from './api.ts';
import type { SystemInfo } from './api-types.ts';
import { type ClockSample, clockSample, virtualNow } from './server-time.ts';

const REFRESH_MS = 30_000;
const TICK_MS = 1_000;

interface ServerClock {
  readonly info: SystemInfo | null;
  readonly sample: ClockSample | null;
  readonly failed: boolean;
}

const ServerClockContext = createContext<ServerClock>({ info: null, sample: null, failed: false });
/** Kept apart so that only the components showing the time re-render every second. */
const ServerNowContext = createContext<number | null>(null);

/**
 * Reads the platform's clock every 30 s and extrapolates it every second in between, once for
 * the whole page, so every clock on screen shows the same time.
 */
export function ServerClockProvider({
  api,
  children,
}: {
  readonly api: ApiClient;
  readonly children: ReactNode;
}) {
  const [clock, setClock] = useState<ServerClock>({ info: null, sample: null, failed: false });
  const [realNow, setRealNow] = useState(Date.now);

  useEffect(() => {
    let active = true;
    async function refresh() {
      const start = Date.now();
      try {
        const info = await api.systemInfo();
        if (active) setClock({ info, sample: clockSample(info.clock, start, Date.now()), failed: false });
      } catch {
        if (active) setClock((current) => ({ ...current, failed: true }));
      }
    }
    void refresh();
    const timer = window.setInterval(() => void refresh(), REFRESH_MS);
    return () => {
      active = false;
      window.clearInterval(timer);
    };
  }, [api]);

  useEffect(() => {
    const timer = window.setInterval(() => setRealNow(Date.now()), TICK_MS);
    return () => window.clearInterval(timer);
  }, []);

  const { sample } = clock;
  // The last tick may predate a fresh reading; never extrapolate backwards from it.
  const now = sample ? virtualNow(sample, Math.max(realNow, sample.fetchedAt)) : null;
  return (
    <ServerClockContext.Provider value={clock}>
      <ServerNowContext.Provider value={now}>{children}</ServerNowContext.Provider>
    </ServerClockContext.Provider>
  );
}

export function useServerClock(): ServerClock {
  return useContext(ServerClockContext);
}

/** The platform's current time in epoch ms, updated every second; null until the first reading. */
export function useServerNow(): number | null {
  return useContext(ServerNowContext);
}
