import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { addUser } from '../../src/accounts/add-user.ts';
import { systemActor } from '../../src/domain/actor.ts';
import { AcceleratedClock } from '../../src/domain/clock.ts';
import { loadConfig } from '../../src/server/config.ts';
import { createService } from '../../src/server/create-service.ts';
import { tradingService } from '../../src/trading/service.ts';
import { openTestStore } from '../support/stores.ts';

const HOUR = 3_600_000;

describe('sandbox clock and sessions', () => {
  it('a session lasts its configured real hours even when virtual time runs ×1440', async () => {
    const store = await openTestStore('sqlite');
    let real = Date.parse('2026-11-26T00:00:00Z');
    const clock = new AcceleratedClock(1440, new Date(real), new Date(real), () => real);
    const config = loadConfig({ env: {}, overrides: { clock: { mode: 'sandbox', factor: 1440 } } });
    const { app } = await createService(tradingService, {
      config,
      clock,
      store,
      logger: pino({ level: 'silent' }),
    });
    try {
      await addUser(
        { db: store.db, clock, actor: systemActor('test'), platform: 'trading' },
        { username: 'bidder', displayName: 'b', password: 'Sandbox-1', roles: ['bidder'] },
      );
      const login = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'bidder', password: 'Sandbox-1' },
      });
      const { token } = login.json();
      const me = () => app.inject({ url: '/api/auth/me', headers: { authorization: `Bearer ${token}` } });

      real += 11 * HOUR; // 11 real hours = 660 virtual days
      expect((await me()).statusCode).toBe(200);
      real += 2 * HOUR;
      expect((await me()).json().error.code).toBe('SESSION_EXPIRED');

      const info = (await app.inject('/api/system/info')).json();
      expect(info.clock).toMatchObject({ mode: 'sandbox', factor: 1440 });
      expect(Date.parse(info.clock.now) - Date.parse('2026-11-26T00:00:00Z')).toBe(13 * HOUR * 1440);
    } finally {
      await app.close();
      await store.dispose();
    }
  });
});
