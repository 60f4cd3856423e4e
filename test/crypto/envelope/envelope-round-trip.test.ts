import { beforeAll, describe, expect, it } from 'vitest';
import { nodeSuite } from '../../../src/crypto/node/node-suites.ts';
import { unwrapContentKey } from '../../../src/crypto/portable/envelope/content-key.ts';
import { inspectEnvelope } from '../../../src/crypto/portable/envelope/inspect-envelope.ts';
import { openEnvelope } from '../../../src/crypto/portable/envelope/open-envelope.ts';
import { sealEnvelope } from '../../../src/crypto/portable/envelope/seal-envelope.ts';
import { SUITE_IDS } from '../../../src/crypto/portable/suite.ts';
import { webSuite } from '../../../src/crypto/portable/web-suites.ts';
import { type Tender, aTender, chunked, collect, sealOptions } from './envelope-fixtures.ts';

const PROVIDERS = { node: nodeSuite, web: webSuite };
const CROSSINGS = [
  ['node', 'node'],
  ['web', 'web'],
  ['web', 'node'],
  ['node', 'web'],
] as const;
// 4096-byte segments: empty, one byte, one short segment, exactly two, two and a bit.
const SIZES = [0, 1, 4095, 8192, 8193];

describe.each(SUITE_IDS)('bid envelope, suite %s', (suiteId) => {
  let tender: Promise<Tender>;
  beforeAll(() => {
    tender = aTender(suiteId);
  });

  describe.each(CROSSINGS)('sealed by %s, opened by %s', (sealer, opener) => {
    it.each(SIZES)(
      'round-trips %i bytes with the bidder key, the opening key and the content key',
      async (size) => {
        const t = await tender;
        const plaintext = crypto.getRandomValues(new Uint8Array(size));
        const envelope = await collect(sealEnvelope(PROVIDERS[sealer](suiteId), sealOptions(t, plaintext)));

        const inspection = await inspectEnvelope(PROVIDERS[opener], chunked(envelope, 777));
        expect(inspection.errors).toEqual([]);
        expect(inspection).toMatchObject({ valid: true, signatureValid: true });
        expect(inspection.header).toMatchObject({ suite: suiteId, plaintextLength: size, segmentSize: 4096 });

        const suite = PROVIDERS[opener](suiteId);
        for (const key of [t.bidder.encryptionKeyPem, t.openingPrivateKeyPem]) {
          const opened = await collect(
            openEnvelope(suite, chunked(envelope, 5000), { recipientPrivateKeyPem: key }),
          );
          expect(opened).toEqual(plaintext);
        }
        const contentKey = await unwrapContentKey(
          suite,
          inspection.header!,
          'opening',
          t.openingPrivateKeyPem,
        );
        expect(await collect(openEnvelope(suite, chunked(envelope, 5000), { contentKey }))).toEqual(
          plaintext,
        );
      },
    );
  });

  it('never holds the plaintext: the envelope has no long run of plaintext bytes', async () => {
    const t = await tender;
    const plaintext = new TextEncoder().encode('投标报价：壹佰万元整。'.repeat(500));
    const envelope = await collect(sealEnvelope(nodeSuite(suiteId), sealOptions(t, plaintext)));
    const needle = plaintext.subarray(0, 24);
    expect(Buffer.from(envelope).indexOf(Buffer.from(needle))).toBe(-1);
  });

  it('refuses to seal a plaintext shorter or longer than stated', async () => {
    const t = await tender;
    const plaintext = new Uint8Array(5000);
    const short = sealOptions(t, plaintext, { plaintextLength: 5001 });
    await expect(collect(sealEnvelope(nodeSuite(suiteId), short))).rejects.toThrow(
      /5000 bytes, not the stated 5001/,
    );
    const long = sealOptions(t, plaintext, { plaintextLength: 4999 });
    await expect(collect(sealEnvelope(nodeSuite(suiteId), long))).rejects.toThrow(
      /longer than the stated 4999/,
    );
  });

  it('refuses to seal with a signing key that is not the signing certificate’s', async () => {
    const t = await tender;
    const options = sealOptions(t, new Uint8Array(10), { signingKeyPem: t.otherBidder.signingKeyPem });
    await expect(collect(sealEnvelope(nodeSuite(suiteId), options))).rejects.toThrow(
      /does not belong to the signing certificate/,
    );
  });
});
