import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexNotices } from '../../src/hub/notices/index-notices.ts';
import type { NewNotice } from '../../src/hub/notices/notice-repository.ts';
import { errorOf, startTestService, type TestService } from '../support/services.ts';
import { DIALECTS } from '../support/stores.ts';

let serial = 0;

function aNotice(overrides: Partial<NewNotice> = {}): NewNotice {
  serial++;
  return {
    id: randomUUID(),
    platformCode: 'P3501000001',
    dataSetCode: '503',
    dataKey: `notice-${serial}`,
    noticeType: 'announcement',
    title: `测试公告${serial}`,
    body: '',
    regionCode: '350102',
    industryCode: 'A02',
    procedure: 'open',
    unifiedDealCode: null,
    tenderProjectCode: null,
    sectionCodes: [],
    amountFen: null,
    currency: null,
    publishedAt: '2026-02-10T02:00:00.000Z',
    receivedAt: '2026-02-10T02:00:05.000Z',
    ...overrides,
  };
}

describe.each(DIALECTS)('public notice routes on %s', (dialect) => {
  let service: TestService;
  const road = aNotice({
    title: '福州市鼓楼区道路改造工程施工招标公告',
    body: '招标人：福州市鼓楼区建设局\n第二行 <b>&</b>',
    publishedAt: '2026-02-24T02:00:00Z',
    amountFen: 1_250_000_00,
    currency: 'CNY',
    sectionCodes: ['E3501020001001'],
    unifiedDealCode: '91350102MA2YABCD1X20260110000001K',
  });
  const school = aNotice({
    title: '厦门市翔安区第二实验小学扩建工程监理中标候选人公示',
    noticeType: 'candidate-publicity',
    regionCode: '350213',
    industryCode: 'A01',
    publishedAt: '2026-02-26T09:30:00Z',
    amountFen: 38_000_05,
  });
  const hangzhou = aNotice({
    title: '杭州市西湖区道路提升工程勘察设计招标公告 <A&B>',
    regionCode: '330106',
    industryCode: 'A04',
    publishedAt: '2026-02-20T16:30:00Z',
    amountFen: 9_900_000_00,
  });

  beforeAll(async () => {
    service = await startTestService('hub', dialect);
    await service.store.db.transaction().execute((trx) => indexNotices(trx, [road, school, hangzhou]));
  });
  afterAll(() => service.close());

  const get = (url: string, headers: Record<string, string> = {}) =>
    service.app.inject({ method: 'GET', url, headers });

  it('finds a Chinese phrase without signing in, with amounts in yuan and the words marked in the title', async () => {
    const response = await get(`/api/public/notices?q=${encodeURIComponent('道路改造')}`);
    expect(response.statusCode).toBe(200);
    const page = response.json();
    expect(page).toMatchObject({ total: 1, totalExact: true, page: 1, pageSize: 20 });
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({
      id: road.id,
      title: road.title,
      noticeType: 'announcement',
      regionCode: '350102',
      amount: 1_250_000,
      currency: 'CNY',
      sectionCodes: ['E3501020001001'],
      titleHighlights: [[6, 10]],
      publishedAt: '2026-02-24T02:00:00.000Z',
    });
    expect(page.items[0]).not.toHaveProperty('body');
    expect(page.items[0]).not.toHaveProperty('seq');
  });

  it('lists every notice newest first and combines the filters', async () => {
    const all = (await get('/api/public/notices')).json();
    expect(all.items.map((item: { id: string }) => item.id)).toEqual([school.id, road.id, hangzhou.id]);
    expect(all.total).toBe(3);

    const titles = async (query: string) =>
      (await get(`/api/public/notices?${query}`)).json().items.map((item: { title: string }) => item.title);
    expect(await titles('region=350000')).toEqual([school.title, road.title]);
    expect(await titles('region=3301')).toEqual([hangzhou.title]);
    expect(await titles('type=candidate-publicity')).toEqual([school.title]);
    expect(await titles('industry=A02')).toEqual([road.title]);
    expect(await titles('from=2026-02-22&to=2026-02-24')).toEqual([road.title]);
    // 2026-02-20T16:30Z is 2026-02-21 00:30 in China Standard Time.
    expect(await titles('from=2026-02-21&to=2026-02-21')).toEqual([hangzhou.title]);
    expect(await titles('minAmount=38000.05&maxAmount=1250000')).toEqual([school.title, road.title]);
    expect(await titles('minAmount=38000.06')).toEqual([road.title, hangzhou.title]);
    expect(await titles(`q=${encodeURIComponent('道路')}&region=35`)).toEqual([road.title]);
  });

  it('pages the results', async () => {
    const second = (await get('/api/public/notices?page=2&pageSize=2')).json();
    expect(second).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(second.items.map((item: { id: string }) => item.id)).toEqual([hangzhou.id]);
  });

  it.each([
    ['region=35010', 'querystring.region'],
    ['type=tender', 'querystring.type'],
    ['from=2026-02-30', 'querystring.from'],
    ['minAmount=12.345', 'querystring.minAmount'],
    ['maxAmount=-1', 'querystring.maxAmount'],
    ['minAmount=10&maxAmount=9', 'querystring.maxAmount'],
    ['from=2026-03-02&to=2026-03-01', 'querystring.to'],
    ['pageSize=101', 'querystring.pageSize'],
    ['page=0', 'querystring.page'],
    ['page=200&pageSize=100', 'querystring.page'],
    [`q=${encodeURIComponent('一 二 三 四 五 六 七 八 九')}`, 'querystring.q'],
  ])('refuses %s with VALIDATION_FAILED naming %s', async (query, path) => {
    const response = await get(`/api/public/notices?${query}`, { 'accept-language': 'en-US' });
    expect(response.statusCode).toBe(400);
    const error = errorOf(response);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.message).toContain('The request is invalid');
    expect(error.details!.map((d) => d.path)).toContain(path);
  });

  it('answers one notice with its text, and NOTICE_NOT_FOUND for an unknown one', async () => {
    const response = await get(`/api/public/notices/${road.id}`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      id: road.id,
      body: road.body,
      amount: 1_250_000,
      unifiedDealCode: road.unifiedDealCode,
      platformCode: 'P3501000001',
    });

    const missing = await get(`/api/public/notices/${randomUUID()}`);
    expect(missing.statusCode).toBe(404);
    expect(errorOf(missing)).toMatchObject({ code: 'NOTICE_NOT_FOUND' });
  });

  it('serves a search as an Atom feed linking each notice to the portal page, escaped', async () => {
    const response = await get(`/api/public/notices.atom?q=${encodeURIComponent('道路')}&page=3`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    const xml = response.body;
    expect(
      xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"'),
    ).toBe(true);
    expect(xml.match(/<entry>/g)).toHaveLength(2);
    expect(xml).toContain(`<id>urn:uuid:${road.id}</id>`);
    expect(xml).toContain(`<link rel="alternate" type="text/html" href="/public/notices/${road.id}"/>`);
    expect(xml).toContain('<title>杭州市西湖区道路提升工程勘察设计招标公告 &lt;A&amp;B&gt;</title>');
    expect(xml).toContain('<updated>2026-02-24T02:00:00.000Z</updated>');
    expect(xml).toContain('金额 ¥1,250,000.00');
    expect(xml).toContain('发布 2026-02-24 10:00（北京时间）');
    // The self link keeps the filters, not the paging.
    expect(xml).toContain('href="notices.atom?q=%E9%81%93%E8%B7%AF"');
    expect(xml.indexOf(road.id)).toBeLessThan(xml.indexOf(hangzhou.id));
  });

  it('serves an empty feed with the clock as its updated time, and refuses bad filters', async () => {
    const empty = await get('/api/public/notices.atom?type=contract');
    expect(empty.statusCode).toBe(200);
    expect(empty.body).not.toContain('<entry>');
    expect(empty.body).toContain(`<updated>${service.clock.now().toISOString()}</updated>`);

    const bad = await get('/api/public/notices.atom?region=x');
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).code).toBe('VALIDATION_FAILED');
  });
});
