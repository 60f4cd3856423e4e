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
parentPort.on('message', ({ id, path, offset, length }) => {
  let fd;
  try {
    fd = openSync(path, 'r');
    const digest = createHash('sha256');
    let position = offset;
    const end = offset + length;
    while (position < end) {
      const n = readSync(fd, buffer, 0, Math.min(buffer.length, end - position), position);
      if (n === 0) break;
      digest.update(buffer.subarray(0, n));
      position += n;
    }
    parentPort.postMessage({ id, hash: digest.digest('hex'), length: position - offset });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error) });
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
});
`;

interface Pending {
  resolve(value: { hash: string; length: number }): void;
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

  constructor(private readonly size = Math.min(4, Math.max(1, availableParallelism() - 1))) {}

  private worker(): Worker {
    if (this.workers.length < this.size) {
      const worker = new Worker(SOURCE, { eval: true });
      worker.on('message', (reply: Reply) => {
        const waiting = this.pending.get(reply.id);
        if (!waiting) return;
        this.pending.delete(reply.id);
        if (reply.error !== undefined) waiting.reject(new Error(reply.error));
        else waiting.resolve({ hash: reply.hash!, length: reply.length! });
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
    return this.workers[this.turn++ % this.workers.length]!;
  }

  /** Stops the workers (the service is closing). */
  async close(): Promise<void> {
    const workers = this.workers.splice(0);
    await Promise.all(workers.map((worker) => worker.terminate()));
  }

  /** SHA-256 (hex) of `length` bytes of the file at `offset`, and how many bytes there were. */
  hashRange(path: string, offset: number, length: number): Promise<{ hash: string; length: number }> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker().postMessage({ id, path, offset, length });
    });
  }
}
