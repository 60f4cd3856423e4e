import { ENTITY_DATA_SET_CODES } from '../../src/trading/exchange/outbox-records-entity.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY } from '../../src/domain/cst.ts';
import { EXAMPLE_CODES } from '../../src/exchange/data-set-examples.ts';
import { dataSetSchema } from '../../src/exchange/data-sets.ts';
import { validateRecord } from '../../src/exchange/validate-record.ts';
import {
  MAPPED_DATA_SET_CODES,
  outboxRecords,
  type OutboxRecord,
  type SenderIdentity,
} from '../../src/trading/exchange/outbox-records.ts';
import { tradingDb } from '../../src/trading/schema.ts';
import { trustTestCas } from '../support/sealed-bids.ts';
import { startTestService, type TestService } from '../support/services.ts';
import { DIALECTS } from '../support/stores.ts';
import { hall } from './support/opening-factory.ts';
import { moveTo, ok, publishTender, submitBids, tokenOf } from './support/routed-tender.ts';
import { type Party, party, post, upload } from './support/tender-factory.ts';
import { runWholeTender, type WholeTenderStage } from './support/whole-tender.ts';

/**
 * Every row the trading platform writes to its outbox becomes records of its national data set
 * that the exchange accepts: whole tenders are driven through the platform's routes (real deal
 * codes, real organisations) — one from publication and a clarification to a revoked award and a
 * contract (`runWholeTender`), an invited tender run by an agency and then terminated, one that fails at the opening
 * (C1) and one at the pre-qualification (C2) — and then every outbox row is mapped.
 */

const IDENTITY: SenderIdentity = {
  platformCode: EXAMPLE_CODES.platform,
  hubCode: EXAMPLE_CODES.hub,
  regionCode: '350100',
};

/** Which data sets each outbox event becomes: every code the trading platform writes (`grep appendOutbox(`). */
const EVENT_DATA_SETS: Readonly<Record<string, readonly string[]>> = {
  'project.published': ['501'],
  'section.published': ['502'],
  'announcement.published': ['503', '505'],
  'clarification.published': ['504'],
  'opening.record_published': ['506'],
  'opening.bidders_published': ['507'],
  'evaluation.report_finalised': ['509'],
  'evaluation.details_published': ['520'],
  'award.candidates': ['510'],
  'award.candidates_published': ['511'],
  'award.result_announced': ['513'],
  'award.result_revoked': ['513'],
  'award.contract_signed': ['512'],
  'award.performance_bond': ['523'],
  'award.reported_to_supervisor': ['400'],
  'tender.failed': ['517'],
  'tender.terminated': ['517'],
};

describe.each(DIALECTS)('outbox rows as national data-set records, on %s', (dialect) => {
  let svc: TestService;
  let tenderer: Party;
  let bidders: Party[];
  /** The tender `runWholeTender` drove from publication to its contract. */
  let whole: { dealCode: string; projectId: string };

  /** Every row of the outbox, in order, with its records. */
  async function mappedOutbox() {
    const db = tradingDb(svc.store.db);
    const rows = await db.selectFrom('outbox').selectAll().orderBy('seq').execute();
    const deals = new Map(
      (await db.selectFrom('tenderProject').select(['id', 'dealCode']).execute()).map((p) => [
        p.id,
        p.dealCode,
      ]),
    );
    const mapped: { row: (typeof rows)[number]; dealCode: string; records: OutboxRecord[] }[] = [];
    for (const row of rows) {
      const payload = JSON.parse(row.payload) as {
        dealCode?: string;
        projectId?: string;
        record?: { dealCode: string };
      };
      const dealCode = payload.dealCode ?? payload.record?.dealCode ?? deals.get(payload.projectId!)!;
      mapped.push({ row, dealCode, records: await outboxRecords(db, row, IDENTITY) });
    }
    return mapped;
  }

  beforeAll(async () => {
    svc = await startTestService('trading', dialect);
    await trustTestCas(svc.deps.config);
    tenderer = await party(svc, ['tenderer'], 'tenderer');
    bidders = [];
    for (const name of ['biddera', 'bidderb', 'bidderc']) bidders.push(await party(svc, ['bidder'], name));
  }, 60_000);
  afterAll(async () => svc?.close());

  it('runs a tender from publication and a clarification to a revoked award, a contract and the report', async () => {
    const stages: WholeTenderStage[] = [];
    whole = await runWholeTender(svc, { onStage: async (stage) => void stages.push(stage) });
    expect(stages).toEqual([
      'published',
      'clarified',
      'opened',
      'evaluated',
      'candidates',
      'awarded',
      'contracted',
    ]);
  });

  it('publishes an invited tender run by an agency, without a region, then terminates it', async () => {
    const tender = await publishTender(svc, tenderer, {
      name: '市民中心配套用房工程',
      procedure: 'invited',
      region: null,
      industry: '房屋建筑工程',
      invited: bidders.slice(0, 3),
      withAgency: true,
    });
    ok(
      await post(svc, tenderer, `/api/projects/${tender.projectId}/terminate`, {
        reason: '因规划调整，项目取消',
      }),
    );
  });

  it('fails a tender at the opening with two bids (C1)', async () => {
    const tender = await publishTender(svc, tenderer, { name: '滨海公园照明工程', industry: 'construction' });
    await submitBids(svc, tender, bidders.slice(0, 2), [452_000_000, 438_000_000]);
    moveTo(svc, Date.parse(tender.deadline));
    const opened = ok(await hall(svc, tender.projectId).post(await tokenOf(svc, tenderer), '/open')).json();
    expect(opened).toMatchObject({ opened: false });
  });

  it('fails a tender at the pre-qualification with two qualified applicants (C2)', async () => {
    const tender = await publishTender(svc, tenderer, { name: '城区供水管网改造工程', qualification: 'pre' });
    moveTo(svc, svc.clock.now().getTime() + 2 * DAY);
    const prequalification = `/api/projects/${tender.projectId}/prequalification`;
    const applications: string[] = [];
    for (const applicant of bidders.slice(0, 3)) {
      ok(await post(svc, applicant, `/api/projects/${tender.projectId}/documents/obtain`));
      const applied = ok(
        await upload(
          svc,
          applicant,
          `${prequalification}/applications?filename=application.pdf`,
          Buffer.from(`application of ${applicant.organisationId}`),
        ),
        201,
      );
      applications.push(applied.json().id as string);
    }
    moveTo(svc, svc.clock.now().getTime() + 12 * DAY);
    const review = (id: string, body: object) =>
      post(svc, tenderer, `${prequalification}/applications/${id}/review`, body);
    ok(await review(applications[0]!, { result: 'qualified' }));
    ok(await review(applications[1]!, { result: 'qualified' }));
    ok(await review(applications[2]!, { result: 'not_qualified', reason: '业绩不满足要求' }));
    expect(ok(await post(svc, tenderer, `${prequalification}/publish`)).json()).toMatchObject({
      outcome: 'failed',
    });
  });

  it('maps every outbox row to records that validate, ordered by the tender’s deal code', async () => {
    const mapped = await mappedOutbox();
    const seen: Record<string, Set<string>> = {};
    for (const { row, dealCode, records } of mapped) {
      (seen[row.eventType] ??= new Set()).add(row.dataSetCode);
      for (const { dataSetCode, record } of records) {
        expect(dataSetCode).toBe(row.dataSetCode);
        expect(validateRecord(dataSetCode, record), `${row.eventType} → ${dataSetCode}`).toEqual([]);
        expect(record[dataSetSchema(dataSetCode)!.orderKeyField]).toBe(dealCode);
        expect(record).toMatchObject({
          PLATFORM_CODE: IDENTITY.platformCode,
          PUB_SERVICE_PLAT_CODE: IDENTITY.hubCode,
        });
      }
      // Only the report to the supervisor is not exchanged: every other row becomes records.
      if (row.dataSetCode !== '400')
        expect(records.length, `${row.eventType} (${row.seq})`).toBeGreaterThan(0);
    }
    expect(
      Object.fromEntries(Object.entries(seen).map(([event, codes]) => [event, [...codes].sort()])),
    ).toEqual(EVENT_DATA_SETS);
    const codes = [...new Set(Object.values(EVENT_DATA_SETS).flat())].sort();
    // Organisations made by the test factories bypass sign-up, so no entity rows (100–103) are written here.
    expect(codes).toEqual(MAPPED_DATA_SET_CODES.filter((c) => !ENTITY_DATA_SET_CODES.includes(c)));
    // A code the mapping does not know is an error, not a silent omission.
    const unmapped = { ...mapped[0]!.row, dataSetCode: '518' };
    await expect(outboxRecords(tradingDb(svc.store.db), unmapped, IDENTITY)).rejects.toThrow(
      /no mapping for data set 518/,
    );
  });

  it('fills the records from the tender’s own data, deriving only what the platform does not hold', async () => {
    const mapped = await mappedOutbox();
    /** A tender's deal code, by its name in its 501 record. */
    const dealOf = (name: string) =>
      mapped.find((m) => m.records[0]?.record.TENDER_PROJECT_NAME === name)!.dealCode;
    const recordsOf = (event: string, name: string) =>
      mapped
        .filter((m) => m.row.eventType === event && m.dealCode === dealOf(name))
        .flatMap((m) => m.records.map((r) => r.record));
    const full = (event: string) =>
      mapped
        .filter((m) => m.row.eventType === event && m.dealCode === whole.dealCode)
        .flatMap((m) => m.records.map((r) => r.record));

    expect(full('project.published')).toEqual([
      expect.objectContaining({
        REGION_CODE: '350100',
        TENDER_PROJECT_TYPE: 'A02',
        TENDER_ORGANIZE_FORM: '1',
      }),
    ]);
    expect(full('section.published')).toEqual([
      expect.objectContaining({
        CONTRACT_RECKON_PRICE: '5000000.00',
        CONTROL_PRICE: '4800000.00',
        BID_BOND: '10000.00',
        EVALUATION_METHOD: '2',
      }),
    ]);
    expect(full('clarification.published')).toEqual([expect.objectContaining({ CLARIFY_TYPE: '2' })]);
    expect(full('opening.record_published')).toEqual([expect.objectContaining({ BIDDER_COUNT: 5 })]);
    expect(full('opening.bidders_published').map((r) => r.BID_STATUS)).toEqual(['1', '1', '1', '1', '2']);
    expect(full('opening.bidders_published')[0]).toMatchObject({ BID_PRICE: '4520000.00', TIME_LIMIT: 180 });
    expect(full('evaluation.report_finalised')).toEqual([
      expect.objectContaining({ EVALUATION_RESULT: '1', VALID_BID_COUNT: 4, DIGEST_ALGORITHM: 'sha256' }),
    ]);
    // Five members × four bids × the two criteria the experts score (the price is computed).
    const details = full('evaluation.details_published');
    expect(details).toHaveLength(40);
    expect(new Set(details.map((r) => r.ITEM_NAME))).toEqual(new Set(['技术方案', '商务资信']));
    expect(details.every((r) => /^\d+\.\d\d$/.test(String(r.SCORE)))).toBe(true);
    expect(full('award.candidates').map((r) => r.WIN_CANDIDATE_ORDER)).toEqual([1, 2, 3]);
    const results = full('award.result_announced');
    expect(results).toHaveLength(2);
    expect(results[0]!.WIN_BIDDER_CODE).not.toBe(results[1]!.WIN_BIDDER_CODE);
    expect(full('award.result_revoked')).toEqual([
      expect.objectContaining({
        WIN_BIDDER_CODE: results[0]!.WIN_BIDDER_CODE,
        NOTICE_NAME: expect.stringContaining('撤销'),
      }),
    ]);
    expect(full('award.contract_signed')).toEqual([
      expect.objectContaining({
        WIN_BIDDER_CODE: results[1]!.WIN_BIDDER_CODE,
        CONTRACT_CODE: `${whole.dealCode}001`,
      }),
    ]);
    expect(full('award.performance_bond')).toEqual([
      expect.objectContaining({ AMOUNT: '100000.00', GUARANTEE_TYPE: '2', GUARANTEE_FORM: '1' }),
    ]);

    const invited = (event: string) => recordsOf(event, '市民中心配套用房工程');
    expect(invited('project.published')).toEqual([
      expect.objectContaining({
        REGION_CODE: IDENTITY.regionCode,
        TENDER_PROJECT_TYPE: 'A01',
        TENDER_MODE: '2',
        TENDER_ORGANIZE_FORM: '2',
        TENDER_AGENCY_CODE: expect.any(String),
      }),
    ]);
    expect(invited('announcement.published').map((r) => r.INVITEE_CODE)).toHaveLength(3);
    expect(invited('tender.terminated')).toEqual([expect.objectContaining({ EXCEPTION_TYPE: '2' })]);
    expect(invited('tender.terminated')[0]).not.toHaveProperty('BID_SECTION_CODE');

    expect(recordsOf('project.published', '滨海公园照明工程')).toEqual([
      expect.objectContaining({ TENDER_PROJECT_TYPE: 'A99' }),
    ]);
    expect(recordsOf('tender.failed', '滨海公园照明工程')).toEqual([
      expect.objectContaining({ EXCEPTION_TYPE: '1', BID_SECTION_CODE: `${dealOf('滨海公园照明工程')}001` }),
    ]);
    expect(recordsOf('announcement.published', '城区供水管网改造工程')).toEqual([
      expect.objectContaining({ BULLETIN_TYPE: '2', PREQUAL_APPLY_END_TIME: expect.any(String) }),
    ]);
    expect(recordsOf('tender.failed', '城区供水管网改造工程')).toEqual([
      expect.objectContaining({ EXCEPTION_REASON: expect.stringContaining('实为 2 个') }),
    ]);
  });
});
