// Issue 7 item 12: the hub never trades. Besides the import rule (test/boundaries.test.ts), its
// route table holds no trading function: every route is common to all platforms or a hub function.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from '../support/services.ts';
import { NETWORK_CODES } from '../support/exchange-network.ts';

/** What every platform serves (accounts, audit, ledger, health, API docs). */
const COMMON =
  /^\/(api\/(auth|system|organisations|users|audit-events|ledger)(\/|$)|healthz|readyz|docs|openapi)/;
/** The hub's own functions: exchange, publication, CA recognition, shared entity registration. */
const HUB = /^\/api\/(exchange|public|ca)(\/|$)/;
/** The transaction platform's functions: none of these may appear on the hub. */
const TRADING = /^\/api\/(projects|sections|tenders|bids|experts|entrustments|notices|platform)(\/|$)/;

async function routesOf(service: TestService): Promise<string[]> {
  const spec = (await service.app.inject('/openapi.json')).json() as { paths: Record<string, object> };
  return Object.keys(spec.paths).sort();
}

describe("the hub's route table", () => {
  let hub: TestService;
  let trading: TestService;
  beforeAll(async () => {
    const exchange = { platformName: '公共服务平台', regionCode: '350100' };
    hub = await startTestService('hub', 'sqlite', {
      config: { services: { hub: { exchange: { ...exchange, platformCode: NETWORK_CODES.cityHub } } } },
    });
    trading = await startTestService('trading', 'sqlite', {
      config: { services: { trading: { exchange: { ...exchange, platformCode: NETWORK_CODES.trading } } } },
    });
  });
  afterAll(async () => {
    await hub?.close();
    await trading?.close();
  });

  it('names the trading functions it checks for (they exist on the transaction platform)', async () => {
    const tradingRoutes = await routesOf(trading);
    for (const prefix of ['projects', 'bids', 'experts', 'tenders', 'sections']) {
      expect(
        tradingRoutes.some((path) => path.startsWith(`/api/${prefix}`)),
        prefix,
      ).toBe(true);
    }
  });

  it('has only common and hub routes, and no trading route', async () => {
    const routes = await routesOf(hub);
    expect(routes.length).toBeGreaterThan(20);
    expect(routes.filter((path) => TRADING.test(path))).toEqual([]);
    expect(routes.filter((path) => !COMMON.test(path) && !HUB.test(path))).toEqual([]);
    expect(routes).toContain('/api/exchange/messages');
    expect(routes).toContain('/api/public/notices');
  });

  it('refuses a trading call with a coded 404', async () => {
    const response = await hub.app.inject({ method: 'POST', url: '/api/projects', payload: {} });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('ROUTE_NOT_FOUND');
  });
});
