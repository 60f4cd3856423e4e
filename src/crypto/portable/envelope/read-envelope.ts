import { constantTimeEqual } from '../bytes.ts';
import { readUint32, readUint16 } from './binary.ts';
import { ByteReader } from './byte-reader.ts';
import {
  DIGEST_LENGTH,
  ENVELOPE_MAGIC,
  ENVELOPE_VERSION,
  MAX_HEADER_LENGTH,
  MAX_SEGMENT_OVERHEAD,
  PRELUDE_LENGTH,
  TRAILER_MARKER,
  segmentCount,
} from './envelope-format.ts';
import { EnvelopeError } from './envelope-error.ts';
import { type EnvelopeHeader, decodeHeader } from './envelope-header.ts';

export type EnvelopePart =
  | { readonly kind: 'header'; readonly header: EnvelopeHeader; readonly bytes: Uint8Array }
  | { readonly kind: 'segment'; readonly index: number; readonly sealed: Uint8Array }
  | { readonly kind: 'trailer'; readonly trailer: EnvelopeTrailer };

export interface EnvelopeTrailer {
  readonly headerDigest: Uint8Array;
  readonly segmentDigests: readonly Uint8Array[];
  readonly ciphertextDigest: Uint8Array;
  readonly signature: Uint8Array;
}

/**
 * Splits envelope bytes into header, segments and trailer, checking only the framing; digests,
 * signature and decryption are the caller's. One segment is in memory at a time.
 */
export async function* readEnvelope(bytes: AsyncIterable<Uint8Array>): AsyncGenerator<EnvelopePart> {
  const reader = new ByteReader(bytes);
  try {
    const head = await reader.read(PRELUDE_LENGTH);
    if (
      head.length < ENVELOPE_MAGIC.length ||
      !constantTimeEqual(head.subarray(0, ENVELOPE_MAGIC.length), ENVELOPE_MAGIC)
    ) {
      throw new EnvelopeError(
        'not-an-envelope',
        'not a bid envelope: it does not begin with "ZCBE" (a plaintext file?)',
      );
    }
    if (head.length < PRELUDE_LENGTH) throw truncated(reader, 'in the prelude');
    const version = head[4]!;
    if (version !== ENVELOPE_VERSION) {
      throw new EnvelopeError(
        'unsupported-version',
        `unsupported envelope version ${version} (this tool reads version ${ENVELOPE_VERSION})`,
      );
    }
    if (head[5] !== 0)
      throw new EnvelopeError(
        'header-malformed',
        `header malformed: unknown flags 0x${head[5]!.toString(16)}`,
      );
    const headerLength = readUint32(head, 6);
    if (headerLength > MAX_HEADER_LENGTH) {
      throw new EnvelopeError(
        'header-malformed',
        `header malformed: ${headerLength} bytes, more than ${MAX_HEADER_LENGTH}`,
      );
    }
    const headerBytes = await reader.read(headerLength);
    if (headerBytes.length < headerLength) throw truncated(reader, 'in the header');
    const header = decodeHeader(headerBytes);
    // The header digest covers prelude and header, so pass both on.
    const headBytes = new Uint8Array(PRELUDE_LENGTH + headerLength);
    headBytes.set(head);
    headBytes.set(headerBytes, PRELUDE_LENGTH);
    yield { kind: 'header', header, bytes: headBytes };

    const expected = segmentCount(header.plaintextLength, header.segmentSize);
    const maxSealed = header.segmentSize + MAX_SEGMENT_OVERHEAD;
    for (let index = 0; ; index++) {
      const frame = await reader.read(4);
      if (frame.length === 0) {
        throw index === expected
          ? new EnvelopeError(
              'trailer-missing',
              `trailer missing: the envelope ends after segment ${index - 1} without its signature`,
            )
          : truncated(
              reader,
              index === 0 ? 'right after the header' : `after segment ${index - 1} of ${expected}`,
            );
      }
      if (frame.length < 4) throw truncated(reader, `in the frame of segment ${index}`);
      const length = readUint32(frame);
      if (length === TRAILER_MARKER) break;
      if (index >= expected) {
        throw new EnvelopeError(
          'segment-malformed',
          `segment ${index} is beyond the ${expected} segment(s) the header's plaintextLength allows (a header from another envelope?)`,
        );
      }
      if (length > maxSealed) {
        throw new EnvelopeError(
          'segment-malformed',
          `segment ${index} claims ${length} bytes, more than a segment can hold`,
        );
      }
      const sealed = await reader.read(length);
      if (sealed.length < length) throw truncated(reader, `inside segment ${index}`);
      yield { kind: 'segment', index, sealed };
    }

    yield { kind: 'trailer', trailer: await readTrailer(reader, expected) };
    if (!(await reader.atEnd())) {
      throw new EnvelopeError(
        'trailing-data',
        `unexpected bytes after the signature at offset ${reader.position}`,
      );
    }
  } finally {
    await reader.close();
  }
}

async function readTrailer(reader: ByteReader, expectedSegments: number): Promise<EnvelopeTrailer> {
  const exact = async (length: number, what: string) => {
    const bytes = await reader.read(length);
    if (bytes.length < length) throw truncated(reader, `in the trailer's ${what}`);
    return bytes;
  };
  const headerDigest = (await exact(DIGEST_LENGTH, 'header digest')).slice();
  const count = readUint32(await exact(4, 'segment count'));
  if (count > expectedSegments) {
    throw new EnvelopeError(
      'segment-malformed',
      `the trailer lists ${count} segments, the header allows ${expectedSegments}`,
    );
  }
  const list = await exact(count * DIGEST_LENGTH, 'segment digests');
  const segmentDigests = Array.from({ length: count }, (_, i) =>
    list.slice(i * DIGEST_LENGTH, (i + 1) * DIGEST_LENGTH),
  );
  const ciphertextDigest = (await exact(DIGEST_LENGTH, 'ciphertext digest')).slice();
  const signatureLength = readUint16(await exact(2, 'signature length'));
  const signature = (await exact(signatureLength, 'signature')).slice();
  return { headerDigest, segmentDigests, ciphertextDigest, signature };
}

function truncated(reader: ByteReader, where: string): EnvelopeError {
  return new EnvelopeError('truncated', `truncated: the envelope ends ${where} (at byte ${reader.position})`);
}
