import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import pg from 'pg';
import * as hubNotices from '../src/hub/migrations/0014-hub-notices.ts';
import { indexNotice, indexNotices } from '../src/hub/notices/index-notices.ts';
import { hubNoticeDb } from '../src/hub/notices/notice-tables.ts';
import { searchNotices } from '../src/hub/notices/search-notices.ts';
import type { NoticeSearchQuery } from '../src/hub/notices/search-query.ts';
import { openStore, type Store } from '../src/store/database.ts';
import { COMMON_MIGRATIONS, migrateToLatest } from '../src/store/migrator.ts';
import { likeContains } from '../src/store/page.ts';
import { type Benchmark, type Measurement, percentile, timeEach } from './harness.ts';
import { Corpus } from './support/notice-corpus.ts';
import { benchSm2Verify } from './support/sm2-verify.ts';
import { benchIngest, INGEST_MESSAGES, ingestData, type IngestData } from './hub-ingest.ts';

const NOTICES = Number(process.env.ZHAOCAI_BENCH_HUB_NOTICES ?? 1_000_000);
const QUERIES = Number(process.env.ZHAOCAI_BENCH_HUB_QUERIES ?? 2000);
/** Queries of the same mix run as a naive scan too: fewer, each reads the whole table. */
const BASELINE_QUERIES = Number(process.env.ZHAOCAI_BENCH_HUB_BASELINE ?? 30);
const PG_URL = process.env.ZHAOCAI_BENCH_PG || null;
const LOAD_BATCH = 5000;
/** Notices indexed one per durable transaction after the load, as a hub receives them. */
const SINGLES = 300;
const TARGET_P95_MS = 50;
const SM2_VERIFICATIONS = Number(process.env.ZHAOCAI_BENCH_HUB_SM2 ?? 1000);
/** The parts to run: sm2, search, ingest (all by default). */
const PARTS = new Set((process.env.ZHAOCAI_BENCH_HUB_PARTS ?? 'sm2,search,ingest').split(','));

/**
 * The hub's notice search (src/hub/notices) over generated notices with realistic Chinese titles:
 * projects in Fujian and a few other provinces, each publishing its announcement, clarifications,
 * opening record, candidates, result and contract over some weeks (a million notices span about
 * four years), a few received late. Reports the load rate, the index's bytes per notice, and the
 * latency of a mix of public searches (common and rare words of 1–8 characters, codes, filters,
 * deep pages), against a naive LIKE '%q%' scan of the same table for a sample of the same queries,
 * whose answers must agree. First, SM2 verification of a message as the hub receives it, cold and
 * with the sending platform's key cached (./support/sm2-verify.ts). Last, ingest (./hub-ingest.ts):
 * signed notice messages through applyMessages with the hub's notice hook (validated, verified,
 * stored with audit events and ledger, indexed) against a raw insert of the same rows in the same run.
 *
 * Environment: ZHAOCAI_BENCH_HUB_NOTICES (1,000,000), _QUERIES (2,000), _BASELINE (30), _SM2 (1,000),
 * _INGEST (20,000 messages), _PARTS (sm2,search,ingest: e.g. ZHAOCAI_BENCH_HUB_PARTS=ingest runs the
 * ingest part alone), and ZHAOCAI_BENCH_PG, a PostgreSQL URL to run the same on PostgreSQL too.
 */
export const hubBenchmark: Benchmark = {
  name: 'hub',
  description: `hub notice search: ${NOTICES} generated notices, ${QUERIES} searches, p95 target < ${TARGET_P95_MS} ms, vs LIKE scan; SQLite${PG_URL ? ' and PostgreSQL' : ''}`,
  async run(report) {
    const loadAtStart = loadavg()[0]!;
    const measurements: Measurement[] = [];
    const summary: string[] = [];
    if (PARTS.has('sm2')) {
      const sm2 = await benchSm2Verify(SM2_VERIFICATIONS, report);
      measurements.push(...sm2.measurements);
      summary.push(...sm2.summary);
    }
    const ingest = PARTS.has('ingest') ? await ingestData(INGEST_MESSAGES, report) : null;
    const dir = mkdtempSync(join(tmpdir(), 'zhaocai-bench-hub-'));
    try {
      if (PARTS.has('search')) {
        const sqlite = openStore(`sqlite:${join(dir, 'hub.db')}`);
        try {
          const result = await benchStore('sqlite', sqlite, report);
          measurements.push(...result.measurements);
          summary.push(...result.summary);
        } finally {
          await sqlite.close();
        }
      }
      if (ingest) {
        const result = await ingestOn('sqlite', ingest, report, (name) =>
          openStore(`sqlite:${join(dir, name)}`),
        );
        measurements.push(...result.measurements);
        summary.push(...result.summary);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    if (PG_URL && ingest) {
      const result = await ingestOn('postgres', ingest, report, (name) => {
        const schema = `bench_hub_${name.replace(/\W/g, '_')}_${randomBytes(4).toString('hex')}`;
        return adminQuery(`create schema ${schema}`).then(() => ({
          store: openStore(PG_URL, { searchPath: schema, poolSize: 4 }),
          drop: () => adminQuery(`drop schema ${schema} cascade`),
        }));
      });
      measurements.push(...result.measurements);
      summary.push(...result.summary);
    }
    if (PG_URL && PARTS.has('search')) {
      const schema = `bench_hub_${randomBytes(4).toString('hex')}`;
      await adminQuery(`create schema ${schema}`);
      const postgres = openStore(PG_URL, { searchPath: schema, poolSize: 4 });
      try {
        const result = await benchStore('postgres', postgres, report);
        measurements.push(...result.measurements);
        summary.push(...result.summary);
      } finally {
        await postgres.close();
        await adminQuery(`drop schema ${schema} cascade`);
      }
    }
    summary.push(
      `machine: ${availableParallelism()} CPUs, 1-minute load average ${loadAtStart.toFixed(1)} at the start, ${loadavg()[0]!.toFixed(1)} at the end`,
    );
    console.log(summary.join('\n'));
    return measurements;
  },
};

/** The ingest part on fresh stores of one kind: one for the raw baseline, one for the code path. */
async function ingestOn(
  label: 'sqlite' | 'postgres',
  data: IngestData,
  report: (line: string) => void,
  open: (name: string) => Store | Promise<{ store: Store; drop: () => Promise<void> }>,
): Promise<{ measurements: Measurement[]; summary: string[] }> {
  const opened = await Promise.all(
    ['ingest-raw.db', 'ingest.db'].map(async (name) => {
      const o = await open(name);
      return 'drop' in o ? o : { store: o, drop: async () => {} };
    }),
  );
  try {
    return await benchIngest(label, opened[1]!.store, opened[0]!.store, data, report);
  } finally {
    for (const { store, drop } of opened) {
      await store.close();
      await drop();
    }
  }
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_URL! });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

async function benchStore(
  label: 'sqlite' | 'postgres',
  store: Store,
  report: (line: string) => void,
): Promise<{ measurements: Measurement[]; summary: string[] }> {
  await migrateToLatest(store.db, { ...COMMON_MIGRATIONS, '0014-hub-notices': hubNotices });
  const corpus = new Corpus(20250601);

  report(`${label}: loading ${NOTICES} notices, ${LOAD_BATCH} per transaction`);
  const loadStarted = performance.now();
  let lastReport = loadStarted;
  for (let loaded = 0; loaded < NOTICES;) {
    const batch = corpus.take(Math.min(LOAD_BATCH, NOTICES - loaded));
    await store.db.transaction().execute((trx) => indexNotices(trx, batch));
    loaded += batch.length;
    const now = performance.now();
    if (now - lastReport > 5000 || loaded === NOTICES) {
      const seconds = (now - loadStarted) / 1000;
      report(
        `  ${label}: ${loaded}/${NOTICES} notices, ${(loaded / seconds).toFixed(0)}/s, ${seconds.toFixed(0)} s`,
      );
      lastReport = now;
    }
  }
  const loadSeconds = (performance.now() - loadStarted) / 1000;
  if (label === 'postgres') {
    // What autovacuum does after a bulk load: statistics, and the visibility map for index-only scans.
    report('postgres: vacuum analyze');
    await sql`vacuum analyze`.execute(store.db);
  }
  const sizes = await indexSizes(label, store);

  const queries = corpus.queries(QUERIES);
  report(`${label}: ${queries.length} searches`);
  // A few searches first, so that the timings are of a running service, not of its first statements.
  for (const spec of queries.slice(0, 20)) await searchNotices(store.db, spec.query);
  const totals: number[] = [];
  let estimated = 0;
  const search = await timeEach(
    `${label}: searchNotices, ${queries.length} searches`,
    queries.length,
    async (i) => {
      const page = await searchNotices(store.db, queries[i]!.query);
      totals[i] = page.total;
      if (!page.totalExact) estimated++;
    },
    report,
  );

  const sampleEvery = Math.max(1, Math.floor(queries.length / BASELINE_QUERIES));
  const sample = queries.filter((_, i) => i % sampleEvery === 0).slice(0, BASELINE_QUERIES);
  report(`${label}: baseline, LIKE '%q%' over the table for ${sample.length} of the searches`);
  const scanned: { seqs: number[]; total: number }[] = [];
  const baseline = await timeEach(
    `${label}: LIKE '%q%' scan, ${sample.length} of the searches`,
    sample.length,
    async (i) => {
      scanned[i] = await likeSearch(store, sample[i]!.query);
    },
    report,
  );
  const indexed: { seqs: number[]; total: number; totalExact: boolean }[] = [];
  const sameSample = await timeEach(
    `${label}: searchNotices, the same ${sample.length}`,
    sample.length,
    async (i) => {
      const page = await searchNotices(store.db, sample[i]!.query);
      indexed[i] = {
        seqs: page.items.map((item) => item.seq),
        total: page.total,
        totalExact: page.totalExact,
      };
    },
    report,
  );
  // An estimated total is at least the hits before the page's end; how far it is off is reported.
  const disagreements = sample.filter((spec, i) => {
    const [a, b] = [indexed[i]!, scanned[i]!];
    const pageEnd = (spec.query.page - 1) * spec.query.pageSize + a.seqs.length;
    const sameTotal = a.totalExact ? a.total === b.total : a.total >= pageEnd;
    return !sameTotal || a.seqs.join() !== b.seqs.join();
  });
  const estimateRatios = sample
    .map((_, i) => (indexed[i]!.totalExact ? null : indexed[i]!.total / scanned[i]!.total))
    .filter((ratio) => ratio !== null)
    .sort((a, b) => a - b);

  report(`${label}: ${SINGLES} notices indexed one per transaction`);
  const singles = corpus.take(SINGLES);
  const single = await timeEach(
    `${label}: indexNotice, one per durable transaction`,
    SINGLES,
    (i) => store.db.transaction().execute((trx) => indexNotice(trx, singles[i]!)),
    report,
  );

  const ms = (values: readonly number[]) =>
    `p50 ${percentile(values, 50).toFixed(1)} / p95 ${percentile(values, 95).toFixed(1)} / p99 ${percentile(values, 99).toFixed(1)} ms`;
  const byKind = new Map<string, number[]>();
  for (const [i, spec] of queries.entries()) {
    const latencies = byKind.get(spec.kind) ?? [];
    latencies.push(search.latenciesMs![i]!);
    byKind.set(spec.kind, latencies);
  }
  const p95 = percentile(search.latenciesMs!, 95);
  const hits = totals.filter((total) => total > 0).length;
  return {
    measurements: [
      { ...baseline, comparedTo: baseline.name },
      { ...sameSample, comparedTo: baseline.name },
      { ...search, comparedTo: search.name },
      { ...single, comparedTo: single.name },
    ],
    summary: [
      `${label}: loaded ${NOTICES} notices in ${loadSeconds.toFixed(0)} s (${(NOTICES / loadSeconds).toFixed(0)}/s, ${LOAD_BATCH} per transaction, rows and index)`,
      `${label}: index ${(sizes.index / NOTICES).toFixed(0)} bytes/notice (posting blocks ${(sizes.postings / NOTICES).toFixed(0)}, entry-count index ${(sizes.counts / NOTICES).toFixed(0)}); notice rows ${(sizes.rows / NOTICES).toFixed(0)} bytes/notice`,
      `${label}: ${queries.length} searches, ${ms(search.latenciesMs!)}, ${hits} with hits; p95 ${p95.toFixed(1)} ms ${p95 < TARGET_P95_MS ? 'PASS' : 'FAIL'} (< ${TARGET_P95_MS} ms)`,
      ...[...byKind].map(
        ([kind, latencies]) => `  ${label}: ${kind} (${latencies.length}): ${ms(latencies)}`,
      ),
      `${label}: ${estimated} of the ${queries.length} totals estimated (totalExact false)`,
      `${label}: LIKE scan ${ms(baseline.latenciesMs!)} vs searchNotices ${ms(sameSample.latenciesMs!)} on the same ${sample.length}; answers agree on ${sample.length - disagreements.length}/${sample.length}${disagreements.length ? ` (first disagreement: ${JSON.stringify(disagreements[0]!.query)})` : ''}${estimateRatios.length ? `; ${estimateRatios.length} estimated totals, estimate/actual ${estimateRatios.map((r) => r.toFixed(2)).join(', ')}` : ''}`,
      `${label}: indexNotice one per durable transaction: ${ms(single.latenciesMs!)}`,
    ],
  };
}

async function indexSizes(
  label: 'sqlite' | 'postgres',
  store: Store,
): Promise<{ index: number; postings: number; counts: number; rows: number }> {
  if (label === 'sqlite') {
    const { rows } = await sql<{ name: string; bytes: number }>`
      select name, sum(pgsize) as bytes from dbstat where name like 'hub_notice%' or name like 'sqlite_autoindex_hub_notice_%'
      group by name`.execute(store.db);
    const bytes = new Map(rows.map((row) => [row.name, row.bytes]));
    const postings = bytes.get('hub_notice_posting') ?? 0;
    const counts = bytes.get('hub_notice_posting_counts') ?? 0;
    // The notices' table, its indexes (by time, by id, by data key).
    const noticeRows = rows
      .filter(
        (row) =>
          row.name === 'hub_notice' ||
          row.name === 'hub_notice_published' ||
          row.name.startsWith('sqlite_autoindex_hub_notice_'),
      )
      .reduce((sum, row) => sum + row.bytes, 0);
    return { index: postings + counts, postings, counts, rows: noticeRows };
  }
  const { rows } = await sql<{ postings: string; counts: string; rows: string }>`
    select pg_total_relation_size('hub_notice_posting') - pg_relation_size('hub_notice_posting_counts') as postings,
           pg_relation_size('hub_notice_posting_counts') as counts,
           pg_total_relation_size('hub_notice') as rows`.execute(store.db);
  const row = rows[0]!;
  return {
    index: Number(row.postings) + Number(row.counts),
    postings: Number(row.postings),
    counts: Number(row.counts),
    rows: Number(row.rows),
  };
}

/** The naive search: every word with LIKE '%word%' over the title and text, the filters, a count. */
async function likeSearch(
  store: Store,
  query: NoticeSearchQuery,
): Promise<{ seqs: number[]; total: number }> {
  const db = hubNoticeDb(store.db);
  // SQLite's LIKE ignores the case of ASCII letters; PostgreSQL's ILIKE does the same here.
  const like = store.dialect === 'postgres' ? 'ilike' : 'like';
  let base = db.selectFrom('hubNotice');
  for (const word of (query.text ?? '').split(/\s+/).filter(Boolean)) {
    const pattern = sql<string>`${likeContains(word)} escape '\\'`;
    // Codes match whole, as in the search.
    const code = word.toLowerCase();
    base = base.where((eb) =>
      eb.or([
        eb('title', like, pattern),
        eb('body', like, pattern),
        eb(eb.fn('lower', ['unifiedDealCode']), '=', code),
        eb(eb.fn('lower', ['tenderProjectCode']), '=', code),
      ]),
    );
  }
  if (query.region) base = base.where('regionCode', 'like', `${query.region.replace(/(00)+$/, '')}%`);
  if (query.type) base = base.where('noticeType', '=', query.type);
  if (query.industry) base = base.where('industryCode', '=', query.industry);
  if (query.publishedFrom) base = base.where('publishedAt', '>=', cstMidnight(query.publishedFrom, 0));
  if (query.publishedTo) base = base.where('publishedAt', '<', cstMidnight(query.publishedTo, 1));
  if (query.minAmountFen !== undefined) base = base.where('amountFen', '>=', query.minAmountFen);
  if (query.maxAmountFen !== undefined) base = base.where('amountFen', '<=', query.maxAmountFen);
  const { total } = await base.select(sql<string | number>`count(*)`.as('total')).executeTakeFirstOrThrow();
  const rows = await base
    .select('seq')
    .orderBy('publishedAt', 'desc')
    .orderBy('seq', 'desc')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return { seqs: rows.map((row) => Number(row.seq)), total: Number(total) };
}

function cstMidnight(date: string, daysLater: number): string {
  return new Date(Date.parse(`${date}T00:00:00+08:00`) + daysLater * 86_400_000).toISOString();
}
