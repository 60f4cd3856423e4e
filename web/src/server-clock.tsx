import { createContext, type ReactNode, useContext, useEffect, useState } from 'react';
import type { ApiClient } from './api.ts';
import type { SystemInfo } from './api-types.ts';
import { type ClockSample, clockSample, virtualNow } from './server-time.ts';

const REFRESH_MS = 30_000;

interface ServerClock {
  readonly info: SystemInfo | null;
  readonly sample: ClockSample | null;
  readonly failed: boolean;
}

const ServerClockContext = createContext<ServerClock>({ info: null, sample: null, failed: false });

/** Reads the platform's clock every 30 s; in between, components extrapolate it locally. */
export function ServerClockProvider({
  api,
  children,
}: {
  readonly api: ApiClient;
  readonly children: ReactNode;
}) {
  const [clock, setClock] = useState<ServerClock>({ info: null, sample: null, failed: false });

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

  return <ServerClockContext.Provider value={clock}>{children}</ServerClockContext.Provider>;
}

export function useServerClock(): ServerClock {
  return useContext(ServerClockContext);
}

/** The server's current time in epoch ms, re-rendering every second; null until first read. */
export function useServerNow(): number | null {
  const { sample } = useServerClock();
  const [realNow, setRealNow] = useState(Date.now);
  useEffect(() => {
    const timer = window.setInterval(() => setRealNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, []);
  return sample ? virtualNow(sample, Math.max(realNow, sample.fetchedAt)) : null;
}
