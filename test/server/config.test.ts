import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { databaseUrlFor, loadConfig } from '../../src/server/config.ts';

describe('configuration', () => {
  it('has documented defaults: ports 3100–3103, SQLite under ./data, production clock', () => {
    const config = loadConfig({ env: {} });
    expect([
      config.web.port,
      config.services.trading.port,
      config.services.hub.port,
      config.services.supervision.port,
    ]).toEqual([3100, 3101, 3102, 3103]);
    expect(databaseUrlFor(config, 'hub')).toBe(`sqlite:${join('data', 'hub.db')}`);
    expect(config.clock).toEqual({ mode: 'production', factor: 1 });
  });

  it('reads a file, then environment variables over it, then command-line overrides', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'cfg-')), 'zhaocai.json');
    writeFileSync(
      file,
      JSON.stringify({
        services: { trading: { port: 4001, database: 'sqlite:/srv/t.db' } },
        log: { level: 'debug' },
      }),
    );
    const config = loadConfig({
      file,
      env: {
        ZHAOCAI_TRADING_PORT: '4002',
        ZHAOCAI_HUB_DATABASE_URL: 'postgres://u:p@db:5432/hub',
        ZHAOCAI_LOG_PRETTY: 'false',
      },
      overrides: { services: { supervision: { port: 4003 } } },
    });
    expect(config.services.trading.port).toBe(4002);
    expect(databaseUrlFor(config, 'trading')).toBe('sqlite:/srv/t.db');
    expect(databaseUrlFor(config, 'hub')).toBe('postgres://u:p@db:5432/hub');
    expect(config.services.supervision.port).toBe(4003);
    expect(config.log).toEqual({ level: 'debug', pretty: false });
  });

  it('names every invalid setting in one error', () => {
    expect(() => loadConfig({ env: { ZHAOCAI_TRADING_PORT: 'eighty', ZHAOCAI_LOG_LEVEL: 'loud' } })).toThrow(
      /CONFIG_INVALID.*log\.level.*services\.trading\.port/,
    );
  });

  it('production refuses an accelerated clock; sandbox takes it', () => {
    expect(() => loadConfig({ env: { ZHAOCAI_CLOCK_FACTOR: '1440' } })).toThrow(/ACCELERATION_IN_PRODUCTION/);
    expect(
      loadConfig({ env: { ZHAOCAI_CLOCK_MODE: 'sandbox', ZHAOCAI_CLOCK_FACTOR: '1440' } }).clock.factor,
    ).toBe(1440);
  });

  it('reports an unreadable or malformed file', () => {
    expect(() => loadConfig({ file: '/nonexistent/zhaocai.json', env: {} })).toThrow(/cannot read/);
    const file = join(mkdtempSync(join(tmpdir(), 'cfg-')), 'bad.json');
    writeFileSync(file, '[1,2]');
    expect(() => loadConfig({ file, env: {} })).toThrow(/not a JSON object/);
  });
});
