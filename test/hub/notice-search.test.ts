import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/domain/errors.ts';
import * as hubNotices from '../../src/hub/migrations/0014-hub-notices.ts';
import { indexNotices } from '../../src/hub/notices/index-notices.ts';
import { findNoticeById, type NewNotice, type Notice } from '../../src/hub/notices/notice-repository.ts';
import { NOTICE_TYPES } from '../../src/hub/notices/notice-types.ts';
import { type NoticeSearchPage, searchNotices } from '../../src/hub/notices/search-notices.ts';
import type { NoticeSearchQuery } from '../../src/hub/notices/search-query.ts';
import { normalizeText } from '../../src/hub/notices/text-normalization.ts';
import { COMMON_MIGRATIONS } from '../../src/store/migrator.ts';
import { DIALECTS, openTestStore, PG_URL, type TestStore } from '../support/stores.ts';

const MIGRATIONS = { ...COMMON_MIGRATIONS, '0014-hub-notices': hubNotices };

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
    publishedAt: '2025-03-03T02:00:00.000Z',
    receivedAt: '2025-03-03T02:00:05.000Z',
    ...overrides,
  };
}

function publish(store: TestStore, notices: readonly NewNotice[]): Promise<Notice[]> {
  return store.db.transaction().execute((trx) => indexNotices(trx, notices));
}

function search(store: TestStore, query: Partial<NoticeSearchQuery>): Promise<NoticeSearchPage> {
  return searchNotices(store.db, { page: 1, pageSize: 20, ...query });
}

async function titles(store: TestStore, query: Partial<NoticeSearchQuery>): Promise<string[]> {
  return (await search(store, query)).items.map((item) => item.title);
}

describe.each(DIALECTS)('notice search on %s', (dialect) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await openTestStore(dialect, MIGRATIONS);
    await publish(store, [
      aNotice({
        title: '福州市鼓楼区道路改造工程施工招标公告',
        publishedAt: '2025-03-03T02:00:00Z',
        amountFen: 1_250_000_00,
      }),
      aNotice({
        title: '厦门市翔安区第二实验小学扩建工程监理中标候选人公示',
        noticeType: 'candidate-publicity',
        regionCode: '350213',
        industryCode: 'A01',
        publishedAt: '2025-03-05T09:30:00Z',
        amountFen: 38_000_00,
      }),
      aNotice({
        title: '南平市延平区污水处理厂提标改造工程ＥＰＣ总承包中标结果公告',
        noticeType: 'result',
        regionCode: '350702',
        industryCode: 'A07',
        publishedAt: '2025-02-20T01:00:00Z',
        amountFen: 56_780_000_00,
        unifiedDealCode: '91350702MA2YABCD1X20250110000001K',
      }),
      aNotice({
        title: 'G316线长乐段路面改造工程施工招标文件澄清',
        noticeType: 'clarification',
        regionCode: '350112',
        industryCode: 'A03',
        publishedAt: '2025-03-04T00:00:00Z',
        body: '招标人：福州市长乐区交通运输局；项目编号：CL-2025-017',
        tenderProjectCode: 'E350112-07',
      }),
      aNotice({
        title: '杭州市西湖区道口铁路改线工程勘察设计招标公告',
        regionCode: '330106',
        industryCode: 'A04',
        publishedAt: '2025-03-01T16:30:00Z',
        amountFen: 9_900_000_00,
      }),
      aNotice({
        title: '泉州市道路工程改造提升项目招标公告',
        regionCode: '350500',
        publishedAt: '2025-01-15T03:00:00Z',
        amountFen: 100_000_000,
      }),
    ]);
  });
  afterAll(() => store.dispose());

  it('finds a word in the middle of a title, and marks it there', async () => {
    const page = await search(store, { text: '道路改造' });
    expect(page.items.map((item) => item.title)).toEqual(['福州市鼓楼区道路改造工程施工招标公告']);
    expect(page.items[0]!.titleHighlights).toEqual([[6, 10]]);
    expect(page).toMatchObject({ total: 1, totalExact: true, page: 1, pageSize: 20 });
  });

  it('answers one- and two-character words', async () => {
    expect(await titles(store, { text: '澄' })).toEqual(['G316线长乐段路面改造工程施工招标文件澄清']);
    expect((await search(store, { text: '路' })).total).toBe(4);
    expect(await titles(store, { text: '监理' })).toEqual([
      '厦门市翔安区第二实验小学扩建工程监理中标候选人公示',
    ]);
    expect((await search(store, { text: '公告' })).total).toBe(4);
  });

  it('finds no notice whose characters are there but not next to each other', async () => {
    // 道口铁路 has 道 and 路; 道路工程改造 has 道路 and 改造, not 道路改造.
    expect(await titles(store, { text: '道路' })).toEqual([
      '福州市鼓楼区道路改造工程施工招标公告',
      '泉州市道路工程改造提升项目招标公告',
    ]);
    expect(await titles(store, { text: '道路改造' })).toEqual(['福州市鼓楼区道路改造工程施工招标公告']);
    expect(await titles(store, { text: '路工程改' })).toEqual(['泉州市道路工程改造提升项目招标公告']);
  });

  it('matches Latin letters and digits, whatever their width and case', async () => {
    const result = '南平市延平区污水处理厂提标改造工程ＥＰＣ总承包中标结果公告';
    expect(await titles(store, { text: 'EPC总承包' })).toEqual([result]);
    expect(await titles(store, { text: 'epc' })).toEqual([result]);
    expect(await titles(store, { text: 'ｇ３１６线' })).toEqual(['G316线长乐段路面改造工程施工招标文件澄清']);
    expect((await search(store, { text: 'ＥＰＣ总' })).items[0]!.titleHighlights).toEqual([[17, 21]]);
  });

  it('searches the text as well as the title, and the codes whole', async () => {
    expect(await titles(store, { text: '交通运输局' })).toEqual(['G316线长乐段路面改造工程施工招标文件澄清']);
    expect(await titles(store, { text: 'cl-2025-017' })).toEqual([
      'G316线长乐段路面改造工程施工招标文件澄清',
    ]);
    expect((await search(store, { text: '91350702ma2yabcd1x20250110000001k' })).total).toBe(1);
    expect((await search(store, { text: 'ｅ３５０１１２-07 CL-2025' })).total).toBe(1);
    expect((await search(store, { text: 'MA2YABCD' })).total).toBe(0);
    // Text ends where the title ends: no word spans the title and the body.
    expect(await titles(store, { text: '澄清招标人' })).toEqual([]);
  });

  it('requires every word of the text', async () => {
    expect(await titles(store, { text: '改造 招标公告' })).toEqual([
      '福州市鼓楼区道路改造工程施工招标公告',
      '泉州市道路工程改造提升项目招标公告',
    ]);
    // One word in the title, the other in the text.
    expect(await titles(store, { text: '改造　福州' })).toEqual([
      'G316线长乐段路面改造工程施工招标文件澄清',
      '福州市鼓楼区道路改造工程施工招标公告',
    ]);
  });

  it('filters by region, a province or city taking in the counties below', async () => {
    expect((await search(store, { region: '35' })).total).toBe(5);
    expect((await search(store, { region: '350000' })).total).toBe(5);
    expect((await search(store, { region: '3501' })).total).toBe(2);
    expect((await search(store, { region: '350100' })).total).toBe(2);
    expect(await titles(store, { region: '350112' })).toEqual(['G316线长乐段路面改造工程施工招标文件澄清']);
    // A notice for a whole city is found by the city, not by its counties.
    expect(await titles(store, { region: '3505' })).toEqual(['泉州市道路工程改造提升项目招标公告']);
    expect(await titles(store, { region: '350502' })).toEqual([]);
    expect((await search(store, { region: '33', text: '改' })).total).toBe(1);
  });

  it('filters by industry and type', async () => {
    expect(await titles(store, { industry: 'A04' })).toEqual([
      '杭州市西湖区道口铁路改线工程勘察设计招标公告',
    ]);
    expect(await titles(store, { type: 'result' })).toEqual([
      '南平市延平区污水处理厂提标改造工程ＥＰＣ总承包中标结果公告',
    ]);
    expect(await titles(store, { type: 'announcement', text: '改造' })).toEqual([
      '福州市鼓楼区道路改造工程施工招标公告',
      '泉州市道路工程改造提升项目招标公告',
    ]);
  });

  it('filters by publication date in China Standard Time, both ends included', async () => {
    // Published 2025-03-01T16:30Z, which is 2 March in China.
    expect(await titles(store, { publishedFrom: '2025-03-02', publishedTo: '2025-03-02' })).toEqual([
      '杭州市西湖区道口铁路改线工程勘察设计招标公告',
    ]);
    expect(await titles(store, { publishedTo: '2025-03-01' })).toEqual([
      '南平市延平区污水处理厂提标改造工程ＥＰＣ总承包中标结果公告',
      '泉州市道路工程改造提升项目招标公告',
    ]);
    expect((await search(store, { publishedFrom: '2025-03-03' })).total).toBe(3);
    expect((await search(store, { publishedFrom: '2025-03-04', publishedTo: '2025-03-03' })).total).toBe(0);
  });

  it('filters by amount, both ends included, leaving out notices without one', async () => {
    expect(await titles(store, { minAmountFen: 1_250_000_00, maxAmountFen: 9_900_000_00 })).toEqual([
      '福州市鼓楼区道路改造工程施工招标公告',
      '杭州市西湖区道口铁路改线工程勘察设计招标公告',
    ]);
    expect((await search(store, { minAmountFen: 0 })).total).toBe(5);
    expect(await titles(store, { maxAmountFen: 100_000_000 })).toEqual([
      '厦门市翔安区第二实验小学扩建工程监理中标候选人公示',
      '泉州市道路工程改造提升项目招标公告',
    ]);
    expect((await search(store, { minAmountFen: 10, maxAmountFen: 9 })).total).toBe(0);
  });

  it('lists the newest first and pages through them', async () => {
    const all = await titles(store, {});
    expect(all).toEqual([
      '厦门市翔安区第二实验小学扩建工程监理中标候选人公示',
      'G316线长乐段路面改造工程施工招标文件澄清',
      '福州市鼓楼区道路改造工程施工招标公告',
      '杭州市西湖区道口铁路改线工程勘察设计招标公告',
      '南平市延平区污水处理厂提标改造工程ＥＰＣ总承包中标结果公告',
      '泉州市道路工程改造提升项目招标公告',
    ]);
    const second = await search(store, { page: 2, pageSize: 4 });
    expect(second.items.map((item) => item.title)).toEqual(all.slice(4));
    expect(second).toMatchObject({ total: 6, totalExact: true, page: 2, pageSize: 4 });
    expect((await search(store, { page: 3, pageSize: 4 })).items).toEqual([]);
  });

  it('returns each hit without its text, and the notice page reads it whole', async () => {
    const [hit] = (await search(store, { text: '交通运输局' })).items;
    expect(hit).not.toHaveProperty('body');
    expect(hit).toMatchObject({ regionCode: '350112', noticeType: 'clarification', amountFen: null });
    expect((await findNoticeById(store.db, hit!.id))?.body).toBe(
      '招标人：福州市长乐区交通运输局；项目编号：CL-2025-017',
    );
  });

  it('refuses malformed queries with the fields at fault', async () => {
    const problems = async (query: Partial<NoticeSearchQuery>) => {
      const error = await search(store, query).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      return (error as AppError).details.map((d) => d.path);
    };
    expect(await problems({ region: '3501x' })).toEqual(['region']);
    expect(await problems({ publishedFrom: '2025-02-30' })).toEqual(['publishedFrom']);
    expect(await problems({ minAmountFen: -1 })).toEqual(['minAmountFen']);
    expect(await problems({ page: 600, pageSize: 20 })).toEqual(['page']);
    expect(await problems({ pageSize: 1000 })).toEqual(['pageSize']);
    expect(await problems({ text: '一 二 三 四 五 六 七 八 九' })).toEqual(['text']);
  });
});

describe.each(DIALECTS)('notice index on %s', (dialect) => {
  it('keeps the order and the counts across blocks and weeks', async () => {
    const store = await openTestStore(dialect, MIGRATIONS);
    try {
      // 1,500 notices in ten days, received out of order: several blocks per list and week.
      const start = Date.parse('2025-06-02T00:00:00Z');
      const notices = Array.from({ length: 1500 }, (_, i) =>
        aNotice({
          title: `${i % 3 === 0 ? '道路' : '桥梁'}养护工程第${i}号公告`,
          publishedAt: new Date(start + ((i * 7919) % 1500) * 576_000).toISOString(),
        }),
      );
      for (let i = 0; i < notices.length; i += 500) await publish(store, notices.slice(i, i + 500));
      for (const notice of notices.slice(0, 10))
        await publish(store, [{ ...notice, id: randomUUID(), dataKey: `again-${notice.dataKey}` }]);
      const { rows } = await sql<{
        blocks: number;
      }>`select max(block) as blocks from hub_notice_posting where gram = '道路'`.execute(store.db);
      expect(Number(rows[0]!.blocks)).toBeGreaterThan(0);
      const everything = await search(store, { pageSize: 100 });
      expect(everything.total).toBe(1510);
      const expected = [...notices, ...notices.slice(0, 10)]
        .map((notice, i) => ({ notice, seq: i + 1 }))
        .filter(({ notice }) => notice.title.startsWith('道路'))
        .sort((a, b) => b.notice.publishedAt.localeCompare(a.notice.publishedAt) || b.seq - a.seq);
      const page = await search(store, { text: '道路养护', page: 3, pageSize: 50 });
      expect(page.total).toBe(expected.length);
      expect(page.items.map((item) => item.seq)).toEqual(expected.slice(100, 150).map(({ seq }) => seq));
    } finally {
      await store.dispose();
    }
  });

  it('counts exactly up to the search window, then estimates the rest', async () => {
    const store = await openTestStore(dialect, MIGRATIONS);
    try {
      // 12,000 notices, one every 20 minutes: about 500 a week.
      const start = Date.parse('2025-06-02T00:00:00Z');
      const notices = Array.from({ length: 12_000 }, (_, i) =>
        aNotice({
          title: `绿化养护服务第${i}期`,
          publishedAt: new Date(start + i * 1_200_000).toISOString(),
        }),
      );
      for (let i = 0; i < notices.length; i += 3000) await publish(store, notices.slice(i, i + 3000));
      // One list: its entry counts are the total.
      expect(await search(store, { text: '养护' })).toMatchObject({ total: 12_000, totalExact: true });
      // A longer word is matched notice by notice, week by week: counting stops past the window, and
      // the weeks left are estimated from their entry counts.
      const counted = await search(store, { text: '绿化养护服务', page: 500, pageSize: 20 });
      expect(counted.totalExact).toBe(false);
      expect(counted.total).toBeGreaterThanOrEqual(10_000);
      expect(Math.abs(counted.total - 12_000)).toBeLessThan(600);
      expect(counted.items.map((item) => item.title)).toEqual(
        Array.from({ length: 20 }, (_, k) => `绿化养护服务第${11_999 - 9980 - k}期`),
      );
      // 第1期, 第10–19期, 第100–199期, 第1000–1999期, 第10000–11999期.
      expect(await search(store, { text: '绿化养护服务第1' })).toMatchObject({
        total: 3111,
        totalExact: true,
      });
      // Once the page is found, counting on stops at a budget of entries read; the rest is estimated.
      const estimated = await searchNotices(
        store.db,
        { text: '绿化养护服务', page: 1, pageSize: 20 },
        { countBudget: 1000 },
      );
      expect(estimated.totalExact).toBe(false);
      expect(Math.abs(estimated.total - 12_000)).toBeLessThan(600);
      expect(estimated.items.map((item) => item.title)).toEqual(
        Array.from({ length: 20 }, (_, k) => `绿化养护服务第${11_999 - k}期`),
      );
    } finally {
      await store.dispose();
    }
  });

  it('refuses a notice the index cannot hold, storing none of the batch', async () => {
    const store = await openTestStore(dialect, MIGRATIONS);
    try {
      const error = await publish(store, [
        aNotice(),
        aNotice({ regionCode: '35', publishedAt: 'yesterday' }),
      ]).catch((e: unknown) => e);
      expect((error as AppError).details.map((d) => d.path)).toEqual([
        'notices.1.regionCode',
        'notices.1.publishedAt',
      ]);
      expect((await search(store, {})).total).toBe(0);
    } finally {
      await store.dispose();
    }
  });
});

/** What the search must answer, computed the slow way over the notices themselves. */
function reference(notices: readonly Notice[], query: NoticeSearchQuery): { seqs: number[]; total: number } {
  const words = normalizeText(query.text ?? '')
    .split(/[\s\p{Cc}]+/u)
    .filter(Boolean);
  const day = (instant: string) => new Date(Date.parse(instant) + 8 * 3600_000).toISOString().slice(0, 10);
  const region = query.region?.replace(/(00)+$/, '');
  const hits = notices
    .filter((notice) => {
      const texts = [notice.title, notice.body].map(normalizeText);
      const codes = [notice.unifiedDealCode, notice.tenderProjectCode].map((code) => code?.toLowerCase());
      return (
        words.every((word) => texts.some((text) => text.includes(word)) || codes.includes(word)) &&
        (region === undefined || notice.regionCode.startsWith(region)) &&
        (query.type === undefined || notice.noticeType === query.type) &&
        (query.industry === undefined || notice.industryCode === query.industry) &&
        (query.publishedFrom === undefined || day(notice.publishedAt) >= query.publishedFrom) &&
        (query.publishedTo === undefined || day(notice.publishedAt) <= query.publishedTo) &&
        (query.minAmountFen === undefined ||
          (notice.amountFen !== null && notice.amountFen >= query.minAmountFen)) &&
        (query.maxAmountFen === undefined ||
          (notice.amountFen !== null && notice.amountFen <= query.maxAmountFen))
      );
    })
    .sort((a, b) => b.publishedAt.localeCompare(a.publishedAt) || b.seq - a.seq);
  const offset = (query.page - 1) * query.pageSize;
  return { seqs: hits.slice(offset, offset + query.pageSize).map((n) => n.seq), total: hits.length };
}

/** Titles from a small alphabet, so that words recur, meet and nearly meet. */
const CHARACTERS = ['道', '路', '改', '造', '工', '程', 'e', 'P', 'Ｃ', '1', '２', ' '];
const aText = fc.array(fc.constantFrom(...CHARACTERS), { maxLength: 14 }).map((chars) => chars.join(''));
const aGeneratedNotice = fc.record({
  title: aText,
  body: aText,
  regionCode: fc.constantFrom('350102', '350103', '350203', '350100', '330106'),
  noticeType: fc.constantFrom(...NOTICE_TYPES),
  industryCode: fc.constantFrom('A01', 'A02', null),
  amountFen: fc.option(fc.constantFrom(0, 9, 10, 99, 100, 12_345, 1_000_000, 99_999_999), { nil: null }),
  // Codes that queries spell too, in either case.
  unifiedDealCode: fc.constantFrom(null, '12', 'EPC', 'P1'),
  tenderProjectCode: fc.constantFrom(null, 'e1', 'EP'),
  // Three weeks around a week boundary, to the second.
  publishedAt: fc
    .integer({ min: 0, max: 21 * 86_400 - 1 })
    .map((s) => new Date(Date.parse('2025-05-26T00:00:00Z') + s * 1000).toISOString()),
});
/** A filter of each kind, with bounds on both sides of the generated values. */
const aFilter: fc.Arbitrary<Partial<NoticeSearchQuery>> = fc.oneof(
  fc.record({ region: fc.constantFrom('35', '3501', '350102', '350100', '33') }),
  fc.record({ type: fc.constantFrom(...NOTICE_TYPES) }),
  fc.record({ industry: fc.constantFrom('A01', 'A02') }),
  fc.record(
    {
      publishedFrom: fc.constantFrom('2025-05-27', '2025-06-01', '2025-06-02'),
      publishedTo: fc.constantFrom('2025-06-01', '2025-06-08', '2025-06-15'),
    },
    { requiredKeys: [] },
  ),
  fc.record(
    {
      minAmountFen: fc.constantFrom(0, 10, 100, 12_345),
      maxAmountFen: fc.constantFrom(9, 99, 1_000_000, 99_999_999),
    },
    { requiredKeys: [] },
  ),
);
const aQuery: fc.Arbitrary<NoticeSearchQuery> = fc
  .record({
    text: fc.option(
      fc.array(fc.constantFrom(...CHARACTERS), { minLength: 1, maxLength: 5 }).map((chars) => chars.join('')),
      { nil: undefined },
    ),
    filters: fc.array(aFilter, { maxLength: 2 }),
    page: fc.integer({ min: 1, max: 3 }),
    pageSize: fc.integer({ min: 1, max: 7 }),
  })
  .map(({ text, filters, page, pageSize }) => Object.assign({ text, page, pageSize }, ...filters));

describe.each(DIALECTS)('notice search against a scan on %s', (dialect) => {
  it('gives the hits, order and total a scan of the notices gives', async () => {
    const store = await openTestStore(dialect, MIGRATIONS);
    try {
      const notices = await publish(
        store,
        fc.sample(aGeneratedNotice, { numRuns: 300, seed: 7 }).map((fields) => aNotice(fields)),
      );
      let answered = 0;
      await fc.assert(
        fc.asyncProperty(aQuery, async (query) => {
          const page = await searchNotices(store.db, query);
          const expected = reference(notices, query);
          expect({ seqs: page.items.map((item) => item.seq), total: page.total }).toEqual(expected);
          if (expected.total > 0) answered++;
        }),
        { numRuns: 300 },
      );
      // Not a vacuous agreement on empty pages.
      expect(answered).toBeGreaterThan(150);
    } finally {
      await store.dispose();
    }
  });
});

describe.runIf(PG_URL)('notice search on SQLite and PostgreSQL', () => {
  it('answers the same to the same notices', async () => {
    const stores = await Promise.all(
      ['sqlite' as const, 'postgres' as const].map((d) => openTestStore(d, MIGRATIONS)),
    );
    try {
      const notices = fc
        .sample(aGeneratedNotice, { numRuns: 200, seed: 11 })
        .map((fields) => aNotice(fields));
      for (const store of stores) await publish(store, notices);
      for (const query of fc.sample(aQuery, { numRuns: 100, seed: 13 })) {
        const [onSqlite, onPostgres] = await Promise.all(
          stores.map((store) => searchNotices(store.db, query)),
        );
        expect(onPostgres).toEqual(onSqlite);
      }
    } finally {
      await Promise.all(stores.map((store) => store.dispose()));
    }
  });
});
