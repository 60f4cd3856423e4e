import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import { crc32 } from 'node:zlib';
import { pipeline } from 'node:stream/promises';
import { type BidPackageFile, bidPackageLayout } from '../portable/bid-package.ts';
import { EnvelopeError } from '../portable/envelope/envelope-error.ts';
import type { EnvelopeHeader } from '../portable/envelope/envelope-header.ts';
import { type EnvelopeInspection, inspectEnvelope } from '../portable/envelope/inspect-envelope.ts';
import { type OpeningKey, openEnvelope } from '../portable/envelope/open-envelope.ts';
import { readEnvelope } from '../portable/envelope/read-envelope.ts';
import { type SealEnvelopeOptions, sealEnvelope } from '../portable/envelope/seal-envelope.ts';
import type { CryptoSuite } from '../portable/suite.ts';
import type { SuiteProvider } from '../x509/suite-provider.ts';

/** One segment per read at the default segment size, so segments are sealed without copying. */
const READ_SIZE = 1024 * 1024;

/** Called as bytes pass through, for a progress line on big files. */
export type Progress = (done: number, total: number) => void;

/** Seals a file into an envelope file; the output appears only once complete. */
export async function sealEnvelopeFile(
  suite: CryptoSuite,
  options: Omit<SealEnvelopeOptions, 'plaintext' | 'plaintextLength'>,
  inPath: string,
  outPath: string,
  onProgress?: Progress,
): Promise<void> {
  const { size } = await stat(inPath);
  const plaintext = counted(fileChunks(inPath), size, onProgress);
  await writeAtomically(outPath, sealEnvelope(suite, { ...options, plaintext, plaintextLength: size }));
}

/**
 * Seals the bid form with bid files as a bid package (../portable/bid-package.ts) straight into an
 * envelope file: each file is read once for its checksum and once as it is sealed, and the
 * package is never written anywhere in the clear, not even to a temporary file.
 */
export async function sealBidPackageFile(
  suite: CryptoSuite,
  options: Omit<SealEnvelopeOptions, 'plaintext' | 'plaintextLength'>,
  form: unknown,
  inPaths: readonly string[],
  outPath: string,
  onProgress?: Progress,
): Promise<void> {
  const files: BidPackageFile[] = [];
  for (const path of inPaths) {
    let checksum = 0;
    let size = 0;
    for await (const chunk of fileChunks(path)) {
      checksum = crc32(chunk, checksum);
      size += chunk.length;
    }
    files.push({ name: basename(path), size, crc32: checksum });
  }
  const layout = bidPackageLayout(form, files);
  async function* pieces(): AsyncGenerator<Uint8Array> {
    for (const piece of layout.pieces) {
      if (piece instanceof Uint8Array) {
        yield piece;
        continue;
      }
      let size = 0;
      for await (const chunk of fileChunks(inPaths[piece.file]!)) {
        size += chunk.length;
        yield chunk;
      }
      if (size !== files[piece.file]!.size)
        throw new Error(`${inPaths[piece.file]} changed while it was sealed`);
    }
  }
  const plaintext = counted(pieces(), layout.length, onProgress);
  await writeAtomically(
    outPath,
    sealEnvelope(suite, { ...options, plaintext, plaintextLength: layout.length }),
  );
}

export async function inspectEnvelopeFile(suites: SuiteProvider, path: string): Promise<EnvelopeInspection> {
  return inspectEnvelope(suites, fileChunks(path));
}

/**
 * Decrypts an envelope file. The plaintext goes to a temporary file that replaces `outPath` only once
 * every segment, the trailer and the signature have checked out. When a segment fails to
 * authenticate, the keyless inspection says why (flipped byte, reordering, swapped header).
 */
export async function openEnvelopeFile(
  suites: SuiteProvider,
  inPath: string,
  outPath: string,
  key: OpeningKey,
  onProgress?: Progress,
): Promise<EnvelopeHeader> {
  const header = await readEnvelopeHeader(inPath);
  const { size } = await stat(inPath);
  try {
    await writeAtomically(
      outPath,
      openEnvelope(suites(header.suite), counted(fileChunks(inPath), size, onProgress), key),
    );
  } catch (error) {
    if (error instanceof EnvelopeError && error.problem === 'segment-altered') {
      const [reason] = (await inspectEnvelopeFile(suites, inPath)).errors;
      if (reason) throw new EnvelopeError(reason.problem, reason.message);
    }
    throw error;
  }
  return header;
}

/** The header alone, read from the start of the file. */
export async function readEnvelopeHeader(path: string): Promise<EnvelopeHeader> {
  for await (const part of readEnvelope(fileChunks(path))) {
    if (part.kind === 'header') return part.header;
  }
  throw new EnvelopeError('truncated', 'truncated: the envelope has no header');
}

function fileChunks(path: string): AsyncIterable<Uint8Array> {
  return createReadStream(path, { highWaterMark: READ_SIZE });
}

async function* counted(source: AsyncIterable<Uint8Array>, total: number, onProgress?: Progress) {
  let done = 0;
  for await (const chunk of source) {
    done += chunk.length;
    onProgress?.(done, total);
    yield chunk;
  }
}

async function writeAtomically(path: string, content: AsyncIterable<Uint8Array>): Promise<void> {
  const temporary = `${path}.${randomBytes(6).toString('hex')}.partial`;
  try {
    await pipeline(Readable.from(content), createWriteStream(temporary, { flags: 'wx' }));
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
