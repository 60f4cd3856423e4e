import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import SQLite from 'better-sqlite3';
import { hashState } from '../src/crypto/hash.ts';
import { type Actor, scheduledTaskActor } from '../src/domain/actor.ts';
import { type AuditChange, auditEventFields } from '../src/domain/audit.ts';
import { canonicalJson } from '../src/domain/canonical-json.ts';
import { leafHashOf } from '../src/ledger/leaf-evidence.ts';
import { nodeLedgerHash } from '../src/ledger/ledger-hash-node.ts';
import { verifyConsistency, verifyInclusion } from '../src/ledger/merkle-proofs.ts';
import { type HashFunction, treeRoot } from '../src/ledger/merkle-tree-hash.ts';
import {
  type LeafRange,
  type NodeRef,
  consistencyRanges,
  inclusionRanges,
  perfectSubtrees,
} from '../src/ledger/subtree-ranges.ts';
import type { LedgerHashAlgorithm } from '../src/ledger/tree-head.ts';
import { insertAuditEvents } from '../src/store/audit-repository.ts';
import { type Store, openStore } from '../src/store/database.ts';
import {
  appendLedgerLeaves,
  consistencyPath,
  inclusionPath,
  ledgerRoot,
  lockLedger,
} from '../src/store/ledger-repository.ts';
import { COMMON_MIGRATIONS, migrateToLatest } from '../src/store/migrator.ts';
import { type Benchmark, type Measurement, percentile } from './harness.ts';

/** Leaves appended one batch per transaction, as events arrive; at least 200,000 for a sustained rate. */
const APPEND_LEAVES = 200_000;
const APPEND_BATCH = 1000;
/** Rounds the append runs take turns in. */
const ROUNDS = 4;
/** The ledger the proofs are served from. */
const PROOF_LEAVES = Number(process.env.ZHAOCAI_BENCH_LEDGER_LEAVES ?? 10_000_000);
const BUILD_BATCH = 20_000;
const PROOFS = 1000;
/** Proofs of each kind checked against the stored root, so the timings are of correct proofs. */
const VERIFIED = 100;
const HASHES: readonly LedgerHashAlgorithm[] = ['sm3', 'sha256'];
const TARGET_APPEND_PER_SECOND = 50_000;
const TARGET_PROOF_MS = 1;

/**
 * The tamper-evident ledger (docs/ledger.md) on SQLite: the sustained rate of appending audit events
 * as leaves, 1,000 per transaction, against the raw library storing only the leaf hashes (so the
 * ratio is what the tree costs), and through insertAuditEvents with the audit rows; inclusion and
 * consistency proofs at 10 million leaves against one raw primary-key lookup (so the ratio is how
 * many lookups a proof costs); and the bytes stored per leaf.
 *
 * Environment: ZHAOCAI_BENCH_LEDGER_LEAVES, the size of the proof ledger (default 10,000,000; its
 * leaves are hashes of their indexes, built in transactions of 20,000).
 */
export const ledgerBenchmark: Benchmark = {
  name: 'ledger',
  description: `Merkle ledger on SQLite: append ${APPEND_LEAVES} events (${HASHES.join(', ')}), proofs at ${PROOF_LEAVES} leaves (sm3), bytes per leaf`,
  async run(report) {
    const dir = mkdtempSync(join(tmpdir(), 'zhaocai-bench-ledger-'));
    const loadAtStart = loadavg()[0]!;
    try {
      report(`generating ${APPEND_LEAVES} audit events (canonical JSON)`);
      // Only the events' text is held across the runs: a heap of event objects would make the
      // collector, not the ledger, set the pace.
      const entries = Array.from({ length: APPEND_LEAVES }, (_, i) => benchEvent(i).entry);
      const bytes = entries.reduce((sum, entry) => sum + Buffer.byteLength(entry), 0);
      const results: Results[] = [];
      for (const algorithm of HASHES) results.push(await appendRates(dir, algorithm, entries, report));
      results.push(await proofTimes(dir, report));
      // Other work on the machine shows up in the rates and above all in the tails.
      console.log(
        [
          `events: ${(bytes / APPEND_LEAVES).toFixed(0)} bytes of canonical JSON on average`,
          ...results.flatMap((result) => result.summary),
          `machine: ${availableParallelism()} CPUs, 1-minute load average ${loadAtStart.toFixed(1)} at the start, ${loadavg()[0]!.toFixed(1)} at the end`,
        ].join('\n'),
      );
      return results.flatMap((result) => result.measurements);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

interface Results {
  readonly measurements: Measurement[];
  /** Lines printed above the table: the targets' verdicts and what the table cannot show. */
  readonly summary: string[];
}

const BASE_TIME = Date.parse('2025-03-01T08:00:00.000Z');
const USER_AGENT = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/126.0.0.0';
const OPENING_SCHEDULER = scheduledTaskActor('opening-scheduler');

/**
 * The event at `i`, with ids derived from it: two bidders' submissions from a browser, then a hall's
 * opening, which the platform's scheduler writes on its own, with no user or organisation.
 * `entry` is the leaf data the service would write for it: its canonical JSON.
 */
function benchEvent(i: number): { actor: Actor; change: AuditChange; entry: string } {
  const tenderId = uuidOf(`tender-${i % 300}`);
  const actor: Actor =
    i % 3 === 2
      ? OPENING_SCHEDULER
      : {
          userId: uuidOf(`user-${i % 5000}`),
          username: `bidder${i % 5000}`,
          organisationId: uuidOf(`organisation-${i % 2000}`),
          roles: ['bidder'],
          ip: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
          userAgent: USER_AGENT,
        };
  const change: AuditChange =
    i % 3 === 2
      ? {
          action: 'opening.opened',
          objectType: 'tender',
          objectId: tenderId,
          state: { status: 'opened', bids: i % 40 },
          detail: { bids: i % 40 },
        }
      : {
          action: 'bid.submitted',
          objectType: 'bid',
          objectId: uuidOf(`bid-${i}`),
          state: { tenderId, lot: 1 + (i % 3), status: 'submitted', envelopeBytes: 5_242_880 + i },
          detail: { lot: 1 + (i % 3) },
        };
  const event = auditEventFields(
    uuidOf(`event-${i}`),
    new Date(BASE_TIME + i * 250),
    actor,
    change,
    hashState(change.state),
    canonicalJson,
  );
  return { actor, change, entry: canonicalJson(event) };
}

function uuidOf(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** A number below `n` derived from `seed`: the same leaves and sizes on every run. */
function pick(seed: string, n: number): number {
  return createHash('sha256').update(seed).digest().readUInt32BE(0) % n;
}

/** A migrated store whose ledger has its hash, as LedgerService.open leaves it. */
async function openLedgerStore(path: string, algorithm: LedgerHashAlgorithm): Promise<Store> {
  const store = openStore(`sqlite:${path}`);
  await migrateToLatest(store.db, COMMON_MIGRATIONS);
  await store.db
    .updateTable('ledgerState')
    .set({ hashAlgorithm: algorithm, platform: 'trading' })
    .where('id', '=', 1)
    .execute();
  return store;
}

/**
 * One hash's append rates: the raw baseline, our append and the full audited path, taking turns; then
 * a check that the tree our append stored is the right one.
 */
async function appendRates(
  dir: string,
  algorithm: LedgerHashAlgorithm,
  entries: readonly string[],
  report: (line: string) => void,
): Promise<Results> {
  const hash = nodeLedgerHash(algorithm);
  const leafHashesOf = (leaves: readonly string[]) => leaves.map((entry) => leafHashOf(hash, entry));
  const label = `${algorithm} append`;
  const path = (name: string) => join(dir, `${algorithm}-${name}.db`);

  // The baseline: a raw connection to a migrated database, with openStore's durability settings.
  await (await openLedgerStore(path('leaves'), algorithm)).close();
  const raw = new SQLite(path('leaves'));
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = FULL');
  const insertLeaf = raw.prepare('insert into ledger_node (level, idx, hash) values (0, ?, ?)');
  const leafPrefix = Buffer.of(0);
  const appendLeavesRaw = raw.transaction((from: number, leaves: readonly string[]) => {
    for (const [i, entry] of leaves.entries()) {
      insertLeaf.run(from + i, createHash(algorithm).update(leafPrefix).update(entry).digest());
    }
  });
  const store = await openLedgerStore(path('ours'), algorithm);
  const full = await openLedgerStore(path('full'), algorithm);

  const [baseline, ours, fullPath] = (await interleaved(label, entries, report, [
    [
      `${label}: raw better-sqlite3, H(0x00‖event) + insert leaf row`,
      (from, leaves) => () => appendLeavesRaw(from, leaves),
    ],
    [
      `${label}: lockLedger + leafHashOf + appendLedgerLeaves`,
      (_, leaves) => () => appendThroughLedger(store, hash, leafHashesOf(leaves)),
    ],
    [
      `${label}: insertAuditEvents, audit rows + leaves`,
      (from) => {
        // Made again here rather than kept: a heap of event objects would slow every run's collector.
        const events = Array.from({ length: APPEND_BATCH }, (_, i) => benchEvent(from + i));
        const changes = events.map((event) => event.change);
        return () =>
          full.db
            .transaction()
            .execute((trx) => insertAuditEvents(trx, events[0]!.actor, new Date(), changes));
      },
    ],
  ])) as [Measurement, Measurement, Measurement];
  raw.close();
  await full.close();

  // The stored tree must be the one RFC 9162 defines over these leaves, or the rates mean nothing.
  const root = await ledgerRoot(store.db, hash, entries.length);
  if (!Buffer.from(root).equals(treeRoot(hash, leafHashesOf(entries))))
    throw new Error(`${label}: the stored root is not the tree's root`);
  await store.close();

  const rate = (m: Measurement) => m.operations / m.seconds;
  return {
    measurements: [baseline, ours, fullPath].map((m) => ({ ...m, comparedTo: baseline.name })),
    summary: [
      `${label}: ${rate(ours).toFixed(0)} leaves/s through our code, ${APPEND_BATCH} per transaction ${verdict(rate(ours) >= TARGET_APPEND_PER_SECOND, `≥ ${TARGET_APPEND_PER_SECOND}`)}; raw leaf rows ${rate(baseline).toFixed(0)}/s, with audit rows ${rate(fullPath).toFixed(0)}/s`,
    ],
  };
}

/**
 * A run's name, and what makes the batch of leaves from `from` ready (untimed) and returns the work
 * to time.
 */
type AppendRun = [string, (from: number, leaves: readonly string[]) => () => unknown];

/**
 * The runs take turns, a round of batches each, so that drift in the machine's speed (other work
 * on it, the disk's caches) hits them all alike.
 */
async function interleaved(
  label: string,
  entries: readonly string[],
  report: (line: string) => void,
  runs: readonly AppendRun[],
): Promise<Measurement[]> {
  const perRound = APPEND_LEAVES / ROUNDS;
  const seconds = runs.map(() => 0);
  for (let round = 0; round < ROUNDS; round++) {
    report(`${label}: round ${round + 1}/${ROUNDS}, ${perRound} leaves per run`);
    for (const [r, [, prepare]] of runs.entries()) {
      for (let from = round * perRound; from < (round + 1) * perRound; from += APPEND_BATCH) {
        const work = prepare(from, entries.slice(from, from + APPEND_BATCH));
        const started = performance.now();
        await work();
        seconds[r]! += (performance.now() - started) / 1000;
      }
    }
  }
  return runs.map(([name], r) => ({ name, operations: APPEND_LEAVES, seconds: seconds[r]! }));
}

/**
 * Proofs from a ledger of PROOF_LEAVES leaves, their latencies taken in turns with the raw lookup;
 * a sample verified against the stored root; and the ledger's bytes per leaf.
 */
async function proofTimes(dir: string, report: (line: string) => void): Promise<Results> {
  const hash = nodeLedgerHash('sm3');
  const size = PROOF_LEAVES;
  const path = join(dir, 'proofs.db');
  const store = await openLedgerStore(path, 'sm3');
  const build = await buildLedger(store, hash, size, report);

  const leaves = Array.from({ length: PROOFS }, (_, i) => pick(`leaf-${i}`, size));
  const firsts = Array.from({ length: PROOFS }, (_, i) => 1 + pick(`first-${i}`, size - 1));
  const levels = Math.floor(Math.log2(size)) + 1;
  const nodes = Array.from({ length: PROOFS }, (_, i): NodeRef => {
    const level = pick(`level-${i}`, levels);
    return { level, index: pick(`node-${i}`, Math.floor(size / 2 ** level)) };
  });

  const raw = new SQLite(path, { readonly: true });
  const readNode = raw.prepare('select hash from ledger_node where level = ? and idx = ?').pluck();

  const leavesText = size.toLocaleString('en');
  const at = `at ${leavesText}`;
  const timed: Array<[string, (i: number) => unknown]> = [
    [
      `node lookup: raw better-sqlite3 primary key ${at}`,
      (i) => readNode.get(nodes[i]!.level, nodes[i]!.index),
    ],
    [`inclusionPath ${at}`, (i) => inclusionPath(store.db, hash, leaves[i]!, size)],
    [
      `consistencyPath, random size to ${leavesText}`,
      (i) => consistencyPath(store.db, hash, firsts[i]!, size),
    ],
  ];
  report(`proofs: ${PROOFS} of each kind, taking turns`);
  // A warm-up pass, so no measurement pays for the first touch of the file.
  for (const [, operation] of timed) for (let i = 0; i < 100; i++) await operation((i * 7919) % PROOFS);
  const latencies = timed.map((): number[] => []);
  for (let i = 0; i < PROOFS; i++) {
    for (const [k, [, operation]] of timed.entries()) {
      const started = performance.now();
      await operation(i);
      latencies[k]!.push(performance.now() - started);
    }
  }
  const measurements = timed.map(([name], k): Measurement => {
    const latenciesMs = latencies[k]!;
    const seconds = latenciesMs.reduce((sum, ms) => sum + ms, 0) / 1000;
    return { name, operations: PROOFS, seconds, latenciesMs, comparedTo: timed[0]![0] };
  });

  report(`proofs: verifying ${VERIFIED} of each against ledgerRoot`);
  const root = await ledgerRoot(store.db, hash, size);
  for (let i = 0; i < VERIFIED; i++) {
    const auditPath = await inclusionPath(store.db, hash, leaves[i]!, size);
    const leafHash = leafHashOf(hash, `${leaves[i]}`);
    if (!verifyInclusion(hash, { index: leaves[i]!, size, leafHash, path: auditPath, root }))
      throw new Error(`inclusion proof of leaf ${leaves[i]} does not verify`);
    const consistency = await consistencyPath(store.db, hash, firsts[i]!, size);
    const firstRoot = await ledgerRoot(store.db, hash, firsts[i]!);
    const proof = { first: firsts[i]!, second: size, firstRoot, secondRoot: root, path: consistency };
    if (!verifyConsistency(hash, proof))
      throw new Error(`consistency proof from ${firsts[i]} does not verify`);
  }

  report('bytes: dbstat over ledger_node');
  // Bytes of the table's pages, and of the row data in them.
  const stored = raw
    .prepare("select sum(pgsize) as bytes, sum(payload) as payload from dbstat where name = 'ledger_node'")
    .get() as { bytes: number; payload: number };
  raw.close();
  await store.close();

  const nodesRead = (ranges: (i: number) => LeafRange[]) =>
    leaves.reduce((sum, _, i) => sum + ranges(i).flatMap(([s, e]) => perfectSubtrees(s, e)).length, 0) /
    PROOFS;
  const [lookup, inclusion, consistency] = measurements as [Measurement, Measurement, Measurement];
  const p50 = (m: Measurement) => percentile(m.latenciesMs!, 50);
  const spread = (m: Measurement) =>
    `p50 ${p50(m).toFixed(3)} ms, p99 ${percentile(m.latenciesMs!, 99).toFixed(3)} ms, max ${Math.max(...m.latenciesMs!).toFixed(3)} ms`;
  const worst = Math.max(percentile(inclusion.latenciesMs!, 99), percentile(consistency.latenciesMs!, 99));
  return {
    measurements,
    summary: [
      `proof ledger: ${leavesText} leaves (sm3; leaf i is leafHashOf(String(i)), not an event), built through appendLedgerLeaves ${BUILD_BATCH} per transaction in ${build.seconds.toFixed(1)} s, ${(size / build.seconds).toFixed(0)} leaves/s`,
      `inclusionPath ${at}: ${spread(inclusion)}; ${nodesRead((i) => inclusionRanges(leaves[i]!, size)).toFixed(1)} nodes read per proof; one raw lookup p50 ${p50(lookup).toFixed(4)} ms`,
      `consistencyPath to ${leavesText}: ${spread(consistency)}; ${nodesRead((i) => consistencyRanges(firsts[i]!, size)).toFixed(1)} nodes read per proof`,
      `proofs: p99 ${worst.toFixed(3)} ms ${verdict(worst < TARGET_PROOF_MS, `< ${TARGET_PROOF_MS} ms`)}; ${VERIFIED} inclusion and ${VERIFIED} consistency proofs verified against ledgerRoot`,
      `proof ledger: ledger_node ${(stored.bytes / size).toFixed(1)} bytes/leaf on disk (${(stored.payload / size).toFixed(1)} of payload, ${((100 * stored.payload) / stored.bytes).toFixed(0)}% full pages), ${(stored.bytes / 2 ** 20).toFixed(0)} MiB; the leaf hash itself is 32 bytes`,
    ],
  };
}

/** Appends `size` leaves, H(0x00 ‖ decimal index), through appendLedgerLeaves in large transactions. */
async function buildLedger(
  store: Store,
  hash: HashFunction,
  size: number,
  report: (line: string) => void,
): Promise<{ seconds: number }> {
  const started = performance.now();
  let lastReport = started;
  for (let from = 0; from < size; from += BUILD_BATCH) {
    const leafHashes = Array.from({ length: Math.min(BUILD_BATCH, size - from) }, (_, i) =>
      leafHashOf(hash, `${from + i}`),
    );
    await appendThroughLedger(store, hash, leafHashes);
    const now = performance.now();
    if (now - lastReport > 5000) {
      const done = from + leafHashes.length;
      report(`  build: ${done}/${size} leaves, ${((done * 1000) / (now - started)).toFixed(0)} leaves/s`);
      lastReport = now;
    }
  }
  return { seconds: (performance.now() - started) / 1000 };
}

/** One transaction as the ledger service appends: lock the ledger state, then append after it. */
function appendThroughLedger(store: Store, hash: HashFunction, leafHashes: Uint8Array[]): Promise<void> {
  return store.db.transaction().execute(async (trx) => {
    const state = await lockLedger(trx);
    if (!state) throw new Error('the ledger has no hash');
    await appendLedgerLeaves(trx, hash, state, leafHashes, new Date().toISOString());
  });
}

function verdict(met: boolean, target: string): string {
  return met ? `(meets ${target})` : `(misses ${target})`;
}
