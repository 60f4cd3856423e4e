import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { nodeSuite } from '../src/crypto/node/node-suites.ts';
import { SystemClock } from '../src/domain/clock.ts';
import { buildDealCode, sectionCode } from '../src/domain/deal-code.ts';
import { canonicalJson } from '../src/domain/canonical-json.ts';
import { messageContentDigest } from '../src/exchange/check-message.ts';
import { dataKeyOf } from '../src/exchange/data-key.ts';
import { EXAMPLE_CODES, exampleRecord, exampleRegistration } from '../src/exchange/data-set-examples.ts';
import { dataSetSchema } from '../src/exchange/data-sets.ts';
import { PROTOCOL_VERSION, validateMessage, type ExchangeMessage } from '../src/exchange/message.ts';
import { platformKeyOf, signMessage, verifyMessage, type SigningKey } from '../src/exchange/sign-message.ts';
import { exchangeDb } from '../src/exchange/transport/exchange-tables.ts';
import { applyMessages, type AppliedMessage } from '../src/exchange/transport/inbox.ts';
import {
  decideRegistration,
  findPeer,
  registeredPlatformOf,
  submitRegistration,
} from '../src/exchange/transport/peers.ts';
import type { ExchangeRecord } from '../src/exchange/validate-record.ts';
import { noticeFromMessage, tenderFactsOf } from '../src/hub/exchange/notice-from-record.ts';
import { publishNotices, tenderFacts } from '../src/hub/exchange/hub-exchange.ts';
import * as hubNotices from '../src/hub/migrations/0014-hub-notices.ts';
import { indexNotices } from '../src/hub/notices/index-notices.ts';
import type { NewNotice } from '../src/hub/notices/notice-repository.ts';
import type { Store } from '../src/store/database.ts';
import { COMMON_MIGRATIONS, migrateToLatest } from '../src/store/migrator.ts';
import type { Trx } from '../src/store/schema.ts';
import type { Measurement } from './harness.ts';
import { Corpus } from './support/notice-corpus.ts';

/** Messages ingested (project records 501 included), in requests of BATCH as the delivery worker sends. */
export const INGEST_MESSAGES = Number(process.env.ZHAOCAI_BENCH_HUB_INGEST ?? 20_000);
const BATCH = 500;
const HUB = EXAMPLE_CODES.hub;
const PLATFORM = EXAMPLE_CODES.platform;
const HUB_REGION = '350100';
const TARGET_RATIO = 0.5;
/** Messages verified and validated again on their own for the split of the time. */
const SPLIT_SAMPLE = 2000;

/** Signed messages of one sending platform, with the notices the hub publishes from them. */
export interface IngestData {
  readonly messages: readonly ExchangeMessage[];
  readonly signing: SigningKey;
  readonly publicKeyPem: string;
  readonly notices: number;
  readonly tenders: number;
}

const yuan = (fen: number) => (fen / 100).toFixed(2);
/** An ISO instant as the exchange writes it, in China Standard Time. */
const cst = (iso: string) => `${new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`;

/**
 * The platform's messages for the notices of the corpus in the order the hub receives them: each
 * tender's project record (501) just before its first notice, then its notices (503/504/506/511/513/
 * 512/517) with the corpus's titles, regions, amounts and times, one order per tender.
 */
export async function ingestData(count: number, report: (line: string) => void): Promise<IngestData> {
  const pair = await nodeSuite('gm').generateSigningKeyPair('sm2-sm3');
  const key = await platformKeyOf('gm', pair.publicKeyPem);
  const signing: SigningKey = { suite: 'gm', keyId: key.keyId, privateKeyPem: pair.privateKeyPem };
  const corpus = new Corpus(20251127);
  const tenders = new Map<string, { deal: string; seq: number }>();
  const unsigned: Omit<ExchangeMessage, 'signature'>[] = [];
  let notices = 0;
  const message = (dataSetCode: string, record: ExchangeRecord, orderSeq: number) => {
    const full: ExchangeRecord = { ...record, PLATFORM_CODE: PLATFORM, PUB_SERVICE_PLAT_CODE: HUB };
    unsigned.push({
      version: PROTOCOL_VERSION,
      messageId: crypto.randomUUID(),
      dataSetCode,
      dataKey: dataKeyOf(dataSetCode, full, 1),
      platformCode: PLATFORM,
      hubCode: HUB,
      sentAt: full.DATA_TIMESTAMP as string,
      orderKey: String(full[dataSetSchema(dataSetCode)!.orderKeyField]),
      orderSeq,
      record: full,
    });
  };
  while (unsigned.length < count) {
    for (const notice of corpus.take(Math.min(1000, count - unsigned.length))) {
      if (unsigned.length >= count) break;
      let tender = tenders.get(notice.unifiedDealCode!);
      if (!tender) {
        if (unsigned.length + 1 >= count) break;
        const deal = buildDealCode(EXAMPLE_CODES.tenderer, new Date(notice.publishedAt), tenders.size + 2);
        tender = { deal, seq: 1 };
        tenders.set(notice.unifiedDealCode!, tender);
        const project = recordOf('501', deal, {
          TENDER_PROJECT_NAME: notice.title.replace(/(招标公告|公开招标公告|资格预审公告)(（二次）)?$/, ''),
          // The corpus's goods and services (B…) are not engineering industries: the national list's 'other'.
          TENDER_PROJECT_TYPE: /^A\d\d$/.test(notice.industryCode ?? '') ? notice.industryCode : 'A99',
          REGION_CODE: notice.regionCode,
          TENDER_CONTENT: notice.body,
          CREATE_TIME: cst(notice.publishedAt),
          DATA_TIMESTAMP: cst(notice.publishedAt),
        });
        message('501', project, tender.seq);
      }
      const code = notice.dataSetCode;
      const title = code === '517' ? 'EXCEPTION_NAME' : code === '512' ? 'CONTRACT_NAME' : 'NOTICE_NAME';
      const amount =
        notice.amountFen === null
          ? {}
          : { BID_AMOUNT: yuan(notice.amountFen), CONTRACT_AMOUNT: yuan(notice.amountFen) };
      const own = recordOf(code, tender.deal, {
        [title]: notice.title,
        ...(code === '506' || code === '512' ? {} : { NOTICE_CONTENT: notice.body }),
        ...(code === '513' ? { BID_AMOUNT: amount.BID_AMOUNT } : {}),
        ...(code === '512' ? { CONTRACT_AMOUNT: amount.CONTRACT_AMOUNT } : {}),
        // A clarification's key is its own code: one per tender here.
        ...(code === '504' ? { CLARIFY_CODE: `CLARIFY-${tender.deal.slice(18)}` } : {}),
        DATA_TIMESTAMP: cst(notice.receivedAt),
      });
      message(code, own, ++tender.seq);
      notices++;
    }
  }
  report(`ingest: signing ${unsigned.length} messages (${notices} notices, ${tenders.size} tenders)`);
  const started = performance.now();
  const messages = await Promise.all(unsigned.map((m) => signMessage(m, signing)));
  report(`ingest: signed in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return { messages, signing, publicKeyPem: pair.publicKeyPem, notices, tenders: tenders.size };
}

/** The example record of a data set, moved to deal `deal`, with `fields` set (undefined ones kept). */
function recordOf(dataSetCode: string, deal: string, fields: Record<string, unknown>): ExchangeRecord {
  const text = JSON.stringify(exampleRecord(dataSetCode))
    .replaceAll(EXAMPLE_CODES.section, sectionCode(deal, 1))
    .replaceAll(EXAMPLE_CODES.deal, deal);
  const record = JSON.parse(text) as Record<string, unknown>;
  for (const [name, value] of Object.entries(fields))
    if (value !== undefined && value !== null) record[name] = value;
  return record as ExchangeRecord;
}

/** What hub-exchange.ts does with applied messages, minus forwarding: tender facts, then notices. */
async function publish(
  trx: Trx,
  applied: readonly AppliedMessage[],
  now: Date,
  time: { factsMs: number },
): Promise<void> {
  const t0 = performance.now();
  const facts = await tenderFacts(trx, applied);
  time.factsMs += performance.now() - t0;
  await publishNotices(trx, HUB_REGION, applied, facts, now);
}

export async function migrateHub(store: Store): Promise<void> {
  await migrateToLatest(store.db, { ...COMMON_MIGRATIONS, '0014-hub-notices': hubNotices });
}

/**
 * The ingest section of the hub benchmark, on one store: the raw baseline into `baselineStore`, then
 * the code path into `store` (both freshly migrated), and the split of the code path's time.
 */
export async function benchIngest(
  label: string,
  store: Store,
  baselineStore: Store,
  data: IngestData,
  report: (line: string) => void,
): Promise<{ measurements: Measurement[]; summary: string[] }> {
  const { messages } = data;
  const batches: ExchangeMessage[][] = [];
  for (let i = 0; i < messages.length; i += BATCH)
    batches.push(messages.slice(i, i + BATCH) as ExchangeMessage[]);

  // Baseline: the rows the code path writes to exchange_inbox / exchange_order and the notices it
  // indexes (hub_notice + postings, by indexNotices), one transaction per batch, nothing checked.
  await migrateHub(baselineStore);
  report(`${label}: ingest baseline, ${messages.length} messages`);
  const baselineStarted = performance.now();
  let feedSeq = 0;
  for (const batch of batches) {
    const receivedAt = new Date().toISOString();
    const rows = batch.map((m) => ({
      platformCode: m.platformCode,
      dataKey: m.dataKey,
      messageId: m.messageId,
      dataSetCode: m.dataSetCode,
      orderKey: m.orderKey,
      orderSeq: m.orderSeq,
      contentDigest: messageContentDigest(m),
      message: canonicalJson(m),
      receivedAt,
    }));
    const lastSeq = new Map<string, number>();
    for (const m of batch) lastSeq.set(m.orderKey, m.orderSeq);
    const facts = new Map<string, { dataSetCode: string; record: ExchangeRecord }[]>();
    await baselineStore.db.transaction().execute(async (trx) => {
      const db = exchangeDb(trx);
      await db.insertInto('exchangeInbox').values(rows).execute();
      await db
        .insertInto('exchangeOrder')
        .values([...lastSeq].map(([orderKey, seq]) => ({ platformCode: PLATFORM, orderKey, lastSeq: seq })))
        .onConflict((oc) =>
          oc
            .columns(['platformCode', 'orderKey'])
            .doUpdateSet((eb) => ({ lastSeq: eb.ref('excluded.lastSeq') })),
        )
        .execute();
      const notices: NewNotice[] = [];
      for (const m of batch) {
        // The project records are in the same batch or an earlier one: kept in memory, not read back.
        if (m.dataSetCode === '501') facts.set(m.orderKey, [{ dataSetCode: '501', record: m.record }]);
        const notice = noticeFromMessage(
          m,
          tenderFactsOf(facts.get(m.orderKey) ?? []),
          HUB_REGION,
          receivedAt,
        );
        if (notice) notices.push(notice);
      }
      await indexNotices(trx, notices);
    });
    feedSeq += batch.length;
  }
  const baselineSeconds = (performance.now() - baselineStarted) / 1000;

  // The code path: a registered, approved platform, and applyMessages with the hub's notice hook.
  await migrateHub(store);
  await store.db
    .updateTable('ledgerState')
    .set({ hashAlgorithm: 'sm3', platform: 'hub' })
    .where('id', '=', 1)
    .execute();
  const ctx = {
    db: store.db,
    clock: new SystemClock(),
    actor: {
      userId: 'bench',
      username: 'bench',
      organisationId: null,
      roles: [],
      ip: '127.0.0.1',
      userAgent: null,
    },
    platform: 'hub' as const,
  };
  const key = await platformKeyOf('gm', data.publicKeyPem);
  await submitRegistration(ctx, exampleRegistration([key]));
  await decideRegistration(ctx, PLATFORM, 'approve', null);
  let hookMs = 0;
  const time = { factsMs: 0 };
  const hooks = {
    onApplied: async (trx: Trx, applied: readonly AppliedMessage[], now: Date) => {
      const t0 = performance.now();
      await publish(trx, applied, now, time);
      hookMs += performance.now() - t0;
    },
  };
  report(`${label}: ingest through applyMessages, ${messages.length} messages`);
  const started = performance.now();
  let accepted = 0;
  for (const batch of batches) {
    const replies = await applyMessages(ctx, HUB, batch, hooks);
    for (const reply of replies) {
      if (reply.status === 'accepted') accepted++;
      else throw new Error(`${label}: ${reply.dataKey} ${reply.status} ${JSON.stringify(reply.errors)}`);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  if (feedSeq !== accepted) throw new Error(`${label}: ${accepted} accepted of ${feedSeq}`);

  // The split: signatures and validation again on their own, for a sample, with the key's cache as
  // warm as in the run; rounds take turns so that the machine's drift hits both alike.
  const sender = registeredPlatformOf((await findPeer(store.db, PLATFORM))!);
  const sample = messages.slice(0, Math.min(SPLIT_SAMPLE, messages.length));
  let verifyMs = 0;
  let validateMs = 0;
  for (let round = 0; round < 4; round++) {
    const slice = sample.filter((_, i) => i % 4 === round);
    let t0 = performance.now();
    for (const m of slice) if (!(await verifyMessage(m, sender.keys)).ok) throw new Error('refused');
    verifyMs += performance.now() - t0;
    t0 = performance.now();
    for (const m of slice)
      if (validateMessage(m, { signed: true, forwarding: false }).length) throw new Error('invalid');
    validateMs += performance.now() - t0;
  }
  verifyMs *= messages.length / sample.length;
  validateMs *= messages.length / sample.length;
  const counts = await sql<{ notices: number; events: number }>`select
      (select count(*) from hub_notice) as notices,
      (select count(*) from audit_event) as events`.execute(store.db);
  const row = counts.rows[0]!;

  const rate = (n: number, s: number) => `${(n / s).toFixed(0)}/s`;
  const totalMs = seconds * 1000;
  const part = (ms: number) => `${(ms / 1000).toFixed(1)} s (${((100 * ms) / totalMs).toFixed(0)}%)`;
  const ratio = baselineSeconds / seconds;
  const baselineName = `${label}: ingest baseline, raw inbox + order rows + indexNotices, ${BATCH}/transaction`;
  const measuredName = `${label}: ingest applyMessages + hub notice hook, ${BATCH}/request`;
  return {
    measurements: [
      { name: baselineName, operations: messages.length, seconds: baselineSeconds, comparedTo: baselineName },
      { name: measuredName, operations: messages.length, seconds, comparedTo: baselineName },
    ],
    summary: [
      `${label}: ingest of ${messages.length} signed messages (${data.tenders} tenders: ${data.notices} notices + their 501s), ${BATCH} per request`,
      `  code path (validated, SM2-verified, stored with ${Number(row.events) - 2} audit events + ledger leaves, ${Number(row.notices)} notices indexed): ${rate(messages.length, seconds)}`,
      `  baseline (same exchange_inbox + exchange_order rows, same notices via indexNotices, one transaction per batch; no checks, signatures, order/duplicate lookups, audit, ledger or tender-facts reads): ${rate(messages.length, baselineSeconds)}`,
      `  ratio ${ratio.toFixed(2)} of raw (target >= ${TARGET_RATIO}): ${ratio >= TARGET_RATIO ? 'met' : 'MISSED'}`,
      `  where the code path's ${seconds.toFixed(1)} s go: SM2 verify ${part(verifyMs)}, validation ${part(validateMs)}, notice hook ${part(hookMs)} (tender facts read back ${part(time.factsMs)}, notices built and indexed ${part(hookMs - time.factsMs)}), the rest: store (peer, order/duplicate lookups, inbox + order rows, audit events, ledger, commit) ${part(totalMs - verifyMs - validateMs - hookMs)}`,
    ],
  };
}
