import { join } from 'node:path';
import { systemActor } from '../domain/actor.ts';
import { creditCodeCheckCharacter } from '../domain/credit-code.ts';
import type { Clock } from '../domain/clock.ts';
import { platformCode } from '../exchange/codes/identity-codes.ts';
import { decideRegistration, listPeers } from '../exchange/transport/peers.ts';
import type { Config } from '../server/config.ts';
import type { RunningService } from '../server/run-service.ts';

const credit = (body: string) => body + creditCodeCheckCharacter(body);

/** The demo's exchange network: a transaction platform, a city hub, a province hub above it, a supervision platform. */
export const DEMO_EXCHANGE = {
  trading: { code: platformCode(credit('91350100MA0000061'), 1), name: '招采演示电子招标投标交易平台' },
  cityHub: {
    code: platformCode(credit('12350100MB0000071'), 1),
    name: '福州市公共资源交易公共服务平台（演示）',
  },
  provinceHub: {
    code: platformCode(credit('12350000MB0000081'), 1),
    name: '福建省公共资源交易公共服务平台（演示）',
  },
  supervision: { code: platformCode(credit('11350100MB0000041'), 1), name: '福州市行政监督平台（演示）' },
} as const;

/** The province hub listens beside the others (ZHAOCAI_PROVINCE_HUB_PORT moves it). */
export const DEMO_PROVINCE_HUB_PORT = Number(process.env.ZHAOCAI_PROVINCE_HUB_PORT || 3104);

const url = (config: Config, platform: 'hub' | 'supervision', port?: number) =>
  `http://127.0.0.1:${port ?? config.services[platform].port}`;

/** The demo's configuration with the exchange turned on: trading → city hub → supervision and province hub. */
export function withDemoExchange(config: Config): Config {
  const pace = { deliveryIntervalMs: 1000, retryMinMs: 500, retryMaxMs: 30_000, forwardTo: [] };
  return {
    ...config,
    services: {
      trading: {
        ...config.services.trading,
        exchange: {
          ...pace,
          platformCode: DEMO_EXCHANGE.trading.code,
          platformName: DEMO_EXCHANGE.trading.name,
          regionCode: '350100',
          upstream: { platformCode: DEMO_EXCHANGE.cityHub.code, url: url(config, 'hub') },
        },
      },
      hub: {
        ...config.services.hub,
        exchange: {
          ...pace,
          platformCode: DEMO_EXCHANGE.cityHub.code,
          platformName: DEMO_EXCHANGE.cityHub.name,
          regionCode: '350100',
          upstream: {
            platformCode: DEMO_EXCHANGE.provinceHub.code,
            url: url(config, 'hub', DEMO_PROVINCE_HUB_PORT),
          },
          forwardTo: [
            {
              platformCode: DEMO_EXCHANGE.supervision.code,
              url: url(config, 'supervision'),
              regions: ['35'],
              sectors: [],
            },
          ],
        },
      },
      supervision: {
        ...config.services.supervision,
        exchange: {
          ...pace,
          platformCode: DEMO_EXCHANGE.supervision.code,
          platformName: DEMO_EXCHANGE.supervision.name,
          regionCode: '350100',
        },
      },
    },
  };
}

/** The province hub's own configuration: its own data directory, port and identity. */
export function demoProvinceHubConfig(config: Config): Config {
  return {
    ...config,
    dataDir: join(config.dataDir, 'province-hub'),
    services: {
      ...config.services,
      hub: {
        host: config.services.hub.host,
        port: DEMO_PROVINCE_HUB_PORT,
        exchange: {
          platformCode: DEMO_EXCHANGE.provinceHub.code,
          platformName: DEMO_EXCHANGE.provinceHub.name,
          regionCode: '350000',
          forwardTo: [],
          deliveryIntervalMs: 1000,
          retryMinMs: 500,
          retryMaxMs: 30_000,
        },
      },
    },
  };
}

/**
 * In the demo the receivers' operators approve the demo platforms as their registrations arrive
 * (in production an operator reviews each one). Watches for a while after start, then stops.
 */
export function approveDemoRegistrations(receivers: readonly RunningService[], clock: Clock): () => void {
  const expected = new Set<string>(Object.values(DEMO_EXCHANGE).map((p) => p.code));
  let rounds = 0;
  const timer = setInterval(() => {
    if (++rounds > 120) return clearInterval(timer);
    void (async () => {
      for (const receiver of receivers) {
        const pending = await listPeers(receiver.deps.store.db, { status: 'pending', page: 1, pageSize: 50 });
        for (const peer of pending.items) {
          if (!expected.has(peer.platformCode)) continue;
          const ctx = {
            db: receiver.deps.store.db,
            clock,
            actor: systemActor('demo'),
            platform: receiver.deps.platform,
          };
          await decideRegistration(
            ctx,
            peer.platformCode,
            'approve',
            '演示环境自动批准 approved for the demo',
          );
        }
      }
    })().catch(() => undefined);
  }, 500);
  timer.unref();
  return () => clearInterval(timer);
}
