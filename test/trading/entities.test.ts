import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { EXAMPLE_CODES, exampleRecord } from '../../src/exchange/data-set-examples.ts';
import { applyEntityRecord } from '../../src/hub/entities/apply-entity-record.ts';
import { scheduledTaskActor } from '../../src/domain/actor.ts';
import type { UseCaseContext } from '../../src/store/context.ts';
import { hubEntitiesClient, type HubEntities } from '../../src/trading/entities/hub-entities.ts';
import { hubLinkDb } from '../../src/trading/entities/hub-link-tables.ts';
import { syncOrganisationsFromHub } from '../../src/trading/entities/sync-organisations-from-hub.ts';
import { tradingDb } from '../../src/trading/schema.ts';
import { aCreditCode } from '../support/factories.ts';
import { errorOf, startTestService, type TestService } from '../support/services.ts';
import { DIALECTS } from '../support/stores.ts';

const OTHER_PLATFORM = EXAMPLE_CODES.platform;

/** The trading platform's place in the exchange, its hub at `url`. */
function exchangeConfig(url: string, deliveryIntervalMs = 0) {
  return {
    services: {
      trading: {
        exchange: {
          platformCode: EXAMPLE_CODES.platform,
          platformName: '测试交易平台',
          regionCode: '350100',
          upstream: { platformCode: EXAMPLE_CODES.hub, url },
          deliveryIntervalMs,
        },
      },
    },
  };
}

/** A port nothing listens on: the hub is down. */
const DOWN_URL = 'http://127.0.0.1:9';

async function register(hub: TestService, creditCode: string, name: string, representative = '王立新') {
  const record = {
    ...exampleRecord('100'),
    LEGAL_CODE: creditCode,
    LEGAL_NAME: name,
    LEGAL_REPRESENT: representative,
  };
  await hub.store.db
    .transaction()
    .execute((trx) =>
      applyEntityRecord(trx, { platformCode: OTHER_PLATFORM }, '100', record, hub.clock.now()),
    );
}

describe.each(DIALECTS)('trading sign-up and the hub entity register on %s', (dialect) => {
  let hub: TestService;
  let trading: TestService;
  let downTrading: TestService;
  let hubUrl: string;
  let client: HubEntities;
  let operator: string;
  let downOperator: string;

  beforeAll(async () => {
    hub = await startTestService('hub', dialect);
    await hub.app.listen({ host: '127.0.0.1', port: 0 });
    hubUrl = `http://127.0.0.1:${(hub.app.server.address() as AddressInfo).port}`;
    client = hubEntitiesClient(hubUrl);
    trading = await startTestService('trading', dialect, { config: exchangeConfig(hubUrl) });
    downTrading = await startTestService('trading', dialect, { config: exchangeConfig(DOWN_URL) });
    operator = (await trading.userWithRoles(['platform_operator'])).token;
    downOperator = (await downTrading.userWithRoles(['platform_operator'])).token;
  });
  afterAll(async () => {
    await trading?.close();
    await downTrading?.close();
    await hub?.close();
  });

  const signUp = (svc: TestService, token: string, body: Record<string, unknown>, locale = 'zh-CN') =>
    svc.app.inject({
      method: 'POST',
      url: '/api/organisations',
      headers: { authorization: `Bearer ${token}`, 'accept-language': locale },
      payload: body,
    });

  const syncCtx = (svc: TestService): UseCaseContext => ({
    db: svc.store.db,
    clock: svc.clock,
    actor: scheduledTaskActor('hub-entity-sync'),
    platform: 'trading',
  });

  const linkOf = (svc: TestService, organisationId: string) =>
    hubLinkDb(svc.store.db)
      .selectFrom('organisationHubLink')
      .selectAll()
      .where('organisationId', '=', organisationId)
      .executeTakeFirst();

  const outboxOf = (svc: TestService, organisationId: string) =>
    tradingDb(svc.store.db)
      .selectFrom('outbox')
      .selectAll()
      .where('aggregateId', '=', organisationId)
      .orderBy('seq')
      .execute();

  it('looks a credit code up at the hub', async () => {
    const code = aCreditCode();
    await register(hub, code, '福建闽都建设有限公司');
    expect(await client.lookUp(code)).toMatchObject({
      creditCode: code,
      name: '福建闽都建设有限公司',
      version: 1,
    });
    expect(await client.lookUp(aCreditCode())).toBeNull();
    await expect(hubEntitiesClient(DOWN_URL).lookUp(code)).rejects.toThrow(/did not answer/);
  });

  it('refuses a sign-up whose name differs from the name registered at the hub', async () => {
    const code = aCreditCode();
    await register(hub, code, '福州榕发工程有限公司');
    const refused = await signUp(trading, operator, { creditCode: code, name: '福州榕发公司' });
    expect(refused.statusCode).toBe(409);
    expect(errorOf(refused)).toMatchObject({ code: 'ENTITY_NAME_MISMATCH' });
    expect(errorOf(refused).message).toContain('“福州榕发工程有限公司”');
    const english = await signUp(trading, operator, { creditCode: code, name: '福州榕发公司' }, 'en-US');
    expect(errorOf(english).message).toContain('registered at the hub as "福州榕发工程有限公司"');
    const none = await tradingDb(trading.store.db)
      .selectFrom('organisation')
      .select('id')
      .where('creditCode', '=', code)
      .execute();
    expect(none).toEqual([]);
  });

  it('accepts the registered name (brackets of either width) and reports only its capacity to the hub', async () => {
    const code = aCreditCode();
    await register(hub, code, '中建海峡（福建）有限公司');
    const response = await signUp(trading, operator, {
      creditCode: code,
      name: '中建海峡(福建)有限公司',
      roles: ['bidder'],
    });
    expect(response.statusCode).toBe(201);
    const organisation = response.json();
    expect(await linkOf(trading, organisation.id)).toMatchObject({ status: 'linked', hubVersion: 1 });
    const outbox = await outboxOf(trading, organisation.id);
    expect(outbox.map((row) => row.dataSetCode)).toEqual(['103']);
  });

  it('queues a new organisation for the hub in the sign-up transaction', async () => {
    const code = aCreditCode();
    const response = await signUp(trading, operator, {
      creditCode: code,
      name: '福州新开源科技有限公司',
      legalRepresentative: '陈一',
      region: '福州市',
      roles: ['tenderer', 'bidder'],
    });
    expect(response.statusCode).toBe(201);
    const organisation = response.json();
    expect(await linkOf(trading, organisation.id)).toMatchObject({ status: 'new', hubVersion: null });
    const outbox = await outboxOf(trading, organisation.id);
    expect(outbox.map((row) => [row.eventType, row.dataSetCode, row.aggregateType])).toEqual([
      ['organisation.registered', '100', 'organisation'],
      ['organisation.registered', '101', 'organisation'],
      ['organisation.registered', '103', 'organisation'],
    ]);
    expect(JSON.parse(outbox[0]!.payload)).toEqual({
      creditCode: code,
      name: '福州新开源科技有限公司',
      legalRepresentative: '陈一',
      region: '福州市',
      regionCode: code.slice(2, 8),
      legalType: '1',
      legalStatus: '1',
      registeredAt: organisation.createdAt,
    });
    expect(JSON.parse(outbox[2]!.payload)).toMatchObject({ creditCode: code, role: 'bidder' });
  });

  it('accepts a sign-up while the hub is unreachable, and checks it later', async () => {
    const code = aCreditCode();
    const response = await signUp(downTrading, downOperator, {
      creditCode: code,
      name: '榕城临时名称有限公司',
    });
    expect(response.statusCode).toBe(201);
    const organisation = response.json();
    expect(await linkOf(downTrading, organisation.id)).toMatchObject({ status: 'unchecked' });

    // The hub comes back and knows the code under its registered name: the platform takes it.
    await register(hub, code, '榕城正式名称有限公司', '赵六');
    expect(await syncOrganisationsFromHub(syncCtx(downTrading), client)).toMatchObject({ checked: 1 });
    const synced = await downTrading.app.inject({
      method: 'GET',
      url: `/api/organisations/${organisation.id}`,
      headers: { authorization: `Bearer ${downOperator}` },
    });
    expect(synced.json()).toMatchObject({ name: '榕城正式名称有限公司', legalRepresentative: '赵六' });
    expect(await linkOf(downTrading, organisation.id)).toMatchObject({ status: 'linked', hubVersion: 1 });
    const events = await downTrading.store.db
      .selectFrom('auditEvent')
      .select(['action', 'detail'])
      .where('objectId', '=', organisation.id)
      .orderBy('seq')
      .execute();
    expect(events.map((e) => e.action)).toEqual(['organisation.registered', 'organisation.synced_from_hub']);
    expect(JSON.parse(events[0]!.detail)).toMatchObject({ hubCheck: 'unchecked' });
    expect(JSON.parse(events[1]!.detail)).toMatchObject({ reason: 'deferred_check' });
  });

  it("follows the hub's changes of its organisations' names and legal representatives", async () => {
    const code = aCreditCode();
    await register(hub, code, '福建三明建工有限公司', '孙七');
    const organisation = (
      await signUp(trading, operator, { creditCode: code, name: '福建三明建工有限公司' })
    ).json();
    await syncOrganisationsFromHub(syncCtx(trading), client);

    await register(hub, code, '福建三明建工集团有限公司', '周八');
    const round = await syncOrganisationsFromHub(syncCtx(trading), client);
    expect(round.updated).toBe(1);
    const row = await tradingDb(trading.store.db)
      .selectFrom('organisation')
      .selectAll()
      .where('id', '=', organisation.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name: '福建三明建工集团有限公司', legalRepresentative: '周八' });
    expect(await linkOf(trading, organisation.id)).toMatchObject({ status: 'linked', hubVersion: 2 });
    const event = await trading.store.db
      .selectFrom('auditEvent')
      .select('detail')
      .where('objectId', '=', organisation.id)
      .where('action', '=', 'organisation.synced_from_hub')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(event.detail)).toMatchObject({
      reason: 'hub_change',
      hubVersion: 2,
      changes: { name: { from: '福建三明建工有限公司', to: '福建三明建工集团有限公司' } },
    });
    // Nothing new: a second round changes nothing.
    expect(await syncOrganisationsFromHub(syncCtx(trading), client)).toEqual({ checked: 0, updated: 0 });
  });

  it('follows more organisations than one request names, in groups', async () => {
    const db = tradingDb(trading.store.db);
    const codes = Array.from({ length: 230 }, () => aCreditCode());
    const at = trading.clock.now().toISOString();
    await db
      .insertInto('organisation')
      .values(
        codes.map((creditCode, i) => ({
          id: `bulk-${dialect}-${i}`,
          creditCode,
          name: `批量${i}`,
          region: null,
          legalRepresentative: null,
          createdAt: at,
          updatedAt: at,
        })),
      )
      .execute();
    const last = codes.toSorted().at(-1)!;
    await register(hub, last, '最后一家有限公司');
    expect((await syncOrganisationsFromHub(syncCtx(trading), client)).updated).toBe(1);
    const row = await db
      .selectFrom('organisation')
      .select('name')
      .where('creditCode', '=', last)
      .executeTakeFirstOrThrow();
    expect(row.name).toBe('最后一家有限公司');
  });
});

describe('the subscription runs with the trading service', () => {
  it('starts with the app, picks up changes, and stops with it', async () => {
    const hub = await startTestService('hub', 'sqlite');
    await hub.app.listen({ host: '127.0.0.1', port: 0 });
    const url = `http://127.0.0.1:${(hub.app.server.address() as AddressInfo).port}`;
    const trading = await startTestService('trading', 'sqlite', { config: exchangeConfig(url, 20) });
    try {
      const code = aCreditCode();
      await register(hub, code, '旧名称有限公司');
      const { token } = await trading.userWithRoles(['platform_operator']);
      const created = await trading.app.inject({
        method: 'POST',
        url: '/api/organisations',
        headers: { authorization: `Bearer ${token}` },
        payload: { creditCode: code, name: '旧名称有限公司' },
      });
      expect(created.statusCode).toBe(201);
      await register(hub, code, '新名称有限公司');
      await vi.waitFor(
        async () => {
          const row = await tradingDb(trading.store.db)
            .selectFrom('organisation')
            .select('name')
            .where('creditCode', '=', code)
            .executeTakeFirstOrThrow();
          expect(row.name).toBe('新名称有限公司');
        },
        { timeout: 5000, interval: 100 },
      );
    } finally {
      await trading.close();
      await hub.close();
    }
  });
});
