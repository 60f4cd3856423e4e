import { certificatePublicKeyPem } from '../../x509/certificate-public-key.ts';
import type { CryptoSuite } from '../suite.ts';
import { bytesToHex, concatBytes, constantTimeEqual } from '../bytes.ts';
import { segmentPlaintextLength, signedMessage } from './envelope-format.ts';
import { EnvelopeError } from './envelope-error.ts';
import type { EnvelopeHeader } from './envelope-header.ts';
import { keyIdOf } from './key-id.ts';
import type { EnvelopeTrailer } from './read-envelope.ts';

/**
 * The keyless checks of one envelope, fed segment by segment: what the platform runs on every
 * upload. Keeps one digest per segment (32 bytes per MiB of bid), never the segments.
 */
export class EnvelopeChecks {
  readonly #segmentDigests: Uint8Array[] = [];
  #overhead: number | undefined;
  #lengthProblem: string | undefined;
  /** Whether the bidder's signature verified with the signing certificate's key (known after `finish`). */
  signatureValid = false;

  private constructor(
    private readonly suite: CryptoSuite,
    readonly header: EnvelopeHeader,
    readonly headerDigest: Uint8Array,
    private readonly signer: { readonly signingKeyPem: string; readonly encryptionKeyPem: string },
  ) {}

  static async start(
    suite: CryptoSuite,
    header: EnvelopeHeader,
    headBytes: Uint8Array,
  ): Promise<EnvelopeChecks> {
    if (header.suite !== suite.id) {
      throw new EnvelopeError('suite-mismatch', `the envelope uses suite ${header.suite}, not ${suite.id}`);
    }
    // Read the certificates up front, so an unreadable one fails before the content is streamed.
    let signer: { signingKeyPem: string; encryptionKeyPem: string };
    try {
      signer = {
        signingKeyPem: certificatePublicKeyPem(header.signer.certificatePem),
        encryptionKeyPem: certificatePublicKeyPem(header.signer.encryptionCertificatePem),
      };
    } catch (error) {
      throw new EnvelopeError(
        'header-malformed',
        `header malformed: unreadable signer certificate (${(error as Error).message})`,
      );
    }
    return new EnvelopeChecks(suite, header, await suite.hash(headBytes), signer);
  }

  /** `digest`: the suite hash of `sealed`, when the caller has it already (see SegmentCipher.openWithDigest). */
  async addSegment(index: number, sealed: Uint8Array, digest?: Uint8Array): Promise<void> {
    this.#segmentDigests.push(digest ?? (await this.suite.hash(sealed)));
    // Sealing adds the same tag to every segment; a different overhead means a segment of another size.
    const overhead =
      sealed.length - segmentPlaintextLength(index, this.header.plaintextLength, this.header.segmentSize);
    this.#overhead ??= overhead;
    if (overhead !== this.#overhead || overhead < 0) {
      this.#lengthProblem ??= `segment ${index} has ${sealed.length} bytes, which does not fit the header's segment size and length`;
    }
  }

  /** Every problem the trailer reveals, most specific first; empty when the envelope is sound. */
  async finish(trailer: EnvelopeTrailer): Promise<EnvelopeError[]> {
    const problems: EnvelopeError[] = [];
    if (!constantTimeEqual(trailer.headerDigest, this.headerDigest)) {
      problems.push(
        new EnvelopeError(
          'header-mismatch',
          'the header does not belong to this content (a header from another envelope?)',
        ),
      );
    }
    const segmentProblem = compareSegments(this.#segmentDigests, trailer.segmentDigests);
    if (segmentProblem) problems.push(segmentProblem);
    else if (this.#lengthProblem) problems.push(new EnvelopeError('segment-malformed', this.#lengthProblem));
    const ciphertextDigest = await this.suite.hash(concatBytes(...trailer.segmentDigests));
    if (!constantTimeEqual(ciphertextDigest, trailer.ciphertextDigest)) {
      problems.push(
        new EnvelopeError(
          'digest-mismatch',
          "the trailer's ciphertext digest does not match its segment digests",
        ),
      );
    }
    problems.push(...(await this.#checkSigner(trailer)));
    return problems;
  }

  async #checkSigner(trailer: EnvelopeTrailer): Promise<EnvelopeError[]> {
    const problems: EnvelopeError[] = [];
    const message = signedMessage(this.headerDigest, trailer.ciphertextDigest);
    this.signatureValid = await this.suite
      .verify(this.signer.signingKeyPem, message, trailer.signature)
      .catch(() => false);
    if (!this.signatureValid) {
      problems.push(
        new EnvelopeError(
          'bad-signature',
          'bad signature: it does not verify with the signing certificate in the header (signed by another key?)',
        ),
      );
    }
    const bidder = this.header.recipients.find((r) => r.role === 'bidder')!;
    if (bidder.keyId !== (await keyIdOf(this.suite, this.signer.encryptionKeyPem))) {
      problems.push(
        new EnvelopeError(
          'recipient-mismatch',
          "the content key is not wrapped to the key of the bidder's encryption certificate",
        ),
      );
    }
    return problems;
  }
}

/** Tells a missing segment from a reordered or an altered one, by the digests the trailer lists. */
function compareSegments(
  actual: readonly Uint8Array[],
  listed: readonly Uint8Array[],
): EnvelopeError | undefined {
  const hex = (digests: readonly Uint8Array[]) => digests.map(bytesToHex);
  const a = hex(actual);
  const l = hex(listed);
  if (a.length === l.length && a.every((d, i) => d === l[i])) return undefined;
  const first = a.findIndex((d) => !l.includes(d));
  if (first >= 0) {
    return new EnvelopeError('segment-altered', `segment ${first} does not match its digest (altered bytes)`);
  }
  if (a.length < l.length) {
    const missing = l.findIndex((d) => !a.includes(d));
    return new EnvelopeError('truncated', `truncated: segment ${missing} of ${l.length} is missing`);
  }
  if (a.length > l.length) {
    return new EnvelopeError(
      'segment-malformed',
      `${a.length - l.length} segment(s) more than the trailer lists`,
    );
  }
  const moved = a.findIndex((d, i) => d !== l[i]);
  return new EnvelopeError(
    'segment-out-of-order',
    `segments out of order: position ${moved} holds segment ${l.indexOf(a[moved]!)}`,
  );
}
