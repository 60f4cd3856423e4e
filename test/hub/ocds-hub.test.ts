import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/domain/canonical-json.ts';
import { creditCodeCheckCharacter } from '../../src/domain/credit-code.ts';
import { buildDealCode, sectionCode } from '../../src/domain/deal-code.ts';
import { dataKeyOf } from '../../src/exchange/data-key.ts';
import { EXAMPLE_CODES, exampleRecord } from '../../src/exchange/data-set-examples.ts';
import { tenderReleases } from '../../src/exchange/ocds/tender-releases.ts';
import { validateOcds } from '../../src/exchange/ocds/validate-ocds.ts';
import { exchangeDb } from '../../src/exchange/transport/exchange-tables.ts';
import type { ExchangeRecord, RecordValue } from '../../src/exchange/validate-record.ts';
import { validateRecord } from '../../src/exchange/validate-record.ts';
import {
  bidIdOf,
  tenderFactsFromRecords,
  type ReceivedRecord,
} from '../../src/hub/ocds/tender-facts-from-records.ts';
import { ZHAOCAI_BIN, runZhaocai } from '../support/processes.ts';
import { errorOf, startTestService, type TestService } from '../support/services.ts';
import { DIALECTS } from '../support/stores.ts';

const credit = (first17: string): string => first17 + creditCodeCheckCharacter(first17);
const cst = (local: string): string => `${local}+08:00`;
const BIDDERS = [
  { code: credit('91350100MA0000031'), name: '福建榕建工程有限公司' },
  { code: credit('91350100MA0000032'), name: '福建闽江建设集团有限公司' },
  { code: credit('91350100MA0000033'), name: '福州海峡路桥有限公司' },
];
const SECRET_ID_CARD = EXAMPLE_CODES.residentId;
const SECRET_INVITATION = '邀请书正文只给监督部门';

/** The deal code of the n-th test tender: the example's for the first. */
const dealOf = (serial: number): string =>
  serial === 1
    ? EXAMPLE_CODES.deal
    : buildDealCode(EXAMPLE_CODES.tenderer, new Date('2026-02-26T02:00:00Z'), serial);

/** A tender's records as a transaction platform sends them: the example records, with one deal code. */
function tenderRecords(
  serial: number,
  options: { invited?: boolean; revoked?: boolean } = {},
): [string, ExchangeRecord][] {
  const deal = dealOf(serial);
  const section = sectionCode(deal, 1);
  const record = (
    code: string,
    overrides: Record<string, RecordValue | undefined> = {},
  ): [string, ExchangeRecord] => {
    const r: Record<string, RecordValue> = { ...exampleRecord(code) };
    if ('UNIFIED_DEAL_CODE' in r) r.UNIFIED_DEAL_CODE = deal;
    if ('TENDER_PROJECT_CODE' in r) r.TENDER_PROJECT_CODE = deal;
    if ('BID_SECTION_CODE' in r) r.BID_SECTION_CODE = section;
    if ('BID_SECTION_CODES' in r) r.BID_SECTION_CODES = [section];
    for (const [name, value] of Object.entries(overrides)) {
      if (value === undefined) delete r[name];
      else r[name] = value;
    }
    expect(validateRecord(code, r), `${code} ${JSON.stringify(r)}`).toEqual([]);
    return [code, r];
  };
  const schedule = {
    BID_DOC_REFER_END_TIME: cst('2026-03-20T09:30:00'),
    BID_OPEN_TIME: cst('2026-03-20T09:30:00'),
  };
  const bidder = (i: number, status: string, price?: string) =>
    record('507', {
      BIDDER_CODE: BIDDERS[i]!.code,
      BIDDER_NAME: BIDDERS[i]!.name,
      BID_STATUS: status,
      BID_PRICE: price,
      CURRENCY_CODE: price ? 'CNY' : undefined,
    });
  const result = (i: number, at: string, title = '施工总承包一标段中标结果公告', sentAt = at) =>
    record('513', {
      WIN_BIDDER_CODE: BIDDERS[i]!.code,
      WIN_BIDDER_NAME: BIDDERS[i]!.name,
      BID_AMOUNT: i === 0 ? '82360000.00' : '83000000.00',
      NOTICE_NAME: title,
      NOTICE_SEND_TIME: sentAt,
      WIN_NOTICE_SEND_TIME: at,
    });
  return [
    record('501', {
      TENDER_PROJECT_NAME: `${exampleRecord('501').TENDER_PROJECT_NAME}（${serial}）`,
      TENDER_MODE: options.invited ? '2' : '1',
    }),
    record('502'),
    options.invited
      ? record('505', { ...schedule, NOTICE_CONTENT: SECRET_INVITATION })
      : record('503', schedule),
    record('504', {
      NEW_BID_DOC_REFER_END_TIME: cst('2026-03-23T09:30:00'),
      NEW_BID_OPEN_TIME: cst('2026-03-23T09:30:00'),
    }),
    record('519'),
    record('506'),
    bidder(0, '1', '82360000.00'),
    bidder(1, '1', '83000000.00'),
    bidder(2, '2'),
    record('508', { ID_CARD: SECRET_ID_CARD }),
    record('509'),
    record('510', { WIN_CANDIDATE_ORDER: 1, BIDDER_CODE: BIDDERS[0]!.code, BIDDER_NAME: BIDDERS[0]!.name }),
    record('510', { WIN_CANDIDATE_ORDER: 2, BIDDER_CODE: BIDDERS[1]!.code, BIDDER_NAME: BIDDERS[1]!.name }),
    record('511'),
    result(0, cst('2026-03-30T10:00:00')),
    ...(options.revoked
      ? [
          result(
            0,
            cst('2026-03-30T10:00:00'),
            '施工总承包一标段中标结果撤销公告',
            cst('2026-04-08T10:00:00'),
          ),
          result(1, cst('2026-04-10T10:00:00')),
        ]
      : []),
    record('512', {
      WIN_BIDDER_CODE: BIDDERS[options.revoked ? 1 : 0]!.code,
      WIN_BIDDER_NAME: BIDDERS[options.revoked ? 1 : 0]!.name,
      WIN_NOTICE_SEND_TIME: options.revoked ? cst('2026-04-10T10:00:00') : cst('2026-03-30T10:00:00'),
    }),
  ];
}

const received = (records: [string, ExchangeRecord][]): ReceivedRecord[] =>
  records.map(([dataSetCode, record], i) => ({ feedSeq: i + 1, dataSetCode, record }));

const packageOf = (releases: unknown[]) => ({
  uri: 'https://hub.example.cn/api/public/ocds/releases',
  version: '1.1',
  extensions: [
    'https://raw.githubusercontent.com/open-contracting-extensions/ocds_bid_extension/master/extension.json',
  ],
  publisher: { name: '测试' },
  publishedDate: '2026-04-15T10:00:00+08:00',
  releases,
});

describe('tender facts from the records a hub received', () => {
  it('reads the tender, its schedule, opening, candidates, award and contract from the public fields', () => {
    const facts = tenderFactsFromRecords(EXAMPLE_CODES.deal, received(tenderRecords(1)))!;
    const section = EXAMPLE_CODES.section;
    expect(facts).toMatchObject({
      dealCode: EXAMPLE_CODES.deal,
      procedure: 'open',
      tenderer: { creditCode: EXAMPLE_CODES.tenderer, name: '福州市滨海新城建设发展中心' },
      agency: { creditCode: EXAMPLE_CODES.agency },
      announcement: {
        publishedAt: '2026-03-02T01:00:00.000Z',
        bidDeadline: '2026-03-20T01:30:00.000Z',
      },
      sections: [{ code: section, estimatedPriceFen: 86_500_000_00, resultPublishedAt: null }],
      clarifications: [{ newBidDeadline: '2026-03-23T01:30:00.000Z' }],
      opening: { readOutAt: '2026-03-23T01:30:00.000Z' },
      publicities: [
        {
          sectionCode: section,
          candidates: [
            { rank: 1, bidId: bidIdOf(section, BIDDERS[0]!.code) },
            { rank: 2, bidId: bidIdOf(section, BIDDERS[1]!.code) },
          ],
        },
      ],
      awards: [{ bidId: bidIdOf(section, BIDDERS[0]!.code), priceFen: 82_360_000_00, revokedAt: null }],
      contracts: [{ sectionCode: section, signedAt: '2026-04-15T02:00:00.000Z' }],
      retenderOf: null,
    });
    expect(facts.opening!.bids.map((b) => [b.bidder.creditCode, b.decryption, b.priceFen])).toEqual([
      [BIDDERS[0]!.code, 'decrypted', 82_360_000_00],
      [BIDDERS[1]!.code, 'decrypted', 83_000_000_00],
      [BIDDERS[2]!.code, 'failed_bidder', null],
    ]);
    const releases = tenderReleases(facts, { ocidPrefix: 'ocds-test00' });
    expect(releases.map((r) => r.id)).toEqual([
      'tender',
      `amendment-${exampleRecord('504').CLARIFY_CODE}`,
      'opening',
      `candidates-${section}`,
      `award-${section}-1`,
      `contract-${section}`,
    ]);
    expect(validateOcds(packageOf(releases)).errors).toEqual([]);
  });

  it('keeps a revoked award and the next one (条例 55), and never reads a supervisors-only field', () => {
    const facts = tenderFactsFromRecords(
      EXAMPLE_CODES.deal,
      received(tenderRecords(1, { invited: true, revoked: true })),
    )!;
    expect(facts.procedure).toBe('invited');
    expect(facts.announcement).toMatchObject({ id: '505', body: exampleRecord('505').NOTICE_NAME });
    expect(facts.awards.map((a) => [a.supplier.creditCode, a.revokedAt])).toEqual([
      [BIDDERS[0]!.code, '2026-04-08T02:00:00.000Z'],
      [BIDDERS[1]!.code, null],
    ]);
    const releases = tenderReleases(facts, { ocidPrefix: 'ocds-test00' });
    const last = releases.at(-1)!;
    expect(last.awards?.map((a) => a.status)).toEqual(['cancelled', 'active']);
    expect(last.contracts?.[0]).toMatchObject({ awardID: `${EXAMPLE_CODES.section}-2` });
    expect(validateOcds(packageOf(releases)).errors).toEqual([]);
    expect(JSON.stringify(releases)).not.toContain(SECRET_INVITATION);
  });

  it('reads a termination of the whole tender (517 without a section) as its cancellation', () => {
    const records = tenderRecords(1).slice(0, 4);
    const { BID_SECTION_CODE: _section, ...terminated } = exampleRecord('517');
    const exception: ReceivedRecord = {
      feedSeq: 99,
      dataSetCode: '517',
      record: { ...terminated, EXCEPTION_TYPE: '2', EXCEPTION_TIME: cst('2026-03-15T10:00:00') },
    };
    const facts = tenderFactsFromRecords(EXAMPLE_CODES.deal, [...received(records), exception])!;
    expect(facts.exceptions).toEqual([
      {
        id: 'tender',
        sectionCode: null,
        kind: 'terminated',
        ruleId: null,
        reason: exampleRecord('517').EXCEPTION_REASON,
        recordedAt: '2026-03-15T02:00:00.000Z',
      },
    ]);
    const releases = tenderReleases(facts, { ocidPrefix: 'ocds-test00' });
    expect(releases.at(-1)).toMatchObject({
      id: 'terminated-tender',
      tag: ['tenderCancellation'],
      tender: { status: 'cancelled' },
    });
    expect(validateOcds(packageOf(releases)).errors).toEqual([]);
  });

  it('is null until the tender has its project, a section and an announcement', () => {
    const records = tenderRecords(1);
    const without = (code: string) => received(records.filter(([c]) => c !== code));
    expect(tenderFactsFromRecords(EXAMPLE_CODES.deal, without('501'))).toBeNull();
    expect(tenderFactsFromRecords(EXAMPLE_CODES.deal, without('502'))).toBeNull();
    expect(tenderFactsFromRecords(EXAMPLE_CODES.deal, without('503'))).toBeNull();
    expect(tenderFactsFromRecords('another deal', received(records))).toBeNull();
  });

  it('takes the latest record of a natural key: a corrected section replaces the first', () => {
    const records = tenderRecords(1);
    const [, section] = records.find(([c]) => c === '502')!;
    const corrected: [string, ExchangeRecord] = [
      '502',
      { ...section, BID_SECTION_NAME: '施工总承包一标段（更正）' },
    ];
    const facts = tenderFactsFromRecords(EXAMPLE_CODES.deal, received([...records, corrected]))!;
    expect(facts.sections.map((s) => s.name)).toEqual(['施工总承包一标段（更正）']);
  });
});

let messageSerial = 0;

/** Inserts records into the hub's inbox as applied messages, in order. */
async function receive(svc: TestService, records: readonly [string, ExchangeRecord][]): Promise<void> {
  const revisions = new Map<string, number>();
  for (const [dataSetCode, record] of records) {
    const base = dataKeyOf(dataSetCode, record, 1).replace(/\/r1$/, '');
    const revision = (revisions.get(base) ?? 0) + 1;
    revisions.set(base, revision);
    const orderKey = String(record.UNIFIED_DEAL_CODE);
    const message = {
      version: 1,
      messageId: randomUUID(),
      dataSetCode,
      dataKey: dataKeyOf(dataSetCode, record, revision),
      platformCode: EXAMPLE_CODES.platform,
      hubCode: EXAMPLE_CODES.hub,
      sentAt: '2026-04-20T02:00:00.000Z',
      orderKey,
      orderSeq: ++messageSerial,
      record,
      signature: { suite: 'sm2-sm3', keyId: '0'.repeat(64), value: 'AA==' },
    };
    await exchangeDb(svc.store.db)
      .insertInto('exchangeInbox')
      .values({
        platformCode: message.platformCode,
        dataKey: message.dataKey,
        messageId: message.messageId,
        dataSetCode,
        orderKey,
        orderSeq: message.orderSeq,
        contentDigest: '0'.repeat(64),
        message: canonicalJson(message),
        receivedAt: message.sentAt,
      })
      .execute();
  }
}

describe.each(DIALECTS)('the hub’s OCDS on %s', (dialect) => {
  let svc: TestService;
  const deals = [1, 2, 3].map(dealOf);

  beforeAll(async () => {
    svc = await startTestService('hub', dialect);
    const [first, second, third] = [
      tenderRecords(1),
      tenderRecords(2, { revoked: true }),
      tenderRecords(3, { invited: true }),
    ];
    // Interleaved, as tenders arrive: the second's records start before the first's announcement.
    await receive(svc, [
      ...first.slice(0, 2),
      ...second.slice(0, 1),
      ...first.slice(2),
      ...second.slice(1),
      ...third,
      // A tender without an announcement yet is not listed.
      ...tenderRecords(4).slice(0, 2),
    ]);
  });
  afterAll(() => svc.close());

  const get = (url: string) => svc.app.inject({ method: 'GET', url, headers: { host: 'hub.example.cn' } });

  it('serves the tenders as one valid release package page, in the order first announced', async () => {
    const response = await get('/api/public/ocds/releases');
    expect(response.statusCode).toBe(200);
    const pkg = response.json();
    expect(validateOcds(pkg).errors).toEqual([]);
    expect(pkg).toMatchObject({
      uri: 'http://hub.example.cn/api/public/ocds/releases',
      version: '1.1',
      publisher: { name: '招采公共服务平台' },
    });
    expect(pkg.links).toBeUndefined();
    const ocids = [...new Set(pkg.releases.map((r: { ocid: string }) => r.ocid))];
    expect(ocids).toEqual(deals.map((d) => `ocds-zhaocai-${d}`));
    expect(pkg.publishedDate).toBe('2026-04-15T10:00:00+08:00');
    const text = JSON.stringify(pkg);
    for (const secret of [SECRET_ID_CARD, SECRET_INVITATION, exampleRecord('519').CPU_ID as string]) {
      expect(text).not.toContain(secret);
    }
  });

  it('pages by tender with an opaque cursor in links.next, each tender whole on its page', async () => {
    const seen: string[] = [];
    let url: string | null = '/api/public/ocds/releases?limit=2';
    let pages = 0;
    while (url) {
      const response = await get(url);
      expect(response.statusCode, response.body).toBe(200);
      const pkg = response.json();
      expect(validateOcds(pkg).errors).toEqual([]);
      seen.push(...new Set<string>(pkg.releases.map((r: { ocid: string }) => r.ocid)));
      url = pkg.links?.next ? (pkg.links.next as string).replace('http://hub.example.cn', '') : null;
      if (url) expect(url).toMatch(/^\/api\/public\/ocds\/releases\?cursor=[A-Za-z0-9_-]+&limit=2$/);
      pages += 1;
    }
    expect(pages).toBe(2);
    expect(seen).toEqual(deals.map((d) => `ocds-zhaocai-${d}`));
  });

  it('refuses a bad cursor and a limit over 100 (400 VALIDATION_FAILED)', async () => {
    const bad = await get('/api/public/ocds/releases?cursor=bm90LWEtY3Vyc29y');
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad)).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ path: 'querystring.cursor', code: 'invalid_cursor' }],
    });
    expect((await get('/api/public/ocds/releases?limit=101')).statusCode).toBe(400);
  });

  it('serves one record per ocid: its releases and compiled release, valid', async () => {
    const response = await get(`/api/public/ocds/records/ocds-zhaocai-${deals[1]}`);
    expect(response.statusCode).toBe(200);
    const pkg = response.json();
    expect(validateOcds(pkg).errors).toEqual([]);
    expect(pkg.records).toHaveLength(1);
    const [record] = pkg.records;
    expect(record.ocid).toBe(`ocds-zhaocai-${deals[1]}`);
    expect(record.compiledRelease.tag).toEqual(['compiled']);
    expect(record.compiledRelease.awards.map((a: { status: string }) => a.status)).toEqual([
      'cancelled',
      'active',
    ]);
    expect(pkg.publishedDate).toBe(record.compiledRelease.date);
  });

  it('documents both routes in the hub’s OpenAPI description', async () => {
    const openapi = (await get('/openapi.json')).json();
    expect(Object.keys(openapi.paths)).toEqual(
      expect.arrayContaining(['/api/public/ocds/releases', '/api/public/ocds/records/{ocid}']),
    );
  });

  it('answers 404 NOT_FOUND for an unknown ocid, another prefix, or a tender not yet announced', async () => {
    for (const ocid of ['ocds-zhaocai-nothing', `ocds-other0-${deals[0]}`, `ocds-zhaocai-${dealOf(4)}`]) {
      const response = await get(`/api/public/ocds/records/${ocid}`);
      expect(response.statusCode).toBe(404);
      expect(errorOf(response).code).toBe('NOT_FOUND');
    }
  });
});

describe('zhaocai ocds export --from <hub URL>', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zhaocai-hub-ocds-'));
  let svc: TestService;
  let empty: TestService;
  let base: string;
  let emptyBase: string;

  beforeAll(async () => {
    svc = await startTestService('hub', 'sqlite');
    await receive(svc, [...tenderRecords(1), ...tenderRecords(2, { revoked: true }), ...tenderRecords(3)]);
    base = await svc.app.listen({ host: '127.0.0.1', port: 0 });
    empty = await startTestService('hub', 'sqlite');
    emptyBase = await empty.app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await svc.close();
    await empty.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The command, not blocking this process: it serves the hub the command reads. */
  const exportFrom = async (...args: string[]) => {
    try {
      const { stdout, stderr } = await promisify(execFile)(
        process.execPath,
        [ZHAOCAI_BIN, 'ocds', 'export', ...args],
        {
          env: { ...process.env, ZHAOCAI_LANG: 'en-US' },
          timeout: 60_000,
        },
      );
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  };

  it('walks the bulk pages and writes a release package that `ocds validate` accepts', async () => {
    const out = join(dir, 'releases.json');
    const result = await exportFrom('--from', base, '--out', out);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe(
      `wrote ${out}: OCDS 1.1 release package, 20 releases of 3 tenders, ocid ocds-zhaocai-<deal code>\n`,
    );
    const pkg = JSON.parse(readFileSync(out, 'utf8'));
    expect(pkg).toMatchObject({
      uri: 'urn:zhaocai:ocds-zhaocai:releases',
      publisher: { name: '招采公共服务平台' },
    });
    const hubPage = (await (await fetch(`${base}/api/public/ocds/releases`)).json()) as {
      releases: unknown[];
    };
    expect(pkg.releases).toEqual(hubPage.releases);
    const valid = runZhaocai(['ocds', 'validate', out]);
    expect(valid.code, valid.stdout).toBe(0);
    expect(valid.stdout).toBe(
      `${out}: valid OCDS 1.1 release package of 20 releases, checked against schema 1.1.5 and the bid extension\n`,
    );
  });

  it('writes a record package per ocid with --records, following links.next from a bulk address', async () => {
    const out = join(dir, 'records.json');
    const result = await exportFrom(
      '--from',
      `${base}/api/public/ocds/releases?limit=1`,
      '--out',
      out,
      '--records',
      '--publisher',
      '福州市公共资源交易中心',
    );
    expect(result.code, result.stderr).toBe(0);
    const pkg = JSON.parse(readFileSync(out, 'utf8'));
    expect(pkg.publisher).toEqual({ name: '福州市公共资源交易中心' });
    expect(pkg.records).toHaveLength(3);
    const record = (await (await fetch(`${base}/api/public/ocds/records/${pkg.records[1].ocid}`)).json()) as {
      records: unknown[];
    };
    expect(pkg.records[1]).toEqual(record.records[0]);
    expect(runZhaocai(['ocds', 'validate', out]).code).toBe(0);
  });

  it('exits 1 for a hub with no tender, 2 for an unreachable hub or an ocid prefix, leaving no file', async () => {
    const out = join(dir, 'none.json');
    const none = await exportFrom('--from', emptyBase, '--out', out);
    expect(none).toMatchObject({ code: 1, stdout: '' });
    expect(none.stderr).toBe(`error: ${emptyBase} holds no published tender: nothing to export\n`);
    const unreachable = await exportFrom('--from', 'http://127.0.0.1:1', '--out', out);
    expect(unreachable.code).toBe(2);
    expect(unreachable.stderr).toMatch(
      /^error: cannot reach http:\/\/127\.0\.0\.1:1\/api\/public\/ocds\/releases: /,
    );
    const prefix = await exportFrom('--from', base, '--out', out, '--ocid-prefix', 'ocds-abc123');
    expect(prefix).toMatchObject({ code: 2, stderr: 'error: --ocid-prefix: a hub names its own ocids\n' });
    const notHub = await exportFrom('--from', `${base}/healthz/`, '--out', out);
    expect(notHub.code).toBe(2);
    expect(() => readFileSync(out)).toThrow();
  });
});
