import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { EnvelopeInspection } from '../portable/envelope/inspect-envelope.ts';

/**
 * The worker registers tsx's loader itself before importing the TypeScript worker module: `--import tsx`
 * in a worker's execArgv does not apply to its main module on Node 20.
 */
const WORKER_BOOTSTRAP = `
import(${JSON.stringify(tsxEsmApi())})
  .then(({ register }) => {
    register();
    return import(${JSON.stringify(new URL('./envelope-inspection-worker.ts', import.meta.url).href)});
  });
`;

/** tsx's ESM API entry, found from its package.json's exports (require.resolve would give the CJS one). */
function tsxEsmApi(): string {
  const manifestPath = createRequire(import.meta.url).resolve('tsx/package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    exports: Record<string, { import: { default: string } }>;
  };
  return pathToFileURL(join(dirname(manifestPath), manifest.exports['./esm/api']!.import.default)).href;
}

let shared: EnvelopeInspectionWorkers | undefined;

interface Pending {
  resolve(inspection: EnvelopeInspection): void;
  reject(error: Error): void;
}

/**
 * Keyless envelope checks (inspectEnvelopeFile) on worker threads. Checking a 20 MB bid hashes every
 * segment (SM3 runs at some 150 MB/s), which on the event loop would stall every other request of the
 * service for a large part of a second; in a deadline rush that is most of the loop's time.
 */
export class EnvelopeInspectionWorkers {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private turn = 0;

  private constructor(private readonly size = Math.min(4, availableParallelism())) {}

  /**
   * One pool per process, made on first use: starting a worker loads the TypeScript sources (about a
   * second), so services in one process (the demo, the tests) share it. Its threads are unref'd and
   * never keep the process alive.
   */
  static shared(): EnvelopeInspectionWorkers {
    shared ??= new EnvelopeInspectionWorkers();
    return shared;
  }

  inspect(path: string): Promise<EnvelopeInspection> {
    const worker = this.workers.length < this.size ? this.spawn() : this.workers[this.turn++ % this.size]!;
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, path });
    });
  }

  private spawn(): Worker {
    const worker = new Worker(WORKER_BOOTSTRAP, { eval: true });
    worker.on('message', (reply: { id: number; inspection?: EnvelopeInspection; error?: string }) => {
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.pending.delete(reply.id);
      if (reply.error !== undefined) waiting.reject(new Error(reply.error));
      else waiting.resolve(reply.inspection!);
    });
    worker.on('error', (error) => {
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
      this.workers.splice(this.workers.indexOf(worker), 1);
    });
    worker.unref();
    this.workers.push(worker);
    return worker;
  }
}
