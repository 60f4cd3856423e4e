import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { BlobStore } from '../../src/store/blob-store.ts';

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

describe('blob store', () => {
  it('stores content under its SHA-256 and reads it back', async () => {
    const store = new BlobStore(mkdtempSync(join(tmpdir(), 'blobs-')));
    const data = Buffer.from('招标文件 v1');
    const stored = await store.put(data);
    expect(stored).toEqual({ hash: sha256(data), size: data.length });
    const chunks: Buffer[] = [];
    for await (const chunk of await store.read(stored.hash)) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('招标文件 v1');
    expect(await store.put(data)).toEqual(stored);
  });

  it('streams large content in chunks', async () => {
    const store = new BlobStore(mkdtempSync(join(tmpdir(), 'blobs-')));
    const chunk = Buffer.alloc(1024 * 1024, 7);
    const stored = await store.put(Readable.from(Array.from({ length: 8 }, () => chunk)));
    expect(stored.size).toBe(8 * 1024 * 1024);
    expect(await store.has(stored.hash)).toBe(true);
  });

  it('refuses content whose hash is not the one announced, and keeps nothing', async () => {
    const root = mkdtempSync(join(tmpdir(), 'blobs-'));
    const store = new BlobStore(root);
    await expect(store.put(Buffer.from('a'), { expectedHash: '0'.repeat(64) })).rejects.toMatchObject({
      code: 'BLOB_HASH_MISMATCH',
    });
    expect(readdirSync(join(root, 'tmp'))).toEqual([]);
    expect(readdirSync(root)).toEqual(['tmp']);
  });

  it('refuses content over the limit, and keeps nothing', async () => {
    const root = mkdtempSync(join(tmpdir(), 'blobs-'));
    const store = new BlobStore(root, 10);
    await expect(store.put(Buffer.alloc(11))).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(readdirSync(join(root, 'tmp'))).toEqual([]);
  });

  it('rejects names that are not hashes', async () => {
    const store = new BlobStore(mkdtempSync(join(tmpdir(), 'blobs-')));
    await expect(store.read('../../etc/passwd')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
