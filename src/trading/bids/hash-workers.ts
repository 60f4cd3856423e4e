import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

/**
 * SHA-256 of a byte range of a file, computed on worker threads that read the file themselves
 * (from the page cache, just after the bytes were written). The event loop, which also carries
 * every upload's network traffic, then spends nothing on hashing — during a deadline rush that
 * is most of its work otherwise.
 */
const SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { openSync, readSync, closeSync } = require('node:fs');
const buffer = Buffer.allocUnsafe(1 << 20);
// Per upload: the SHA-256 of its acknowledged prefix, and candidates for the next chunk.
const streams = new Map();
function hashRange(path, offset, length, also) {
  const fd = openSync(path, 'r');
  try {
    const digest = createHash('sha256');
    let position = offset;
    const end = offset + length;
    while (position < end) {
      const n = readSync(fd, buffer, 0, Math.min(buffer.length, end - position), position);
      if (n === 0) break;
      digest.update(buffer.subarray(0, n));
      if (also) also.update(buffer.subarray(0, n));
      position += n;
    }
    return { hash: digest.digest('hex'), length: position - offset };
  } finally {
    closeSync(fd);
  }
}
function handle(message) {
  const { op, key, path, offset, length } = message;
  if (op === 'range') return hashRange(path, offset, length, null);
  let stream = streams.get(key);
  if (!stream) streams.set(key, (stream = { prefix: createHash('sha256'), next: 0, candidates: new Map() }));
  if (op === 'chunk') {
    // Only the chunk right after the acknowledged prefix extends it; any other order falls back
    // to a full pass at completion.
    const candidate = offset === stream.next ? stream.prefix.copy() : null;
    const result = hashRange(path, offset, length, candidate);
    if (candidate) stream.candidates.set(offset, { digest: candidate, length: result.length });
    return result;
  }
  if (op === 'commit') {
    const candidate = stream.candidates.get(offset);
    stream.candidates.clear();
    if (candidate && offset === stream.next) {
      stream.prefix = candidate.digest;
      stream.next += candidate.length;
    }
    return {};
  }
  if (op === 'finish') {
    streams.delete(key);
    return stream.next === length ? { hash: stream.prefix.digest('hex'), length } : {};
  }
  throw new Error('unknown op ' + op);
}
parentPort.on('message', (message) => {
  try {
    parentPort.postMessage({ id: message.id, ...handle(message) });
  } catch (error) {
    parentPort.postMessage({ id: message.id, error: String(error) });
  }
});
`;
interface Pending {
  resolve(value: { hash?: string; length?: number }): void;
  reject(error: Error): void;
}

interface Reply {
  id: number;
  hash?: string;
  length?: number;
  error?: string;
}

export class HashWorkers {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private turn = 0;

  constructor(private readonly size = Math.min(4, availableParallelism())) {}

  /** The worker that keeps an upload's running hash: always the same one for the same key. */
  private workerFor(key: string): Worker {
    let slot = 0;
    for (let i = 0; i < key.length; i++) slot = (slot * 31 + key.charCodeAt(i)) >>> 0;
    slot %= this.size;
    while (this.workers.length <= slot) this.spawn();
    return this.workers[slot]!;
  }

  private worker(): Worker {
    if (this.workers.length < this.size) return this.spawn();
    return this.workers[this.turn++ % this.workers.length]!;
  }

  private spawn(): Worker {
    const worker = new Worker(SOURCE, { eval: true });
    worker.on('message', (reply: Reply) => {
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.pending.delete(reply.id);
      if (reply.error !== undefined) waiting.reject(new Error(reply.error));
      else waiting.resolve(reply);
    });
    worker.on('error', (error) => {
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
      this.workers.splice(this.workers.indexOf(worker), 1);
    });
    // After the listeners: adding a 'message' listener refs the worker again.
    worker.unref();
    this.workers.push(worker);
    return worker;
  }

  private ask(worker: Worker, message: Record<string, unknown>): Promise<{ hash?: string; length?: number }> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, ...message });
    });
  }

  /** Stops the workers (the service is closing). */
  async close(): Promise<void> {
    const workers = this.workers.splice(0);
    await Promise.all(workers.map((worker) => worker.terminate()));
  }

  /** SHA-256 (hex) of `length` bytes of the file at `offset`, and how many bytes there were. */
  async hashRange(path: string, offset: number, length: number): Promise<{ hash: string; length: number }> {
    const reply = await this.ask(this.worker(), { op: 'range', path, offset, length });
    return { hash: reply.hash!, length: reply.length! };
  }

  /**
   * A chunk's SHA-256, read once: when the chunk follows the upload's acknowledged prefix, the
   * same pass also prepares the whole file's running SHA-256, which `commitChunk` then extends.
   */
  async hashChunk(
    key: string,
    path: string,
    offset: number,
    length: number,
  ): Promise<{ hash: string; length: number }> {
    const reply = await this.ask(this.workerFor(key), { op: 'chunk', key, path, offset, length });
    return { hash: reply.hash!, length: reply.length! };
  }

  /** The chunk at `offset` is acknowledged (and so never rewritten): extend the running hash. */
  async commitChunk(key: string, offset: number): Promise<void> {
    await this.ask(this.workerFor(key), { op: 'commit', key, offset });
  }

  /**
   * The whole file's SHA-256 when every chunk arrived in order in this process; null otherwise
   * (out of order, resumed after a restart), and the caller hashes the file in full.
   */
  async finish(key: string, size: number): Promise<string | null> {
    const reply = await this.ask(this.workerFor(key), { op: 'finish', key, length: size });
    return reply.hash ?? null;
  }
}
