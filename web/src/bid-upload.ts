/**
 * Pure planning of a resumable, chunked bid-file upload: how the file is cut, what is still to
 * send, and what the browser remembers (per section) to resume after a reload.
 */

/** Preferred chunk size: small enough to show progress and to lose little on a broken connection. */
export const DEFAULT_CHUNK_BYTES = 1024 * 1024;

export interface ChunkRange {
  readonly index: number;
  /** Byte offsets [start, end). */
  readonly start: number;
  readonly end: number;
}

/** The chunk size for a file: the default, grown so the file needs at most `maxChunks`, capped at `maxChunkBytes`. */
export function chooseChunkSize(
  totalSize: number,
  limits: { readonly maxChunkBytes: number; readonly maxChunks: number },
  preferred: number = DEFAULT_CHUNK_BYTES,
): number {
  const needed = Math.ceil(totalSize / limits.maxChunks);
  return Math.max(1, Math.min(limits.maxChunkBytes, Math.max(preferred, needed)));
}

/** Cuts `totalSize` bytes into chunks of `chunkSize` (the last may be shorter). */
export function planChunks(totalSize: number, chunkSize: number): ChunkRange[] {
  if (!Number.isInteger(totalSize) || totalSize < 0) throw new RangeError('totalSize');
  if (!Number.isInteger(chunkSize) || chunkSize < 1) throw new RangeError('chunkSize');
  const chunks: ChunkRange[] = [];
  for (let start = 0, index = 0; start < totalSize; start += chunkSize, index += 1) {
    chunks.push({ index, start, end: Math.min(totalSize, start + chunkSize) });
  }
  return chunks;
}

/** The chunks still to send, in order: those the server lists as missing. */
export function chunksToSend(plan: readonly ChunkRange[], missing: readonly number[]): ChunkRange[] {
  const wanted = new Set(missing);
  return plan.filter((chunk) => wanted.has(chunk.index));
}

/** Bytes already stored by the server, for the progress bar. */
export function storedBytes(plan: readonly ChunkRange[], missing: readonly number[]): number {
  const wanted = new Set(missing);
  return plan.reduce((sum, chunk) => (wanted.has(chunk.index) ? sum : sum + chunk.end - chunk.start), 0);
}

/** What the browser keeps about an unfinished upload, keyed by section. */
export interface SavedUpload {
  readonly uploadId: string;
  readonly sectionId: string;
  readonly fileName: string;
  readonly size: number;
  readonly lastModified: number;
  readonly fileSha256: string;
  readonly chunkSize: number;
  readonly savedAt: string;
}

export interface FileFacts {
  readonly name: string;
  readonly size: number;
  readonly lastModified: number;
}

export const savedUploadKey = (sectionId: string) => `zhaocai.bidUpload.${sectionId}`;

/** Parses a stored entry; anything malformed counts as nothing saved. */
export function parseSavedUpload(raw: string | null, sectionId: string): SavedUpload | null {
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<SavedUpload>;
    if (
      typeof value.uploadId !== 'string' ||
      value.sectionId !== sectionId ||
      typeof value.fileName !== 'string' ||
      typeof value.size !== 'number' ||
      typeof value.lastModified !== 'number' ||
      typeof value.fileSha256 !== 'string' ||
      typeof value.chunkSize !== 'number'
    ) {
      return null;
    }
    return {
      uploadId: value.uploadId,
      sectionId,
      fileName: value.fileName,
      size: value.size,
      lastModified: value.lastModified,
      fileSha256: value.fileSha256,
      chunkSize: value.chunkSize,
      savedAt: String(value.savedAt ?? ''),
    };
  } catch {
    return null;
  }
}

/** A saved upload can be resumed with this file when it looks like the same file (cheap check before hashing). */
export function looksLikeSameFile(saved: SavedUpload | null, file: FileFacts): boolean {
  return (
    saved !== null &&
    saved.fileName === file.name &&
    saved.size === file.size &&
    saved.lastModified === file.lastModified
  );
}

export type ResumeDecision =
  | { readonly kind: 'resume'; readonly uploadId: string; readonly missing: readonly number[] }
  | { readonly kind: 'complete'; readonly uploadId: string }
  | { readonly kind: 'open' };

/**
 * Given what was saved, the file's hash and the server's state of the saved upload (null when
 * it is unknown or gone), decides whether to resume it, only complete it, or open a new one.
 */
export function decideResume(
  saved: SavedUpload | null,
  fileSha256: string,
  server: {
    readonly status: string;
    readonly fileSha256: string;
    readonly chunkSize: number;
    readonly missingChunks: readonly number[];
  } | null,
): ResumeDecision {
  if (!saved || !server || saved.fileSha256 !== fileSha256) return { kind: 'open' };
  if (server.status !== 'open' || server.fileSha256 !== fileSha256 || server.chunkSize !== saved.chunkSize) {
    return { kind: 'open' };
  }
  if (server.missingChunks.length === 0) return { kind: 'complete', uploadId: saved.uploadId };
  return { kind: 'resume', uploadId: saved.uploadId, missing: server.missingChunks };
}
