import { certificatePublicKeyPem } from '../../x509/certificate-public-key.ts';
import { privateKeyClaimsPublicKey } from '../asymmetric-keys.ts';
import type { CryptoSuite } from '../suite.ts';
import { concatBytes, uint32BigEndian } from '../bytes.ts';
import { uint16, toBase64 } from './binary.ts';
import {
  DEFAULT_SEGMENT_SIZE,
  ENVELOPE_FORMAT,
  ENVELOPE_VERSION,
  MAX_HEADER_LENGTH,
  NONCE_LENGTH,
  TRAILER_MARKER,
  prelude,
  segmentCount,
  signedMessage,
} from './envelope-format.ts';
import { type EnvelopeHeader, encodeHeader, envelopeHeaderSchema } from './envelope-header.ts';
import { keyIdOf } from './key-id.ts';

export interface SealEnvelopeOptions {
  readonly tender: EnvelopeHeader['tender'];
  readonly section: EnvelopeHeader['section'];
  readonly bidder: EnvelopeHeader['bidder'];
  /** ISO time from the caller's clock. */
  readonly createdAt: string;
  readonly tool: EnvelopeHeader['tool'];
  readonly machine: EnvelopeHeader['machine'];
  readonly segmentSize?: number;
  /** Known up front (file size), because the header, which states it, is written first. */
  readonly plaintextLength: number;
  /** The plaintext in chunks of any size; a chunk must not be changed after it is yielded. */
  readonly plaintext: AsyncIterable<Uint8Array>;
  readonly signingKeyPem: string;
  readonly signingCertificatePem: string;
  /** The bidder's encryption certificate: its key is the bidder recipient. */
  readonly encryptionCertificatePem: string;
  /** The tender's opening key (SPKI PEM). */
  readonly openingPublicKeyPem: string;
}

const SIGNING_KEY_MISMATCH = 'the signing key does not belong to the signing certificate';

/**
 * Seals a bid as a stream of envelope bytes (docs/formats/bid-envelope.md), holding one segment in
 * memory at a time. Throws before the trailer if the plaintext does not have the stated length or the
 * signing key does not belong to the signing certificate (known from the key file before the first
 * byte, or from the signature at the end), so a bad envelope never completes.
 */
export async function* sealEnvelope(
  suite: CryptoSuite,
  options: SealEnvelopeOptions,
): AsyncGenerator<Uint8Array> {
  const segmentSize = options.segmentSize ?? DEFAULT_SEGMENT_SIZE;
  const contentKey = suite.randomBytes(suite.contentKeyLength);
  const nonce = suite.randomBytes(NONCE_LENGTH[suite.id]);
  const bidderPublicKeyPem = certificatePublicKeyPem(options.encryptionCertificatePem);
  const signingPublicKeyPem = certificatePublicKeyPem(options.signingCertificatePem);
  // Checked before any byte is produced; only a key file without its public point waits for the signature.
  const signingKeyMatches = privateKeyClaimsPublicKey(options.signingKeyPem, signingPublicKeyPem);
  if (signingKeyMatches === false) throw new Error(SIGNING_KEY_MISMATCH);

  const header = envelopeHeaderSchema.parse({
    format: ENVELOPE_FORMAT,
    version: ENVELOPE_VERSION,
    suite: suite.id,
    tender: options.tender,
    section: options.section,
    bidder: options.bidder,
    createdAt: options.createdAt,
    tool: options.tool,
    machine: options.machine,
    segmentSize,
    plaintextLength: options.plaintextLength,
    nonce: toBase64(nonce),
    recipients: [
      {
        role: 'bidder',
        keyId: await keyIdOf(suite, bidderPublicKeyPem),
        wrappedKey: toBase64(await suite.wrapKey(bidderPublicKeyPem, contentKey)),
      },
      {
        role: 'opening',
        keyId: await keyIdOf(suite, options.openingPublicKeyPem),
        wrappedKey: toBase64(await suite.wrapKey(options.openingPublicKeyPem, contentKey)),
      },
    ],
    signer: {
      certificatePem: options.signingCertificatePem,
      encryptionCertificatePem: options.encryptionCertificatePem,
    },
  } satisfies EnvelopeHeader);

  const headerBytes = encodeHeader(header);
  if (headerBytes.length > MAX_HEADER_LENGTH) {
    throw new Error(`envelope header is ${headerBytes.length} bytes, more than ${MAX_HEADER_LENGTH}`);
  }
  const head = concatBytes(prelude(headerBytes.length), headerBytes);
  const headerDigest = await suite.hash(head);
  yield head;

  const cipher = await suite.segmentCipher(contentKey, nonce);
  const count = segmentCount(options.plaintextLength, segmentSize);
  const segmentDigests: Uint8Array[] = [];
  let index = 0;
  for await (const plaintext of segmentsOf(options.plaintext, segmentSize, options.plaintextLength)) {
    const final = index === count - 1;
    if (cipher.sealWithDigest) {
      const { sealed, digest } = await cipher.sealWithDigest(index, final, plaintext, headerDigest);
      segmentDigests.push(digest);
      yield uint32BigEndian(sealed.reduce((length, piece) => length + piece.length, 0));
      yield* sealed;
    } else {
      const sealed = await cipher.seal(index, final, plaintext, headerDigest);
      segmentDigests.push(await suite.hash(sealed));
      yield uint32BigEndian(sealed.length);
      yield sealed;
    }
    index++;
  }

  const ciphertextDigest = await suite.hash(concatBytes(...segmentDigests));
  const message = signedMessage(headerDigest, ciphertextDigest);
  const signature = await suite.sign(options.signingKeyPem, message);
  if (signingKeyMatches === undefined && !(await suite.verify(signingPublicKeyPem, message, signature))) {
    throw new Error(SIGNING_KEY_MISMATCH);
  }
  yield concatBytes(
    uint32BigEndian(TRAILER_MARKER),
    headerDigest,
    uint32BigEndian(segmentDigests.length),
    ...segmentDigests,
    ciphertextDigest,
    uint16(signature.length),
    signature,
  );
}

/** Cuts the plaintext into segments of exactly `segmentSize` bytes (the last may be shorter or empty). */
async function* segmentsOf(
  source: AsyncIterable<Uint8Array>,
  segmentSize: number,
  plaintextLength: number,
): AsyncGenerator<Uint8Array> {
  // Allocated only when chunks do not line up with segments: a whole segment in one chunk is sealed in place.
  let segment: Uint8Array | undefined;
  let filled = 0;
  let seen = 0;
  for await (const chunk of source) {
    seen += chunk.length;
    if (seen > plaintextLength)
      throw new Error(`the plaintext is longer than the stated ${plaintextLength} bytes`);
    let offset = 0;
    while (offset < chunk.length) {
      const take = Math.min(segmentSize - filled, chunk.length - offset);
      if (filled === 0 && take === segmentSize) {
        // A whole segment inside one chunk: seal it in place.
        yield chunk.subarray(offset, offset + take);
      } else {
        segment ??= new Uint8Array(segmentSize);
        segment.set(chunk.subarray(offset, offset + take), filled);
        filled += take;
        if (filled === segmentSize) {
          yield segment;
          segment = undefined;
          filled = 0;
        }
      }
      offset += take;
    }
  }
  if (seen !== plaintextLength) {
    throw new Error(`the plaintext has ${seen} bytes, not the stated ${plaintextLength}`);
  }
  if (filled > 0 || plaintextLength === 0) yield segment?.subarray(0, filled) ?? new Uint8Array(0);
}
