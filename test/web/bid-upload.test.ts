import { describe, expect, it } from 'vitest';
import {
  chooseChunkSize,
  chunksToSend,
  decideResume,
  DEFAULT_CHUNK_BYTES,
  looksLikeSameFile,
  parseSavedUpload,
  planChunks,
  type SavedUpload,
  savedUploadKey,
  storedBytes,
} from '../../web/src/bid-upload.ts';

const MB = 1024 * 1024;
const saved: SavedUpload = {
  uploadId: 'u1',
  sectionId: 's1',
  fileName: 'bid.pdf',
  size: 3 * MB + 5,
  lastModified: 1_700_000_000_000,
  fileSha256: 'a'.repeat(64),
  chunkSize: MB,
  savedAt: '2026-11-26T00:00:00.000Z',
};

describe('chunk planning', () => {
  it('cuts a file into equal chunks with a shorter last one', () => {
    expect(planChunks(10, 4)).toEqual([
      { index: 0, start: 0, end: 4 },
      { index: 1, start: 4, end: 8 },
      { index: 2, start: 8, end: 10 },
    ]);
    expect(planChunks(8, 4)).toHaveLength(2);
    expect(planChunks(0, 4)).toEqual([]);
    expect(planChunks(1, 4)).toEqual([{ index: 0, start: 0, end: 1 }]);
  });

  it('refuses nonsense sizes', () => {
    expect(() => planChunks(10, 0)).toThrow(RangeError);
    expect(() => planChunks(-1, 4)).toThrow(RangeError);
    expect(() => planChunks(1.5, 4)).toThrow(RangeError);
  });

  it('uses 1 MiB chunks, grows them for huge files and never exceeds the maximum', () => {
    const limits = { maxChunkBytes: 64 * MB, maxChunks: 10_000 };
    expect(chooseChunkSize(3 * MB, limits)).toBe(DEFAULT_CHUNK_BYTES);
    const huge = 20_000 * MB;
    const size = chooseChunkSize(huge, limits);
    expect(Math.ceil(huge / size)).toBeLessThanOrEqual(10_000);
    expect(chooseChunkSize(10_000 * 100 * MB, limits)).toBe(64 * MB);
    expect(chooseChunkSize(10, { maxChunkBytes: 4, maxChunks: 10 })).toBe(4);
  });

  it('sends only the missing chunks and counts the stored bytes', () => {
    const plan = planChunks(10, 4);
    expect(chunksToSend(plan, [2, 0]).map((c) => c.index)).toEqual([0, 2]);
    expect(chunksToSend(plan, [])).toEqual([]);
    expect(storedBytes(plan, [2])).toBe(8);
    expect(storedBytes(plan, [0, 1, 2])).toBe(0);
  });
});

describe('resuming', () => {
  it('keeps one entry per section in localStorage', () => {
    expect(savedUploadKey('s1')).toBe('zhaocai.bidUpload.s1');
  });

  it('reads back what it saved and ignores anything malformed or for another section', () => {
    expect(parseSavedUpload(JSON.stringify(saved), 's1')).toEqual(saved);
    expect(parseSavedUpload(JSON.stringify(saved), 's2')).toBeNull();
    expect(parseSavedUpload('{not json', 's1')).toBeNull();
    expect(parseSavedUpload(JSON.stringify({ ...saved, size: '3' }), 's1')).toBeNull();
    expect(parseSavedUpload(null, 's1')).toBeNull();
  });

  it('recognises the same file by name, size and modification time', () => {
    const file = { name: 'bid.pdf', size: saved.size, lastModified: saved.lastModified };
    expect(looksLikeSameFile(saved, file)).toBe(true);
    expect(looksLikeSameFile(saved, { ...file, size: 1 })).toBe(false);
    expect(looksLikeSameFile(saved, { ...file, name: 'other.pdf' })).toBe(false);
    expect(looksLikeSameFile(null, file)).toBe(false);
  });

  const server = {
    status: 'open',
    fileSha256: saved.fileSha256,
    chunkSize: MB,
    missingChunks: [2, 3],
  };

  it('resumes an open upload of the same file with only the missing chunks', () => {
    expect(decideResume(saved, saved.fileSha256, server)).toEqual({
      kind: 'resume',
      uploadId: 'u1',
      missing: [2, 3],
    });
  });

  it('only completes when every chunk is already stored', () => {
    expect(decideResume(saved, saved.fileSha256, { ...server, missingChunks: [] })).toEqual({
      kind: 'complete',
      uploadId: 'u1',
    });
  });

  it('opens a new upload for another file, a finished, expired or unknown upload', () => {
    expect(decideResume(saved, 'b'.repeat(64), server)).toEqual({ kind: 'open' });
    expect(decideResume(saved, saved.fileSha256, { ...server, status: 'completed' })).toEqual({
      kind: 'open',
    });
    expect(decideResume(saved, saved.fileSha256, { ...server, status: 'expired' })).toEqual({ kind: 'open' });
    expect(decideResume(saved, saved.fileSha256, null)).toEqual({ kind: 'open' });
    expect(decideResume(null, saved.fileSha256, server)).toEqual({ kind: 'open' });
    expect(decideResume(saved, saved.fileSha256, { ...server, chunkSize: 2 * MB })).toEqual({ kind: 'open' });
  });
});
