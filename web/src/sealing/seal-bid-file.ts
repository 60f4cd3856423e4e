import { DEFAULT_SEGMENT_SIZE } from '../../../src/crypto/portable/envelope/envelope-format.ts';
import type { EnvelopeHeader } from '../../../src/crypto/portable/envelope/envelope-header.ts';
import { sealEnvelope } from '../../../src/crypto/portable/envelope/seal-envelope.ts';
import type { SuiteId } from '../../../src/crypto/portable/suite.ts';
import { webSuite } from '../../../src/crypto/portable/web-suites.ts';
import { certificatePublicKeyPem } from '../../../src/crypto/x509/certificate-public-key.ts';

/** Where the envelope goes as it is sealed (./envelope-store.ts in the browser). */
export interface EnvelopeWriter {
  write(part: Uint8Array): Promise<void>;
  /** Finishes the envelope and returns it as a file. */
  close(): Promise<File>;
  /** Drops a half-written envelope. */
  abort(): Promise<void>;
}

export interface BidderKeys {
  readonly signingKeyPem: string;
  readonly signingCertificatePem: string;
  readonly encryptionCertificatePem: string;
}

export interface SealBidFileOptions {
  readonly suite: SuiteId;
  readonly file: Blob;
  readonly tender: EnvelopeHeader['tender'];
  readonly section: EnvelopeHeader['section'];
  readonly bidder: EnvelopeHeader['bidder'];
  readonly machine: EnvelopeHeader['machine'];
  readonly toolVersion: string;
  /** ISO time from the platform's clock. */
  readonly createdAt: string;
  readonly keys: BidderKeys;
  readonly openingPublicKeyPem: string;
  readonly writer: EnvelopeWriter;
  /** Plaintext bytes sealed so far. */
  readonly onProgress?: (sealed: number) => void;
  readonly signal?: { readonly cancelled: boolean };
}

/**
 * Seals a bid file into an envelope in the browser (docs/formats/bid-envelope.md), so the plaintext
 * never leaves the bidder's machine. The file is read one segment at a time and the envelope goes
 * straight to `writer`: memory stays at a few segments whatever the file's size.
 */
export async function sealBidFile(options: SealBidFileOptions): Promise<File> {
  const suite = webSuite(options.suite);
  try {
    const parts = sealEnvelope(suite, {
      tender: options.tender,
      section: options.section,
      bidder: options.bidder,
      createdAt: options.createdAt,
      tool: { name: 'zhaocai-web', version: options.toolVersion },
      machine: options.machine,
      segmentSize: DEFAULT_SEGMENT_SIZE,
      plaintextLength: options.file.size,
      plaintext: readSlices(options.file, DEFAULT_SEGMENT_SIZE, options.onProgress, options.signal),
      ...options.keys,
      openingPublicKeyPem: options.openingPublicKeyPem,
    });
    for await (const part of parts) await options.writer.write(part);
    return await options.writer.close();
  } catch (error) {
    await options.writer.abort();
    throw error;
  }
}

/**
 * True when the signing key belongs to the signing certificate. Checked before sealing, because
 * `sealEnvelope` can only tell at the very end, after the whole file has been encrypted.
 */
export async function signingKeyMatches(suiteId: SuiteId, keys: BidderKeys): Promise<boolean> {
  const suite = webSuite(suiteId);
  const probe = suite.randomBytes(32);
  try {
    const signature = await suite.sign(keys.signingKeyPem, probe);
    return await suite.verify(certificatePublicKeyPem(keys.signingCertificatePem), probe, signature);
  } catch {
    return false;
  }
}

async function* readSlices(
  file: Blob,
  sliceSize: number,
  onProgress?: (read: number) => void,
  signal?: { readonly cancelled: boolean },
): AsyncGenerator<Uint8Array> {
  for (let start = 0; start < file.size; start += sliceSize) {
    if (signal?.cancelled) throw new Error('cancelled');
    const end = Math.min(file.size, start + sliceSize);
    yield new Uint8Array(await file.slice(start, end).arrayBuffer());
    onProgress?.(end);
  }
}
