import { type ChildProcess, fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { constants, mkdtempSync, rmSync, statfsSync } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import pino from 'pino';
import { hashHex, randomToken } from '../src/crypto/hash.ts';
import { ManualClock } from '../src/domain/clock.ts';
import { loadConfig } from '../src/server/config.ts';
import { createService } from '../src/server/create-service.ts';
import { HashWorkers } from '../src/trading/bids/hash-workers.ts';
import type { SuiteId } from '../src/crypto/portable/suite.ts';
import type { OpeningKeyInput } from '../src/domain/schemas/sealing-schemas.ts';
import { tradingDb } from '../src/trading/schema.ts';
import { loadPlatformKeys } from '../src/trading/sealing/platform-keys.ts';
import { tradingService } from '../src/trading/service.ts';
import type { BidderRun, FromClient, Target, ToClient } from './deadline-rush-client.ts';
import { type BenchBidder, benchCredentials, benchOpeningKey, benchSuite } from './deadline-rush-sealing.ts';
import { type Benchmark, type Measurement, percentile } from './harness.ts';

const MIB = 1024 * 1024;
const BIDDERS = Number(process.env.ZHAOCAI_BENCH_BIDDERS ?? 500);
const BID_MIB = Number(process.env.ZHAOCAI_BENCH_BID_MB ?? 20);
const CONCURRENCY = Number(process.env.ZHAOCAI_BENCH_CONCURRENCY ?? 32);
const SUITE = benchSuite();
const CHUNK = 8 * MIB;
const LATE = Math.min(CONCURRENCY, BIDDERS);
/** Of the bid's plaintext; each envelope is a little larger (header, per-segment tags, trailer). */
const FILE_SIZE = BID_MIB * MIB;
const DEAL_CODE = 'BENCH-PROJECT';
const SECTION_CODE = 'BENCH-SECTION-001';
const RUSH_MS = 60_000;
const MARGIN_MS = 3_000;

/**
 * The load client runs in its own process (deadline-rush-client.ts, forked), so neither the
 * baseline server nor the trading service shares its event loop or CPU accounting with it. It
 * prepares every bidder's file and digests before anything is timed.
 */
class LoadClient {
  private readonly child: ChildProcess;
  private waiting: { type: FromClient['type']; resolve(m: FromClient): void; reject(e: Error): void } | null =
    null;
  onBidDone: (done: number) => void = () => {};

  constructor(private readonly report: (line: string) => void) {
    this.child = fork(fileURLToPath(new URL('./deadline-rush-client.ts', import.meta.url)), {
      serialization: 'advanced',
    });
    this.child.on('message', (message: FromClient) => {
      if (message.type === 'progress') this.report(message.line);
      else if (message.type === 'bid-done') this.onBidDone(message.done);
      else if (message.type === 'error') this.fail(new Error(`load client: ${message.message}`));
      else if (this.waiting?.type === message.type) {
        const { resolve } = this.waiting;
        this.waiting = null;
        resolve(message);
      }
    });
    this.child.on('exit', (code) => this.fail(new Error(`load client exited (${code})`)));
  }

  private fail(error: Error) {
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.reject(error);
  }

  ask<T extends FromClient['type']>(message: ToClient, type: T): Promise<Extract<FromClient, { type: T }>> {
    if (this.waiting) throw new Error('load client is busy');
    return new Promise((resolve, reject) => {
      this.waiting = { type, resolve: resolve as (m: FromClient) => void, reject };
      this.child.send(message);
    });
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null || !this.child.connected) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.send({ type: 'exit' } satisfies ToClient);
    await exited;
  }
}

interface RushResult {
  readonly runs: BidderRun[];
  readonly seconds: number;
}

/**
 * The client's rush against one server, with the server process's CPU use and event-loop delay
 * (this process: the server under test and, for the trading service, its hashing threads).
 */
async function rush(
  client: LoadClient,
  label: string,
  target: Target,
  report: (line: string) => void,
  onDone: (done: number) => void = () => {},
): Promise<RushResult> {
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const cpu0 = process.cpuUsage();
  client.onBidDone = onDone;
  try {
    const result = await client.ask({ type: 'rush', label, target, count: BIDDERS }, 'rushed');
    const cpu = process.cpuUsage(cpu0);
    const s = result.stats;
    report(
      `  ${label}: server process CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s (user ${(cpu.user / 1e6).toFixed(1)}, system ${(cpu.system / 1e6).toFixed(1)}) in ${result.seconds.toFixed(1)} s; event-loop delay mean ${(loop.mean / 1e6).toFixed(1)} ms, p99 ${(loop.percentile(99) / 1e6).toFixed(1)} ms, max ${(loop.max / 1e6).toFixed(1)} ms`,
    );
    report(
      `  ${label}: client process CPU ${s.cpuSeconds.toFixed(1)} s; its event-loop delay mean ${s.loopMeanMs.toFixed(1)} ms, p99 ${s.loopP99Ms.toFixed(1)} ms`,
    );
    return result;
  } finally {
    loop.disable();
    client.onBidDone = () => {};
  }
}

/**
 * The baseline: a bare node:http server doing the same durable disk work as the service, nothing
 * less and nothing more. Per chunk: its bytes streamed in place at the chunk's offset in the
 * upload's one file (in batches of about 1 MiB, as the service writes), fsynced, then
 * acknowledged. At completion: the file renamed to its final name and the directory fsynced. It
 * checks nothing (no authentication, no hash, no database).
 *
 * For diagnosis only, ZHAOCAI_BENCH_BASELINE_ADD (comma-separated) adds one of the service's own
 * costs to the baseline, to price it: `open` (create the file at full size and an empty
 * acknowledgement log, each fsynced, then the directory fsynced), `ack` (per chunk, append to the
 * log and fdatasync it), `hash` (per chunk and for the whole file at completion, SHA-256 read
 * back from the file on the service's HashWorkers). Sizes are the envelope sizes the client states
 * when it opens an upload.
 */
const BASELINE_ADD = new Set((process.env.ZHAOCAI_BENCH_BASELINE_ADD ?? '').split(',').filter(Boolean));

async function syncPath(path: string, flags: string | number = 'r'): Promise<void> {
  const handle = await open(path, flags);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function baselineServer(dir: string): Promise<{ port: number; close(): Promise<void> }> {
  const hashes = new HashWorkers();
  const sizes = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const url = req.url ?? '';
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const chunk = /\/uploads\/([^/]+)\/chunks\/(\d+)$/.exec(url);
    if (req.method === 'PUT' && chunk) {
      void (async () => {
        const index = Number(chunk[2]);
        const file = await open(join(dir, `${chunk[1]}.upload`), constants.O_RDWR | constants.O_CREAT);
        try {
          let position = index * CHUNK;
          let batch: Buffer[] = [];
          let batchBytes = 0;
          for await (const piece of req) {
            batch.push(piece as Buffer);
            batchBytes += (piece as Buffer).byteLength;
            if (batchBytes >= MIB) {
              await file.writev(batch, position);
              position += batchBytes;
              batch = [];
              batchBytes = 0;
            }
          }
          if (batchBytes > 0) await file.writev(batch, position);
          if (BASELINE_ADD.has('hash')) {
            await hashes.hashRange(
              join(dir, `${chunk[1]}.upload`),
              index * CHUNK,
              position + batchBytes - index * CHUNK,
            );
          }
          await file.sync();
        } finally {
          await file.close();
        }
        if (BASELINE_ADD.has('ack')) {
          const log = await open(join(dir, `${chunk[1]}.acks`), 'a');
          try {
            await log.write(`${JSON.stringify({ index, storedAt: new Date().toISOString() })}\n`);
            await log.datasync();
          } finally {
            await log.close();
          }
        }
        send(200, { index });
      })().catch(() => send(500, {}));
      return;
    }
    const body: Buffer[] = [];
    req.on('data', (piece: Buffer) => body.push(piece));
    req.on('end', () => {
      const completed = /\/uploads\/([^/]+)\/complete$/.exec(url);
      if (req.method === 'POST' && completed) {
        void (async () => {
          if (BASELINE_ADD.has('hash'))
            await hashes.hashRange(join(dir, `${completed[1]}.upload`), 0, sizes.get(completed[1]!)!);
          await rename(join(dir, `${completed[1]}.upload`), join(dir, `${completed[1]}.bid`));
          await syncPath(dir);
          send(201, { receipt: { receivedAt: new Date().toISOString() } });
        })().catch(() => send(500, {}));
      } else if (req.method === 'POST' && url.endsWith('/uploads')) {
        const id = randomUUID();
        sizes.set(id, (JSON.parse(Buffer.concat(body).toString()) as { totalSize: number }).totalSize);
        if (!BASELINE_ADD.has('open')) send(201, { id });
        else {
          void (async () => {
            const file = await open(join(dir, `${id}.upload`), 'wx');
            try {
              await file.truncate(sizes.get(id)!);
              await file.sync();
            } finally {
              await file.close();
            }
            await syncPath(join(dir, `${id}.acks`), 'wx');
            await syncPath(dir);
            send(201, { id });
          })().catch(() => send(500, {}));
        }
      } else send(404, {});
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await hashes.close();
    },
  };
}

/**
 * Time this process's event loop spends inside SQLite (better-sqlite3 is synchronous: a statement,
 * and a commit's WAL fsync with synchronous=FULL, blocks every request of the service meanwhile),
 * with the commits apart. Wraps the statements' run/get/all until `stop`.
 */
function timeSqlite(): {
  stop(): {
    statements: number;
    seconds: number;
    commits: number;
    commitSeconds: number;
    commitMaxMs: number;
  };
} {
  const probe = new SQLite(':memory:');
  const proto = Object.getPrototypeOf(probe.prepare('select 1')) as Record<
    'run' | 'get' | 'all',
    (this: SQLite.Statement, ...args: unknown[]) => unknown
  >;
  probe.close();
  const original = { run: proto.run, get: proto.get, all: proto.all };
  const stats = { statements: 0, seconds: 0, commits: 0, commitSeconds: 0, commitMaxMs: 0 };
  for (const name of ['run', 'get', 'all'] as const) {
    const fn = original[name];
    proto[name] = function (this: SQLite.Statement, ...args: unknown[]) {
      const t0 = performance.now();
      try {
        return fn.apply(this, args);
      } finally {
        const ms = performance.now() - t0;
        stats.statements++;
        stats.seconds += ms / 1000;
        if (/^\s*commit/i.test(this.source)) {
          stats.commits++;
          stats.commitSeconds += ms / 1000;
          stats.commitMaxMs = Math.max(stats.commitMaxMs, ms);
        }
      }
    };
  }
  return {
    stop() {
      Object.assign(proto, original);
      return stats;
    },
  };
}

/** Bidders, each its own organisation with a signed-in user, seeded straight into the database. */
async function seedBidders(
  db: ReturnType<typeof tradingDb>,
  bidders: readonly BenchBidder[],
  now: string,
  projectId: string,
): Promise<string[]> {
  const tokens: string[] = [];
  const expiresAt = new Date(Date.parse(now) + 12 * 3_600_000).toISOString();
  for (const [i, { organisationId, creditCode, name }] of bidders.entries()) {
    const userId = randomUUID();
    const token = randomToken();
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('organisation')
        .values({
          id: organisationId,
          creditCode,
          name,
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
      // Only a bidder that obtained the tender documents may open an upload.
      await trx
        .insertInto('documentObtainment')
        .values({ id: randomUUID(), projectId, organisationId, userId, obtainedAt: now })
        .execute();
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

/** The published tender with one section, sealed under `suite` to the recorded opening key. */
async function seedSection(
  db: ReturnType<typeof tradingDb>,
  ids: { projectId: string; sectionId: string },
  sealing: { suite: SuiteId; openingKey: OpeningKeyInput },
  deadline: string,
  now: string,
): Promise<void> {
  const tendererId = randomUUID();
  const { projectId, sectionId } = ids;
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
      dealCode: DEAL_CODE,
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
      cipherSuite: sealing.suite,
    })
    .execute();
  const key = sealing.openingKey;
  await db
    .insertInto('openingKey')
    .values({
      projectId,
      suite: key.suite,
      publicKeyPem: key.publicKeyPem,
      keyId: key.keyId,
      threshold: key.threshold,
      createdAt: now,
      createdByUserId: null,
      reassembledAt: null,
    })
    .execute();
  await db
    .insertInto('openingKeyShare')
    .values(
      key.shares.map((share) => ({
        ...share,
        projectId,
        submittedShare: null,
        submittedAt: null,
        submittedByUserId: null,
      })),
    )
    .execute();
  await db
    .insertInto('tenderSection')
    .values({
      id: sectionId,
      projectId,
      code: SECTION_CODE,
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
}

function summary(name: string, result: RushResult): Measurement {
  return {
    name,
    operations: result.runs.length,
    seconds: result.seconds,
    bytes: result.runs.filter((r) => r.ok).reduce((sum, r) => sum + r.bytes, 0),
    latenciesMs: result.runs.map((r) => r.uploadMs),
  };
}

function receiptLine(label: string, result: RushResult): string {
  const receipts = result.runs.filter((r) => r.ok).map((r) => r.receiptMs);
  return `${label} receipt latency (complete → receipt): p50 ${percentile(receipts, 50).toFixed(1)} ms, p99 ${percentile(receipts, 99).toFixed(1)} ms`;
}

/**
 * The last minute before a bid deadline: N bidders each upload a sealed envelope of an S MiB bid
 * through the real trading service over HTTP (chunked, hashed, fsynced, the envelope checked
 * against the tender, its opening key and the bidder's certificates, completed into bids with
 * signed receipts), then a burst arrives at the deadline and must be refused entirely. Baseline: a
 * bare node:http server doing the same per-chunk write + fsync and completion fsync on the same
 * envelope bytes, same concurrency and chunking. The load client runs in a child process with
 * every envelope sealed (to files) and every digest computed before the timed phases.
 */
export const deadlineRushBenchmark: Benchmark = {
  name: 'deadline-rush',
  description: `${BIDDERS} bidders × ${BID_MIB} MiB sealed (${SUITE}) in ${CHUNK / MIB} MiB chunks, ${CONCURRENCY} in flight, then a late burst of ${LATE}; client in its own process`,
  async run(report) {
    // The envelopes on disk, the baseline's copies and the service's: about three times the bids.
    const needed = 3 * (BIDDERS + LATE) * FILE_SIZE * 1.2 + 512 * MIB;
    const fs = statfsSync(tmpdir());
    const free = fs.bavail * fs.bsize;
    if (free < needed) {
      throw new Error(
        `deadline-rush needs about ${(needed / 2 ** 30).toFixed(1)} GiB free in ${tmpdir()}, only ${(free / 2 ** 30).toFixed(1)} GiB; lower ZHAOCAI_BENCH_BIDDERS or ZHAOCAI_BENCH_BID_MB`,
      );
    }
    const envelopeDir = mkdtempSync(join(tmpdir(), 'zhaocai-rush-envelopes-'));
    const dataDir = mkdtempSync(join(tmpdir(), 'zhaocai-rush-svc-'));
    const client = new LoadClient(report);
    try {
      const deadline = '2026-06-30T02:00:00.000Z';
      const rushStart = Date.parse(deadline) - RUSH_MS;
      const clock = new ManualClock(new Date(rushStart));
      const config = loadConfig({
        env: {},
        overrides: { dataDir, log: { level: 'silent', pretty: false } },
      });
      const ids = { projectId: randomUUID(), sectionId: randomUUID() };
      const bidders: BenchBidder[] = Array.from({ length: BIDDERS + LATE }, (_, i) => ({
        organisationId: randomUUID(),
        creditCode: `BENCH${String(i).padStart(13, '0')}`,
        name: `投标人 ${i} 有限公司`,
      }));

      // Sealing material, as the tenderer's and the bidders' tools would have made it.
      const s0 = performance.now();
      report(
        `sealing suite: ${SUITE} (ZHAOCAI_BENCH_SUITE=gm|intl); CA, ${bidders.length} bidders' certificates, opening key`,
      );
      const credentials = await benchCredentials(SUITE, config, bidders);
      const openingKey = await benchOpeningKey(SUITE, await loadPlatformKeys(config));
      report(
        `  credentials and opening key in ${((performance.now() - s0) / 1000).toFixed(1)} s (not timed)`,
      );

      report(
        `load client (pid ${process.pid} → child): sealing ${bidders.length} bids of ${BID_MIB} MiB into envelopes in ${envelopeDir} and their SHA-256`,
      );
      const prepared = await client.ask(
        {
          type: 'prepare',
          config: {
            plaintextSize: FILE_SIZE,
            chunkSize: CHUNK,
            concurrency: CONCURRENCY,
            dir: envelopeDir,
            suite: SUITE,
            tender: { projectId: ids.projectId, dealCode: DEAL_CODE },
            section: { id: ids.sectionId, code: SECTION_CODE },
            openingPublicKeyPem: openingKey.publicKeyPem,
            createdAt: new Date(rushStart - 3_600_000).toISOString(),
            bidders: bidders.map((bidder, i) => ({ bidder, credentials: credentials[i]! })),
          },
        },
        'prepared',
      );
      report(`load client: sealed in ${prepared.seconds.toFixed(1)} s (not timed)`);

      // Baseline.
      const baseDir = mkdtempSync(join(tmpdir(), 'zhaocai-rush-base-'));
      let baseline: Measurement;
      let baselineResult: RushResult;
      try {
        const server = await baselineServer(baseDir);
        report('baseline: bare node:http, chunk written in place + fsync, completion rename + dir fsync');
        baselineResult = await rush(
          client,
          'baseline',
          { port: server.port, sectionId: 'baseline', tokens: null },
          report,
        );
        baseline = summary(
          `baseline: node:http → disk + fsync${BASELINE_ADD.size ? ` + ${[...BASELINE_ADD].join(' + ')}` : ''}`,
          baselineResult,
        );
        await server.close();
      } finally {
        rmSync(baseDir, { recursive: true, force: true });
      }

      // The trading service.
      const { app, deps } = await createService(tradingService, {
        config,
        clock,
        logger: pino({ level: 'silent' }),
      });
      await app.listen({ host: '127.0.0.1', port: 0 });
      const port = (app.server.address() as AddressInfo).port;
      const db = tradingDb(deps.store.db);
      const now = clock.now().toISOString();
      report(`seeding the tender with its opening key and ${bidders.length} bidders`);
      await seedSection(db, ids, { suite: SUITE, openingKey }, deadline, now);
      const tokens = await seedBidders(db, bidders, now, ids.projectId);
      const target: Target = { port, sectionId: ids.sectionId, tokens };

      // The late bidders have sent every chunk but have not completed when the deadline falls.
      report(`late bidders: ${LATE} uploads sent, not completed`);
      const { uploadIds: lateUploads } = await client.ask(
        { type: 'send', target, from: BIDDERS, count: LATE },
        'sent',
      );

      report(`measured: trading service, deadline ${deadline}, virtual clock walks the last minute`);
      const sqlite = timeSqlite();
      const result = await rush(client, 'trading', target, report, (done) =>
        // Virtual time walks through the last minute as bids arrive, ending a margin before the deadline.
        clock.set(new Date(rushStart + Math.floor(((RUSH_MS - MARGIN_MS) * done) / BIDDERS))),
      );
      const measured = summary(`trading service: chunks + envelope check + bid + signed receipt`, result);
      const db$ = sqlite.stop();
      report(
        `  trading: event loop inside SQLite ${db$.seconds.toFixed(2)} s over ${db$.statements} statements, of which ${db$.commits} commits ${db$.commitSeconds.toFixed(2)} s (max ${db$.commitMaxMs.toFixed(0)} ms)`,
      );

      // The burst at the deadline: completions, new uploads and chunks must all be refused.
      clock.set(new Date(deadline));
      report(`late burst at the deadline: ${LATE} completions, ${LATE} new uploads, ${LATE} chunks`);
      const { replies: late } = await client.ask(
        { type: 'late-burst', target, from: BIDDERS, uploadIds: lateUploads },
        'late-replies',
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

      await app.close();

      const failures = result.runs.filter((r) => !r.ok);
      const baselineFailures = baselineResult.runs.filter((r) => !r.ok);
      const ratio = measured.bytes! / measured.seconds / (baseline.bytes! / baseline.seconds);
      console.log(
        [
          `sealed with ${SUITE}: envelopes of ${(result.runs[0]!.bytes / MIB).toFixed(2)} MiB for ${BID_MIB} MiB bids`,
          `bids recorded: ${Number(bids.n)} of ${BIDDERS}; failures: ${failures.length}${failures.length ? ` (first: ${failures[0]!.error})` : ''}; baseline failures: ${baselineFailures.length}${baselineFailures.length ? ` (first: ${baselineFailures[0]!.error})` : ''}`,
          receiptLine('trading', result),
          receiptLine('baseline', baselineResult),
          `late burst: ${late.length} requests at the deadline, ${lateAccepted} accepted, ${lateE2} refused citing E2; bids timed at or after the deadline: ${Number(lateBids.n)}`,
          `throughput: ${(measured.bytes! / measured.seconds / MIB).toFixed(1)} MiB/s vs baseline ${(baseline.bytes! / baseline.seconds / MIB).toFixed(1)} MiB/s = ${ratio.toFixed(2)} (target ≥ 0.80)`,
          `verdict: ${ratio >= 0.8 && failures.length === 0 && baselineFailures.length === 0 && lateAccepted === 0 && Number(lateBids.n) === 0 ? 'PASS' : 'FAIL'}`,
        ].join('\n'),
      );
      return [baseline, measured];
    } finally {
      await client.close();
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(envelopeDir, { recursive: true, force: true });
    }
  },
};
