import { type FileHandle, open } from 'node:fs/promises';
import { basename } from 'node:path';
import { nodeSuite } from '../../crypto/node/node-suites.ts';
import { fromBase64 } from '../../crypto/portable/envelope/binary.ts';
import { keyIdOf } from '../../crypto/portable/envelope/key-id.ts';
import { AppError } from '../../domain/errors.ts';
import { PLATFORM_SUITE } from '../sealing/platform-keys.ts';
import {
  type ArchiveManifest,
  archiveManifest,
  MANIFEST_PATH,
  manifestSignature,
  PLATFORM_KEY_PATH,
  SIGNATURE_PATH,
} from './archive-manifest.ts';
import { EntryDigest, type EntryDigests } from './entry-digest.ts';
import { entryContent, readCentralDirectory, ZipFormatError, type ZipEntry } from '../../store/zip-reader.ts';

export interface ArchiveVerification {
  readonly manifest: ArchiveManifest;
  readonly bytes: number;
  readonly keyId: string;
  /** Whether the key came from the caller (who then knows who signed) or from the archive itself. */
  readonly keySource: 'given' | 'archive';
}

type Problem =
  'missing' | 'unlisted' | 'duplicate' | 'size' | 'sha256' | 'sm3' | 'altered' | 'signature' | 'unreadable';

function problem(file: string, kind: Problem, params: Record<string, string | number> = {}): AppError {
  return new AppError('ARCHIVE_INVALID', { file, problem: kind, ...params });
}

/** The manifest, its signature and the key are read whole; anything larger is not the platform's. */
const MAX_SIGNED_FILE = 64 * 1024 * 1024;

/**
 * Checks an archive offline, reading it piece by piece: the platform's signature over the
 * manifest, every listed file present with its size, SHA-256 and SM3, and nothing unlisted.
 * Throws ARCHIVE_INVALID naming the first file found wrong.
 */
export async function verifyArchive(
  path: string,
  options: { platformKeyPem?: string } = {},
): Promise<ArchiveVerification> {
  const file = await open(path, 'r');
  try {
    const entries = await directoryOf(file, basename(path));
    const manifestRaw = await signedFile(file, entries, MANIFEST_PATH);
    const signatureRaw = await signedFile(file, entries, SIGNATURE_PATH);
    const archiveKey = entries.has(PLATFORM_KEY_PATH)
      ? await signedFile(file, entries, PLATFORM_KEY_PATH)
      : undefined;
    const publicKeyPem = options.platformKeyPem ?? archiveKey?.toString('utf8');
    if (publicKeyPem === undefined) throw problem(PLATFORM_KEY_PATH, 'missing');
    const keyId = await checkSignature(manifestRaw, signatureRaw, publicKeyPem);
    const manifest = parsed(MANIFEST_PATH, () =>
      archiveManifest.parse(JSON.parse(manifestRaw.toString('utf8'))),
    );

    const listed = new Set(manifest.files.map((f) => f.path));
    for (const name of entries.keys()) {
      if (!listed.has(name) && name !== MANIFEST_PATH && name !== SIGNATURE_PATH)
        throw problem(name, 'unlisted');
    }
    let bytes = 0;
    for (const expected of manifest.files) {
      const entry = entries.get(expected.path);
      if (!entry) throw problem(expected.path, 'missing');
      const actual = await digestsOf(file, entry);
      for (const field of ['size', 'sha256', 'sm3'] as const) {
        if (actual[field] !== expected[field]) {
          throw problem(expected.path, field, { expected: expected[field], actual: actual[field] });
        }
      }
      bytes += actual.size;
    }
    return { manifest, bytes, keyId, keySource: options.platformKeyPem ? 'given' : 'archive' };
  } finally {
    await file.close();
  }
}

async function directoryOf(file: FileHandle, archiveName: string): Promise<Map<string, ZipEntry>> {
  let entries: ZipEntry[];
  try {
    entries = await readCentralDirectory(file);
  } catch (error) {
    if (error instanceof ZipFormatError) throw problem(archiveName, 'unreadable', { detail: error.message });
    throw error;
  }
  const byName = new Map<string, ZipEntry>();
  for (const entry of entries) {
    if (byName.has(entry.name)) throw problem(entry.name, 'duplicate');
    if (entry.method !== 0) {
      throw problem(entry.name, 'unreadable', { detail: 'compressed; the platform stores every file as is' });
    }
    byName.set(entry.name, entry);
  }
  return byName;
}

/**
 * A file the signature check depends on, read whole. Its CRC-32 tells an altered manifest, signature
 * or key apart, so the report names the file that changed rather than just "bad signature".
 */
async function signedFile(file: FileHandle, entries: Map<string, ZipEntry>, name: string): Promise<Buffer> {
  const entry = entries.get(name);
  if (!entry) throw problem(name, 'missing');
  if (entry.compressedSize > MAX_SIGNED_FILE) throw problem(name, 'unreadable', { detail: 'too large' });
  const chunks: Uint8Array[] = [];
  const digest = new EntryDigest();
  for await (const chunk of zipRead(file, entry)) {
    digest.update(chunk);
    chunks.push(chunk);
  }
  if (digest.digests().crc32 !== entry.crc32) throw problem(name, 'altered');
  return Buffer.concat(chunks);
}

async function checkSignature(
  manifest: Buffer,
  signatureFile: Buffer,
  publicKeyPem: string,
): Promise<string> {
  const signature = parsed(SIGNATURE_PATH, () =>
    manifestSignature.parse(JSON.parse(signatureFile.toString('utf8'))),
  );
  const suite = nodeSuite(PLATFORM_SUITE);
  let keyId: string;
  try {
    keyId = await keyIdOf(suite, publicKeyPem);
  } catch (error) {
    throw problem(PLATFORM_KEY_PATH, 'unreadable', { detail: (error as Error).message });
  }
  const valid =
    keyId === signature.keyId &&
    (await Promise.resolve()
      .then(() => suite.verify(publicKeyPem, manifest, fromBase64(signature.value)))
      .catch(() => false));
  if (!valid) throw problem(SIGNATURE_PATH, 'signature');
  return keyId;
}

function parsed<T>(name: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw problem(name, 'unreadable', { detail: (error as Error).message.split('\n')[0] ?? '' });
  }
}

async function digestsOf(file: FileHandle, entry: ZipEntry): Promise<EntryDigests> {
  const digest = new EntryDigest();
  for await (const chunk of zipRead(file, entry)) digest.update(chunk);
  return digest.digests();
}

/** An entry's bytes; a damaged entry is reported under its own name. */
async function* zipRead(file: FileHandle, entry: ZipEntry): AsyncGenerator<Uint8Array> {
  try {
    yield* entryContent(file, entry);
  } catch (error) {
    if (error instanceof ZipFormatError) throw problem(entry.name, 'unreadable', { detail: error.message });
    throw error;
  }
}
