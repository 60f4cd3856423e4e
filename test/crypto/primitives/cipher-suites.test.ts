import { describe, expect, it } from 'vitest';
import { nodeSuite } from '../../../src/crypto/node/node-suites.ts';
import {
  SegmentAuthenticationError,
  SUITE_IDS,
  type CryptoSuite,
} from '../../../src/crypto/portable/suite.ts';
import { webSuite } from '../../../src/crypto/portable/web-suites.ts';

const PROVIDERS = { node: nodeSuite, web: webSuite } as const;
type Provider = keyof typeof PROVIDERS;
/** Every (suite, producing provider, consuming provider): the browser seals, the server opens, and back. */
const CROSS = SUITE_IDS.flatMap((id) =>
  (['node', 'web'] as const).flatMap((from) =>
    (['node', 'web'] as const).map((to) => [id, from, to] as [typeof id, Provider, Provider]),
  ),
);
const bytes = (text: string) => new TextEncoder().encode(text);

describe.each(CROSS)('%s suite: made by %s, used by %s', (id, from, to) => {
  const producer: CryptoSuite = PROVIDERS[from](id);
  const consumer: CryptoSuite = PROVIDERS[to](id);

  it('signs and verifies; another message, key or altered signature does not verify', async () => {
    const keys = await producer.generateSigningKeyPair();
    const other = await consumer.generateSigningKeyPair();
    const message = bytes('投标文件 bid 1');
    const signature = await producer.sign(keys.privateKeyPem, message);
    expect(signature[0]).toBe(0x30); // DER SEQUENCE { r, s }
    expect(await consumer.verify(keys.publicKeyPem, message, signature)).toBe(true);
    expect(await consumer.verify(keys.publicKeyPem, bytes('投标文件 bid 2'), signature)).toBe(false);
    expect(await consumer.verify(other.publicKeyPem, message, signature)).toBe(false);
    const altered = signature.slice();
    altered[altered.length - 1]! ^= 1;
    expect(await consumer.verify(keys.publicKeyPem, message, altered)).toBe(false);
    expect(await consumer.verify(keys.publicKeyPem, message, bytes('not a signature'))).toBe(false);
  });

  it('wraps a key to a recipient; only that recipient unwraps it, and alteration is detected', async () => {
    const recipient = await consumer.generateEncryptionKeyPair();
    const stranger = await producer.generateEncryptionKeyPair();
    const secret = producer.randomBytes(32);
    const wrapped = await producer.wrapKey(recipient.publicKeyPem, secret);
    expect(wrapped.length).toBe(id === 'gm' ? 1 + 64 + 32 + 32 : 65 + 12 + 32 + 16);
    expect(await consumer.unwrapKey(recipient.privateKeyPem, wrapped)).toEqual(secret);
    await expect(consumer.unwrapKey(stranger.privateKeyPem, wrapped)).rejects.toThrow(/does not open/);
    const altered = wrapped.slice();
    altered[80]! ^= 1;
    await expect(consumer.unwrapKey(recipient.privateKeyPem, altered)).rejects.toThrow(
      /does not open|malformed/,
    );
  });

  it.each([0, 1, 15, 16, 17, 4096, 20_011])(
    'seals %i bytes to the same bytes and opens them',
    async (size) => {
      const contentKey = producer.randomBytes(producer.contentKeyLength);
      const nonce = producer.randomBytes(12);
      const associatedData = producer.randomBytes(32);
      const plaintext = producer.randomBytes(size);
      const sealing = await producer.segmentCipher(contentKey, nonce);
      const opening = await consumer.segmentCipher(contentKey, nonce);
      const sealed = await sealing.seal(7, true, plaintext, associatedData);
      expect(sealed.length).toBe(size + 16);
      // Deterministic given key, nonce, index: both providers must produce identical bytes.
      expect(
        await (await consumer.segmentCipher(contentKey, nonce)).seal(7, true, plaintext, associatedData),
      ).toEqual(sealed);
      expect(await opening.open(7, true, sealed, associatedData)).toEqual(plaintext);
    },
  );

  it('refuses a segment that was altered, moved, marked final differently or given other data', async () => {
    const contentKey = producer.randomBytes(32);
    const nonce = producer.randomBytes(12);
    const ad = bytes('header digest');
    const sealed = await (
      await producer.segmentCipher(contentKey, nonce)
    ).seal(3, false, bytes('segment'), ad);
    const opening = await consumer.segmentCipher(contentKey, nonce);
    const flipped = sealed.slice();
    flipped[0]! ^= 0x80;
    const attempts: [number, boolean, Uint8Array, Uint8Array][] = [
      [3, false, flipped, ad],
      [4, false, sealed, ad],
      [3, true, sealed, ad],
      [3, false, sealed, bytes('other header')],
      [3, false, sealed.subarray(0, sealed.length - 1), ad],
      [3, false, sealed.subarray(0, 10), ad],
    ];
    for (const [index, final, data, associatedData] of attempts) {
      await expect(opening.open(index, final, data, associatedData)).rejects.toThrow(
        SegmentAuthenticationError,
      );
    }
    const otherNonce = await consumer.segmentCipher(contentKey, producer.randomBytes(12));
    await expect(otherNonce.open(3, false, sealed, ad)).rejects.toThrow(SegmentAuthenticationError);
  });

  it('hashes alike', async () => {
    const data = producer.randomBytes(70_000);
    expect(await consumer.hash(data)).toEqual(await producer.hash(data));
    expect((await producer.hash(data)).length).toBe(32);
  });
});

describe.each(Object.entries(PROVIDERS))('%s provider', (_name, provider) => {
  it('signs with Ed25519 in the intl suite (raw 64 bytes), across providers', async () => {
    const suite = provider('intl');
    const keys = await suite.generateSigningKeyPair('ed25519');
    const message = bytes('receipt');
    const signature = await suite.sign(keys.privateKeyPem, message);
    expect(signature.length).toBe(64);
    for (const verifier of [nodeSuite('intl'), webSuite('intl')]) {
      expect(await verifier.verify(keys.publicKeyPem, message, signature)).toBe(true);
      expect(await verifier.verify(keys.publicKeyPem, bytes('other'), signature)).toBe(false);
    }
  });

  it("refuses another suite's keys with a message that names both", async () => {
    const sm2 = await provider('gm').generateSigningKeyPair();
    const p256 = await provider('intl').generateSigningKeyPair();
    await expect(provider('intl').sign(sm2.privateKeyPem, bytes('x'))).rejects.toThrow(
      'the intl suite needs an ECDSA/ECDH P-256 or Ed25519 key, got SM2',
    );
    await expect(provider('gm').verify(p256.publicKeyPem, bytes('x'), new Uint8Array(70))).rejects.toThrow(
      'the gm suite needs an SM2 key, got ECDSA/ECDH P-256',
    );
    await expect(provider('gm').generateSigningKeyPair('ed25519')).rejects.toThrow(/signs with SM2/);
    await expect(provider('gm').sign('not a key', bytes('x'))).rejects.toThrow(/PRIVATE KEY/);
  });

  it('refuses content keys and nonces of the wrong length', async () => {
    await expect(provider('gm').segmentCipher(new Uint8Array(16), new Uint8Array(12))).rejects.toThrow(
      'content key must be 32 bytes, got 16',
    );
    await expect(provider('intl').segmentCipher(new Uint8Array(32), new Uint8Array(6))).rejects.toThrow(
      'segment nonce must be at least 7 bytes, got 6',
    );
  });
});
