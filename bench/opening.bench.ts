import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, request as httpRequest, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { nodeSuite } from '../src/crypto/node/node-suites.ts';
import { buildBidPackage, readBidForm } from '../src/crypto/portable/bid-package.ts';
import { fromBase64 } from '../src/crypto/portable/envelope/binary.ts';
import { openEnvelope } from '../src/crypto/portable/envelope/open-envelope.ts';
import type { SuiteId } from '../src/crypto/portable/suite.ts';
import { tradingDb } from '../src/trading/schema.ts';
import { startTestService, type TestService } from '../test/support/services.ts';
import {
  aSealedBid,
  aPublishedSection,
  auth,
  type BidSection,
  complete,
  uploadAllChunks,
} from '../test/trading/support/bid-factory.ts';
import { aBidForm, decryptOwnBid, hall, ownContentKey } from '../test/trading/support/opening-factory.ts';
import { type Benchmark, type Measurement, percentile } from './harness.ts';

const CLIENTS = Number(process.env.ZHAOCAI_BENCH_OPENING_CLIENTS ?? 2000);
const UPDATES = Number(process.env.ZHAOCAI_BENCH_OPENING_UPDATES ?? 50);
const BIDS = Number(process.env.ZHAOCAI_BENCH_OPENING_BIDS ?? 300);
const SUITE = (process.env.ZHAOCAI_BENCH_OPENING_SUITE ?? 'gm') as SuiteId;
/** Each bid file inside the package; the read-out needs the form, the evaluation the rest. */
const BID_FILE_BYTES = Number(process.env.ZHAOCAI_BENCH_OPENING_FILE_BYTES ?? 256 * 1024);
const MINUTE = 60_000;

/**
 * The opening (issue 5): (1) every one of `CLIENTS` bidders connected to the opening hall's event
 * stream receives each public status update, and how long after the change it arrives (p50/p99),
 * against a bare node:http server writing the same frames to as many sockets; (2) the time from the
 * deadline to the published opening record for `BIDS` bids (open, every bidder's online decryption,
 * end of window, read-out), against decrypting the same envelopes in memory.
 *
 * The virtual clock jumps over the decryption window: the time measured is the platform's work.
 * The bidders' own unwrapping of their content keys is done beforehand, as each bidder's browser
 * does it on its own machine. Environment: ZHAOCAI_BENCH_OPENING_CLIENTS (2000), _UPDATES (50),
 * _BIDS (300), _SUITE (gm), _FILE_BYTES (262144).
 */
export const openingBenchmark: Benchmark = {
  name: 'opening',
  description: `opening hall: ${CLIENTS} connected bidders × ${UPDATES} updates; deadline → opening record for ${BIDS} bids (${SUITE})`,
  async run(report) {
    const svc = await startTestService('trading', 'sqlite');
    try {
      const fanOut = await measureFanOut(svc, report);
      const record = await measureRecord(svc, report);
      return [...fanOut, ...record];
    } finally {
      await svc.close();
    }
  },
};

interface Bidder {
  readonly token: string;
  readonly organisationId: string;
}

/** `count` bidders each with a sealed, packaged bid in the section. */
async function biddersWithBids(
  svc: TestService,
  section: BidSection,
  count: number,
  fileBytes: number,
  report: (line: string) => void,
): Promise<{ bidder: Bidder; bidId: string }[]> {
  const out: { bidder: Bidder; bidId: string }[] = [];
  const file = randomBytes(fileBytes);
  for (let i = 0; i < count; i++) {
    const bidder = await svc.userWithRoles(['bidder']);
    const plaintext = buildBidPackage(aBidForm(100_000_000 + i * 1_234), { '投标文件.pdf': file });
    const envelope = await aSealedBid(svc, section, bidder, plaintext);
    const uploadId = await uploadAllChunks(svc, bidder.token, section.sectionId, envelope, 4 * 1024 * 1024);
    const res = await complete(svc, bidder.token, section.sectionId, uploadId);
    if (res.statusCode !== 201) throw new Error(`bid refused: ${res.body}`);
    out.push({ bidder, bidId: res.json().receipt.bidId as string });
    if ((i + 1) % 250 === 0) report(`  ${i + 1}/${count} bids submitted`);
  }
  return out;
}

// ---- (1) fan-out to connected clients ----

/** Arrival times (performance.now()) of each public status frame, per client, in order. */
interface Listener {
  readonly arrivals: number[];
  close(): void;
}

/**
 * A minimal event-stream client: counts the frames of one event type as they arrive. Shared by the
 * hall and the baseline, so that both pay the same client cost in this process.
 */
function listen(url: string, headers: Record<string, string>, eventType: string): Promise<Listener> {
  return new Promise((resolve, reject) => {
    const arrivals: number[] = [];
    const marker = `event: ${eventType}\n`;
    const req = httpRequest(url, { headers: { accept: 'text/event-stream', ...headers } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`stream refused: ${res.statusCode}`));
      res.setEncoding('utf8');
      let buffer = '';
      res.on('data', (chunk: string) => {
        const now = performance.now();
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          if (buffer.slice(0, end + 1).includes(marker)) arrivals.push(now);
          buffer = buffer.slice(end + 2);
        }
      });
      resolve({ arrivals, close: () => req.destroy() });
    });
    req.on('error', (error) => {
      if ((error as NodeJS.ErrnoException).code !== 'ECONNRESET') reject(error);
    });
    req.end();
  });
}

async function waitUntil(condition: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/** Latencies of every delivery: frame k arriving at a client minus the start of change k. */
function deliveryLatencies(listeners: readonly Listener[], starts: readonly number[]): number[] {
  const latencies: number[] = [];
  for (const listener of listeners)
    for (const [k, start] of starts.entries()) latencies.push(listener.arrivals[k]! - start);
  return latencies;
}

async function measureFanOut(svc: TestService, report: (line: string) => void): Promise<Measurement[]> {
  report(`fan-out: ${CLIENTS} bidders seal and submit a small bid each`);
  const section = await aPublishedSection(svc, {
    suite: 'intl',
    openingKeyRemedy: false,
    decryptionWindowMinutes: 60,
  });
  const bids = await biddersWithBids(svc, section, CLIENTS, 2048, report);
  const keys = await Promise.all(bids.slice(0, UPDATES).map((b) => ownContentKey(svc, b.bidder, b.bidId)));
  svc.clock.set(new Date(section.deadline));
  const opened = await hall(svc, section.projectId).post(section.tenderer.token, '/open');
  if (opened.statusCode !== 200) throw new Error(`open refused: ${opened.body}`);

  if (!svc.app.server.listening) await svc.app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(svc.app.server.address() as AddressInfo).port}`;
  const snapshot = (await hall(svc, section.projectId).get(section.tenderer.token)).json();
  report(`fan-out: connecting ${CLIENTS} event streams`);
  const listeners: Listener[] = [];
  for (const { bidder } of bids) {
    listeners.push(
      await listen(
        `${base}/api/projects/${section.projectId}/opening-hall/events?lastEventId=${snapshot.lastSeq}`,
        auth(bidder.token),
        'decryption.progress',
      ),
    );
  }

  report(`fan-out: ${UPDATES} bidders decrypt one after another; each change goes to every client`);
  const starts: number[] = [];
  const started = performance.now();
  for (const [k, { bidder, bidId }] of bids.slice(0, UPDATES).entries()) {
    starts.push(performance.now());
    const res = await decryptOwnBid(svc, bidder, bidId, keys[k]!);
    if (res.statusCode !== 200) throw new Error(`decryption refused: ${res.body}`);
    await waitUntil(() => listeners.every((l) => l.arrivals.length > k), `update ${k + 1}`);
  }
  const seconds = (performance.now() - started) / 1000;
  const hallLatencies = deliveryLatencies(listeners, starts);
  for (const listener of listeners) listener.close();

  report(`fan-out baseline: bare node:http writing the same number of frames to ${CLIENTS} sockets`);
  const baseline = await bareFanOut(CLIENTS, UPDATES);

  report(
    `  hall: ${hallLatencies.length} deliveries, p50 ${percentile(hallLatencies, 50).toFixed(1)} ms, p99 ${percentile(hallLatencies, 99).toFixed(1)} ms (each includes the decryption it reports)`,
  );
  return [
    { ...baseline, comparedTo: baseline.name },
    {
      name: `hall: ${CLIENTS} clients × ${UPDATES} status updates`,
      operations: hallLatencies.length,
      seconds,
      latenciesMs: hallLatencies,
      comparedTo: baseline.name,
    },
  ];
}

/** The floor: a server that only writes one SSE frame to every open response, per update. */
async function bareFanOut(clients: number, updates: number): Promise<Measurement> {
  const responses: ServerResponse[] = [];
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
    res.write('retry: 3000\n\n');
    responses.push(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const listeners: Listener[] = [];
  for (let i = 0; i < clients; i++) listeners.push(await listen(url, {}, 'decryption.progress'));
  await waitUntil(() => responses.length === clients, 'baseline connections');
  const frame = (k: number) =>
    `id: ${k}\nevent: decryption.progress\ndata: ${JSON.stringify({ total: clients, pending: clients - k, decrypted: k, failed_bidder: 0, failed_other: 0 })}\n\n`;
  const starts: number[] = [];
  const started = performance.now();
  for (let k = 0; k < updates; k++) {
    starts.push(performance.now());
    const bytes = frame(k + 1);
    for (const res of responses) res.write(bytes);
    await waitUntil(() => listeners.every((l) => l.arrivals.length > k), `baseline update ${k + 1}`);
  }
  const seconds = (performance.now() - started) / 1000;
  const latenciesMs = deliveryLatencies(listeners, starts);
  for (const listener of listeners) listener.close();
  for (const res of responses) res.end();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return {
    name: `baseline: node:http, ${clients} clients × ${updates} frames`,
    operations: latenciesMs.length,
    seconds,
    latenciesMs,
  };
}

// ---- (2) deadline → published opening record ----

async function measureRecord(svc: TestService, report: (line: string) => void): Promise<Measurement[]> {
  report(
    `record: ${BIDS} bidders seal and submit a ${(BID_FILE_BYTES / 1024).toFixed(0)} KiB bid each (${SUITE})`,
  );
  const section = await aPublishedSection(svc, {
    suite: SUITE,
    openingKeyRemedy: false,
    decryptionWindowMinutes: 60,
  });
  const bids = await biddersWithBids(svc, section, BIDS, BID_FILE_BYTES, report);
  // The bidders' browsers unwrap their content keys on their own machines, in parallel with each other.
  const keys = await Promise.all(bids.map((b) => ownContentKey(svc, b.bidder, b.bidId)));
  const envelopes = await Promise.all(
    bids.map(async ({ bidId }) => {
      const row = await tradingDb(svc.store.db)
        .selectFrom('bid')
        .select('fileSha256')
        .where('id', '=', bidId)
        .executeTakeFirstOrThrow();
      return readFile(svc.deps.blobs.pathOf(row.fileSha256));
    }),
  );

  report('record baseline: decrypt the same envelopes in memory and read each bid form');
  const rawStarted = performance.now();
  for (const [i, envelope] of envelopes.entries()) {
    const parts: Uint8Array[] = [];
    const opened = openEnvelope(nodeSuite(SUITE), fromParts(envelope), { contentKey: fromBase64(keys[i]!) });
    for await (const part of opened) parts.push(part);
    readBidForm(Buffer.concat(parts));
  }
  const raw: Measurement = {
    name: `baseline: decrypt ${BIDS} envelopes in memory + read the bid form`,
    operations: BIDS,
    seconds: (performance.now() - rawStarted) / 1000,
  };

  report('record: deadline → open → online decryption by every bidder → end of window → read-out');
  const room = hall(svc, section.projectId);
  const started = performance.now();
  svc.clock.set(new Date(section.deadline));
  const opened = await room.post(section.tenderer.token, '/open');
  if (opened.statusCode !== 200) throw new Error(`open refused: ${opened.body}`);
  // Bidders decrypt at once, as they would at the opening: a few requests in flight at any time.
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < bids.length) {
        const i = next++;
        const res = await decryptOwnBid(svc, bids[i]!.bidder, bids[i]!.bidId, keys[i]!);
        if (res.statusCode !== 200) throw new Error(`decryption refused: ${res.body}`);
      }
    }),
  );
  svc.clock.advance(60 * MINUTE);
  const readOut = await room.post(section.tenderer.token, '/read-out');
  if (readOut.statusCode !== 200) throw new Error(`read-out refused: ${readOut.body}`);
  const seconds = (performance.now() - started) / 1000;
  const lines = readOut.json().sections[0].lines as { status: string }[];
  const decrypted = lines.filter((l) => l.status === 'decrypted').length;
  report(`  record published: ${lines.length} lines, ${decrypted} decrypted, in ${seconds.toFixed(1)} s`);
  return [
    { ...raw, comparedTo: raw.name },
    {
      name: `deadline → published opening record, ${BIDS} bids`,
      operations: BIDS,
      seconds,
      comparedTo: raw.name,
    },
  ];
}

async function* fromParts(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}
