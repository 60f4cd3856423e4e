import { createHash, randomBytes } from 'node:crypto';
import { open } from 'node:fs/promises';
import http from 'node:http';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { nodeSuite } from '../src/crypto/node/node-suites.ts';
import { sealEnvelope } from '../src/crypto/portable/envelope/seal-envelope.ts';
import type { SuiteId } from '../src/crypto/portable/suite.ts';
import type { BenchBidder, BenchCredentials } from './deadline-rush-sealing.ts';

/**
 * The load client of the deadline-rush benchmark, run as a child process (`child_process.fork`)
 * so that its CPU use — building requests, sending 8 MiB bodies, parsing replies — lands on its own
 * event loop and process, not on the server's under test. It plays every bidder: the real
 * protocol (open, chunks with X-Chunk-Sha256, complete), at most `concurrency` bidders in flight.
 *
 * The sealed envelopes and all their SHA-256 digests are made in `prepare`, before anything is
 * timed: a real bidder seals and hashes the file before the rush, so the client seals and hashes
 * nothing while it sends.
 */

export interface ClientConfig {
  readonly plaintextSize: number;
  readonly chunkSize: number;
  readonly concurrency: number;
  /** Where the envelopes are written. */
  readonly dir: string;
  readonly suite: SuiteId;
  readonly tender: { readonly projectId: string; readonly dealCode: string };
  readonly section: { readonly id: string; readonly code: string };
  readonly openingPublicKeyPem: string;
  readonly createdAt: string;
  /** Every bidder with an envelope to prepare (bidders of the rush plus the late ones). */
  readonly bidders: readonly { readonly bidder: BenchBidder; readonly credentials: BenchCredentials }[];
}

export interface Target {
  readonly port: number;
  readonly sectionId: string;
  /** Bearer token per bidder number, or none (the baseline has no authentication). */
  readonly tokens: readonly string[] | null;
}

export interface BidderRun {
  /** Envelope bytes sent. */
  readonly bytes: number;
  readonly uploadMs: number;
  readonly receiptMs: number;
  readonly ok: boolean;
  readonly error?: string;
}

export interface Reply {
  readonly status: number;
  readonly body: string;
}

export interface ProcessStats {
  /** CPU seconds (user + system) the client process spent. */
  readonly cpuSeconds: number;
  readonly loopMeanMs: number;
  readonly loopP99Ms: number;
}

export type ToClient =
  | { readonly type: 'prepare'; readonly config: ClientConfig }
  | { readonly type: 'rush'; readonly label: string; readonly target: Target; readonly count: number }
  | { readonly type: 'send'; readonly target: Target; readonly from: number; readonly count: number }
  | {
      readonly type: 'late-burst';
      readonly target: Target;
      readonly from: number;
      readonly uploadIds: readonly string[];
    }
  | { readonly type: 'exit' };

export type FromClient =
  | { readonly type: 'prepared'; readonly seconds: number }
  | { readonly type: 'progress'; readonly line: string }
  | { readonly type: 'bid-done'; readonly done: number }
  | {
      readonly type: 'rushed';
      readonly runs: BidderRun[];
      readonly seconds: number;
      readonly stats: ProcessStats;
    }
  | { readonly type: 'sent'; readonly uploadIds: string[] }
  | { readonly type: 'late-replies'; readonly replies: Reply[] }
  | { readonly type: 'error'; readonly message: string };

const BOND = { amount: 10_000, payerAccount: '6222020200012345678', paidAt: '2026-03-01T00:00:00.000Z' };

interface SealedFile {
  readonly path: string;
  readonly size: number;
  readonly chunkHashes: string[];
  readonly fileHash: string;
}

/**
 * Every bidder's bid is the same random plaintext with its last 4 bytes set to the bidder's number,
 * sealed as that bidder's envelope (its own content key, certificates and signature) into a file
 * of its own, with all chunk and file digests computed as it is written: nothing is sealed or
 * hashed while sending. Sending reads a chunk from the file into a buffer owned by the sending slot.
 */
class SealedBids {
  private readonly sealed: SealedFile[] = [];

  constructor(readonly config: ClientConfig) {}

  async prepare(): Promise<void> {
    const plaintext = randomBytes(this.config.plaintextSize);
    for (let n = 0; n < this.config.bidders.length; n++) {
      this.sealed.push(await this.seal(n, plaintext));
      if ((n + 1) % 50 === 0) report(`  sealed ${n + 1}/${this.config.bidders.length} envelopes`);
    }
  }

  private async seal(n: number, plaintext: Buffer): Promise<SealedFile> {
    const { config } = this;
    const { bidder, credentials } = config.bidders[n]!;
    const stamp = Buffer.alloc(4);
    stamp.writeUInt32BE(n);
    const path = join(config.dir, `${n}.envelope`);
    const file = await open(path, 'wx');
    const chunkHashes: string[] = [];
    const whole = createHash('sha256');
    let chunk = createHash('sha256');
    let inChunk = 0;
    let size = 0;
    try {
      for await (const part of sealEnvelope(nodeSuite(config.suite), {
        tender: config.tender,
        section: config.section,
        bidder,
        createdAt: config.createdAt,
        tool: { name: 'zhaocai-bench', version: '1' },
        machine: { cpu: 'bench', macs: [], diskSerial: '', tenderFileId: '' },
        plaintextLength: plaintext.length,
        plaintext: (async function* () {
          yield plaintext.subarray(0, plaintext.length - 4);
          yield stamp;
        })(),
        signingKeyPem: credentials.signing.privateKeyPem,
        signingCertificatePem: credentials.signing.certificatePem,
        encryptionCertificatePem: credentials.encryption.certificatePem,
        openingPublicKeyPem: config.openingPublicKeyPem,
      })) {
        await file.write(part);
        whole.update(part);
        size += part.byteLength;
        for (let at = 0; at < part.byteLength;) {
          const take = Math.min(config.chunkSize - inChunk, part.byteLength - at);
          chunk.update(part.subarray(at, at + take));
          at += take;
          inChunk += take;
          if (inChunk === config.chunkSize) {
            chunkHashes.push(chunk.digest('hex'));
            chunk = createHash('sha256');
            inChunk = 0;
          }
        }
      }
    } finally {
      await file.close();
    }
    if (inChunk > 0) chunkHashes.push(chunk.digest('hex'));
    return { path, size, chunkHashes, fileHash: whole.digest('hex') };
  }

  of(n: number): SealedFile {
    return this.sealed[n]!;
  }

  chunkCount(n: number): number {
    return this.of(n).chunkHashes.length;
  }

  slotBuffer(): Buffer {
    return Buffer.allocUnsafe(this.config.chunkSize);
  }

  /** Bidder `n`'s chunk `i`, read into `slot` (a buffer from `slotBuffer`). */
  async chunk(n: number, i: number, slot: Buffer): Promise<Buffer> {
    const { path, size } = this.of(n);
    const offset = i * this.config.chunkSize;
    const length = Math.min(this.config.chunkSize, size - offset);
    const file = await open(path, 'r');
    try {
      const { bytesRead } = await file.read(slot, 0, length, offset);
      return slot.subarray(0, bytesRead);
    } finally {
      await file.close();
    }
  }
}

function connect(port: number, concurrency: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency * 2 });
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
type Connection = ReturnType<typeof connect>;

const send = (message: FromClient) => process.send!(message);
const report = (line: string) => send({ type: 'progress', line });

let files: SealedBids | undefined;

function prepared(): SealedBids {
  if (!files) throw new Error('deadline-rush client: not prepared');
  return files;
}

const auth = (target: Target, n: number): Record<string, string> =>
  target.tokens ? { authorization: `Bearer ${target.tokens[n]!}` } : {};
const json = (target: Target, n: number) => ({ 'content-type': 'application/json', ...auth(target, n) });

function openUpload(conn: Connection, target: Target, n: number): Promise<Reply> {
  const f = prepared();
  return conn.request(
    'POST',
    `/api/sections/${target.sectionId}/uploads`,
    json(target, n),
    JSON.stringify({
      totalSize: f.of(n).size,
      fileSha256: f.of(n).fileHash,
      chunkSize: f.config.chunkSize,
    }),
  );
}

async function putChunk(
  conn: Connection,
  target: Target,
  n: number,
  uploadId: string,
  i: number,
  slot: Buffer,
): Promise<Reply> {
  const f = prepared();
  return conn.request(
    'PUT',
    `/api/sections/${target.sectionId}/uploads/${uploadId}/chunks/${i}`,
    {
      'content-type': 'application/octet-stream',
      'x-chunk-sha256': f.of(n).chunkHashes[i]!,
      ...auth(target, n),
    },
    await f.chunk(n, i, slot),
  );
}

function completeUpload(conn: Connection, target: Target, n: number, uploadId: string): Promise<Reply> {
  return conn.request(
    'POST',
    `/api/sections/${target.sectionId}/uploads/${uploadId}/complete`,
    json(target, n),
    JSON.stringify({ bidBond: BOND }),
  );
}

async function openAndSend(
  conn: Connection,
  target: Target,
  n: number,
  slot: Buffer,
): Promise<{ uploadId: string } | { error: string }> {
  const opened = await openUpload(conn, target, n);
  if (opened.status !== 201) return { error: `open ${opened.status} ${opened.body.slice(0, 200)}` };
  const uploadId = (JSON.parse(opened.body) as { id: string }).id;
  for (let i = 0; i < prepared().chunkCount(n); i++) {
    const res = await putChunk(conn, target, n, uploadId, i, slot);
    if (res.status !== 200) return { error: `chunk ${i} ${res.status} ${res.body.slice(0, 200)}` };
  }
  return { uploadId };
}

/** One bidder's whole upload with the real protocol: open, chunks, complete. */
async function uploadBid(conn: Connection, target: Target, n: number, slot: Buffer): Promise<BidderRun> {
  const bytes = prepared().of(n).size;
  const t0 = performance.now();
  const sent = await openAndSend(conn, target, n, slot);
  if ('error' in sent)
    return { bytes, uploadMs: performance.now() - t0, receiptMs: 0, ok: false, error: sent.error };
  const t1 = performance.now();
  const done = await completeUpload(conn, target, n, sent.uploadId);
  const t2 = performance.now();
  return {
    bytes,
    uploadMs: t2 - t0,
    receiptMs: t2 - t1,
    ok: done.status === 201,
    ...(done.status === 201 ? {} : { error: `complete ${done.status} ${done.body.slice(0, 200)}` }),
  };
}

/** Bidders 0…count-1, at most `concurrency` at a time, with a progress line every second. */
async function rush(label: string, target: Target, count: number): Promise<FromClient> {
  const f = prepared();
  const conn = connect(target.port, f.config.concurrency);
  const runs: BidderRun[] = new Array<BidderRun>(count);
  const loop = monitorEventLoopDelay({ resolution: 10 });
  let next = 0;
  let done = 0;
  let failed = 0;
  let sentBytes = 0;
  const cpu0 = process.cpuUsage();
  loop.enable();
  const started = performance.now();
  const ticker = setInterval(() => {
    const s = (performance.now() - started) / 1000;
    report(
      `  ${label}: ${done}/${count} bids${failed ? ` (${failed} failed)` : ''}, ${(sentBytes / 2 ** 20 / s).toFixed(0)} MiB/s, ${s.toFixed(0)} s`,
    );
  }, 1000);
  try {
    await Promise.all(
      Array.from({ length: Math.min(f.config.concurrency, count) }, async () => {
        const slot = f.slotBuffer();
        while (next < count) {
          const n = next++;
          const run = await uploadBid(conn, target, n, slot);
          runs[n] = run;
          sentBytes += run.bytes;
          if (!run.ok) failed++;
          send({ type: 'bid-done', done: ++done });
        }
      }),
    );
  } finally {
    clearInterval(ticker);
    loop.disable();
    conn.close();
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpu0);
  return {
    type: 'rushed',
    runs,
    seconds,
    stats: {
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      loopMeanMs: loop.mean / 1e6,
      loopP99Ms: loop.percentile(99) / 1e6,
    },
  };
}

/** Bidders from…from+count-1 open and send every chunk, one after another, but do not complete. */
async function sendOnly(target: Target, from: number, count: number): Promise<FromClient> {
  const f = prepared();
  const conn = connect(target.port, f.config.concurrency);
  const slot = f.slotBuffer();
  const uploadIds: string[] = [];
  try {
    for (let j = 0; j < count; j++) {
      const sent = await openAndSend(conn, target, from + j, slot);
      if ('error' in sent) throw new Error(`late bidder preparation failed: ${sent.error}`);
      uploadIds.push(sent.uploadId);
    }
  } finally {
    conn.close();
  }
  return { type: 'sent', uploadIds };
}

/** At once, per late bidder: its completion, a new upload and a chunk resent. */
async function lateBurst(target: Target, from: number, uploadIds: readonly string[]): Promise<FromClient> {
  const f = prepared();
  const conn = connect(target.port, f.config.concurrency);
  try {
    const replies = await Promise.all(
      uploadIds.flatMap((uploadId, j) => [
        completeUpload(conn, target, from + j, uploadId),
        openUpload(conn, target, from + j),
        putChunk(conn, target, from + j, uploadId, 0, f.slotBuffer()),
      ]),
    );
    return { type: 'late-replies', replies };
  } finally {
    conn.close();
  }
}

async function handle(message: ToClient): Promise<FromClient | undefined> {
  switch (message.type) {
    case 'prepare': {
      const t0 = performance.now();
      files = new SealedBids(message.config);
      await files.prepare();
      return { type: 'prepared', seconds: (performance.now() - t0) / 1000 };
    }
    case 'rush':
      return rush(message.label, message.target, message.count);
    case 'send':
      return sendOnly(message.target, message.from, message.count);
    case 'late-burst':
      return lateBurst(message.target, message.from, message.uploadIds);
    case 'exit':
      process.disconnect();
      return undefined;
  }
}

if (!process.send) throw new Error('deadline-rush-client.ts runs as a forked child of the benchmark');
process.on('message', (message: ToClient) => {
  handle(message).then(
    (reply) => reply && send(reply),
    (error: unknown) => send({ type: 'error', message: String((error as Error).stack ?? error) }),
  );
});
