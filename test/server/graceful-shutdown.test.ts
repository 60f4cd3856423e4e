import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { PUBLIC } from '../../src/domain/access.ts';
import { ManualClock } from '../../src/domain/clock.ts';
import { loadConfig } from '../../src/server/config.ts';
import { startService } from '../../src/server/run-service.ts';
import type { ServiceSpec } from '../../src/server/service-spec.ts';
import { pingStore } from '../../src/store/database.ts';
import { hubService } from '../../src/hub/service.ts';
import { tradingService } from '../../src/trading/service.ts';
import { openTestStore } from '../support/stores.ts';

describe('graceful shutdown', () => {
  it('finishes in-flight requests, refuses new ones, then closes the database', async () => {
    const store = await openTestStore('sqlite');
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let started!: () => void;
    const inFlight = new Promise<void>((resolve) => (started = resolve));
    const spec: ServiceSpec = {
      ...tradingService,
      registerRoutes: (app) => {
        app.get('/api/slow', { config: { access: PUBLIC } }, async () => {
          started();
          await released;
          return { done: true };
        });
      },
    };
    const config = loadConfig({ env: {}, overrides: { services: { trading: { port: 0 } } } });
    const service = await startService(spec, {
      config,
      clock: new ManualClock(),
      logger: pino({ level: 'silent' }),
      store,
    });
    const slow = fetch(`${service.url}/api/slow`);
    await inFlight;
    const stopping = service.stop();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await expect(fetch(`${service.url}/healthz`)).rejects.toThrow();
    release();
    const response = await slow;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ done: true });
    await stopping;
    await pingStore(store);
    await store.dispose();
  });

  it('closes the database it opened itself', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'zhaocai-close-'));
    const config = loadConfig({ env: {}, overrides: { dataDir, services: { hub: { port: 0 } } } });
    const service = await startService(hubService, {
      config,
      clock: new ManualClock(),
      logger: pino({ level: 'silent' }),
    });
    await service.stop();
    await expect(pingStore(service.deps.store)).rejects.toThrow();
    rmSync(dataDir, { recursive: true, force: true });
  });
});
