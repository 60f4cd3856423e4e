import { Zip, ZipPassThrough } from 'fflate';
import { type EntryDigests, EntryDigest } from './entry-digest.ts';

/** One file of the archive; its content is read only when its turn comes. */
export interface ArchiveEntry {
  readonly path: string;
  readonly content: () => Promise<AsyncIterable<Uint8Array>> | AsyncIterable<Uint8Array>;
}

export interface WrittenEntry extends EntryDigests {
  readonly path: string;
}

/**
 * Writes `entries` one after another as stored ZIP entries and yields the ZIP bytes as they come.
 * Stored, not deflated: envelopes and documents are encrypted or compressed already, and a stored
 * entry passes through without buffering. `closing` receives every written entry with its digests
 * and returns the last entries (the manifest and its signature), which are not listed themselves.
 */
export async function* zipArchive(
  entries: AsyncIterable<ArchiveEntry>,
  options: { mtime: Date; closing: (written: readonly WrittenEntry[]) => Promise<readonly ArchiveEntry[]> },
): AsyncGenerator<Uint8Array> {
  const pending: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((error, chunk) => {
    if (error) failure = error;
    else pending.push(chunk);
  });
  function* drain(): Generator<Uint8Array> {
    if (failure) throw failure;
    yield* pending.splice(0);
  }
  async function* write(entry: ArchiveEntry): AsyncGenerator<Uint8Array, WrittenEntry> {
    const file = new ZipPassThrough(entry.path);
    file.mtime = options.mtime;
    zip.add(file);
    const digest = new EntryDigest();
    for await (const chunk of await entry.content()) {
      digest.update(chunk);
      file.push(chunk);
      yield* drain();
    }
    file.push(new Uint8Array(0), true);
    yield* drain();
    return { path: entry.path, ...digest.digests() };
  }

  const written: WrittenEntry[] = [];
  for await (const entry of entries) written.push(yield* write(entry));
  for (const entry of await options.closing(written)) yield* write(entry);
  zip.end();
  yield* drain();
}

/** Content for an entry that is already in memory (records, the manifest). */
export async function* bytesOf(content: Uint8Array | string): AsyncGenerator<Uint8Array> {
  yield typeof content === 'string' ? new TextEncoder().encode(content) : content;
}
