import { SegmentAuthenticationError, type CryptoSuite, type SegmentCipher } from '../suite.ts';
import { fromBase64 } from './binary.ts';
import { unwrapContentKey } from './content-key.ts';
import { EnvelopeChecks } from './envelope-checks.ts';
import { segmentCount } from './envelope-format.ts';
import { EnvelopeError } from './envelope-error.ts';
import { RECIPIENT_ROLES, type EnvelopeHeader, type RecipientRole } from './envelope-header.ts';
import { readEnvelope } from './read-envelope.ts';

export type OpeningKey =
  | { readonly contentKey: Uint8Array }
  /** Without a role, the key is tried as the bidder's, then as the opening key. */
  | { readonly recipientPrivateKeyPem: string; readonly role?: RecipientRole };

/**
 * Decrypts an envelope as a stream of plaintext chunks, one segment in memory at a time. Every
 * segment is authenticated before it is yielded, but truncation and the signature are only known at
 * the end: the plaintext counts only if the iteration finishes without throwing (write it to a
 * temporary file and keep it only then, as `openEnvelopeFile` does).
 */
export async function* openEnvelope(
  suite: CryptoSuite,
  bytes: AsyncIterable<Uint8Array>,
  key: OpeningKey,
): AsyncGenerator<Uint8Array> {
  let checks: EnvelopeChecks | undefined;
  let cipher: SegmentCipher | undefined;
  let count = 0;
  for await (const part of readEnvelope(bytes)) {
    if (part.kind === 'header') {
      checks = await EnvelopeChecks.start(suite, part.header, part.bytes);
      cipher = await suite.segmentCipher(
        await contentKeyFor(suite, part.header, key),
        fromBase64(part.header.nonce),
      );
      count = segmentCount(part.header.plaintextLength, part.header.segmentSize);
    } else if (part.kind === 'segment') {
      const final = part.index === count - 1;
      let plaintext: Uint8Array;
      try {
        if (cipher!.openWithDigest) {
          const opened = await cipher!.openWithDigest(part.index, final, part.sealed, checks!.headerDigest);
          await checks!.addSegment(part.index, part.sealed, opened.digest);
          plaintext = opened.plaintext;
        } else {
          await checks!.addSegment(part.index, part.sealed);
          plaintext = await cipher!.open(part.index, final, part.sealed, checks!.headerDigest);
        }
      } catch (error) {
        if (!(error instanceof SegmentAuthenticationError)) throw error;
        throw new EnvelopeError(
          'segment-altered',
          `segment ${part.index} does not authenticate: altered, out of order, or sealed under another header (run "zhaocai bid verify" for which)`,
        );
      }
      yield plaintext;
    } else {
      const [problem] = await checks!.finish(part.trailer);
      if (problem) throw problem;
    }
  }
}

async function contentKeyFor(
  suite: CryptoSuite,
  header: EnvelopeHeader,
  key: OpeningKey,
): Promise<Uint8Array> {
  if ('contentKey' in key) return key.contentKey;
  if (key.role) return unwrapContentKey(suite, header, key.role, key.recipientPrivateKeyPem);
  for (const role of RECIPIENT_ROLES) {
    try {
      return await unwrapContentKey(suite, header, role, key.recipientPrivateKeyPem);
    } catch (error) {
      if (!(error instanceof EnvelopeError)) throw error;
    }
  }
  throw new EnvelopeError(
    'wrong-key',
    'this key is neither the bidder key nor the opening key of the envelope',
  );
}
