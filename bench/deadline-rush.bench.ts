import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, statfsSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import pino from 'pino';
import { hashHex, randomToken } from '../src/crypto/hash.ts';
import { ManualClock } from '../src/domain/clock.ts';
import { loadConfig } from '../src/server/config.ts';
import { createService } from '../src/server/create-service.ts';
import { tradingDb } from '../src/trading/schema.ts';
import { tradingService } from '../src/trading/service.ts';
import { type Benchmark, type Measurement, percentile } from './harness.ts';

const MIB = 1024 * 1024;
const BIDDERS = Number(process.env.ZHAOCAI_BENCH_BIDDERS ?? 500);
const BID_MIB = Number(process.env.ZHAOCAI_BENCH_BID_MB ?? 20);
const CONCURRENCY = Number(process.env.ZHAOCAI_BENCH_CONCURRENCY ?? 32);
const CHUNK = 8 * MIB;
const LATE = Math.min(CONCURRENCY, BIDDERS);
const FILE_SIZE = BID_MIB * MIB;
const CHUNK_COUNT = Math.ceil(FILE_SIZE / CHUNK);
const LAST_START = (CHUNK_COUNT - 1) * CHUNK;
const RUSH_MS = 60_000;
const MARGIN_MS = 3_000;
const BOND = { amount: 10_000, payerAccount: '6222020200012345678', paidAt: '2026-03-01T00:00:00.000Z' };

/**
 * Every bidder's file is the same random prefix plus a last chunk stamped with the bidder's
 * number, so files (and blobs) differ while their SHA-256 is cheap to compute: the prefix's hash
 * state is copied and only the last chunk hashed per bidder.
 */
class BidFiles {
  readonly base = randomBytes(FILE_SIZE);
  readonly chunkHashes: string[] = [];
  private readonly prefix = createHash('sha256');
  constructor() {
    for (let i = 0; i < CHUNK_COUNT - 1; i++) {
      const chunk = this.base.subarray(i * CHUNK, (i + 1) * CHUNK);
      this.chunkHashes.push(hashHex(chunk));
      this.prefix.update(chunk);
    }
  }
  bidder(n: number): { chunks: Buffer[]; chunkHashes: string[]; fileSha256: string } {
    const last = Buffer.from(this.base.subarray(LAST_START));
    last.writeUInt32BE(n, last.length - 4);
    const chunks = [
      ...Array.from({ length: CHUNK_COUNT - 1 }, (_, i) => this.base.subarray(i * CHUNK, (i + 1) * CHUNK)),
      last,
    ];
    return {
      chunks,
      chunkHashes: [...this.chunkHashes, hashHex(last)],
      fileSha256: this.prefix.copy().update(last).digest('hex'),
    };
  }
}

interface Reply {
  readonly status: number;
  readonly body: string;
}

function client(port: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY * 2 });
  return {
    request(
      method: string,
      path: string,
      headers: Record<string, string>,
      body?: Buffer | string,
    ): Promise<Reply> {
      return new Promise((resolve, reject) => {
        const req = http.request({ host: '127.0.0.1', port, method, path, headers, agent }, (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (d: string) => (text += d));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
          res.on('error', reject);
        });
        req.on('error', reject);
        req.end(body);
      });
    },
    close: () => agent.destroy(),
  };
}
type Client = ReturnType<typeof client>;

interface BidderRun {
  readonly uploadMs: number;
  readonly receiptMs: number;
  readonly ok: boolean;
  readonly error?: string;
}

const json = (token: string | null) => ({
  'content-type': 'application/json',
  ...(token ? { authorization: `Bearer ${token}` } : {}),
});

async function openAndSend(
  http: Client,
  sectionId: string,
  token: string | null,
  file: ReturnType<BidFiles['bidder']>,
): Promise<{ uploadId: string } | { error: string }> {
  const opened = await http.request(
    'POST',
    `/api/sections/${sectionId}/uploads`,
    json(token),
    JSON.stringify({ totalSize: FILE_SIZE, fileSha256: file.fileSha256, chunkSize: CHUNK }),
  );
  if (opened.status !== 201) return { error: `open ${opened.status} ${opened.body.slice(0, 200)}` };
  const uploadId = (JSON.parse(opened.body) as { id: string }).id;
  for (let i = 0; i < CHUNK_COUNT; i++) {
    const res = await http.request(
      'PUT',
      `/api/sections/${sectionId}/uploads/${uploadId}/chunks/${i}`,
      {
        'content-type': 'application/octet-stream',
        'x-chunk-sha256': file.chunkHashes[i]!,
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      file.chunks[i]!,
    );
    if (res.status !== 200) return { error: `chunk ${i} ${res.status} ${res.body.slice(0, 200)}` };
  }
  return { uploadId };
}

async function completeUpload(
  http: Client,
  sectionId: string,
  token: string | null,
  uploadId: string,
): Promise<Reply> {
  return http.request(
    'POST',
    `/api/sections/${sectionId}/uploads/${uploadId}/complete`,
    json(token),
    JSON.stringify({ bidBond: BOND }),
  );
}

/** One bidder's whole upload with the real protocol: open, chunks, complete. */
async function uploadBid(
  http: Client,
  sectionId: string,
  token: string | null,
  file: ReturnType<BidFiles['bidder']>,
): Promise<BidderRun> {
  const t0 = performance.now();
  const sent = await openAndSend(http, sectionId, token, file);
  if ('error' in sent)
    return { uploadMs: performance.now() - t0, receiptMs: 0, ok: false, error: sent.error };
  const t1 = performance.now();
  const done = await completeUpload(http, sectionId, token, sent.uploadId);
  const t2 = performance.now();
  return {
    uploadMs: t2 - t0,
    receiptMs: t2 - t1,
    ok: done.status === 201,
    ...(done.status === 201 ? {} : { error: `complete ${done.status} ${done.body.slice(0, 200)}` }),
  };
}

/** Runs `count` tasks, at most CONCURRENCY at a time, with a progress line every second. */
async function rush(
  label: string,
  count: number,
  task: (index: number) => Promise<BidderRun>,
  report: (line: string) => void,
  onDone: (done: number) => void = () => {},
): Promise<{ runs: BidderRun[]; seconds: number }> {
  const runs: BidderRun[] = new Array(count);
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  let next = 0;
  let done = 0;
  const started = performance.now();
  const ticker = setInterval(() => {
    const s = (performance.now() - started) / 1000;
    report(`  ${label}: ${done}/${count} bids, ${((done * FILE_SIZE) / MIB / s).toFixed(0)} MiB/s`);
  }, 1000);
  try {
    await Promise.all(
      Array.from({ length: Math.min(CONCURRENCY, count) }, async () => {
        while (next < count) {
          const i = next++;
          runs[i] = await task(i);
          onDone(++done);
        }
      }),
    );
  } finally {
    clearInterval(ticker);
    loop.disable();
  }
  report(
    `  ${label}: event-loop delay mean ${(loop.mean / 1e6).toFixed(1)} ms, p99 ${(loop.percentile(99) / 1e6).toFixed(1)} ms, max ${(loop.max / 1e6).toFixed(1)} ms`,
  );
  return { runs, seconds: (performance.now() - started) / 1000 };
}

/** The baseline: a bare node:http server that streams each chunk to its own file and fsyncs it. */
async function baselineServer(dir: string): Promise<{ port: number; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const url = req.url ?? '';
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const chunk = /\/uploads\/([^/]+)\/chunks\/(\d+)$/.exec(url);
    if (req.method === 'PUT' && chunk) {
      void (async () => {
        const tmp = join(dir, `${chunk[1]}.${chunk[2]}.part`);
        const file = await open(tmp, 'w');
        for await (const piece of req) await file.write(piece as Buffer);
        await file.sync();
        await file.close();
        await rename(tmp, join(dir, `${chunk[1]}.${chunk[2]}`));
        send(200, { index: Number(chunk[2]) });
      })().catch(() => send(500, {}));
      return;
    }
    req.resume();
    req.on('end', () => {
      const completed = /\/uploads\/([^/]+)\/complete$/.exec(url);
      if (req.method === 'POST' && completed) {
        void Promise.all(
          Array.from({ length: CHUNK_COUNT }, (_, i) =>
            rm(join(dir, `${completed[1]}.${i}`), { force: true }),
          ),
        ).then(() => send(201, { receipt: { receivedAt: new Date().toISOString() } }));
      } else if (req.method === 'POST' && url.endsWith('/uploads')) send(201, { id: randomUUID() });
      else send(404, {});
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Bidders, each its own organisation with a signed-in user, seeded straight into the database. */
async function seedBidders(db: ReturnType<typeof tradingDb>, count: number, now: string): Promise<string[]> {
  const tokens: string[] = [];
  const expiresAt = new Date(Date.parse(now) + 12 * 3_600_000).toISOString();
  for (let i = 0; i < count; i++) {
    const organisationId = randomUUID();
    const userId = randomUUID();
    const token = randomToken();
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('organisation')
        .values({
          id: organisationId,
          creditCode: `BENCH${String(i).padStart(13, '0')}`,
          name: `投标人 ${i} 有限公司`,
          region: null,
          legalRepresentative: null,
          createdAt: now,
          updatedAt: now,
        })
        .execute();
      await trx
        .insertInto('appUser')
        .values({
          id: userId,
          username: `bidder${i}`,
          displayName: `bidder${i}`,
          organisationId,
          passwordHash: 'not-used',
          locale: 'zh-CN',
          disabledAt: null,
          createdAt: now,
        })
        .execute();
      await trx.insertInto('userRole').values({ userId, role: 'bidder' }).execute();
      await trx
        .insertInto('session')
        .values({
          tokenHash: hashHex(token),
          userId,
          createdAt: now,
          expiresAt,
          ip: '127.0.0.1',
          userAgent: 'bench',
          revokedAt: null,
        })
        .execute();
    });
    tokens.push(token);
  }
  return tokens;
}

async function seedSection(db: ReturnType<typeof tradingDb>, deadline: string, now: string): Promise<string> {
  const tendererId = randomUUID();
  const projectId = randomUUID();
  const sectionId = randomUUID();
  await db
    .insertInto('organisation')
    .values({
      id: tendererId,
      creditCode: 'BENCHTENDERER00000',
      name: '招标人',
      region: null,
      legalRepresentative: null,
      createdAt: now,
      updatedAt: now,
    })
    .execute();
  await db
    .insertInto('tenderProject')
    .values({
      id: projectId,
      dealCode: 'BENCH-PROJECT',
      name: '截止前冲刺',
      tendererOrganisationId: tendererId,
      agencyOrganisationId: null,
      entrustmentId: null,
      procedure: 'open',
      qualification: 'post',
      mustTender: 1,
      stateFunded: 1,
      region: null,
      industry: null,
      status: 'published',
      pausedAt: null,
      publishedAt: now,
      createdAt: now,
      updatedAt: now,
    })
    .execute();
  await db
    .insertInto('tenderSection')
    .values({
      id: sectionId,
      projectId,
      code: 'BENCH-SECTION-001',
      name: '标段一',
      estimatedPriceFen: 100_000_000,
      controlPriceFen: null,
      referencePriceFen: null,
      bidBondFen: 1_000_000,
      bidValidityDays: 90,
      evaluationMethod: 'comprehensive',
      criteria: '{}',
      createdAt: now,
    })
    .execute();
  await db
    .insertInto('announcement')
    .values({
      id: randomUUID(),
      projectId,
      kind: 'tender',
      title: '招标公告',
      body: '',
      documentIssueStart: now,
      documentIssueEnd: now,
      bidDeadline: deadline,
      openingAt: deadline,
      prequalificationDeadline: null,
      objectionContact: '-',
      invitedOrganisationIds: '[]',
      publishedAt: now,
      createdAt: now,
    })
    .execute();
  return sectionId;
}

function summary(name: string, result: { runs: BidderRun[]; seconds: number }): Measurement {
  return {
    name,
    operations: result.runs.length,
    seconds: result.seconds,
    bytes: result.runs.filter((r) => r.ok).length * FILE_SIZE,
    latenciesMs: result.runs.map((r) => r.uploadMs),
  };
}

/**
 * The last minute before a bid deadline: N bidders each upload an S MiB bid file through the real
 * trading service over HTTP (chunked, hashed, fsynced, completed into bids with receipts), then a
 * burst arrives at the deadline and must be refused entirely. Baseline: a bare node:http server
 * that streams the same chunks to disk with fsync, same concurrency, sizes and chunking.
 */
export const deadlineRushBenchmark: Benchmark = {
  name: 'deadline-rush',
  description: `${BIDDERS} bidders × ${BID_MIB} MiB in ${CHUNK / MIB} MiB chunks, ${CONCURRENCY} in flight, then a late burst of ${LATE}`,
  async run(report) {
    const needed = (BIDDERS + LATE) * FILE_SIZE * 1.2 + 512 * MIB;
    const fs = statfsSync(tmpdir());
    const free = fs.bavail * fs.bsize;
    if (free < needed) {
      throw new Error(
        `deadline-rush needs about ${(needed / 2 ** 30).toFixed(1)} GiB free in ${tmpdir()}, only ${(free / 2 ** 30).toFixed(1)} GiB; lower ZHAOCAI_BENCH_BIDDERS or ZHAOCAI_BENCH_BID_MB`,
      );
    }
    report(`preparing ${BIDDERS + LATE} bid files of ${BID_MIB} MiB (${CHUNK_COUNT} chunks each)`);
    const files = new BidFiles();

    // Baseline.
    const baseDir = mkdtempSync(join(tmpdir(), 'zhaocai-rush-base-'));
    let baseline: Measurement;
    try {
      const server = await baselineServer(baseDir);
      const http = client(server.port);
      report('baseline: bare node:http, stream to disk + fsync');
      const result = await rush(
        'baseline',
        BIDDERS,
        (i) => uploadBid(http, 'baseline', null, files.bidder(i)),
        report,
      );
      baseline = summary('baseline: node:http → disk + fsync', result);
      http.close();
      await server.close();
    } finally {
      rmSync(baseDir, { recursive: true, force: true });
    }

    // The trading service.
    const dataDir = mkdtempSync(join(tmpdir(), 'zhaocai-rush-svc-'));
    try {
      const deadline = '2026-06-30T02:00:00.000Z';
      const rushStart = Date.parse(deadline) - RUSH_MS;
      const clock = new ManualClock(new Date(rushStart));
      const config = loadConfig({ env: {}, overrides: { dataDir, log: { level: 'silent', pretty: false } } });
      const { app, deps } = await createService(tradingService, {
        config,
        clock,
        logger: pino({ level: 'silent' }),
      });
      await app.listen({ host: '127.0.0.1', port: 0 });
      const port = (app.server.address() as AddressInfo).port;
      const db = tradingDb(deps.store.db);
      const now = clock.now().toISOString();
      report(`seeding ${BIDDERS + LATE} bidders`);
      const sectionId = await seedSection(db, deadline, now);
      const tokens = await seedBidders(db, BIDDERS + LATE, now);
      const http = client(port);

      // The late bidders have sent every chunk but have not completed when the deadline falls.
      report(`late bidders: ${LATE} uploads sent, not completed`);
      const lateUploads: string[] = [];
      for (let j = 0; j < LATE; j++) {
        const sent = await openAndSend(http, sectionId, tokens[BIDDERS + j]!, files.bidder(BIDDERS + j));
        if ('error' in sent) throw new Error(`late bidder preparation failed: ${sent.error}`);
        lateUploads.push(sent.uploadId);
      }

      report(`measured: trading service, deadline ${deadline}, virtual clock walks the last minute`);
      const result = await rush(
        'trading',
        BIDDERS,
        (i) => uploadBid(http, sectionId, tokens[i]!, files.bidder(i)),
        report,
        // Virtual time walks through the last minute as bids arrive, ending a margin before the deadline.
        (done) => clock.set(new Date(rushStart + Math.floor(((RUSH_MS - MARGIN_MS) * done) / BIDDERS))),
      );
      const measured = summary('trading service: chunks + blob + bid + receipt', result);

      // The burst at the deadline: completions, new uploads and chunks must all be refused.
      clock.set(new Date(deadline));
      report(`late burst at the deadline: ${LATE} completions, ${LATE} new uploads, ${LATE} chunks`);
      const late = await Promise.all(
        lateUploads.flatMap((uploadId, j) => {
          const token = tokens[BIDDERS + j]!;
          const file = files.bidder(BIDDERS + j);
          return [
            completeUpload(http, sectionId, token, uploadId),
            http.request(
              'POST',
              `/api/sections/${sectionId}/uploads`,
              json(token),
              JSON.stringify({ totalSize: FILE_SIZE, fileSha256: file.fileSha256, chunkSize: CHUNK }),
            ),
            http.request(
              'PUT',
              `/api/sections/${sectionId}/uploads/${uploadId}/chunks/0`,
              {
                'content-type': 'application/octet-stream',
                'x-chunk-sha256': file.chunkHashes[0]!,
                authorization: `Bearer ${token}`,
              },
              file.chunks[0]!,
            ),
          ];
        }),
      );
      const lateAccepted = late.filter((r) => r.status < 300).length;
      const lateE2 = late.filter((r) => r.status === 422 && r.body.includes('"E2"')).length;
      const lateBids = await db
        .selectFrom('bid')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('submittedAt', '>=', deadline)
        .executeTakeFirstOrThrow();
      const bids = await db
        .selectFrom('bid')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();

      http.close();
      await app.close();

      const failures = result.runs.filter((r) => !r.ok);
      const ratio = measured.bytes! / measured.seconds / (baseline.bytes! / baseline.seconds);
      const receipts = result.runs.filter((r) => r.ok).map((r) => r.receiptMs);
      console.log(
        [
          `bids recorded: ${Number(bids.n)} of ${BIDDERS}; failures: ${failures.length}${failures.length ? ` (first: ${failures[0]!.error})` : ''}`,
          `receipt latency (complete → receipt): p50 ${percentile(receipts, 50).toFixed(1)} ms, p99 ${percentile(receipts, 99).toFixed(1)} ms`,
          `late burst: ${late.length} requests at the deadline, ${lateAccepted} accepted, ${lateE2} refused citing E2; bids timed at or after the deadline: ${Number(lateBids.n)}`,
          `throughput: ${(measured.bytes! / measured.seconds / MIB).toFixed(1)} MiB/s vs baseline ${(baseline.bytes! / baseline.seconds / MIB).toFixed(1)} MiB/s = ${ratio.toFixed(2)} (target ≥ 0.80)`,
          `verdict: ${ratio >= 0.8 && failures.length === 0 && lateAccepted === 0 && Number(lateBids.n) === 0 ? 'PASS' : 'FAIL'}`,
        ].join('\n'),
      );
      return [baseline, measured];
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
