import { platformCode } from '../../src/exchange/codes/identity-codes.ts';
import { creditCodeCheckCharacter } from '../../src/domain/credit-code.ts';
import type { DialectName } from '../../src/store/database.ts';
import { startTestService, type TestService } from './services.ts';

const credit = (body: string) => body + creditCodeCheckCharacter(body);

/** Platform codes of a small exchange network: a transaction platform, a city and a province hub, a supervision platform. */
export const NETWORK_CODES = {
  trading: platformCode(credit('91330100MA0000061'), 1),
  cityHub: platformCode(credit('12330100MB0000071'), 1),
  provinceHub: platformCode(credit('12330000MB0000081'), 1),
  supervision: platformCode(credit('11330100MB0000091'), 1),
} as const;

export interface ExchangeNetwork {
  readonly trading: TestService;
  readonly cityHub: TestService;
  readonly provinceHub: TestService;
  readonly supervision: TestService;
  readonly urls: Record<'cityHub' | 'provinceHub' | 'supervision', string>;
  /** Approves, as each receiver's operator, every pending registration it has. */
  approveAll(): Promise<void>;
  close(): Promise<void>;
}

export const FAST_DELIVERY = { deliveryIntervalMs: 50, retryMinMs: 50, retryMaxMs: 400 } as const;

async function listening(service: TestService): Promise<string> {
  return service.app.listen({ host: '127.0.0.1', port: 0 });
}

/**
 * Four services on real ports, each with its own database: supervision ← city hub → province hub,
 * and a transaction platform sending to the city hub. Registrations are pushed at start.
 */
export async function startExchangeNetwork(dialect: DialectName): Promise<ExchangeNetwork> {
  const exchange = (code: string, name: string, regionCode: string, extra: object = {}) => ({
    platformCode: code,
    platformName: name,
    regionCode,
    ...FAST_DELIVERY,
    ...extra,
  });
  const supervision = await startTestService('supervision', dialect, {
    config: {
      services: {
        supervision: {
          host: '127.0.0.1',
          port: 0,
          exchange: exchange(NETWORK_CODES.supervision, '杭州市行政监督平台', '330100'),
        },
      },
    },
  });
  const supervisionUrl = await listening(supervision);
  const provinceHub = await startTestService('hub', dialect, {
    config: {
      services: {
        hub: {
          host: '127.0.0.1',
          port: 0,
          exchange: exchange(NETWORK_CODES.provinceHub, '浙江省公共资源交易公共服务平台', '330000'),
        },
      },
    },
  });
  const provinceUrl = await listening(provinceHub);
  const cityHub = await startTestService('hub', dialect, {
    config: {
      services: {
        hub: {
          host: '127.0.0.1',
          port: 0,
          exchange: exchange(NETWORK_CODES.cityHub, '杭州市公共资源交易公共服务平台', '330100', {
            upstream: { platformCode: NETWORK_CODES.provinceHub, url: provinceUrl },
            forwardTo: [{ platformCode: NETWORK_CODES.supervision, url: supervisionUrl, regions: ['33'] }],
          }),
        },
      },
    },
  });
  const cityUrl = await listening(cityHub);
  const trading = await startTestService('trading', dialect, {
    config: {
      services: {
        trading: {
          host: '127.0.0.1',
          port: 0,
          exchange: exchange(NETWORK_CODES.trading, '杭州市电子招标投标交易平台', '330100', {
            upstream: { platformCode: NETWORK_CODES.cityHub, url: cityUrl },
          }),
        },
      },
    },
  });
  const operators = new Map<TestService, string>();
  const operatorToken = async (svc: TestService, role: 'hub_operator' | 'supervisor') => {
    if (!operators.has(svc)) operators.set(svc, (await svc.userWithRoles([role])).token);
    return operators.get(svc)!;
  };
  return {
    trading,
    cityHub,
    provinceHub,
    supervision,
    urls: { cityHub: cityUrl, provinceHub: provinceUrl, supervision: supervisionUrl },
    async approveAll() {
      const receivers: [TestService, 'hub_operator' | 'supervisor', number][] = [
        [cityHub, 'hub_operator', 1],
        [provinceHub, 'hub_operator', 1],
        [supervision, 'supervisor', 1],
      ];
      for (const [svc, role, expected] of receivers) {
        const token = await operatorToken(svc, role);
        const headers = { authorization: `Bearer ${token}` };
        for (let i = 0; i < 200; i++) {
          const list = await svc.app.inject({
            method: 'GET',
            url: '/api/exchange/registrations?status=pending',
            headers,
          });
          const items = list.json().items as { platformCode: string }[];
          for (const item of items) {
            const decided = await svc.app.inject({
              method: 'POST',
              url: `/api/exchange/registrations/${item.platformCode}/approve`,
              headers,
              payload: {},
            });
            if (decided.statusCode !== 200) throw new Error(decided.body);
          }
          const approved = await svc.app.inject({ method: 'GET', url: '/api/exchange/platforms' });
          if ((approved.json().total as number) >= expected) break;
          await new Promise((r) => setTimeout(r, 25));
        }
      }
    },
    async close() {
      for (const svc of [trading, cityHub, provinceHub, supervision]) await svc.close();
    },
  };
}

/** Polls until `check` holds (or throws after `timeoutMs`). */
export async function eventually<T>(
  check: () => Promise<T | false | null | undefined>,
  timeoutMs = 20_000,
): Promise<NonNullable<T>> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > until) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}
