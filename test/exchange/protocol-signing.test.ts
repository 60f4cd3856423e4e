import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { nodeSuite } from '../../src/crypto/node/node-suites.ts';
import type { SuiteId } from '../../src/crypto/portable/suite.ts';
import { canonicalJson } from '../../src/domain/canonical-json.ts';
import { dataKeyOf } from '../../src/exchange/data-key.ts';
import { EXAMPLE_CODES, exampleRecord } from '../../src/exchange/data-set-examples.ts';
import { PROTOCOL_VERSION, type ExchangeMessage, type UnsignedMessage } from '../../src/exchange/message.ts';
import {
  platformKeyOf,
  signingBytes,
  signMessage,
  verifyMessage,
  type PlatformKey,
  type SigningKey,
} from '../../src/exchange/sign-message.ts';

function unsigned503(): UnsignedMessage {
  const record = exampleRecord('503');
  return {
    version: PROTOCOL_VERSION,
    messageId: randomUUID(),
    dataSetCode: '503',
    dataKey: dataKeyOf('503', record, 1),
    platformCode: EXAMPLE_CODES.platform,
    hubCode: EXAMPLE_CODES.hub,
    sentAt: '2026-03-02T09:00:05+08:00',
    orderKey: EXAMPLE_CODES.deal,
    orderSeq: 3,
    record,
  };
}

async function keysOf(suite: SuiteId): Promise<{ signing: SigningKey; key: PlatformKey }> {
  const pair = await nodeSuite(suite).generateSigningKeyPair();
  const key = await platformKeyOf(suite, pair.publicKeyPem);
  return { signing: { suite, keyId: key.keyId, privateKeyPem: pair.privateKeyPem }, key };
}

const codes = (result: Awaited<ReturnType<typeof verifyMessage>>) =>
  result.ok ? [] : result.errors.map(({ path, code }) => ({ path, code }));

describe('signing bytes', () => {
  it('are the canonical JSON of the message without its signature', () => {
    const message = unsigned503();
    const text = new TextDecoder().decode(signingBytes(message));
    expect(text).toBe(canonicalJson(message));
    expect(text.startsWith('{"dataKey":')).toBe(true);
    const signed = { ...message, signature: { suite: 'gm', keyId: '0'.repeat(64), value: 'AA==' } } as const;
    expect(signingBytes(signed)).toEqual(signingBytes(message));
    // Key order and white space do not matter: a receiver re-serialises what it parsed.
    const reordered = Object.fromEntries(Object.entries(message).reverse()) as unknown as UnsignedMessage;
    expect(signingBytes(reordered)).toEqual(signingBytes(message));
  });
});

describe.each(['gm', 'intl'] as const)('the %s suite', (suite) => {
  let signing: SigningKey;
  let key: PlatformKey;
  let other: { signing: SigningKey; key: PlatformKey };
  let message: ExchangeMessage;

  beforeAll(async () => {
    ({ signing, key } = await keysOf(suite));
    other = await keysOf(suite);
    message = await signMessage(unsigned503(), signing);
  });

  it('signs and verifies a message', async () => {
    expect(message.signature).toMatchObject({ suite, keyId: key.keyId });
    expect(message.signature.value).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(await verifyMessage(message, [other.key, key])).toEqual({ ok: true, key });
    const parsed = JSON.parse(JSON.stringify(message)) as ExchangeMessage;
    expect((await verifyMessage(parsed, [key])).ok).toBe(true);
  });

  it('detects a change to the record or to the envelope', async () => {
    const record = { ...message.record, BID_OPEN_TIME: '2026-03-24T09:30:00+08:00' };
    for (const tampered of [
      { ...message, record },
      { ...message, orderSeq: 4 },
      { ...message, hubCode: EXAMPLE_CODES.platform },
      { ...message, record: { ...message.record, EXTRA: 'x' } },
    ]) {
      expect(codes(await verifyMessage(tampered, [key]))).toEqual([
        { path: 'signature.value', code: 'bad_signature' },
      ]);
    }
  });

  it('refuses a signature by another key, under its own or a borrowed key id', async () => {
    const byOther = await signMessage(unsigned503(), other.signing);
    expect(codes(await verifyMessage(byOther, [key]))).toEqual([
      { path: 'signature.keyId', code: 'unknown_key' },
    ]);
    const borrowed = await signMessage(unsigned503(), { ...other.signing, keyId: key.keyId });
    expect(codes(await verifyMessage(borrowed, [key]))).toEqual([
      { path: 'signature.value', code: 'bad_signature' },
    ]);
  });

  it('refuses an unsigned message and garbage in the signature', async () => {
    const { signature: _none, ...bare } = message;
    expect(codes(await verifyMessage(bare as ExchangeMessage, [key]))).toEqual([
      { path: 'signature', code: 'unsigned' },
    ]);
    const garbage = { ...message, signature: { ...message.signature, value: 'AAAA' } };
    expect(codes(await verifyMessage(garbage, [key]))).toEqual([
      { path: 'signature.value', code: 'bad_signature' },
    ]);
  });
});

describe('suites do not mix', () => {
  it('refuses a gm signature claimed as intl with the same key id', async () => {
    const gm = await keysOf('gm');
    const message = await signMessage(unsigned503(), gm.signing);
    const relabelled = { ...message, signature: { ...message.signature, suite: 'intl' as const } };
    expect(codes(await verifyMessage(relabelled, [gm.key]))).toEqual([
      { path: 'signature.keyId', code: 'unknown_key' },
    ]);
  });
});
