import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { BlobStore } from '../src/store/blob-store.ts';
import type { Benchmark, Measurement } from './harness.ts';

const MIB = 1024 * 1024;
const TOTAL_MIB = Number(process.env.ZHAOCAI_BENCH_BLOB_MIB ?? 256);

/**
 * Storing a large file: the blob store (SHA-256 while streaming, temp file, fsync, rename,
 * directory fsync) against the raw disk: the same bytes written and fsynced with no hashing.
 */
export const blobStoreBenchmark: Benchmark = {
  name: 'blob',
  description: `${TOTAL_MIB} MiB streamed in 1 MiB chunks: blob store vs raw write + fsync`,
  async run(report) {
    const dir = mkdtempSync(join(tmpdir(), 'zhaocai-bench-'));
    const chunk = randomBytes(MIB);
    const chunks = () =>
      (async function* () {
        for (let i = 0; i < TOTAL_MIB; i++) {
          // Vary each chunk so the hash cannot be shortcut.
          chunk[0] = i & 0xff;
          yield chunk;
          if (i % 64 === 63) report(`  ${i + 1}/${TOTAL_MIB} MiB`);
        }
      })();
    try {
      report('baseline: raw write + fsync');
      let t0 = performance.now();
      const file = await open(join(dir, 'raw.bin'), 'w');
      for await (const c of chunks()) await file.write(c);
      await file.sync();
      await file.close();
      const baseline: Measurement = {
        name: 'raw disk: write + fsync',
        operations: 1,
        seconds: (performance.now() - t0) / 1000,
        bytes: TOTAL_MIB * MIB,
      };

      report('measured: BlobStore.put');
      const store = new BlobStore(join(dir, 'blobs'), TOTAL_MIB * MIB * 2);
      t0 = performance.now();
      await store.put(chunks());
      const measured: Measurement = {
        name: 'BlobStore.put (sha256, fsync, rename)',
        operations: 1,
        seconds: (performance.now() - t0) / 1000,
        bytes: TOTAL_MIB * MIB,
      };
      return [baseline, measured];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
