import { createReadStream } from 'node:fs';
import { appendFile, mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { AppError } from '../../domain/errors.ts';
import type { Config } from '../../server/config.ts';
import type { BlobStore, StoredBlob } from '../../store/blob-store.ts';
import { HashWorkers } from './hash-workers.ts';

/** Pieces arrive in 16–64 KiB; they are written in batches of about 1 MiB. */
const WRITE_BATCH_BYTES = 1024 * 1024;

export interface ChunkAck {
  readonly size: number;
  readonly sha256: string;
  readonly storedAt: string;
}

/**
 * The files of open bid uploads. Each upload has one file of its declared size, every chunk
 * written in place at its offset, and an append-only log of chunk acknowledgements.
 *
 * Durability is spent where it buys something. A chunk's bytes are fsynced before it is
 * acknowledged, and its acknowledgement is appended to the log only after that fsync, so a log
 * entry never names bytes that are not on disk. The log itself is not fsynced: it survives a crash
 * of the process (the page cache keeps it), and a power loss can only forget the newest
 * acknowledgements, whose chunks the client then sends again. Neither is the empty file fsynced
 * when an upload opens: a file lost that way is recreated by the next chunk. What the bidder is
 * promised, the receipt (E3), comes only after the whole file is checked, renamed into the blob
 * store, the directory fsynced and the bid committed. Per chunk that is one fsync, as a bare
 * server writing to disk would do. (The acknowledgements stay out of the database on purpose: on
 * SQLite every commit fsyncs on the event loop, and a deadline rush of chunk commits would stall
 * every upload.)
 *
 * Because the chunks are written in place, the file is whole when the upload completes: its
 * SHA-256 is checked (hashing runs on worker threads, see hash-workers.ts) and it is renamed into
 * the blob store, not copied — the bytes reach the disk once, which keeps a deadline rush near
 * raw disk speed.
 */
export class BidUploadFiles {
  private readonly writing = new Set<string>();
  private readonly hashes = new HashWorkers();

  constructor(readonly root: string) {}

  static forConfig(config: Config): BidUploadFiles {
    return new BidUploadFiles(join(config.dataDir, 'trading-bid-uploads'));
  }

  pathOf(uploadId: string): string {
    if (!/^[0-9a-f-]{36}$/.test(uploadId)) throw new AppError('NOT_FOUND');
    return join(this.root, `${uploadId}.upload`);
  }

  private ackLogOf(uploadId: string): string {
    return `${this.pathOf(uploadId).slice(0, -'.upload'.length)}.acks`;
  }

  /** Creates the upload's file at its full size (sparse) and its empty acknowledgement log. */
  async create(uploadId: string, totalSize: number): Promise<void> {
    await mkdir(this.root, { recursive: true });
    const file = await open(this.pathOf(uploadId), 'wx');
    try {
      await file.truncate(totalSize);
    } finally {
      await file.close();
    }
    await (await open(this.ackLogOf(uploadId), 'wx')).close();
  }

  /**
   * Streams one chunk into place; returns once it is on disk with the expected size and SHA-256
   * (hashed on a worker thread from the file just written). Throws, leaving the chunk
   * unacknowledged, otherwise.
   */
  async writeChunk(
    uploadId: string,
    offset: number,
    content: AsyncIterable<Uint8Array>,
    expected: { size: number; sha256: string },
  ): Promise<void> {
    const path = this.pathOf(uploadId);
    // 'a+' would ignore the offset; 'r+' needs the file, which a power loss may have taken.
    const file = await open(path, 'r+').catch(async (error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
      await mkdir(this.root, { recursive: true });
      return open(path, 'w+');
    });
    try {
      let size = 0;
      let batch: Uint8Array[] = [];
      let batchBytes = 0;
      let written = 0;
      for await (const piece of content) {
        if (size + piece.byteLength > expected.size) {
          throw new AppError('PAYLOAD_TOO_LARGE', { limit: `${expected.size} bytes` });
        }
        size += piece.byteLength;
        batch.push(piece);
        batchBytes += piece.byteLength;
        if (batchBytes >= WRITE_BATCH_BYTES) {
          await file.writev(batch, offset + written);
          written += batchBytes;
          batch = [];
          batchBytes = 0;
        }
      }
      if (batchBytes > 0) await file.writev(batch, offset + written);
      if (size !== expected.size) {
        throw new AppError(
          'VALIDATION_FAILED',
          { fields: 'body' },
          {
            details: [
              { path: 'body', code: 'chunk_size', params: { expected: expected.size, actual: size } },
            ],
          },
        );
      }
      const actual = (await this.hashes.hashChunk(uploadId, path, offset, size)).hash;
      if (actual !== expected.sha256) {
        throw new AppError('BLOB_HASH_MISMATCH', { expected: expected.sha256, actual });
      }
      await file.sync();
    } finally {
      await file.close();
    }
  }

  /**
   * Appends the chunk's acknowledgement to the upload's log. Called only after `writeChunk` has
   * fsynced the chunk; the log is left to the page cache (see the class comment).
   */
  async acknowledge(uploadId: string, index: number, offset: number, ack: ChunkAck): Promise<void> {
    await appendFile(this.ackLogOf(uploadId), `${JSON.stringify({ index, ...ack })}\n`);
    await this.hashes.commitChunk(uploadId, offset);
  }

  /** The acknowledged chunks of an upload, by index (a torn last line after a crash is ignored). */
  async acknowledged(uploadId: string): Promise<Map<number, ChunkAck>> {
    const acks = new Map<number, ChunkAck>();
    let text: string;
    try {
      text = await readFile(this.ackLogOf(uploadId), 'utf8');
    } catch {
      return acks;
    }
    for (const line of text.split('\n')) {
      try {
        const { index, size, sha256, storedAt } = JSON.parse(line) as ChunkAck & { index: number };
        if (Number.isInteger(index) && typeof sha256 === 'string')
          acks.set(index, { size, sha256, storedAt });
      } catch {
        // an empty or torn line
      }
    }
    return acks;
  }

  /**
   * Runs `work` (write a chunk, then acknowledge it) while no other request of this process works
   * on the same chunk: a concurrent resend is refused rather than interleaved.
   */
  async withChunkLock<T>(uploadId: string, index: number, work: () => Promise<T>): Promise<T> {
    const key = `${uploadId}/${index}`;
    if (this.writing.has(key)) {
      throw new AppError('INVALID_STATE', { state: `chunk ${index} being written`, action: 'upload' });
    }
    this.writing.add(key);
    try {
      return await work();
    } finally {
      this.writing.delete(key);
    }
  }

  /**
   * Moves the whole upload into the blob store after checking its SHA-256 and size: renamed into
   * its content address (its bytes are fsynced already; the directory is fsynced after), or
   * streamed through `BlobStore.put` when the two directories are on different file systems.
   */
  async moveToBlobStore(
    uploadId: string,
    blobs: BlobStore,
    expected: { sha256: string; size: number; chunkCount: number },
  ): Promise<StoredBlob> {
    const path = this.pathOf(uploadId);
    // Moved by an earlier completion whose transaction was then refused: the blob is there.
    if (!(await exists(path)) && (await blobs.has(expected.sha256))) {
      return { hash: expected.sha256, size: expected.size };
    }
    const hash = await this.wholeFileHash(uploadId, expected.size, expected.sha256);
    if (hash !== expected.sha256) {
      throw new AppError('BLOB_HASH_MISMATCH', { expected: expected.sha256, actual: hash });
    }
    if (await blobs.has(hash)) {
      await rm(path, { force: true });
      return { hash, size: expected.size };
    }
    const target = blobs.pathOf(hash);
    await mkdir(dirname(target), { recursive: true });
    try {
      await rename(path, target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
      const stored = await blobs.put(createReadStream(path), { expectedHash: hash });
      await rm(path, { force: true });
      return stored;
    }
    await fsyncDirectory(dirname(target));
    return { hash, size: expected.size };
  }

  /**
   * The running hash kept while the chunks arrived in order, confirmed only when it matches; any
   * other case (out of order, resumed after a restart, a mismatch) hashes the file in full.
   */
  private async wholeFileHash(uploadId: string, size: number, expected: string): Promise<string> {
    const streamed = await this.hashes.finish(uploadId, size);
    if (streamed === expected) return streamed;
    return (await this.hashes.hashRange(this.pathOf(uploadId), 0, size)).hash;
  }

  /** Releases the hashing threads. */
  close(): Promise<void> {
    return this.hashes.close();
  }

  /** Removes what is left of an upload (best effort: a leftover is harmless). */
  async remove(uploadId: string): Promise<void> {
    await rm(this.pathOf(uploadId), { force: true });
    await rm(this.ackLogOf(uploadId), { force: true });
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
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
