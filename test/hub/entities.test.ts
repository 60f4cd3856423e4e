import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { platformCode } from '../../src/exchange/codes/identity-codes.ts';
import { EXAMPLE_CODES, exampleRecord } from '../../src/exchange/data-set-examples.ts';
import { validateRecord, type ExchangeRecord } from '../../src/exchange/validate-record.ts';
import { applyEntityRecord } from '../../src/hub/entities/apply-entity-record.ts';
import { findEntity } from '../../src/hub/entities/entity-repository.ts';
import { hubService } from '../../src/hub/service.ts';
import { aCreditCode } from '../support/factories.ts';
import { errorOf, startTestService, type TestService } from '../support/services.ts';
import { DIALECTS, openTestStore, type TestStore } from '../support/stores.ts';

const PLATFORM_A = EXAMPLE_CODES.platform;
const PLATFORM_B = platformCode(EXAMPLE_CODES.operator, 2);
const AT = new Date('2026-03-02T01:00:00.000Z');

/** A valid record of an entity data set for `creditCode`. */
function anEntityRecord(dataSetCode: string, creditCode: string, fields: Record<string, string> = {}) {
  const record: ExchangeRecord = { ...exampleRecord(dataSetCode), LEGAL_CODE: creditCode, ...fields };
  const errors = validateRecord(dataSetCode, record);
  if (errors.length) throw new Error(JSON.stringify(errors));
  return record;
}

function apply(store: TestStore, dataSetCode: string, record: ExchangeRecord, platformCode = PLATFORM_A) {
  return store.db
    .transaction()
    .execute((trx) => applyEntityRecord(trx, { platformCode }, dataSetCode, record, AT));
}

describe.each(DIALECTS)('hub entity register on %s', (dialect) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await openTestStore(dialect, hubService.migrations);
  });
  afterAll(async () => store.dispose());

  it('registers an entity once, and a record applied again changes nothing', async () => {
    const code = aCreditCode();
    const record = anEntityRecord('100', code, { LEGAL_NAME: '福州一建有限公司', LEGAL_REPRESENT: '林一' });
    const first = await apply(store, '100', record);
    expect(first).toMatchObject({
      creditCode: code,
      version: 1,
      dataSetCode: '100',
      platformCode: PLATFORM_A,
    });
    expect(first!.changes.name).toEqual({ from: null, to: '福州一建有限公司' });
    expect(await apply(store, '100', record)).toBeNull();
    expect(await apply(store, '100', record, PLATFORM_B)).toBeNull();
    expect(await findEntity(store.db, code)).toMatchObject({
      name: '福州一建有限公司',
      legalRepresentative: '林一',
      kinds: [],
      legalType: record.LEGAL_TYPE,
      regionCode: record.REGION_CODE,
      firstPlatformCode: PLATFORM_A,
      version: 1,
    });
  });

  it('bumps the version at each change and keeps each change with its fields before and after', async () => {
    const code = aCreditCode();
    await apply(store, '100', anEntityRecord('100', code, { LEGAL_NAME: '甲公司', LEGAL_REPRESENT: '张三' }));
    const bidder = await apply(
      store,
      '103',
      anEntityRecord('103', code, { LEGAL_NAME: '别的名字' }),
      PLATFORM_B,
    );
    expect(bidder).toMatchObject({ version: 2, changes: { kinds: { from: [], to: ['bidder'] } } });
    // A capacity record does not rename a registered entity.
    expect((await findEntity(store.db, code))!.name).toBe('甲公司');
    await apply(store, '101', anEntityRecord('101', code));
    const renamed = await apply(
      store,
      '100',
      anEntityRecord('100', code, { LEGAL_NAME: '甲（福建）公司', LEGAL_REPRESENT: '李四' }),
      PLATFORM_B,
    );
    expect(renamed!.version).toBe(4);
    expect(renamed!.changes).toEqual({
      name: { from: '甲公司', to: '甲（福建）公司' },
      legalRepresentative: { from: '张三', to: '李四' },
    });
    const entity = await findEntity(store.db, code);
    expect(entity).toMatchObject({
      version: 4,
      kinds: ['tenderer', 'bidder'],
      firstPlatformCode: PLATFORM_A,
    });
  });

  it('creates an entity from a capacity record, and ignores data sets that are not entity records', async () => {
    const code = aCreditCode();
    const change = await apply(store, '102', anEntityRecord('102', code, { LEGAL_NAME: '代理公司' }));
    expect(change).toMatchObject({ version: 1, changes: { kinds: { to: ['agency'] } } });
    expect(await findEntity(store.db, code)).toMatchObject({ name: '代理公司', legalRepresentative: null });
    expect(await apply(store, '503', { LEGAL_CODE: aCreditCode() })).toBeNull();
  });
});

describe.each(DIALECTS)('hub entity routes on %s', (dialect) => {
  let hub: TestService;
  const codes = [aCreditCode(), aCreditCode(), aCreditCode()];
  beforeAll(async () => {
    hub = await startTestService('hub', dialect);
    await apply(hub.store, '100', anEntityRecord('100', codes[0]!, { LEGAL_NAME: '闽江建设集团有限公司' }));
    await apply(hub.store, '100', anEntityRecord('100', codes[1]!, { LEGAL_NAME: '榕城监理有限公司' }));
    await apply(hub.store, '103', anEntityRecord('103', codes[0]!));
    await apply(hub.store, '100', anEntityRecord('100', codes[2]!, { LEGAL_NAME: '闽江路桥有限公司' }));
  });
  afterAll(async () => hub.close());

  const get = (url: string, locale = 'zh-CN') =>
    hub.app.inject({ method: 'GET', url, headers: { 'accept-language': locale } });

  it('looks an entity up by its credit code', async () => {
    const response = await get(`/api/public/entities/${codes[0]!.toLowerCase()}`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      creditCode: codes[0],
      name: '闽江建设集团有限公司',
      kinds: ['bidder'],
      version: 2,
    });
  });

  it('answers 404 ENTITY_NOT_FOUND for an unknown code and 400 naming a wrong check character', async () => {
    const unknown = await get(`/api/public/entities/${aCreditCode()}`);
    expect(unknown.statusCode).toBe(404);
    expect(errorOf(unknown).code).toBe('ENTITY_NOT_FOUND');
    const wrong = codes[0]!.slice(0, 17) + (codes[0]!.endsWith('0') ? '1' : '0');
    const bad = await get(`/api/public/entities/${wrong}`);
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).code).toBe('CREDIT_CODE_CHECK');
    expect(errorOf(bad).message).toContain('第 18 位校验码有误');
    expect(errorOf(await get(`/api/public/entities/${wrong}`, 'en-US')).message).toContain('check character');
  });

  it('lists entities by part of the name, paged', async () => {
    const page = (await get(`/api/public/entities?q=${encodeURIComponent('闽江')}&pageSize=1`)).json();
    expect(page).toMatchObject({ total: 2, page: 1, pageSize: 1 });
    expect(page.items.map((e: { name: string }) => e.name)).toEqual(['闽江建设集团有限公司']);
    const second = (
      await get(`/api/public/entities?q=${encodeURIComponent('闽江')}&pageSize=1&page=2`)
    ).json();
    expect(second.items.map((e: { name: string }) => e.name)).toEqual(['闽江路桥有限公司']);
  });

  it('follows the changes of chosen entities after a cursor, in commit order', async () => {
    const followed = `${codes[0]},${codes[2]}`;
    const first = (await get(`/api/public/entities/changes?creditCodes=${followed}&limit=2`)).json();
    expect(
      first.items.map((c: { creditCode: string; version: number }) => [c.creditCode, c.version]),
    ).toEqual([
      [codes[0], 1],
      [codes[0], 2],
    ]);
    const second = (
      await get(`/api/public/entities/changes?creditCodes=${followed}&limit=2&cursor=${first.next}`)
    ).json();
    expect(second.items.map((c: { creditCode: string }) => c.creditCode)).toEqual([codes[2]]);
    // At the end: nothing new, and the cursor has moved past every change so far.
    const end = (
      await get(`/api/public/entities/changes?creditCodes=${followed}&cursor=${second.next}`)
    ).json();
    expect(end.items).toEqual([]);

    await apply(hub.store, '100', anEntityRecord('100', codes[1]!, { LEGAL_NAME: '榕城工程监理有限公司' }));
    await apply(hub.store, '100', anEntityRecord('100', codes[2]!, { LEGAL_NAME: '闽江路桥集团有限公司' }));
    const later = (
      await get(`/api/public/entities/changes?creditCodes=${followed}&cursor=${end.next}`)
    ).json();
    expect(later.items).toHaveLength(1);
    expect(later.items[0]).toMatchObject({
      creditCode: codes[2],
      version: 2,
      changes: { name: { from: '闽江路桥有限公司', to: '闽江路桥集团有限公司' } },
    });
    const all = (await get('/api/public/entities/changes?limit=1000')).json();
    expect(all.items.length).toBeGreaterThanOrEqual(6);
  });

  it('refuses a bad cursor, a limit over 1000 and a wrong credit code', async () => {
    for (const query of ['cursor=not-a-cursor!', 'limit=1001', `creditCodes=${codes[0]},ABC`]) {
      const response = await get(`/api/public/entities/changes?${query}`);
      expect(response.statusCode, query).toBe(400);
    }
    expect(errorOf(await get(`/api/public/entities/changes?creditCodes=ABC`)).code).toBe(
      'CREDIT_CODE_LENGTH',
    );
  });
});
