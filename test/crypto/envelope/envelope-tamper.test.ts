import { beforeAll, describe, expect, it } from 'vitest';
import { nodeSuite } from '../../../src/crypto/node/node-suites.ts';
import { bytesToHex, concatBytes } from '../../../src/crypto/portable/bytes.ts';
import { EnvelopeError, type EnvelopeProblem } from '../../../src/crypto/portable/envelope/envelope-error.ts';
import { DIGEST_LENGTH, signedMessage } from '../../../src/crypto/portable/envelope/envelope-format.ts';
import { inspectEnvelope } from '../../../src/crypto/portable/envelope/inspect-envelope.ts';
import { openEnvelope } from '../../../src/crypto/portable/envelope/open-envelope.ts';
import { envelopeHeaderSchema } from '../../../src/crypto/portable/envelope/envelope-header.ts';
import { sealEnvelope } from '../../../src/crypto/portable/envelope/seal-envelope.ts';
import { SUITE_IDS } from '../../../src/crypto/portable/suite.ts';
import { type Tender, aTender, chunked, collect, sealOptions } from './envelope-fixtures.ts';

/** Where the parts of an envelope lie, to cut and splice them. */
function layout(envelope: Uint8Array) {
  const view = new DataView(envelope.buffer, envelope.byteOffset);
  const headEnd = 10 + view.getUint32(6);
  const segments: { start: number; end: number }[] = [];
  let offset = headEnd;
  for (let length = view.getUint32(offset); length !== 0xffffffff; length = view.getUint32(offset)) {
    segments.push({ start: offset, end: offset + 4 + length });
    offset += 4 + length;
  }
  return { headEnd, segments, trailerStart: offset };
}

async function problemsOf(envelope: Uint8Array): Promise<{ problem: EnvelopeProblem; message: string }[]> {
  return [...(await inspectEnvelope(nodeSuite, chunked(envelope, 3000))).errors];
}

async function openFailure(tender: Tender, envelope: Uint8Array, key = tender.bidder.encryptionKeyPem) {
  const suite = nodeSuite(tender.suite);
  const error = await collect(
    openEnvelope(suite, chunked(envelope, 3000), { recipientPrivateKeyPem: key }),
  ).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(EnvelopeError);
  return error as EnvelopeError;
}

describe.each(SUITE_IDS)(
  'tampered envelopes are refused with a message that says which (suite %s)',
  (suiteId) => {
    let tender: Tender;
    let envelope: Uint8Array;
    const plaintext = crypto.getRandomValues(new Uint8Array(10_000));
    beforeAll(async () => {
      tender = await aTender(suiteId);
      envelope = await collect(sealEnvelope(nodeSuite(suiteId), sealOptions(tender, plaintext)));
    });

    it('a flipped byte in a segment', async () => {
      const { segments } = layout(envelope);
      const tampered = envelope.slice();
      tampered[segments[1]!.start + 100]! ^= 0x01;
      expect((await problemsOf(tampered))[0]).toEqual({
        problem: 'segment-altered',
        message: 'segment 1 does not match its digest (altered bytes)',
      });
      expect((await openFailure(tender, tampered)).message).toMatch(/^segment 1 does not authenticate/);
    });

    it('a truncated envelope', async () => {
      const { segments } = layout(envelope);
      const cut = envelope.slice(0, segments[2]!.start + 50);
      expect((await problemsOf(cut))[0]).toMatchObject({
        problem: 'truncated',
        message: expect.stringMatching(/^truncated: the envelope ends inside segment 2/),
      });
      expect((await openFailure(tender, cut)).problem).toBe('truncated');
    });

    it('a missing segment', async () => {
      const { segments } = layout(envelope);
      const dropped = concatBytes(
        envelope.subarray(0, segments[2]!.start),
        envelope.subarray(segments[2]!.end),
      );
      expect((await problemsOf(dropped))[0]).toEqual({
        problem: 'truncated',
        message: 'truncated: segment 2 of 3 is missing',
      });
      expect((await openFailure(tender, dropped)).problem).toBe('truncated');
    });

    it('a missing trailer', async () => {
      const { trailerStart } = layout(envelope);
      expect((await problemsOf(envelope.slice(0, trailerStart)))[0]?.problem).toBe('trailer-missing');
    });

    it('reordered segments', async () => {
      const { headEnd, segments, trailerStart } = layout(envelope);
      const [first, second, third] = segments.map((s) => envelope.subarray(s.start, s.end));
      const reordered = concatBytes(
        envelope.subarray(0, headEnd),
        second!,
        first!,
        third!,
        envelope.subarray(trailerStart),
      );
      expect((await problemsOf(reordered))[0]).toEqual({
        problem: 'segment-out-of-order',
        message: 'segments out of order: position 0 holds segment 1',
      });
      expect((await openFailure(tender, reordered)).message).toMatch(/^segment 0 does not authenticate/);
    });

    it('a header swapped in from another envelope', async () => {
      const other = await collect(sealEnvelope(nodeSuite(suiteId), sealOptions(tender, plaintext)));
      const swapped = concatBytes(
        other.subarray(0, layout(other).headEnd),
        envelope.subarray(layout(envelope).headEnd),
      );
      expect((await problemsOf(swapped))[0]).toEqual({
        problem: 'header-mismatch',
        message: 'the header does not belong to this content (a header from another envelope?)',
      });
      expect((await openFailure(tender, swapped)).message).toMatch(/^segment 0 does not authenticate/);
    });

    it('a signature by another bidder’s key', async () => {
      const { headEnd, trailerStart } = layout(envelope);
      const suite = nodeSuite(suiteId);
      const headerDigest = await suite.hash(envelope.subarray(0, headEnd));
      const trailer = envelope.subarray(trailerStart);
      const digestsEnd = 4 + DIGEST_LENGTH + 4 + 3 * DIGEST_LENGTH;
      const ciphertextDigest = trailer.subarray(digestsEnd, digestsEnd + DIGEST_LENGTH);
      const forged = await suite.sign(
        tender.otherBidder.signingKeyPem,
        signedMessage(headerDigest, ciphertextDigest),
      );
      const length = new Uint8Array(2);
      new DataView(length.buffer).setUint16(0, forged.length);
      const resigned = concatBytes(
        envelope.subarray(0, trailerStart + digestsEnd + DIGEST_LENGTH),
        length,
        forged,
      );
      const inspection = await inspectEnvelope(nodeSuite, chunked(resigned, 3000));
      expect(inspection.signatureValid).toBe(false);
      expect(inspection.errors).toEqual([
        {
          problem: 'bad-signature',
          message:
            'bad signature: it does not verify with the signing certificate in the header (signed by another key?)',
        },
      ]);
      expect((await openFailure(tender, resigned)).problem).toBe('bad-signature');
    });

    it('a plaintext file, an unknown version, an unknown suite, a malformed header, trailing bytes', async () => {
      expect((await problemsOf(plaintext))[0]).toEqual({
        problem: 'not-an-envelope',
        message: 'not a bid envelope: it does not begin with "ZCBE" (a plaintext file?)',
      });
      const version2 = envelope.slice();
      version2[4] = 2;
      expect((await problemsOf(version2))[0]).toEqual({
        problem: 'unsupported-version',
        message: 'unsupported envelope version 2 (this tool reads version 1)',
      });
      const unknownSuite = replaceText(
        envelope,
        `"suite":"${suiteId}"`,
        `"suite":"${suiteId === 'gm' ? 'xx' : 'xxxx'}"`,
      );
      expect((await problemsOf(unknownSuite))[0]?.problem).toBe('unknown-suite');
      const malformed = replaceText(envelope, '"dealCode":"E', '"dealCode":1E');
      expect((await problemsOf(malformed))[0]).toMatchObject({ problem: 'header-malformed' });
      const trailing = concatBytes(envelope, Uint8Array.of(0));
      expect((await problemsOf(trailing))[0]?.problem).toBe('trailing-data');
    });

    it('a key that is neither the bidder’s nor the opening key', async () => {
      const error = await openFailure(tender, envelope, tender.otherBidder.encryptionKeyPem);
      expect(error.problem).toBe('wrong-key');
    });

    it('any single flipped bit anywhere is refused as an envelope problem, never a crash', async () => {
      const positions = Array.from({ length: 150 }, () => Math.floor(Math.random() * envelope.length));
      for (const position of positions) {
        const tampered = envelope.slice();
        tampered[position]! ^= 1 << Math.floor(Math.random() * 8);
        const inspection = await inspectEnvelope(nodeSuite, chunked(tampered, 3000));
        expect(inspection.valid, `bit flipped at byte ${position}`).toBe(false);
      }
    });

    it('a nonce that is not base64 is a header problem, not a crash', async () => {
      const inspection = await inspectEnvelope(nodeSuite, chunked(envelope, 3000));
      const header = { ...inspection.header!, nonce: 'A' };
      expect(envelopeHeaderSchema.safeParse(header).success).toBe(false);
    });

    it('the untouched envelope is valid and names its digests', async () => {
      const inspection = await inspectEnvelope(nodeSuite, chunked(envelope, 3000));
      expect(inspection.valid).toBe(true);
      expect(inspection.headerDigest).toBe(
        bytesToHex(await nodeSuite(suiteId).hash(envelope.subarray(0, layout(envelope).headEnd))),
      );
    });
  },
);

/** Replaces same-length text inside the header. */
function replaceText(envelope: Uint8Array, from: string, to: string): Uint8Array {
  const text = Buffer.from(envelope).toString('latin1');
  const at = text.indexOf(from);
  expect(at).toBeGreaterThan(0);
  const out = concatBytes(
    envelope.subarray(0, at),
    new TextEncoder().encode(to),
    envelope.subarray(at + from.length),
  );
  new DataView(out.buffer).setUint32(
    6,
    new DataView(envelope.buffer, envelope.byteOffset).getUint32(6) + to.length - from.length,
  );
  return out;
}
