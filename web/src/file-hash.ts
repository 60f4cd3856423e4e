import { createSHA256 } from 'hash-wasm';
import type { ChunkRange } from './bid-upload.ts';

export interface FileHashes {
  readonly fileSha256: string;
  /** SHA-256 of each chunk, by index. */
  readonly chunkSha256: readonly string[];
}

/**
 * SHA-256 of the whole file and of each chunk, in one pass over the file read slice by slice
 * (never the whole file in memory). `onProgress` gets the bytes hashed so far.
 */
export async function hashFileChunks(
  file: Blob,
  chunks: readonly ChunkRange[],
  onProgress?: (hashed: number) => void,
  signal?: { readonly cancelled: boolean },
): Promise<FileHashes> {
  const whole = await createSHA256();
  const part = await createSHA256();
  whole.init();
  const chunkSha256: string[] = [];
  for (const chunk of chunks) {
    if (signal?.cancelled) throw new Error('cancelled');
    const bytes = new Uint8Array(await file.slice(chunk.start, chunk.end).arrayBuffer());
    whole.update(bytes);
    part.init();
    part.update(bytes);
    chunkSha256[chunk.index] = part.digest('hex');
    onProgress?.(chunk.end);
  }
  return { fileSha256: whole.digest('hex'), chunkSha256 };
}

/** SHA-256 of one slice (used when resuming without the per-chunk list). */
export async function hashBlob(blob: Blob): Promise<string> {
  const hasher = await createSHA256();
  hasher.init();
  hasher.update(new Uint8Array(await blob.arrayBuffer()));
  return hasher.digest('hex');
}
