import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/domain/clock.ts';
import { loadConfig } from '../../src/server/config.ts';
import { createService } from '../../src/server/create-service.ts';
import { tradingService } from '../../src/trading/service.ts';
import { openTestStore } from '../support/stores.ts';

describe('route access rules', () => {
  it('a service refuses to start when a route declares no access rule', async () => {
    const store = await openTestStore('sqlite');
    try {
      const spec = {
        ...tradingService,
        registerRoutes: (app: Parameters<NonNullable<typeof tradingService.registerRoutes>>[0]) => {
          app.get('/api/forgotten', async () => ({ secret: true }));
        },
      };
      await expect(
        createService(spec, {
          config: loadConfig({ env: {} }),
          clock: new ManualClock(),
          store,
          logger: pino({ level: 'silent' }),
        }),
      ).rejects.toThrow('route GET /api/forgotten declares no access rule');
    } finally {
      await store.dispose();
    }
  });
});
