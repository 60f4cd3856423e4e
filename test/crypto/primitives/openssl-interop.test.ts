import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { nodeSuite } from '../../../src/crypto/node/node-suites.ts';
import { concatBytes } from '../../../src/crypto/portable/bytes.ts';
import { derChildren, DER_TAG, expectTag, readDer } from '../../../src/crypto/portable/der.ts';
import type { CryptoSuite } from '../../../src/crypto/portable/suite.ts';
import { webSuite } from '../../../src/crypto/portable/web-suites.ts';
import { openssl, scratchDirectory, SM2_OPENSSL } from './openssl-cli.ts';

const PROVIDERS = [
  ['node', nodeSuite],
  ['web', webSuite],
] as const;

const dir = scratchDirectory();
const path = (name: string) => join(dir, name);
const write = (name: string, data: string | Uint8Array) => writeFileSync(path(name), data);
const read = (name: string) => new Uint8Array(readFileSync(path(name)));
const readText = (name: string) => readFileSync(path(name), 'utf8');

/** Key pairs from `openssl genpkey` (the files), so that our providers are shown to load them. */
function opensslKeyPair(name: string, ...genpkeyArgs: string[]) {
  expect(openssl(dir, 'genpkey', ...genpkeyArgs, '-out', `${name}.key.pem`).code).toBe(0);
  expect(openssl(dir, 'pkey', '-in', `${name}.key.pem`, '-pubout', '-out', `${name}.pub.pem`).code).toBe(0);
  return { privateKeyPem: readText(`${name}.key.pem`), publicKeyPem: readText(`${name}.pub.pem`) };
}

beforeAll(() => {
  opensslKeyPair('sm2', '-algorithm', 'SM2');
  opensslKeyPair('p256', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256');
  opensslKeyPair('ed25519', '-algorithm', 'ED25519');
  write('message', '招标文件 tender document, 第 1 标段\n'.repeat(1000));
});

describe.each(PROVIDERS)('SM2 with OpenSSL (%s provider)', (_name, provider) => {
  const suite: CryptoSuite = provider('gm');

  it.each(['openssl', 'node', 'web'] as const)(
    'signs with a key made by %s so that openssl verifies it, and verifies what openssl signs',
    async (keySource) => {
      const keys =
        keySource === 'openssl'
          ? { privateKeyPem: readText('sm2.key.pem'), publicKeyPem: readText('sm2.pub.pem') }
          : await (keySource === 'node' ? nodeSuite : webSuite)('gm').generateSigningKeyPair();
      write('key.pem', keys.privateKeyPem);
      write('pub.pem', keys.publicKeyPem);

      write('ours.sig', await suite.sign(keys.privateKeyPem, read('message')));
      const verified = openssl(dir, ...SM2_OPENSSL.verify('pub.pem', 'message', 'ours.sig'));
      expect(verified.output).toMatch(/Signature Verified Successfully/);

      expect(openssl(dir, ...SM2_OPENSSL.sign('key.pem', 'message', 'theirs.sig')).code).toBe(0);
      expect(await suite.verify(keys.publicKeyPem, read('message'), read('theirs.sig'))).toBe(true);
      expect(await suite.verify(keys.publicKeyPem, read('message').subarray(1), read('theirs.sig'))).toBe(
        false,
      );
    },
  );

  it('signs with the GM/T 0009 ID: openssl with another ID refuses our signature', async () => {
    write('ours.sig', await suite.sign(readText('sm2.key.pem'), read('message')));
    const otherId = SM2_OPENSSL.verify('sm2.pub.pem', 'message', 'ours.sig').map((arg) =>
      arg === 'distid:1234567812345678' ? 'distid:ALICE123@YAHOO.COM' : arg,
    );
    expect(openssl(dir, ...otherId).output).toMatch(/Signature Verification Failure/);
  });

  it('unwraps what openssl encrypts with SM2, and openssl decrypts what it wraps (C1C3C2 ⇄ ASN.1)', async () => {
    const secret = suite.randomBytes(32);
    write('secret', secret);
    expect(
      openssl(dir, 'pkeyutl', '-encrypt', '-pubin', '-inkey', 'sm2.pub.pem', '-in', 'secret', '-out', 'ct')
        .code,
    ).toBe(0);
    expect(await suite.unwrapKey(readText('sm2.key.pem'), asn1ToC1C3C2(read('ct')))).toEqual(secret);

    write('ours.ct', c1c3c2ToAsn1(await suite.wrapKey(readText('sm2.pub.pem'), secret)));
    expect(
      openssl(dir, 'pkeyutl', '-decrypt', '-inkey', 'sm2.key.pem', '-in', 'ours.ct', '-out', 'plain').code,
    ).toBe(0);
    expect(read('plain')).toEqual(secret);
  });
});

describe.each(PROVIDERS)('intl signatures with OpenSSL (%s provider)', (_name, provider) => {
  const suite: CryptoSuite = provider('intl');

  it('ECDSA P-256 with SHA-256 (DER) both ways', async () => {
    write('ours.sig', await suite.sign(readText('p256.key.pem'), read('message')));
    const verified = openssl(
      dir,
      'dgst',
      '-sha256',
      '-verify',
      'p256.pub.pem',
      '-signature',
      'ours.sig',
      'message',
    );
    expect(verified.output).toMatch(/Verified OK/);
    expect(
      openssl(dir, 'dgst', '-sha256', '-sign', 'p256.key.pem', '-out', 'theirs.sig', 'message').code,
    ).toBe(0);
    expect(await suite.verify(readText('p256.pub.pem'), read('message'), read('theirs.sig'))).toBe(true);
  });

  it('Ed25519 (raw 64 bytes) both ways', async () => {
    write('ours.sig', await suite.sign(readText('ed25519.key.pem'), read('message')));
    const args = ['pkeyutl', '-verify', '-rawin', '-pubin', '-inkey', 'ed25519.pub.pem', '-in', 'message'];
    expect(openssl(dir, ...args, '-sigfile', 'ours.sig').output).toMatch(/Signature Verified Successfully/);
    const sign = [
      'pkeyutl',
      '-sign',
      '-rawin',
      '-inkey',
      'ed25519.key.pem',
      '-in',
      'message',
      '-out',
      'theirs.sig',
    ];
    expect(openssl(dir, ...sign).code).toBe(0);
    expect(await suite.verify(readText('ed25519.pub.pem'), read('message'), read('theirs.sig'))).toBe(true);
  });
});

// GM/T 0009 SM2Cipher ::= SEQUENCE { x INTEGER, y INTEGER, hash OCTET STRING, ciphertext OCTET STRING },
// the form openssl reads and writes; the suites use the raw 0x04 ‖ C1 ‖ C3 ‖ C2 form.
function asn1ToC1C3C2(der: Uint8Array): Uint8Array {
  const [x, y, hash, ciphertext] = derChildren(readDer(der, DER_TAG.sequence));
  const coordinate = (element: typeof x) => {
    const value = expectTag(element, DER_TAG.integer).contents;
    const trimmed = value.length > 32 ? value.subarray(value.length - 32) : value;
    return concatBytes(new Uint8Array(32 - trimmed.length), trimmed);
  };
  return concatBytes(
    Uint8Array.of(0x04),
    coordinate(x),
    coordinate(y),
    expectTag(hash, DER_TAG.octetString).contents,
    expectTag(ciphertext, DER_TAG.octetString).contents,
  );
}

function c1c3c2ToAsn1(wrapped: Uint8Array): Uint8Array {
  // Lengths here stay below 256: short form, or 0x81 and one byte.
  const element = (tag: number, contents: Uint8Array) =>
    concatBytes(
      contents.length < 0x80
        ? Uint8Array.of(tag, contents.length)
        : Uint8Array.of(tag, 0x81, contents.length),
      contents,
    );
  const integer = (unsigned: Uint8Array) => {
    let start = 0;
    while (start < unsigned.length - 1 && unsigned[start] === 0 && !(unsigned[start + 1]! & 0x80)) start++;
    const value = unsigned.subarray(start);
    return element(DER_TAG.integer, value[0]! & 0x80 ? concatBytes(Uint8Array.of(0), value) : value);
  };
  const body = concatBytes(
    integer(wrapped.subarray(1, 33)),
    integer(wrapped.subarray(33, 65)),
    element(DER_TAG.octetString, wrapped.subarray(65, 97)),
    element(DER_TAG.octetString, wrapped.subarray(97)),
  );
  return element(DER_TAG.sequence, body);
}
