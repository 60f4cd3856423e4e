import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, type ReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { AppError } from '../domain/errors.ts';

export interface StoredBlob {
  /** SHA-256 of the content, lowercase hex: also its name. */
  readonly hash: string;
  readonly size: number;
}

/**
 * Files addressed by their SHA-256. A write goes to a temporary file, is fsynced, renamed into
 * place and the directory fsynced, so a blob is either absent or complete — never torn — and a
 * returned hash means the bytes are on disk.
 */
export class BlobStore {
  constructor(
    private readonly root: string,
    private readonly maxBytes = 500 * 1024 * 1024,
  ) {}

  pathOf(hash: string): string {
    if (!/^[0-9a-f]{64}$/.test(hash)) throw new AppError('NOT_FOUND');
    return join(this.root, hash.slice(0, 2), hash.slice(2, 4), hash);
  }

  async put(
    content: Uint8Array | AsyncIterable<Uint8Array> | Readable,
    options: { expectedHash?: string } = {},
  ): Promise<StoredBlob> {
    const tmpDir = join(this.root, 'tmp');
    await mkdir(tmpDir, { recursive: true });
    const tmpPath = join(tmpDir, `${randomUUID()}.part`);
    const digest = createHash('sha256');
    let size = 0;
    const file = await open(tmpPath, 'wx');
    try {
      const chunks = content instanceof Uint8Array ? [content] : content;
      for await (const chunk of chunks as AsyncIterable<Uint8Array>) {
        size += chunk.byteLength;
        if (size > this.maxBytes) {
          throw new AppError('PAYLOAD_TOO_LARGE', { limit: `${this.maxBytes} bytes` });
        }
        digest.update(chunk);
        await file.write(chunk);
      }
      await file.sync();
    } catch (error) {
      await file.close();
      await rm(tmpPath, { force: true });
      throw error;
    }
    await file.close();
    const hash = digest.digest('hex');
    if (options.expectedHash && options.expectedHash.toLowerCase() !== hash) {
      await rm(tmpPath, { force: true });
      throw new AppError('BLOB_HASH_MISMATCH', { expected: options.expectedHash, actual: hash });
    }
    const finalPath = this.pathOf(hash);
    const dir = join(finalPath, '..');
    await mkdir(dir, { recursive: true });
    await rename(tmpPath, finalPath);
    await fsyncDirectory(dir);
    return { hash, size };
  }

  async has(hash: string): Promise<boolean> {
    try {
      await stat(this.pathOf(hash));
      return true;
    } catch {
      return false;
    }
  }

  async read(hash: string): Promise<ReadStream> {
    const path = this.pathOf(hash);
    if (!(await this.has(hash))) throw new AppError('NOT_FOUND');
    return createReadStream(path);
  }
}

async function fsyncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
