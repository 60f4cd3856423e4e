import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HashWorkers } from '../../src/trading/bids/hash-workers.ts';

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

describe('hash workers: one read per byte for chunk and whole-file hashes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zhaocai-hash-'));
  const workers = new HashWorkers(2);
  afterAll(async () => {
    await workers.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const file = randomBytes(3 * 1024 + 100);
  const path = join(dir, 'upload.bin');
  writeFileSync(path, file);
  const chunks = [0, 1024, 2048, 3072].map((offset) => ({
    offset,
    length: Math.min(1024, file.length - offset),
  }));

  it('chunks acknowledged in order give the whole file’s hash without another pass', async () => {
    for (const { offset, length } of chunks) {
      const { hash } = await workers.hashChunk('in-order', path, offset, length);
      expect(hash).toBe(sha256(file.subarray(offset, offset + length)));
      await workers.commitChunk('in-order', offset);
    }
    expect(await workers.finish('in-order', file.length)).toBe(sha256(file));
  });

  it('out of order, or a chunk never acknowledged, leaves the caller to hash the file in full', async () => {
    for (const { offset, length } of [chunks[1]!, chunks[0]!, chunks[2]!, chunks[3]!]) {
      await workers.hashChunk('shuffled', path, offset, length);
      await workers.commitChunk('shuffled', offset);
    }
    expect(await workers.finish('shuffled', file.length)).toBeNull();

    for (const { offset, length } of chunks) {
      await workers.hashChunk('unacknowledged', path, offset, length);
      if (offset !== 1024) await workers.commitChunk('unacknowledged', offset);
    }
    expect(await workers.finish('unacknowledged', file.length)).toBeNull();
    expect((await workers.hashRange(path, 0, file.length)).hash).toBe(sha256(file));
  });
});
