import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';

/**
 * The load client of the deadline-rush benchmark, run as a child process (`child_process.fork`)
 * so that its CPU use — building requests, sending 8 MiB bodies, parsing replies — lands on its own
 * event loop and process, not on the server's under test. It plays every bidder: the real
 * protocol (open, chunks with X-Chunk-Sha256, complete), at most `concurrency` bidders in flight.
 *
 * The files and all their SHA-256 digests are computed in `prepare`, before anything is timed: a
 * real bidder hashes the file before the rush, so the client hashes nothing while it sends.
 */

export interface ClientConfig {
  readonly fileSize: number;
  readonly chunkSize: number;
  readonly concurrency: number;
  /** How many distinct bidder files to prepare (bidders of the rush plus the late ones). */
  readonly files: number;
}

export interface Target {
  readonly port: number;
  readonly sectionId: string;
  /** Bearer token per bidder number, or none (the baseline has no authentication). */
  readonly tokens: readonly string[] | null;
}

export interface BidderRun {
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

/**
 * Every bidder's file is the same random prefix plus a last chunk stamped with the bidder's
 * number, so files (and blobs) differ. All chunk and file digests are computed up front; while
 * sending, a bidder's last chunk is stamped into a buffer owned by the sending slot (a copy, no
 * hashing).
 */
class BidFiles {
  readonly base: Buffer;
  readonly chunkCount: number;
  private readonly lastStart: number;
  private readonly prefixHashes: string[] = [];
  private readonly lastHashes: string[] = [];
  readonly fileHashes: string[] = [];

  constructor(readonly config: ClientConfig) {
    this.base = randomBytes(config.fileSize);
    this.chunkCount = Math.ceil(config.fileSize / config.chunkSize);
    this.lastStart = (this.chunkCount - 1) * config.chunkSize;
    const prefix = createHash('sha256');
    for (let i = 0; i < this.chunkCount - 1; i++) {
      const chunk = this.base.subarray(i * config.chunkSize, (i + 1) * config.chunkSize);
      this.prefixHashes.push(createHash('sha256').update(chunk).digest('hex'));
      prefix.update(chunk);
    }
    const last = this.lastChunkBuffer();
    for (let n = 0; n < config.files; n++) {
      this.stamp(last, n);
      this.lastHashes.push(createHash('sha256').update(last).digest('hex'));
      this.fileHashes.push(prefix.copy().update(last).digest('hex'));
    }
  }

  lastChunkBuffer(): Buffer {
    return Buffer.from(this.base.subarray(this.lastStart));
  }

  /** Writes bidder `n`'s last chunk into `last` (a buffer from `lastChunkBuffer`). */
  stamp(last: Buffer, n: number): Buffer {
    this.base.copy(last, 0, this.lastStart);
    last.writeUInt32BE(n, last.length - 4);
    return last;
  }

  chunk(n: number, i: number, last: Buffer): Buffer {
    return i === this.chunkCount - 1
      ? this.stamp(last, n)
      : this.base.subarray(i * this.config.chunkSize, (i + 1) * this.config.chunkSize);
  }

  chunkHash(n: number, i: number): string {
    return i === this.chunkCount - 1 ? this.lastHashes[n]! : this.prefixHashes[i]!;
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

let files: BidFiles | undefined;

function prepared(): BidFiles {
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
      totalSize: f.config.fileSize,
      fileSha256: f.fileHashes[n],
      chunkSize: f.config.chunkSize,
    }),
  );
}

function putChunk(
  conn: Connection,
  target: Target,
  n: number,
  uploadId: string,
  i: number,
  last: Buffer,
): Promise<Reply> {
  const f = prepared();
  return conn.request(
    'PUT',
    `/api/sections/${target.sectionId}/uploads/${uploadId}/chunks/${i}`,
    {
      'content-type': 'application/octet-stream',
      'x-chunk-sha256': f.chunkHash(n, i),
      ...auth(target, n),
    },
    f.chunk(n, i, last),
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
  last: Buffer,
): Promise<{ uploadId: string } | { error: string }> {
  const opened = await openUpload(conn, target, n);
  if (opened.status !== 201) return { error: `open ${opened.status} ${opened.body.slice(0, 200)}` };
  const uploadId = (JSON.parse(opened.body) as { id: string }).id;
  for (let i = 0; i < prepared().chunkCount; i++) {
    const res = await putChunk(conn, target, n, uploadId, i, last);
    if (res.status !== 200) return { error: `chunk ${i} ${res.status} ${res.body.slice(0, 200)}` };
  }
  return { uploadId };
}

/** One bidder's whole upload with the real protocol: open, chunks, complete. */
async function uploadBid(conn: Connection, target: Target, n: number, last: Buffer): Promise<BidderRun> {
  const t0 = performance.now();
  const sent = await openAndSend(conn, target, n, last);
  if ('error' in sent)
    return { uploadMs: performance.now() - t0, receiptMs: 0, ok: false, error: sent.error };
  const t1 = performance.now();
  const done = await completeUpload(conn, target, n, sent.uploadId);
  const t2 = performance.now();
  return {
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
  const cpu0 = process.cpuUsage();
  loop.enable();
  const started = performance.now();
  const ticker = setInterval(() => {
    const s = (performance.now() - started) / 1000;
    report(
      `  ${label}: ${done}/${count} bids${failed ? ` (${failed} failed)` : ''}, ${((done * f.config.fileSize) / 2 ** 20 / s).toFixed(0)} MiB/s, ${s.toFixed(0)} s`,
    );
  }, 1000);
  try {
    await Promise.all(
      Array.from({ length: Math.min(f.config.concurrency, count) }, async () => {
        const last = f.lastChunkBuffer();
        while (next < count) {
          const n = next++;
          const run = await uploadBid(conn, target, n, last);
          runs[n] = run;
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
  const last = f.lastChunkBuffer();
  const uploadIds: string[] = [];
  try {
    for (let j = 0; j < count; j++) {
      const sent = await openAndSend(conn, target, from + j, last);
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
        putChunk(conn, target, from + j, uploadId, 0, f.lastChunkBuffer()),
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
      files = new BidFiles(message.config);
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
